// `tcv text …` (issue 5 "CLI"): the Vietnamese text functions of src/text on files and pipes. No engine call: these
// are pure functions, so they give the same answer as the API would, and they work without a profile's accounts.
import { readFileSync } from 'node:fs';
import { convert, detect, fold, type LegacyEncoding } from '../../text/index.ts';
import { EXIT_OK, UsageError, printJson } from '../output.ts';
import { parse, type Command, type Ctx } from '../context.ts';

const FROM = ['auto', 'tcvn3', 'vni', 'viscii', 'viqr', 'cp1258'] as const;
type From = (typeof FROM)[number];

async function readStdinBytes(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function readInput(ctx: Ctx, file: string | undefined): Promise<string | Uint8Array> {
  if (!file) throw new UsageError('thiếu tệp (hoặc "-" để đọc từ đầu vào chuẩn) / missing FILE or -');
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? await readStdinBytes() : readFileSync(file);
  } catch (err) {
    throw new UsageError(`không đọc được tệp / cannot read file: ${(err as Error).message}`);
  }
  return asInput(bytes);
}

/**
 * Valid UTF-8 is read as text: legacy text usually reaches us already mis-decoded as Windows-1252 and saved as UTF-8
 * ("Céng hoµ"), and src/text takes strings that way. Anything else is raw legacy bytes.
 */
export function asInput(bytes: Uint8Array): string | Uint8Array {
  let b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return b;
  }
}

export const textCommands: Record<string, Command> = {
  async text(ctx) {
    const [sub, ...rest] = ctx.args;
    if (sub === 'fold') {
      const { values, positionals } = parse(rest, {});
      if (positionals.length === 0) throw new UsageError('thiếu văn bản / missing TEXT');
      const input = positionals.join(' ');
      const folded = fold(input);
      if (values.json) printJson(ctx.out, { input, folded });
      else ctx.out.stdout(folded + '\n');
      return EXIT_OK;
    }
    if (sub === 'detect') {
      const { values, positionals } = parse(rest, {});
      const r = detect(await readInput(ctx, positionals[0]));
      if (values.json) printJson(ctx.out, { encoding: r.encoding, confidence: r.confidence, text: r.text });
      else
        ctx.out.stdout(
          `Bảng mã / encoding: ${r.encoding}\tĐộ tin cậy / confidence: ${r.confidence.toFixed(2).replace('.', ',')}\n` +
            r.text +
            (r.text.endsWith('\n') ? '' : '\n'),
        );
      return EXIT_OK;
    }
    if (sub === 'convert') {
      const { values, positionals } = parse(rest, { from: { type: 'string' } });
      const from = (values.from ?? 'auto') as From;
      if (!FROM.includes(from)) throw new UsageError(`--from: ${FROM.join('|')}`);
      const input = await readInput(ctx, positionals[0]);
      const text = from === 'auto' ? convert(input, 'auto') : convert(input, from as LegacyEncoding);
      if (values.json) printJson(ctx.out, { from, encoding: from === 'auto' ? detect(input).encoding : from, text });
      else ctx.out.stdout(text);
      return EXIT_OK;
    }
    throw new UsageError(`lệnh con không hợp lệ / unknown subcommand: text ${sub ?? ''}`);
  },
};
