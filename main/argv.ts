// What the app was launched to do, from its command line: a `mailto:` URL (the OS hands it over once the app is the
// mail handler) or `--compose --attach FILE…` (Explorer "Send to", scripts, other programs). Pure and tested.
//
// Security rule: a launch that carries a mailto: URL came from a link that anyone could have written, so it can
// never attach local files. `--attach` is honoured only on a launch without any URL argument, and the mailto
// fields that some clients accept for files (attach=, attachment=) are ignored. Either way the result only fills a
// compose window the user reviews; nothing is ever sent without the user pressing Send.
import { isAbsolute, resolve } from 'node:path';

export interface MailtoFields {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
}

export type LaunchIntent =
  | { kind: 'none' }
  | { kind: 'compose'; source: 'mailto'; mailto: MailtoFields }
  | { kind: 'compose'; source: 'command-line'; attachments: string[] };

// RFC 5322 caps a header line at 998 characters; a body from a URL has no business being longer than a page or two.
const MAX_SUBJECT = 998;
const MAX_BODY = 100_000;
const MAX_RECIPIENTS = 500;

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // Malformed %-escapes: keep the raw text rather than dropping the user's link.
    return text;
  }
}

function splitAddresses(text: string): string[] {
  return text
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a.length > 0 && a.length <= 320);
}

/**
 * RFC 6068 mailto: URL → fields. `+` is a literal plus (RFC 6068 section 5 differs from form encoding on this), headers
 * are case-insensitive, repeated to/cc/bcc accumulate, unknown headers are ignored. Null if not a mailto: URL.
 */
export function parseMailto(url: string): MailtoFields | null {
  if (!/^mailto:/i.test(url)) return null;
  const rest = url.slice('mailto:'.length);
  const q = rest.indexOf('?');
  const path = q === -1 ? rest : rest.slice(0, q);
  const query = q === -1 ? '' : rest.slice(q + 1);
  const fields: MailtoFields = { to: splitAddresses(decode(path)), cc: [], bcc: [], subject: '', body: '' };
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = decode(eq === -1 ? pair : pair.slice(0, eq)).toLowerCase();
    const value = decode(eq === -1 ? '' : pair.slice(eq + 1));
    switch (name) {
      case 'to':
      case 'cc':
      case 'bcc':
        fields[name].push(...splitAddresses(value));
        break;
      case 'subject':
        fields.subject = value.replace(/[\r\n]+/g, ' ').slice(0, MAX_SUBJECT);
        break;
      case 'body':
        fields.body = value.slice(0, MAX_BODY);
        break;
      default:
        // attach=, attachment=, from=, in-reply-to= and anything else: ignored on purpose (see the header comment).
        break;
    }
  }
  fields.to = fields.to.slice(0, MAX_RECIPIENTS);
  fields.cc = fields.cc.slice(0, MAX_RECIPIENTS);
  fields.bcc = fields.bcc.slice(0, MAX_RECIPIENTS);
  return fields;
}

/**
 * Reads the launch intent from a full argv (Electron's process.argv or the `second-instance` argv: executable first,
 * Chromium switches anywhere). `cwd` resolves relative attachment paths (the second instance's working directory).
 */
export function parseLaunchArgs(argv: readonly string[], cwd: string): LaunchIntent {
  const url = argv.find((arg) => /^mailto:/i.test(arg));
  if (url !== undefined) {
    const mailto = parseMailto(url);
    return mailto ? { kind: 'compose', source: 'mailto', mailto } : { kind: 'none' };
  }
  let compose = false;
  const attachments: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--compose') {
      compose = true;
    } else if (arg === '--attach') {
      const file = argv[i + 1];
      if (file !== undefined && !file.startsWith('--')) {
        attachments.push(file);
        i++;
      }
    } else if (arg.startsWith('--attach=')) {
      const file = arg.slice('--attach='.length);
      if (file) attachments.push(file);
    }
  }
  if (!compose) return { kind: 'none' };
  return {
    kind: 'compose',
    source: 'command-line',
    attachments: attachments.map((file) => (isAbsolute(file) ? file : resolve(cwd, file))),
  };
}

/** A one-line description for the log: counts only, never addresses, subjects or file names. */
export function describeIntent(intent: LaunchIntent): Record<string, unknown> {
  if (intent.kind === 'none') return { kind: 'none' };
  if (intent.source === 'mailto') {
    const m = intent.mailto;
    return { kind: 'compose', source: 'mailto', recipients: m.to.length + m.cc.length + m.bcc.length };
  }
  return { kind: 'compose', source: 'command-line', attachments: intent.attachments.length };
}
