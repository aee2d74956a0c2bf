import { UsageError, formatDate, formatSize, printError } from '../output.ts';
import { finish, parse, pickAccount, type Command } from '../context.ts';

export const mailCommands: Record<string, Command> = {
  async sync(ctx) {
    const { values } = parse(ctx.args, { folder: { type: 'string' } });
    const accountId = await pickAccount(ctx, values.account);
    if (typeof accountId !== 'string') return printError(ctx.out, accountId);
    return finish(
      ctx,
      await ctx.call('sync.run', { accountId, folder: values.folder }),
      (s) =>
        `Đã đồng bộ ${s.folder}: ${s.total} thư, ${s.added} thư mới, ${s.removed} thư đã xóa, ${s.flagsChanged} thay đổi cờ (${s.ms} ms).\n`,
    );
  },
  async ls(ctx) {
    const { values, positionals } = parse(ctx.args, { limit: { type: 'string' }, offset: { type: 'string' } });
    const accountId = await pickAccount(ctx, values.account);
    if (typeof accountId !== 'string') return printError(ctx.out, accountId);
    const limit = values.limit ? Number(values.limit) : 50;
    const offset = values.offset ? Number(values.offset) : 0;
    if (positionals.length > 1) throw new UsageError('chỉ một thư mục / one folder only');
    return finish(
      ctx,
      await ctx.call('messages.list', { accountId, folder: positionals[0] ?? 'INBOX', limit, offset }),
      (page) =>
        page.items
          .map(
            (m) =>
              `${String(m.uid).padStart(6)} ${m.seen ? ' ' : '●'} ${formatDate(m.date)}  ${(m.from?.name || m.from?.address || '').slice(0, 28).padEnd(28)}  ${m.subject}${m.hasAttachments ? ' 📎' : ''}\n`,
          )
          .join('') + `(${page.items.length}/${page.total} thư)\n`,
    );
  },
  async show(ctx) {
    const { values, positionals } = parse(ctx.args, { folder: { type: 'string' } });
    const uid = Number(positionals[0]);
    if (!Number.isInteger(uid) || uid <= 0)
      throw new UsageError('UID phải là số nguyên dương / UID must be a positive integer');
    const accountId = await pickAccount(ctx, values.account);
    if (typeof accountId !== 'string') return printError(ctx.out, accountId);
    return finish(ctx, await ctx.call('messages.get', { accountId, folder: values.folder ?? 'INBOX', uid }), (m) => {
      const addr = (a: { name: string; address: string }[]) =>
        a.map((x) => (x.name ? `${x.name} <${x.address}>` : x.address)).join(', ');
      const lines = [
        `Từ:       ${m.from ? addr([m.from]) : ''}`,
        `Đến:      ${addr(m.to)}`,
        ...(m.cc.length ? [`Đồng gửi: ${addr(m.cc)}`] : []),
        `Ngày:     ${formatDate(m.date)}`,
        `Tiêu đề:  ${m.subject}`,
        ...m.attachments.map((a) => `Đính kèm: ${a.filename} (${formatSize(a.size)})`),
        '',
        m.text,
      ];
      return lines.join('\n') + '\n';
    });
  },
};
