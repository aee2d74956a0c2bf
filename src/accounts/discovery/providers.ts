// The bundled provider file (providers.json): well-known public providers' published settings, each with its source.
// Validated once at load with the same rules as everything else, so a bad edit fails the tests, not a user.
import { z } from 'zod';
import type { ServerEndpoint } from '../../api/types.ts';
import data from './providers.json' with { type: 'json' };

const endpoint = z
  .object({
    host: z.string().regex(/^[a-z0-9.-]+$/),
    port: z.number().int().min(1).max(65535),
    security: z.enum(['tls', 'starttls']),
  })
  .strict();

const providerSchema = z
  .object({
    name: z.string().min(1),
    domains: z.array(z.string().regex(/^[a-z0-9.-]+$/)).min(1),
    imap: endpoint,
    smtp: endpoint,
    source: z.string().regex(/^https:\/\/\S+$/),
  })
  .strict();

export type Provider = z.output<typeof providerSchema>;

export const PROVIDERS: readonly Provider[] = z
  .object({ $comment: z.string(), providers: z.array(providerSchema) })
  .parse(data).providers;

export function providerFor(domain: string): (Provider & { imap: ServerEndpoint; smtp: ServerEndpoint }) | null {
  return PROVIDERS.find((p) => p.domains.includes(domain)) ?? null;
}
