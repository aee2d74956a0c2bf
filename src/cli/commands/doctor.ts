import { EXIT_OK, printError, printJson } from '../output.ts';
import { parse, pickAccount, type Command } from '../context.ts';

export const doctorCommands: Record<string, Command> = {
  async doctor(ctx) {
    const { values } = parse(ctx.args, {});
    const accountId = await pickAccount(ctx, values.account);
    if (typeof accountId !== 'string') return printError(ctx.out, accountId);
    const r = await ctx.call('accounts.diagnose', { accountId });
    if (!r.ok) return printError(ctx.out, r.error);
    if (ctx.out.json) printJson(ctx.out, r.value);
    else {
      const mark = { ok: '✔ ĐẠT', warn: '⚠ LƯU Ý', fail: '✘ LỖI', skipped: '– BỎ QUA' } as const;
      for (const s of r.value.steps) {
        ctx.out.stdout(
          `${mark[s.verdict].padEnd(10)} ${s.label}\n           ${s.message}${s.detail ? `\n           (${s.detail})` : ''}\n`,
        );
      }
      ctx.out.stdout(
        r.value.ok ? '\nKết luận: kết nối hoạt động bình thường.\n' : '\nKết luận: có lỗi, xem các bước ✘ ở trên.\n',
      );
    }
    return r.value.ok ? EXIT_OK : 1;
  },
};
