// `tcv move` and `tcv flag`: the same engine methods as the UI (messages.move, messages.setFlags). An action that
// could not reach the server is kept in the profile's queue and replayed later; the command then exits 1 with the
// network error, as `tcv send` does for a message left in the outbox, so a script notices.
import { errorMessage } from '../../api/errors.ts';
import type { ActionResult } from '../../api/types.ts';
import { EXIT_FAIL, UsageError, printError, printJson } from '../output.ts';
import { parse, pickAccount, type Command, type Ctx } from '../context.ts';

function uidsOf(positionals: string[]): number[] {
  if (positionals.length === 0) throw new UsageError('thiếu UID / missing UID');
  return positionals.map((p) => {
    const n = Number(p);
    if (!Number.isInteger(n) || n <= 0)
      throw new UsageError(`UID phải là số nguyên dương / UID must be a positive integer: ${p}`);
    return n;
  });
}

function report(ctx: Ctx, r: ActionResult, done: string): number {
  if (r.state === 'done') {
    if (ctx.out.json) printJson(ctx.out, r);
    else ctx.out.stdout(done);
    return 0;
  }
  if (ctx.out.json) printJson(ctx.out, r);
  const code = r.pendingReason ?? 'CONNECTION_LOST';
  ctx.out.stderr(
    `Lỗi [${code}]: ${errorMessage(code)}\nThao tác đã được ghi lại và sẽ tự gửi lên máy chủ khi có kết nối (tcv sync).\n`,
  );
  return EXIT_FAIL;
}

export const actionCommands: Record<string, Command> = {
  async move(ctx) {
    const { values, positionals } = parse(ctx.args, { from: { type: 'string' }, to: { type: 'string' } });
    if (!values.from) throw new UsageError('thiếu --from / missing --from');
    if (!values.to) throw new UsageError('thiếu --to / missing --to');
    const uids = uidsOf(positionals);
    const accountId = await pickAccount(ctx, values.account);
    if (typeof accountId !== 'string') return printError(ctx.out, accountId);
    const r = await ctx.call('messages.move', { accountId, folder: values.from, uids, to: values.to });
    if (!r.ok) return printError(ctx.out, r.error);
    return report(ctx, r.value, `Đã chuyển ${r.value.count} thư từ ${values.from} sang ${values.to}.\n`);
  },
  async flag(ctx) {
    const { values, positionals } = parse(ctx.args, {
      folder: { type: 'string' },
      seen: { type: 'boolean' },
      unseen: { type: 'boolean' },
      flagged: { type: 'boolean' },
      unflagged: { type: 'boolean' },
      'add-keyword': { type: 'string', multiple: true },
      'remove-keyword': { type: 'string', multiple: true },
    });
    const uids = uidsOf(positionals);
    if (values.seen && values.unseen) throw new UsageError('--seen và --unseen loại trừ nhau / are exclusive');
    if (values.flagged && values.unflagged)
      throw new UsageError('--flagged và --unflagged loại trừ nhau / are exclusive');
    const add = [
      ...(values.seen ? ['\\Seen'] : []),
      ...(values.flagged ? ['\\Flagged'] : []),
      ...(values['add-keyword'] ?? []),
    ];
    const remove = [
      ...(values.unseen ? ['\\Seen'] : []),
      ...(values.unflagged ? ['\\Flagged'] : []),
      ...(values['remove-keyword'] ?? []),
    ];
    if (add.length + remove.length === 0) {
      throw new UsageError(
        'cần ít nhất một cờ / at least one of --seen --unseen --flagged --unflagged --add-keyword --remove-keyword',
      );
    }
    const accountId = await pickAccount(ctx, values.account);
    if (typeof accountId !== 'string') return printError(ctx.out, accountId);
    const folder = values.folder ?? 'INBOX';
    const r = await ctx.call('messages.setFlags', { accountId, folder, uids, add, remove });
    if (!r.ok) return printError(ctx.out, r.error);
    const what = [...add.map((f) => `+${f}`), ...remove.map((f) => `-${f}`)].join(' ');
    return report(ctx, r.value, `Đã đổi cờ ${what} của ${r.value.count} thư trong ${folder}.\n`);
  },
};
