// tcv send / tcv outbox: the same messages.send and outbox.* methods the app calls, so the JSON printed is exactly the
// API's OutboxEntry (docs/compose.md).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { errorMessage, type ApiError } from '../../api/errors.ts';
import type { OutboxEntry } from '../../api/types.ts';
import { UsageError, formatDate, formatSize, printError, printJson } from '../output.ts';
import { finish, parse, pickAccount, type Command, type Ctx } from '../context.ts';

function readText(ctx: Ctx, file: string, what: string): Promise<string> | string {
  if (file === '-') return ctx.readStdin();
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`không đọc được ${what} / cannot read ${what}: ${(err as Error).message}`);
  }
}

const STATE_VI: Record<OutboxEntry['state'], string> = {
  queued: 'chờ gửi',
  sending: 'đang gửi',
  sent: 'đã gửi',
  failed: 'gửi lỗi',
};

function outboxLine(e: OutboxEntry): string {
  const when =
    e.state === 'sent' ? formatDate(e.sentAt) : e.state === 'queued' ? `thử lại ${formatDate(e.nextAttemptAt)}` : '';
  const err = e.lastError ? `[${e.lastError}]` : '';
  return `${e.id}\t${STATE_VI[e.state]}\t${e.attempts} lần\t${formatSize(e.size)}\t${e.subject}\t${when}\t${err}\n`;
}

/** A send that did not reach "sent": the message is safe in the outbox, but the command fails so scripts notice. */
function notSent(ctx: Ctx, e: OutboxEntry): number {
  if (ctx.out.json) printJson(ctx.out, e);
  const code = (e.lastError ?? 'INTERNAL') as ApiError['code'];
  ctx.out.stderr(
    `Lỗi [${code}]: ${errorMessage(code)}\nThư vẫn nằm trong hộp thư đi (${e.state === 'queued' ? 'sẽ tự gửi lại' : 'gửi thất bại'}).\n`,
  );
  return 1;
}

export const sendCommands: Record<string, Command> = {
  async send(ctx) {
    const { values } = parse(ctx.args, {
      to: { type: 'string', multiple: true },
      cc: { type: 'string', multiple: true },
      bcc: { type: 'string', multiple: true },
      subject: { type: 'string' },
      'body-file': { type: 'string' },
      'html-file': { type: 'string' },
      attach: { type: 'string', multiple: true },
    });
    if (!values.to?.length) throw new UsageError('thiếu --to / missing --to');
    if (values.subject === undefined) throw new UsageError('thiếu --subject / missing --subject');
    if (!values['body-file'] && !values['html-file']) {
      throw new UsageError('thiếu --body-file hoặc --html-file / missing --body-file or --html-file');
    }
    if (values['body-file'] === '-' && values['html-file'] === '-') {
      throw new UsageError('chỉ một tệp được đọc từ stdin / only one file can be read from stdin');
    }
    const accountId = await pickAccount(ctx, values.account);
    if (typeof accountId !== 'string') return printError(ctx.out, accountId);
    const text = values['body-file'] ? await readText(ctx, values['body-file'], 'tệp nội dung / body file') : '';
    const html = values['html-file'] ? await readText(ctx, values['html-file'], 'tệp HTML / HTML file') : null;
    const r = await ctx.call('messages.send', {
      accountId,
      to: values.to,
      cc: values.cc ?? [],
      bcc: values.bcc ?? [],
      subject: values.subject,
      text,
      html,
      // Relative to where the command runs; the engine only takes absolute paths.
      attachments: (values.attach ?? []).map((f) => ({ path: resolve(f) })),
    });
    if (r.ok && r.value.state !== 'sent') return notSent(ctx, r.value);
    return finish(ctx, r, (e) => {
      const refused = e.rejected.length ? `Máy chủ từ chối: ${e.rejected.join(', ')}.\n` : '';
      return `Đã gửi thư "${e.subject}" tới ${e.to.join(', ')} (${formatSize(e.size)}, Message-ID ${e.messageId}).\n${refused}`;
    });
  },

  async outbox(ctx) {
    const { values, positionals } = parse(ctx.args, {});
    const [action, idText] = positionals;
    if (action === undefined) {
      return finish(ctx, await ctx.call('outbox.list', { accountId: values.account }), (list) =>
        list.length ? list.map(outboxLine).join('') : 'Hộp thư đi trống.\n',
      );
    }
    const id = Number(idText);
    if (!Number.isInteger(id) || id <= 0) throw new UsageError('cần số thứ tự thư / an outbox id is required');
    if (action === 'retry') {
      const r = await ctx.call('outbox.retry', { id });
      if (r.ok && r.value.state !== 'sent') return notSent(ctx, r.value);
      return finish(ctx, r, (e) => `Đã gửi thư "${e.subject}".\n`);
    }
    if (action === 'cancel') {
      return finish(ctx, await ctx.call('outbox.cancel', { id }), (e) =>
        e.draftId ? `Đã hủy gửi "${e.subject}"; thư trở về Thư nháp.\n` : `Đã hủy gửi "${e.subject}".\n`,
      );
    }
    throw new UsageError(`tcv outbox [retry|cancel ID]: không hiểu "${action}" / unknown action`);
  },
};
