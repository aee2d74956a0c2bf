// Reading the directory from an LDAP server with ldapts: connect (ldaps://, or ldap:// with StartTLS when asked), bind
// (anonymous, or simple with the password from the keychain), then one paged search (RFC 2696) per kind of entry.
// Certificates are always verified against the system roots plus the policy's CA. Errors become the engine's typed
// LDAP_* errors, whose Vietnamese messages say that the directory already held is kept.
import type * as Ldapts from 'ldapts';
import { TcvError } from '../../api/errors.ts';
import { classifyMailError } from '../../mail/errors.ts';
import type { LdapConfig } from './config.ts';
import { ldapts } from '../../platform/lazy.ts';

/** One LDAP entry: its DN and its attributes (names in lower case, values as UTF-8 strings). */
export interface LdapEntry {
  dn: string;
  attrs: Map<string, string[]>;
}

export interface LdapFetch {
  units: LdapEntry[];
  persons: LdapEntry[];
  groups: LdapEntry[];
  /** Pages read in all (a page per paged-results response). */
  pages: number;
}

export interface FetchOptions {
  /** The bind password (from the keychain); null for an anonymous bind. */
  password: string | null;
  /** PEM CAs to trust (system roots plus the policy's CA). */
  cas: string[];
}

function toEntry(raw: Record<string, unknown>): LdapEntry {
  const attrs = new Map<string, string[]>();
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'dn') continue;
    const list = (Array.isArray(v) ? v : [v]).map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : String(x)));
    attrs.set(k.toLowerCase(), list);
  }
  return { dn: String(raw.dn), attrs };
}

/** ldapts' result-code errors: 49 is a wrong DN or password (RFC 4511 §4.1.9, invalidCredentials). */
function classify(ldap: typeof Ldapts, err: unknown, step: 'connect' | 'bind' | 'search'): TcvError {
  if (err instanceof TcvError) return err;
  if (err instanceof ldap.InvalidCredentialsError) return new TcvError('LDAP_AUTH_FAILED', `bind: ${err.message}`);
  if (err instanceof ldap.ResultCodeError) {
    const detail = `${step}: LDAP result ${err.code} ${err.message}`;
    // 48 inappropriateAuthentication, 50 insufficientAccessRights on bind: the account may not read.
    return new TcvError(step === 'bind' ? 'LDAP_AUTH_FAILED' : 'LDAP_SEARCH_FAILED', detail, { cause: err });
  }
  const mail = classifyMailError(err, 'ldap');
  const detail = `${step}: ${mail.detail}`;
  switch (mail.code) {
    case 'TLS_UNTRUSTED':
      return new TcvError('LDAP_TLS_UNTRUSTED', detail, { cause: err });
    case 'CONNECTION_REFUSED':
    case 'HOST_NOT_FOUND':
    case 'TIMEOUT':
    case 'CONNECTION_LOST':
    case 'TLS_FAILED':
      return new TcvError('LDAP_UNREACHABLE', detail, { cause: err });
    default:
      // ldapts says "Connection timeout" / "Timeout" for its own timers.
      if (/timeout|timed out|closed/i.test(mail.detail))
        return new TcvError('LDAP_UNREACHABLE', detail, { cause: err });
      return new TcvError(step === 'search' ? 'LDAP_SEARCH_FAILED' : 'LDAP_UNREACHABLE', detail, { cause: err });
  }
}

function attributesFor(map: Record<string, string | null>): string[] {
  return [...new Set(Object.values(map).filter((a): a is string => a !== null))];
}

export async function fetchLdap(cfg: LdapConfig, opts: FetchOptions): Promise<LdapFetch> {
  const tlsOptions = { ca: opts.cas, minVersion: 'TLSv1.2' as const };
  const ldaps = cfg.url.toLowerCase().startsWith('ldaps://');
  const ldap = await ldapts();
  const client = new ldap.Client({
    url: cfg.url,
    timeout: cfg.timeoutMs,
    connectTimeout: cfg.timeoutMs,
    // ldapts speaks TLS from the first byte whenever tlsOptions are given, so ldap:// gets them only for StartTLS.
    ...(ldaps ? { tlsOptions } : {}),
    // Directories hold DNs with UTF-8 and escaped characters; ldapts' strict parser refuses some valid ones.
    strictDN: false,
  });
  const out: LdapFetch = { units: [], persons: [], groups: [], pages: 0 };
  try {
    if (cfg.startTls && !ldaps) {
      try {
        await client.startTLS(tlsOptions);
      } catch (err) {
        throw classify(ldap, err, 'connect');
      }
    }
    try {
      if (cfg.bind.type === 'simple') {
        if (opts.password === null) throw new TcvError('LDAP_SECRET_MISSING', cfg.bind.keychainAccount);
        await client.bind(cfg.bind.dn, opts.password);
      } else await client.bind('', '');
    } catch (err) {
      throw classify(ldap, err, 'bind');
    }
    const read = async (
      search: { baseDn?: string; scope: 'one' | 'sub'; filter: string },
      attributes: string[],
      into: LdapEntry[],
    ) => {
      try {
        for await (const page of client.searchPaginated(search.baseDn ?? cfg.baseDn, {
          scope: search.scope,
          filter: search.filter,
          attributes,
          paged: { pageSize: cfg.pageSize },
          timeLimit: Math.ceil(cfg.timeoutMs / 1000),
          // Every value as a Buffer, decoded as UTF-8 here: LDAP strings are UTF-8 (RFC 4517 §3.3.6).
          explicitBufferAttributes: attributes,
        })) {
          out.pages++;
          for (const e of page.searchEntries) into.push(toEntry(e as unknown as Record<string, unknown>));
        }
      } catch (err) {
        throw classify(ldap, err, 'search');
      }
    };
    const a = cfg.attributes;
    await read(cfg.units, attributesFor(a.unit), out.units);
    await read(cfg.persons, attributesFor(a.person), out.persons);
    if (cfg.groups !== false) await read(cfg.groups, attributesFor(a.group), out.groups);
    return out;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
