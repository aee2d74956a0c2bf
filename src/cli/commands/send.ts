import { readFileSync } from 'node:fs';
import { errorMessage, type ApiError } from '../../api/errors.ts';
import { UsageError, printError, printJson } from '../output.ts';
import { finish, parse, pickAccount, type Command } from '../context.ts';

export const sendCommands: Record<string, Command> = {
  async send(ctx) {
    const { values } = parse(ctx.args, {
      to: { type: 'string', multiple: true },
      cc: { type: 'string', multiple: true },
      bcc: { type: 'string', multiple: true },
      subject: { type: 'string' },
      'body-file': { type: 'string' },
    });
    if (!values.to?.length) throw new UsageError('thiếu --to / missing --to');
    if (values.subject === undefined) throw new UsageError('thiếu --subject / missing --subject');
    if (!values['body-file']) throw new UsageError('thiếu --body-file / missing --body-file');
    const accountId = await pickAccount(ctx, values.account);
    if (typeof accountId !== 'string') return printError(ctx.out, accountId);
    let text: string;
    try {
      text = values['body-file'] === '-' ? await ctx.readStdin() : readFileSync(values['body-file'], 'utf8');
    } catch (err) {
      throw new UsageError(`không đọc được tệp nội dung / cannot read body file: ${(err as Error).message}`);
    }
    const r = await ctx.call('messages.send', {
      accountId,
      to: values.to,
      cc: values.cc ?? [],
      bcc: values.bcc ?? [],
      subject: values.subject,
      text,
    });
    if (r.ok && r.value.state !== 'sent') {
      // The message is safe in the outbox; the command still fails so scripts notice.
      if (ctx.out.json) printJson(ctx.out, r.value);
      const code = (r.value.lastError ?? 'INTERNAL') as ApiError['code'];
      ctx.out.stderr(
        `Lỗi [${code}]: ${errorMessage(code)}\nThư vẫn nằm trong hộp thư đi (${r.value.state === 'queued' ? 'sẽ tự gửi lại' : 'gửi thất bại'}).\n`,
      );
      return 1;
    }
    return finish(ctx, r, (e) => `Đã gửi thư "${e.subject}" tới ${e.to.join(', ')} (Message-ID ${e.messageId}).\n`);
  },
  async outbox(ctx) {
    const { values } = parse(ctx.args, {});
    return finish(ctx, await ctx.call('outbox.list', { accountId: values.account }), (list) =>
      list.length
        ? list.map((e) => `${e.id}\t${e.state}\t${e.attempts} lần\t${e.subject}\t${e.lastError ?? ''}\n`).join('')
        : 'Hộp thư đi trống.\n',
    );
  },
};
