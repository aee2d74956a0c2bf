// Recipient fields as users type them: "a@x.vn, b@x.vn; Nguyễn Văn An <an@x.vn>". Pure: tested in Node.
// The engine validates again at the boundary; this only gives an early, precise message.

export interface ParsedAddresses {
  valid: string[];
  invalid: string[];
}

const simple = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

export function parseAddressList(input: string): ParsedAddresses {
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const raw of input.split(/[,;\n]/)) {
    const part = raw.trim();
    if (!part) continue;
    const angle = /<([^<>]+)>\s*$/.exec(part);
    const address = (angle?.[1] ?? part).trim();
    if (simple.test(address)) {
      if (!valid.some((v) => v.toLowerCase() === address.toLowerCase())) valid.push(address);
    } else {
      invalid.push(part);
    }
  }
  return { valid, invalid };
}
