// contacts.suggest (src/api/methods/contacts.ts): recent correspondents from the cache and the directory.
import type { contactMethods } from '../../api/methods/contacts.ts';
import { suggestContacts } from '../../contacts/suggest.ts';
import { directoryIndex } from '../../directory/cached.ts';
import type { EngineContext, FeatureHandlers } from '../context.ts';

export function contactHandlers(ctx: EngineContext): FeatureHandlers<keyof typeof contactMethods> {
  return {
    'contacts.suggest': async (params) => suggestContacts(ctx.db, directoryIndex(ctx.db), params),
  };
}
