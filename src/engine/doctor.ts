// "tcv doctor" and the UI's connection check: each step says in Vietnamese what was checked and what it found, so IT
// can tell a closed port from an untrusted certificate from a wrong password at a glance.
import type { AccountSummary, DoctorReport, DoctorStep, EnvironmentReport, ServerEndpoint } from '../api/types.ts';
import { TcvError, errorMessage } from '../api/errors.ts';
import type { SecretStore } from '../platform/types.ts';
import { classifyMailError } from '../mail/errors.ts';
import { withImap } from '../mail/imap.ts';
import { verifySmtp } from '../mail/smtp.ts';
import { tcpProbe, tlsProbe } from './probe.ts';
import type { Logger } from '../platform/types.ts';

export interface DoctorDeps {
  secrets: SecretStore;
  cas(account: AccountSummary): string[];
  log: Logger;
}

type StepFn = () => Promise<{ message: string; detail?: string; verdict?: 'ok' | 'warn' }>;

type Step = (id: string, label: string, needs: string[], fn: StepFn) => Promise<void>;

/** The step runner both reports share: a step needing one that failed is skipped; a failure is classified. */
function stepRunner(deps: Pick<DoctorDeps, 'log'>): { steps: DoctorStep[]; step: Step } {
  const steps: DoctorStep[] = [];
  const failed = new Set<string>();
  const step: Step = async (id, label, needs, fn) => {
    const started = performance.now();
    const blocker = needs.find((n) => failed.has(n));
    if (blocker) {
      failed.add(id);
      steps.push({
        id,
        label,
        verdict: 'skipped',
        message: 'Bỏ qua vì bước trước chưa đạt.',
        detail: `needs ${blocker}`,
        ms: 0,
      });
      return;
    }
    try {
      const r = await fn();
      steps.push({
        id,
        label,
        verdict: r.verdict ?? 'ok',
        message: r.message,
        detail: r.detail ?? '',
        ms: ms(started),
      });
    } catch (err) {
      failed.add(id);
      const e = err instanceof TcvError ? err : classifyMailError(err, id.startsWith('smtp') ? 'smtp' : 'imap');
      deps.log.warn('doctor step failed', { step: id, code: e.code, detail: e.detail });
      steps.push({
        id,
        label,
        verdict: 'fail',
        message: errorMessage(e.code),
        detail: `${e.code}: ${e.detail}`,
        ms: ms(started),
      });
    }
  };
  return { steps, step };
}

const passed = (steps: DoctorStep[]) => steps.every((s) => s.verdict === 'ok' || s.verdict === 'warn');

export interface EnvironmentServers {
  imap: ServerEndpoint | null;
  smtp: ServerEndpoint | null;
}

/**
 * What can be checked before any account exists (IT setting up a new PC): the OS keychain answers, and the servers the
 * IT policy names (if any) are reachable with a trusted certificate. No login: there is no password yet.
 */
export async function runEnvironmentDoctor(
  servers: EnvironmentServers,
  deps: Omit<DoctorDeps, 'cas'> & { cas: string[] },
): Promise<EnvironmentReport> {
  const { steps, step } = stepRunner(deps);
  await step('keychain', `Kho mật khẩu (${deps.secrets.backend})`, [], async () => {
    // Reading an entry that does not exist answers null from a working keychain and throws from a missing one.
    await deps.secrets.get(KEYCHAIN_PROBE);
    return { message: 'Kho mật khẩu của hệ điều hành hoạt động.' };
  });
  for (const [kind, server] of [
    ['imap', servers.imap],
    ['smtp', servers.smtp],
  ] as const) {
    if (!server) continue;
    const name = kind === 'imap' ? 'máy chủ IMAP' : 'máy chủ gửi thư';
    await step(`${kind}-tcp`, `Kết nối tới ${name} ${server.host}:${server.port} (theo chính sách)`, [], async () => {
      await tcpProbe(server.host, server.port);
      return { message: 'Cổng đang mở.' };
    });
    await step(
      `${kind}-tls`,
      `Bảo mật TLS của ${name} (${securityLabel(server.security)})`,
      [`${kind}-tcp`],
      async () => {
        const r = await tlsProbe(server.host, server.port, server.security, kind, deps.cas);
        return {
          message: 'Chứng chỉ hợp lệ và được tin cậy.',
          detail: `${r.protocol}, CN=${r.subject}, cấp bởi ${r.issuer}`,
        };
      },
    );
  }
  return { ok: passed(steps), steps };
}

/** A keychain entry that never exists: the environment check reads it to see that the keychain answers. */
const KEYCHAIN_PROBE = 'tcv-doctor-probe';

const securityLabel = (s: ServerEndpoint['security']) => (s === 'tls' ? 'TLS trực tiếp' : 'STARTTLS');

export async function runDoctor(account: AccountSummary, deps: DoctorDeps): Promise<DoctorReport> {
  const { steps, step } = stepRunner(deps);
  let password: string | null = null;

  const cas = deps.cas(account);
  const { imap, smtp } = account;

  await step('keychain', `Kho mật khẩu (${deps.secrets.backend})`, [], async () => {
    password = await deps.secrets.get(account.id);
    if (password === null) throw new TcvError('SECRET_MISSING', account.id);
    return { message: 'Đã đọc được mật khẩu từ kho mật khẩu của hệ điều hành.' };
  });
  await step('imap-tcp', `Kết nối tới máy chủ IMAP ${imap.host}:${imap.port}`, [], async () => {
    await tcpProbe(imap.host, imap.port);
    return { message: 'Cổng đang mở.' };
  });
  await step(
    'imap-tls',
    `Bảo mật TLS của IMAP (${imap.security === 'tls' ? 'TLS trực tiếp' : 'STARTTLS'})`,
    ['imap-tcp'],
    async () => {
      const r = await tlsProbe(imap.host, imap.port, imap.security, 'imap', cas);
      return {
        message: 'Chứng chỉ hợp lệ và được tin cậy.',
        detail: `${r.protocol}, CN=${r.subject}, cấp bởi ${r.issuer}, hết hạn ${r.validTo}`,
      };
    },
  );
  await step('imap-login', `Đăng nhập IMAP với tên ${account.username}`, ['keychain', 'imap-tls'], async () => {
    const caps = await withImap({ account, password: password as string, cas, log: deps.log }, async (c) => [
      ...c.capabilities.keys(),
    ]);
    const missing = ['IDLE', 'UIDPLUS', 'MOVE', 'CONDSTORE', 'QRESYNC'].filter((x) => !caps.includes(x));
    return missing.length
      ? {
          verdict: 'warn',
          message: `Đăng nhập được. Máy chủ thiếu tính năng: ${missing.join(', ')} (vẫn dùng được, đồng bộ chậm hơn).`,
          detail: caps.join(' '),
        }
      : { message: 'Đăng nhập được; máy chủ có đủ tính năng đồng bộ nhanh.', detail: caps.join(' ') };
  });
  await step('smtp-tcp', `Kết nối tới máy chủ gửi thư ${smtp.host}:${smtp.port}`, [], async () => {
    await tcpProbe(smtp.host, smtp.port);
    return { message: 'Cổng đang mở.' };
  });
  await step(
    'smtp-tls',
    `Bảo mật TLS của máy chủ gửi thư (${smtp.security === 'tls' ? 'TLS trực tiếp' : 'STARTTLS'})`,
    ['smtp-tcp'],
    async () => {
      const r = await tlsProbe(smtp.host, smtp.port, smtp.security, 'smtp', cas);
      return {
        message: 'Chứng chỉ hợp lệ và được tin cậy.',
        detail: `${r.protocol}, CN=${r.subject}, cấp bởi ${r.issuer}`,
      };
    },
  );
  await step('smtp-login', 'Đăng nhập máy chủ gửi thư (SMTP submission)', ['keychain', 'smtp-tls'], async () => {
    await verifySmtp(account, password as string, cas);
    return { message: 'Máy chủ gửi thư chấp nhận đăng nhập.' };
  });

  return { accountId: account.id, ok: passed(steps), steps };
}

function ms(started: number): number {
  return Math.round(performance.now() - started);
}
