// Recipient fields as users type them: "a@x.vn, b@x.vn; Nguyễn Văn An <an@x.vn>". Pure: tested in Node.
// The engine validates again at the boundary; this only gives an early, precise message.
import type { Address } from '../../../src/api/types.ts';

export interface ParsedAddresses {
  valid: string[];
  invalid: string[];
}

export interface ParsedRecipients {
  valid: Address[];
  invalid: string[];
}

const simple = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

export function isPlausibleAddress(address: string): boolean {
  return simple.test(address);
}

/** Each item with its display name ("Nguyễn Văn An <an@x.vn>" → {name, address}); duplicates (any case) dropped. */
export function parseRecipients(input: string): ParsedRecipients {
  const valid: Address[] = [];
  const invalid: string[] = [];
  for (const raw of input.split(/[,;\n]/)) {
    const part = raw.trim();
    if (!part) continue;
    const angle = /^(.*?)<([^<>]+)>\s*$/.exec(part);
    const address = (angle?.[2] ?? part).trim();
    const name = (angle?.[1] ?? '')
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim();
    if (simple.test(address)) {
      if (!valid.some((v) => v.address.toLowerCase() === address.toLowerCase())) valid.push({ name, address });
    } else {
      invalid.push(part);
    }
  }
  return { valid, invalid };
}

export function parseAddressList(input: string): ParsedAddresses {
  const { valid, invalid } = parseRecipients(input);
  return { valid: valid.map((a) => a.address), invalid };
}

/** How a recipient is written back into a text field. */
export function formatRecipient(a: Address): string {
  return a.name ? `${a.name} <${a.address}>` : a.address;
}
