// Recipient text as users type or paste it ("a@x.vn; Nguyễn Văn An <an@x.vn>, \"Phòng, Ban\" <pb@x.vn>") and why an
// address is not one. Pure (no Node, no DOM): the compose fields use it for chips, Node tests it, and the reasons have
// Vietnamese texts in the renderer (compose.address.problem.*). The engine's schema checks again at the boundary.
//
// Rules (RFC 5322 3.4.1 addr-spec, simplified the way mail clients check as you type): one "@"; a local part without
// spaces, angle brackets, quotes or the separators ,;:()[]\ and without a dot at either end or two dots in a row;
// a domain of two or more labels of letters, digits and hyphens (not at a label's ends). Letters may be Vietnamese
// (RFC 6531 SMTPUTF8; the sender is told before sending if the server cannot take them).
import type { Address } from '../api/types.ts';

export type AddressProblem =
  'spaces' | 'missingAt' | 'multipleAt' | 'missingLocal' | 'missingDomain' | 'badLocal' | 'badDomain' | 'tooLong';

export interface RecipientItem {
  /** The item as written (trimmed): shown on an invalid chip and put back into the field to correct it. */
  raw: string;
  name: string;
  address: string;
  problem: AddressProblem | null;
}

const LOCAL_FORBIDDEN = /[\s<>()[\]\\,;:"@]/u;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

/** Why `address` is not a mail address, or null when it is one. */
export function addressProblem(address: string): AddressProblem | null {
  if (address.length > 254) return 'tooLong';
  if (/\s/.test(address)) return 'spaces';
  const at = address.split('@');
  if (at.length === 1) return 'missingAt';
  if (at.length > 2) return 'multipleAt';
  const [local = '', domain = ''] = at;
  if (!local) return 'missingLocal';
  if (!domain) return 'missingDomain';
  if (LOCAL_FORBIDDEN.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..'))
    return 'badLocal';
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return 'badDomain';
  return null;
}

/** Splits on , ; and line breaks outside quotes and angle brackets. */
export function splitRecipientText(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let angle = false;
  for (const ch of input) {
    if (ch === '"' && !angle) quoted = !quoted;
    else if (ch === '<' && !quoted) angle = true;
    else if (ch === '>' && !quoted) angle = false;
    if (!quoted && !angle && (ch === ',' || ch === ';' || ch === '\n' || ch === '\r')) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** One item: "an@x.vn", "Nguyễn Văn An <an@x.vn>", "\"Văn phòng\" <vp@x.vn>". Names and addresses NFC. */
export function parseRecipientItem(text: string): RecipientItem {
  const raw = text.trim().normalize('NFC');
  const angle = /^(.*?)<([^<>]*)>\s*$/.exec(raw);
  const address = (angle?.[2] ?? raw).trim();
  const name = (angle?.[1] ?? '')
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
  return { raw, name, address, problem: addressProblem(address) };
}

/** Every item of a pasted or typed list, in order, duplicates (any case) after the first dropped. */
export function parseRecipientText(input: string): RecipientItem[] {
  const seen = new Set<string>();
  const out: RecipientItem[] = [];
  for (const part of splitRecipientText(input)) {
    const item = parseRecipientItem(part);
    const key = item.problem ? `!${item.raw}` : item.address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

/** `list` with `more` added, skipping addresses already there (any case). */
export function addRecipients(list: readonly Address[], more: readonly Address[]): Address[] {
  const seen = new Set(list.map((a) => a.address.toLowerCase()));
  const out = [...list];
  for (const a of more) {
    const key = a.address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a);
  }
  return out;
}
