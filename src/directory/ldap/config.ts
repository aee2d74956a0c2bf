// The LDAP source of the directory (issue 5: "Optional LDAP source (policy: URL, base DN, filter, attribute mapping)
// synced into the same tables"). This schema is the `directory.ldap` part of the machine-wide IT policy (src/policy):
// the policy module embeds `ldapConfigSchema`. No secret lives here: a bind names the keychain entry that holds the
// password (design.md "Keychain: passwords only"), or the bind is anonymous.
import { z } from 'zod';

// RFC 4512 §1.4 attribute descriptions ("mail", "displayName", "cn;lang-vi").
const attribute = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9-]*(;[A-Za-z0-9-]+)*$/, 'attribute');
const optionalAttribute = attribute.nullable();
const dn = z.string().trim().min(1).max(2000);
// RFC 4515 string filters are parenthesised; ldapts parses them and rejects a bad one before anything is sent.
const filter = z
  .string()
  .trim()
  .max(4000)
  .regex(/^\(.*\)$/s, 'filter');

function search(defaultFilter: string) {
  return z.object({
    /** Where to search; the top-level baseDn when absent. */
    baseDn: dn.optional(),
    scope: z.enum(['one', 'sub']).default('sub'),
    filter: filter.default(defaultFilter),
  });
}

/**
 * Which LDAP attribute fills which directory field. Defaults follow the standard object classes: organizationalUnit
 * (RFC 4519) for agencies, inetOrgPerson (RFC 2798) for people, groupOfNames (RFC 4519) for groups. `null` leaves a
 * field empty. The id attribute should be stable (an "ou" or "uid", not a display name), or every sync renames.
 */
const unitAttributes = z.object({
  id: attribute.default('ou'),
  name: attribute.default('description'),
  address: optionalAttribute.default('mail'),
  aliases: optionalAttribute.default(null),
  /** Values: active / historical / recalled or their Vietnamese words, as in CSV (docs/directory.md). */
  status: optionalAttribute.default(null),
  /** A DN (or id) of the entry that took over. */
  successor: optionalAttribute.default(null),
  /** The parent agency as a DN or id; null takes the nearest synced agency above the entry's DN. */
  unit: optionalAttribute.default(null),
});
const personAttributes = z.object({
  id: attribute.default('uid'),
  name: attribute.default('cn'),
  address: optionalAttribute.default('mail'),
  aliases: optionalAttribute.default(null),
  title: optionalAttribute.default('title'),
  status: optionalAttribute.default(null),
  successor: optionalAttribute.default(null),
  unit: optionalAttribute.default(null),
});
const groupAttributes = z.object({
  id: attribute.default('cn'),
  name: attribute.default('description'),
  aliases: optionalAttribute.default(null),
  /** DNs of the members (groupOfNames "member", groupOfUniqueNames "uniqueMember"). */
  member: attribute.default('member'),
});

export const ldapConfigSchema = z.object({
  /** ldap://host[:port] or ldaps://host[:port]; nothing after the host (base DN and filters have their own keys). */
  url: z
    .string()
    .trim()
    .regex(/^ldaps?:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?\/?$/, 'url'),
  /** Upgrade an ldap:// connection with StartTLS (RFC 4513 §3) before binding. Ignored for ldaps://. */
  startTls: z.boolean().default(false),
  /** A PEM file of the CA that signed the server's certificate, trusted besides the system's. */
  caFile: z.string().min(1).optional(),
  bind: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('anonymous') }),
      z.object({
        type: z.literal('simple'),
        dn,
        /** The keychain account (under the app's keychain service) whose secret is the bind password. */
        keychainAccount: z.string().trim().min(1).max(320),
      }),
    ])
    .prefault({ type: 'anonymous' }),
  baseDn: dn,
  units: search('(objectClass=organizationalUnit)').prefault({}),
  persons: search('(objectClass=inetOrgPerson)').prefault({}),
  /** Groups; `false` reads none. */
  groups: z.union([z.literal(false), search('(objectClass=groupOfNames)')]).prefault({}),
  attributes: z
    .object({
      unit: unitAttributes.prefault({}),
      person: personAttributes.prefault({}),
      group: groupAttributes.prefault({}),
    })
    .prefault({}),
  /** Entries per page (RFC 2696 paged results). */
  pageSize: z.number().int().min(1).max(10_000).default(500),
  /** Per operation, and for the TCP connection. */
  timeoutMs: z.number().int().min(100).max(600_000).default(15_000),
});

/** As written in the policy file (defaults not applied yet). */
export type LdapConfigInput = z.input<typeof ldapConfigSchema>;
/** With every default filled in. */
export type LdapConfig = z.output<typeof ldapConfigSchema>;
