import { EXIT_FAIL, EXIT_OK, printJson, type Out } from '../output.ts';
import { parse, pickAccount, type Command } from '../context.ts';
import { policyReport, policyReportText } from '../../policy/report.ts';
import type { ApiError } from '../../api/errors.ts';
import type { DoctorStep } from '../../api/types.ts';

const MARK = { ok: '✔ ĐẠT', warn: '⚠ LƯU Ý', fail: '✘ LỖI', skipped: '– BỎ QUA' } as const;

function printSteps(out: Out, steps: DoctorStep[]): void {
  for (const s of steps) {
    out.stdout(
      `${MARK[s.verdict].padEnd(10)} ${s.label}\n           ${s.message}${s.detail ? `\n           (${s.detail})` : ''}\n`,
    );
  }
}

export const doctorCommands: Record<string, Command> = {
  // The IT policy in effect first (IT checks it on a new PC before any account exists), then the connection steps.
  // The exit code is the connection's: a broken policy is shown, and the app runs without it (docs/policy.md).
  // --json always prints one document of the same shape: accountId, ok, steps, policy, error (null when the
  // account's report could be made; otherwise its code and message, with the checks that need no account).
  async doctor(ctx) {
    const { values } = parse(ctx.args, {});
    const policy = ctx.policy ? policyReport(await ctx.policy()) : null;
    if (policy && !ctx.out.json) ctx.out.stdout(`${policyReportText(policy)}\n`);
    const accountId = await pickAccount(ctx, values.account);
    const r =
      typeof accountId === 'string'
        ? await ctx.call('accounts.diagnose', { accountId })
        : ({ ok: false, error: accountId } as const);
    if (r.ok) {
      if (ctx.out.json) printJson(ctx.out, { ...r.value, policy, error: null });
      else {
        printSteps(ctx.out, r.value.steps);
        ctx.out.stdout(
          r.value.ok ? '\nKết luận: kết nối hoạt động bình thường.\n' : '\nKết luận: có lỗi, xem các bước ✘ ở trên.\n',
        );
      }
      return r.value.ok ? EXIT_OK : EXIT_FAIL;
    }
    return withoutAccount(ctx.out, ctx.call, typeof accountId === 'string' ? accountId : null, policy, r.error);
  },
};

/** No account to check (none added, or the one asked for is unknown): the checks that need none, and the error. */
async function withoutAccount(
  out: Out,
  call: Parameters<Command>[0]['call'],
  accountId: string | null,
  policy: ReturnType<typeof policyReport> | null,
  error: ApiError,
): Promise<number> {
  const env = await call('app.diagnose', {});
  if (!env.ok) out.stderr(`Lỗi [${env.error.code}]: ${env.error.message}\n`);
  const steps = env.ok ? env.value.steps : [];
  if (out.json) printJson(out, { accountId, ok: false, steps, policy, error });
  else {
    printSteps(out, steps);
    out.stdout('\nKết luận: chưa kiểm tra được kết nối, xem lỗi bên dưới.\n');
  }
  out.stderr(`Lỗi [${error.code}]: ${error.message}\n`);
  return EXIT_FAIL;
}
