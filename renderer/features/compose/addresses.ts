// Recipient fields as users type them: "a@x.vn, b@x.vn; Nguyễn Văn An <an@x.vn>". The rules (splitting, what an
// address is, why not) are src/shared/recipients.ts; this is the compose pane's view of them. Pure: tested in Node.
import type { Address } from '../../../src/api/types.ts';
import { addressProblem, parseRecipientText } from '../../../src/shared/recipients.ts';

export interface ParsedAddresses {
  valid: string[];
  invalid: string[];
}

export interface ParsedRecipients {
  valid: Address[];
  invalid: string[];
}

export function isPlausibleAddress(address: string): boolean {
  return addressProblem(address) === null;
}

/** Each item with its display name ("Nguyễn Văn An <an@x.vn>" → {name, address}); duplicates (any case) dropped. */
export function parseRecipients(input: string): ParsedRecipients {
  const valid: Address[] = [];
  const invalid: string[] = [];
  for (const item of parseRecipientText(input)) {
    if (item.problem) invalid.push(item.raw);
    else valid.push({ name: item.name, address: item.address });
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
