// What the app was launched to do, from its command line: a `mailto:` URL (the OS hands it over once the app is the
// mail handler; macOS sends it as an `open-url` event instead) or
//   --compose [--attach FILE [FILE…]]… [--to A]… [--cc A]… [--bcc A]… [--subject S] [--body B]
// (Explorer "Send to", scripts, other programs). Pure and tested; main/ and the browser harness use it.
//
// Security rule: a launch that carries a mailto: URL came from a link anyone could have written, so it never attaches
// local files: `--attach` is honoured only on a launch without any URL argument (src/desktop/mailto.ts ignores
// attach= fields too). Either way the result only fills a compose window the user reviews.
import { isAbsolute, resolve } from 'node:path';
import { MAILTO_LIMITS, cleanBody, cleanSubject, parseMailto, type MailtoFields } from './mailto.ts';

export interface ComposeRequest extends MailtoFields {
  source: 'mailto' | 'command-line' | 'tray';
  /** Absolute paths of files to attach (command line only). */
  attachments: string[];
}

export type LaunchIntent = { kind: 'none' } | ({ kind: 'compose' } & ComposeRequest);

const MAX_ATTACHMENTS = 100;

/** Options that take a value; `--attach` takes every following argument up to the next option ("Send to" appends). */
const VALUE_OPTIONS = new Set(['--to', '--cc', '--bcc', '--subject', '--body']);

/**
 * Reads the launch intent from a full argv (Electron's process.argv or the `second-instance` argv: executable first,
 * Chromium switches anywhere). `cwd` resolves relative attachment paths (the second instance's working directory).
 */
export function parseLaunchArgs(argv: readonly string[], cwd: string): LaunchIntent {
  const url = argv.find((arg) => /^mailto:/i.test(arg));
  if (url !== undefined) {
    const mailto = parseMailto(url);
    return mailto ? { kind: 'compose', source: 'mailto', ...mailto, attachments: [] } : { kind: 'none' };
  }
  let compose = false;
  const request: ComposeRequest = {
    source: 'command-line',
    to: [],
    cc: [],
    bcc: [],
    subject: '',
    body: '',
    attachments: [],
  };
  const set = (option: string, value: string): void => {
    switch (option) {
      case '--to':
      case '--cc':
      case '--bcc': {
        const list = request[option.slice(2) as 'to' | 'cc' | 'bcc'];
        for (const a of value.split(/[,;]/)) {
          const address = a.trim().normalize('NFC');
          if (address && address.length <= MAILTO_LIMITS.address && list.length < MAILTO_LIMITS.recipients) {
            list.push(address);
          }
        }
        break;
      }
      case '--subject':
        request.subject = cleanSubject(value);
        break;
      case '--body':
        request.body = cleanBody(value);
        break;
      case '--attach':
        if (value && request.attachments.length < MAX_ATTACHMENTS) {
          request.attachments.push(isAbsolute(value) ? value : resolve(cwd, value));
        }
        break;
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const option = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (arg === '--compose') {
      compose = true;
    } else if (option === '--attach' || VALUE_OPTIONS.has(option)) {
      if (option !== arg) {
        set(option, arg.slice(eq + 1));
        continue;
      }
      // The value(s) follow: one for the value options, all up to the next option for --attach.
      while (i + 1 < argv.length && !(argv[i + 1] ?? '').startsWith('--')) {
        set(option, argv[++i] ?? '');
        if (option !== '--attach') break;
      }
    }
  }
  return compose ? { kind: 'compose', ...request } : { kind: 'none' };
}

/** A one-line description for the log: counts only, never addresses, subjects or file names. */
export function describeIntent(intent: LaunchIntent): Record<string, unknown> {
  if (intent.kind === 'none') return { kind: 'none' };
  return {
    kind: 'compose',
    source: intent.source,
    recipients: intent.to.length + intent.cc.length + intent.bcc.length,
    attachments: intent.attachments.length,
  };
}
