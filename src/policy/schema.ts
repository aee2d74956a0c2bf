// The machine-wide policy file IT pushes (design.md "Who uses it": servers, domain, directory, locked options, CA).
// One versioned schema; docs/policy.schema.json is generated from it (test/policy/policy.test.ts keeps them equal) and
// docs/policy.md explains each field. Later waves (IT deployment) extend this object: add optional fields, keep
// "version": 1 while old files stay valid, bump it only for a change that old files would misread.
import { z } from 'zod';
import { ldapConfigSchema } from '../directory/ldap/config.ts';
import { preferencesPatchSchema } from '../settings/schema.ts';

export const POLICY_VERSION = 1;

// The same shape as the contract's endpoint (src/api/methods/define.ts), repeated here so the schema file stands alone.
const hostname = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'host name or IP address');
const server = z
  .object({
    host: hostname,
    port: z.number().int().min(1).max(65535),
    /** Implicit TLS (993, 465) or STARTTLS (143, 587). There is no plaintext option: TLS is always required. */
    security: z.enum(['tls', 'starttls']),
  })
  .strict();

// Only http(s): a policy link is shown to the user and opened in the browser; javascript:, file: and the like are refused.
const webUrl = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/[^\s]+$/i, 'http(s) URL');

export const policySchema = z
  .object({
    version: z.literal(POLICY_VERSION),
    /** The organisation's name as users know it ("Sở Thông tin và Truyền thông thành phố Cần Thơ"). */
    organisation: z.string().min(1).max(300).optional(),
    /** Mail domains the policy's servers serve (lower case). An address in one of them gets the policy's servers. */
    domains: z
      .array(
        z
          .string()
          .min(1)
          .max(253)
          .regex(/^[a-z0-9.-]+$/, 'lower-case domain'),
      )
      .max(100)
      .default([]),
    imap: server.optional(),
    smtp: server.optional(),
    /** When true, addresses in `domains` must use exactly `imap` and `smtp`: the user cannot change them. */
    lockServers: z.boolean().default(false),
    /** PEM file of the organisation's CA, trusted in addition to the system store (never instead of verification). */
    caFile: z.string().min(1).max(4096).optional(),
    /** Where users change their password (Article 9.3: change a password received from IT). */
    passwordChangeUrl: webUrl.optional(),
    /** Helpdesk address for incident reports (Article 9.1). */
    helpdesk: z
      .string()
      .max(320)
      .regex(/^[^\s@]+@[^\s@]+$/, 'e-mail address')
      .optional(),
    /** The city directory: a file or URL in the interchange format (docs/directory.md) and/or an LDAP source. */
    directory: z
      .object({
        file: z.string().min(1).max(4096).optional(),
        url: webUrl.optional(),
        /** LDAP source: the directory's own schema (src/directory/ldap/config.ts, docs/ldap.md). */
        ldap: ldapConfigSchema.optional(),
      })
      .strict()
      .optional(),
    /**
     * Settings IT fixes for every user: keys and values exactly as in the user's settings (src/settings/schema.ts), so
     * an unknown key or a bad value makes the policy invalid. Shown read-only; settings.set refuses them.
     */
    lockedSettings: preferencesPatchSchema.default({}),
  })
  .strict()
  .refine((p) => !p.lockServers || (p.imap !== undefined && p.smtp !== undefined), {
    message: 'lockServers needs both imap and smtp',
    path: ['lockServers'],
  })
  .refine((p) => (p.imap === undefined && p.smtp === undefined) || p.domains.length > 0, {
    message: 'servers need the domains they serve',
    path: ['domains'],
  });

export type Policy = z.output<typeof policySchema>;

/** The JSON Schema IT can validate a policy file with (docs/policy.schema.json is this, written by scripts/policy-schema.ts). */
export function policyJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(policySchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://thu-cong-vu.invalid/schemas/policy-v1.json',
    title: 'Thư Công Vụ — chính sách của đơn vị / machine-wide IT policy (version 1)',
  };
}
