import { EXIT_OK, printError, printJson } from '../output.ts';
import { parse, pickAccount, type Command } from '../context.ts';
import { policyReport, policyReportText } from '../../policy/report.ts';

export const doctorCommands: Record<string, Command> = {
  // The IT policy in effect first (IT checks it on a new PC before any account exists), then the connection steps.
  // The exit code is the connection's: a broken policy is shown, and the app runs without it (docs/policy.md).
  async doctor(ctx) {
    const { values } = parse(ctx.args, {});
    const policy = ctx.policy ? policyReport(await ctx.policy()) : null;
    if (policy && !ctx.out.json) ctx.out.stdout(`${policyReportText(policy)}\n`);
    const accountId = await pickAccount(ctx, values.account);
    if (typeof accountId !== 'string') return printError(ctx.out, accountId);
    const r = await ctx.call('accounts.diagnose', { accountId });
    if (!r.ok) return printError(ctx.out, r.error);
    if (ctx.out.json) printJson(ctx.out, { ...r.value, policy });
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
