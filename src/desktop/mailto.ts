// RFC 6068 `mailto:` URLs → the fields of a new message. Pure (no Node imports): main, the harness and tests use it.
//
// Security rule: a mailto: URL comes from a link anyone could have written, so only the harmless fields are taken
// (to, cc, bcc, subject, body; RFC 6068 section 6 "Security Considerations" warns about the others). Headers such as
// from=, in-reply-to=, attach= and attachment= (which some clients honour, and which have been used to send the
// user's own files away) are ignored. The result only fills a compose window the user reviews.

export interface MailtoFields {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
}

// RFC 5322 caps a header line at 998 characters; a body from a URL has no business being longer than a page or two.
export const MAILTO_LIMITS = { subject: 998, body: 100_000, recipients: 500, address: 320 } as const;

/** Percent-decoding as UTF-8 (RFC 6068 section 2); malformed escapes keep the raw text rather than losing the link. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A `to` list: addr-specs separated by literal commas (RFC 6068 section 2, "to"). Split BEFORE decoding, so a %2C
 * inside a quoted local part stays part of its address.
 */
function addresses(raw: string): string[] {
  return raw
    .split(',')
    .map((a) => decode(a).trim().normalize('NFC'))
    .filter((a) => a.length > 0 && a.length <= MAILTO_LIMITS.address);
}

/** Subject: one line (a CR/LF would let the link add headers), NFC (macOS hands over decomposed text). */
export function cleanSubject(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .normalize('NFC')
    .slice(0, MAILTO_LIMITS.subject);
}

/** Body: RFC 6068 encodes line breaks as %0D%0A; the editor wants "\n". */
export function cleanBody(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC').slice(0, MAILTO_LIMITS.body);
}

/**
 * `mailto:` URL → fields, or null if it is not one. `+` is a literal plus (RFC 6068 section 5 differs from HTML form
 * encoding here); header names are case-insensitive; to/cc/bcc accumulate (the path and `to=` both count, section 2);
 * the first subject and body win; unknown and unsafe headers are ignored.
 */
export function parseMailto(url: string): MailtoFields | null {
  if (!/^mailto:/i.test(url)) return null;
  const rest = url.slice('mailto:'.length);
  const q = rest.indexOf('?');
  const path = q === -1 ? rest : rest.slice(0, q);
  // A fragment is not part of the mail (RFC 3986); browsers hand it over anyway.
  const query = (q === -1 ? '' : rest.slice(q + 1)).split('#')[0] ?? '';
  const fields: MailtoFields = { to: addresses(path.split('#')[0] ?? ''), cc: [], bcc: [], subject: '', body: '' };
  let subject: string | null = null;
  let body: string | null = null;
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = decode(eq === -1 ? pair : pair.slice(0, eq)).toLowerCase();
    const raw = eq === -1 ? '' : pair.slice(eq + 1);
    switch (name) {
      case 'to':
      case 'cc':
      case 'bcc':
        fields[name].push(...addresses(raw));
        break;
      case 'subject':
        subject ??= cleanSubject(decode(raw));
        break;
      case 'body':
        body ??= cleanBody(decode(raw));
        break;
      default:
        // from, in-reply-to, attach, attachment and anything else: ignored on purpose (header comment).
        break;
    }
  }
  fields.subject = subject ?? '';
  fields.body = body ?? '';
  fields.to = fields.to.slice(0, MAILTO_LIMITS.recipients);
  fields.cc = fields.cc.slice(0, MAILTO_LIMITS.recipients);
  fields.bcc = fields.bcc.slice(0, MAILTO_LIMITS.recipients);
  return fields;
}
