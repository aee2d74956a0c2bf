// Thunderbird's autoconfig format (config-v1.1.xml), as documented by Mozilla: "Autoconfiguration in Thunderbird"
// (wiki.mozilla.org/Thunderbird:Autoconfiguration:ConfigFileFormat). We read clientConfig/emailProvider with its
// incomingServer type="imap" and outgoingServer type="smtp"; socketType SSL (implicit TLS) or STARTTLS; "plain" is
// refused (never a silent downgrade to plaintext). Placeholders %EMAILADDRESS%, %EMAILLOCALPART%, %EMAILDOMAIN%.
import { TcvError } from '../../api/errors.ts';
import type { Security, ServerEndpoint } from '../../api/types.ts';
import { child, childrenNamed, parseXml, XmlError, type XmlElement } from './xml.ts';

export interface AutoconfigServers {
  imap: ServerEndpoint;
  smtp: ServerEndpoint;
  username: string | null;
  displayName: string | null;
  /** Servers skipped, with why (plain, OAuth-only, pop3…): shown in the explanation. */
  skipped: string[];
}

const HOST = /^[A-Za-z0-9.-]{1,253}$/;
// Password methods this client can use; OAuth2 and client-certificate logins need flows it does not have.
const PASSWORD_AUTH = new Set(['password-cleartext', 'password-encrypted', 'plain', 'secure']);

function fill(template: string, email: string): string {
  const at = email.lastIndexOf('@');
  return template
    .replaceAll('%EMAILADDRESS%', email)
    .replaceAll('%EMAILLOCALPART%', email.slice(0, at))
    .replaceAll('%EMAILDOMAIN%', email.slice(at + 1));
}

function security(socketType: string): Security | 'plain' | null {
  const v = socketType.trim().toUpperCase();
  if (v === 'SSL' || v === 'TLS') return 'tls';
  if (v === 'STARTTLS') return 'starttls';
  if (v === 'PLAIN') return 'plain';
  return null;
}

function server(
  el: XmlElement,
  email: string,
  skipped: string[],
): { endpoint: ServerEndpoint; username: string } | null {
  const kind = `${el.name} ${el.attrs.type ?? '?'}`;
  const host = fill(child(el, 'hostname')?.text ?? '', email).toLowerCase();
  const port = Number(child(el, 'port')?.text ?? '');
  const sec = security(child(el, 'socketType')?.text ?? '');
  const auths = childrenNamed(el, 'authentication').map((a) => a.text);
  const what = `${kind} ${host}:${child(el, 'port')?.text ?? '?'}`;
  if (!HOST.test(host) || !Number.isInteger(port) || port < 1 || port > 65535) {
    skipped.push(`${what}: bad host or port`);
    return null;
  }
  if (sec === 'plain') {
    skipped.push(`${what}: plaintext refused`);
    return null;
  }
  if (sec === null) {
    skipped.push(`${what}: unknown socketType`);
    return null;
  }
  if (auths.length > 0 && !auths.some((a) => PASSWORD_AUTH.has(a))) {
    skipped.push(`${what}: no password login (${auths.join(', ')})`);
    return null;
  }
  return { endpoint: { host, port, security: sec }, username: fill(child(el, 'username')?.text ?? '', email) };
}

/** Parses a config-v1.1.xml for `email`. Throws AUTOCONFIG_INVALID (bad XML or shape) or PLAINTEXT_REFUSED. */
export function parseAutoconfig(xml: string, email: string): AutoconfigServers {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    throw new TcvError('AUTOCONFIG_INVALID', `not XML: ${(err as XmlError).message}`, { cause: err });
  }
  const provider = root.name === 'clientConfig' ? child(root, 'emailProvider') : undefined;
  if (!provider) throw new TcvError('AUTOCONFIG_INVALID', `expected clientConfig/emailProvider, got <${root.name}>`);
  const skipped: string[] = [];
  // Per missing side: was a plaintext server all that was offered? Then say so (PLAINTEXT_REFUSED), not "invalid".
  let onlyPlainMissing = true;
  const pick = (name: string, type: string) => {
    let plain = 0;
    let other = 0;
    for (const el of childrenNamed(provider, name)) {
      if (el.attrs.type !== type) {
        skipped.push(`${name} ${el.attrs.type ?? '?'}: not ${type}`);
        continue;
      }
      const s = server(el, email, skipped);
      if (s) return s;
      if (security(child(el, 'socketType')?.text ?? '') === 'plain') plain++;
      else other++;
    }
    if (plain === 0 || other > 0) onlyPlainMissing = false;
    return null;
  };
  const imap = pick('incomingServer', 'imap');
  const smtp = pick('outgoingServer', 'smtp');
  if (!imap || !smtp) {
    const missing = [imap ? null : 'IMAP', smtp ? null : 'SMTP'].filter(Boolean).join(' and ');
    const why = skipped.length ? ` (${skipped.join('; ')})` : '';
    throw new TcvError(
      onlyPlainMissing ? 'PLAINTEXT_REFUSED' : 'AUTOCONFIG_INVALID',
      `no usable ${missing} server${why}`,
    );
  }
  const username = imap.username && imap.username !== email ? imap.username : null;
  return {
    imap: imap.endpoint,
    smtp: smtp.endpoint,
    username,
    displayName: child(provider, 'displayName')?.text || null,
    skipped,
  };
}

/** The two well-known locations (Thunderbird's order): the autoconfig host first, then the domain's .well-known. */
export function autoconfigUrls(email: string, port: number): string[] {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const p = port === 443 ? '' : `:${port}`;
  const q = `?emailaddress=${encodeURIComponent(email)}`;
  return [
    `https://autoconfig.${domain}${p}/mail/config-v1.1.xml${q}`,
    `https://${domain}${p}/.well-known/autoconfig/mail/config-v1.1.xml${q}`,
  ];
}
