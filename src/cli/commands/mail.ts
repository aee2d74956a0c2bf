import { resolve } from 'node:path';
import type { SyncResult } from '../../api/types.ts';
import { EXIT_OK, UsageError, formatDate, formatSize, printError } from '../output.ts';
import { finish, parse, pickAccount, type Command } from '../context.ts';

export const mailCommands: Record<string, Command> = {
  async sync(ctx) {
    const { values } = parse(ctx.args, { folder: { type: 'string' }, watch: { type: 'boolean' } });
    const accountId = await pickAccount(ctx, values.account);
    if (typeof accountId !== 'string') return printError(ctx.out, accountId);
    const r = await ctx.call('sync.run', { accountId, folder: values.folder });
    if (!values.watch) {
      // A one-shot sync ends with its headers searchable: the background index pass of an initial sync finishes
      // first (a kill meanwhile loses nothing; the next run resumes it).
      if (r.ok) await ctx.indexed?.();
      return finish(ctx, r, syncSummary);
    }
    if (!r.ok) return printError(ctx.out, r.error);
    if (!ctx.on || !ctx.interrupted)
      throw new UsageError('--watch cần một phiên chạy được / --watch needs a live session');
    // Watch mode prints one line per event: human text, or with --json one JSON document per line (NDJSON).
    const line = (human: string, data: unknown) =>
      ctx.out.stdout(ctx.out.json ? `${JSON.stringify(data)}\n` : `${human}\n`);
    line(syncSummary(r.value).trimEnd(), { type: 'sync', ...r.value });
    const off = ctx.on('mail.new', (e) => {
      if (e.accountId !== accountId) return;
      const items = e.items ?? [];
      for (const m of items) {
        const from = m.from?.name || m.from?.address || '';
        line(`Thư mới [${e.folder}] ${String(m.uid).padStart(6)} ${formatDate(m.date)}  ${from}  ${m.subject}`, {
          type: 'mail.new',
          accountId,
          folder: e.folder,
          message: m,
        });
      }
      if (items.length < e.count) {
        line(`Thư mới [${e.folder}]: và ${e.count - items.length} thư khác`, {
          type: 'mail.new',
          accountId,
          folder: e.folder,
          more: e.count - items.length,
        });
      }
    });
    try {
      const w = await ctx.call('sync.watch', { accountId, folders: values.folder ? [values.folder] : undefined });
      if (!w.ok) return printError(ctx.out, w.error);
      const how = w.value.mode === 'idle' ? 'IDLE' : `hỏi máy chủ định kỳ / polling`;
      ctx.out.stderr(`Đang theo dõi ${w.value.folders.join(', ')} (${how}). Nhấn Ctrl+C để dừng / Ctrl+C to stop.\n`);
      await ctx.interrupted();
      await ctx.call('sync.unwatch', { accountId });
      return EXIT_OK;
    } finally {
      off();
    }
  },
  async attachment(ctx) {
    const { values, positionals } = parse(ctx.args, { folder: { type: 'string' }, 'save-to': { type: 'string' } });
    const uid = Number(positionals[0]);
    const index = Number(positionals[1] ?? 0);
    if (!Number.isInteger(uid) || uid <= 0 || !Number.isInteger(index) || index < 0)
      throw new UsageError('cần UID và số thứ tự tệp đính kèm / UID and attachment index required');
    const accountId = await pickAccount(ctx, values.account);
    if (typeof accountId !== 'string') return printError(ctx.out, accountId);
    const destination = values['save-to'] ? resolve(values['save-to']) : undefined;
    return finish(
      ctx,
      await ctx.call('attachments.save', { accountId, folder: values.folder ?? 'INBOX', uid, index, destination }),
      (a) => `${a.path}\n`,
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

function syncSummary(s: SyncResult): string {
  const counts = `${s.total} thư, ${s.added} thư mới, ${s.removed} thư đã xóa, ${s.flagsChanged} thay đổi cờ (${s.ms} ms)`;
  if (!s.details) return `Đã đồng bộ ${s.folder}: ${counts}.\n`;
  const lines = s.details
    .filter((d) => d.added || d.removed || d.flagsChanged || d.uidValidityReset)
    .map((d) => `  ${d.folder}: ${d.total} thư, +${d.added} −${d.removed}, ${d.flagsChanged} cờ\n`);
  return `Đã đồng bộ ${s.folders} thư mục: ${counts}.\n${lines.join('')}`;
}
