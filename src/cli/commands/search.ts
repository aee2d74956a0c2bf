import type { SearchHit, TextRange } from '../../api/types.ts';
import { UsageError, formatDate, printError } from '../output.ts';
import { finish, parse, pickAccount, type Command } from '../context.ts';

/** Terminal emphasis for highlighted ranges (only when a human reads a terminal). */
function mark(text: string, ranges: readonly TextRange[], on: boolean): string {
  if (!on || ranges.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    out += `${text.slice(at, s)}\x1b[1m${text.slice(s, e)}\x1b[22m`;
    at = e;
  }
  return out + text.slice(at);
}

function line(h: SearchHit, tty: boolean): string {
  const from = h.from?.name
    ? mark(h.from.name, h.highlights.fromName, tty)
    : mark(h.from?.address ?? '', h.highlights.fromAddress, tty);
  const head = `${String(h.uid).padStart(6)} ${h.seen ? ' ' : '●'} ${formatDate(h.date)}  ${h.folder}  ${from}  —  ${mark(h.subject, h.highlights.subject, tty)}${h.hasAttachments ? ' 📎' : ''}\n`;
  const snip = h.highlights.snippet?.text
    ? `         ${mark(h.highlights.snippet.text, h.highlights.snippet.ranges, tty)}\n`
    : '';
  return head + snip;
}

function positiveInt(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${flag} phải là số nguyên ≥ ${min} / must be an integer ≥ ${min}`);
  return n;
}

export const searchCommands: Record<string, Command> = {
  // tcv search QUERY...: the same messages.search call as the app, so --json prints exactly the API's result.
  async search(ctx) {
    const { values, positionals } = parse(ctx.args, {
      folder: { type: 'string' },
      limit: { type: 'string' },
      offset: { type: 'string' },
      server: { type: 'boolean' },
    });
    const query = positionals.join(' ');
    if (!query.trim()) throw new UsageError('thiếu từ cần tìm / missing search query');
    const r = await ctx.call('messages.search', {
      query,
      ...(values.account ? { accountId: values.account } : {}),
      ...(values.folder ? { folder: values.folder } : {}),
      ...(values.server ? { source: 'server' as const } : {}),
      limit: positiveInt(values.limit, '--limit', 1),
      offset: positiveInt(values.offset, '--offset', 0),
    });
    const tty = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
    return finish(
      ctx,
      r,
      (page) =>
        page.items.map((h) => line(h, tty)).join('') +
        `(${page.items.length}/${page.total} thư${page.source === 'server' ? ', tìm trên máy chủ' : ''})\n` +
        (page.indexing
          ? `Đang lập chỉ mục tìm kiếm: ${page.indexing.indexed}/${page.indexing.total} thư, kết quả chưa đầy đủ ` +
            `/ indexing ${page.indexing.indexed} of ${page.indexing.total}, results are partial\n`
          : ''),
    );
  },
  // tcv thread UID [--folder F]: the conversation a message belongs to, oldest first.
  async thread(ctx) {
    const { values, positionals } = parse(ctx.args, { folder: { type: 'string' } });
    const uid = Number(positionals[0]);
    if (!Number.isInteger(uid) || uid <= 0)
      throw new UsageError('UID phải là số nguyên dương / UID must be a positive integer');
    const accountId = await pickAccount(ctx, values.account);
    if (typeof accountId !== 'string') return printError(ctx.out, accountId);
    return finish(
      ctx,
      await ctx.call('threads.get', { accountId, folder: values.folder ?? 'INBOX', uid }),
      (t) =>
        `${t.subject} (${t.messages.length} thư, ${t.unread} chưa đọc)\n` +
        t.messages
          .map(
            (m) =>
              `${String(m.uid).padStart(6)} ${m.seen ? ' ' : '●'} ${formatDate(m.date)}  ${m.folder}  ${m.from?.name || m.from?.address || ''}  —  ${m.subject}\n`,
          )
          .join(''),
    );
  },
};
