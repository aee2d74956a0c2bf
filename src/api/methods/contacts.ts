// Recipient autocomplete (docs/compose.md "Recipients"): the directory and the user's recent correspondents, matched
// on the one Vietnamese fold. Pure module (the preload bundles it): no Node imports.
import { z } from 'zod';
import type { ContactSuggestion } from '../types-contacts.ts';
import { accountId, method } from './define.ts';

export const contactMethods = {
  /** Suggestions for what is typed in a recipient field: recent correspondents first, then directory, groups. */
  'contacts.suggest': method<ContactSuggestion[]>()(
    z.object({
      /** Whose correspondents (the sending account); all accounts when left out. */
      accountId: accountId.optional(),
      query: z.string().max(320),
      limit: z.number().int().min(1).max(50).default(10),
    }),
  ),
} as const;
