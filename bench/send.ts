// Send benchmark (design.md "Performance targets": sending a 25 MB attachment raises RSS by ≤ 50 MB, streamed).
//
//   node bench/send.ts [--mb 25] [--keep]          (starts the test mail stack if needed; never stops it)
//
// One engine in a fresh child process (node --expose-gc) sends, through messages.send and the real Postfix, a
// message with a 25 MB attachment of random bytes (about 34 MB once base64-encoded), from chuyenvien@ to lanhdao@.
// That covers the whole path: composing into the outbox file, SMTP submission streamed from it, and the copy in
// Sent streamed by IMAP APPEND. RSS is sampled every 5 ms during the send; the figure is the peak minus the baseline
// RSS measured in the same process after a warm-up send of a small message (modules loaded, TLS contexts built).
// For scale, the same run also measures what building that message in memory (MailComposer.build) costs.
// The stack is shared: the messages are found by Message-ID and deleted at the end (unless --keep).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import MailComposer from 'nodemailer/lib/mail-composer';
import { startStack } from '../scripts/mailstack/index.ts';
import { createDispatch } from '../src/api/dispatch.ts';
import type { MethodName, ParamsIn, ResultOf } from '../src/api/contract.ts';
import { createEngine } from '../src/engine/index.ts';
import { createFileLogger } from '../src/platform/log.ts';
import { createKeytarSecretStore } from '../src/secrets/keytar.ts';
import { findByHeader, imapAs, removeUids } from '../test/compose/support.ts';
import { tempDir, user } from '../test/support/stack.ts';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '25' },
    keep: { type: 'boolean', default: false },
    child: { type: 'boolean', default: false },
  },
});

const TARGET_MB = 50;
const MB = 1024 * 1024;
const mb = (n: number) => Math.round((n / MB) * 10) / 10;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function settleRss(ms: number): Promise<number> {
  gc();
  const samples: number[] = [];
  const until = Date.now() + ms;
  while (Date.now() < until) {
    samples.push(process.memoryUsage().rss);
    await new Promise((r) => setTimeout(r, 20));
  }
  return median(samples);
}

/** Peak RSS (and heap + buffers) while fn runs, sampled every 5 ms. */
async function peakDuring<T>(fn: () => Promise<T>): Promise<{ value: T; rss: number; heap: number; buffers: number }> {
  let rss = 0;
  let heap = 0;
  let buffers = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
    buffers = Math.max(buffers, m.arrayBuffers);
  };
  const timer = setInterval(sample, 5);
  try {
    const value = await fn();
    sample();
    return { value, rss, heap, buffers };
  } finally {
    clearInterval(timer);
  }
}

async function child(): Promise<void> {
  const info = await startStack({ flavour: 'full' });
  Object.assign(process.env, info.keyring.env);
  const from = user(info, 'personal');
  const to = user(info, 'head');
  const dir = tempDir('tcv-bench-send-');
  const service = `Thư Công Vụ (bench ${process.pid})`;
  const secrets = createKeytarSecretStore(service);
  const log = createFileLogger(join(dir, 'logs', 'engine.log'), 'info');
  const engine = await createEngine({ profileDir: join(dir, 'profile'), secrets, log, trustedCaFiles: [info.ca] });
  const dispatch = createDispatch(engine.handlers, log);
  const must = async <M extends MethodName>(m: M, p: ParamsIn<M>): Promise<ResultOf<M>> => {
    const r = await dispatch(m, p);
    if (!r.ok) throw new Error(`${m}: ${r.error.code}`);
    return r.value as ResultOf<M>;
  };
  const created: string[] = [];
  try {
    await must('accounts.add', {
      email: from.email,
      password: from.password,
      imap: { host: info.imap.host, port: info.imap.port, security: 'starttls' },
      smtp: { host: info.smtp.host, port: info.smtp.port, security: 'starttls' },
    });
    const size = Number(values.mb) * MB;
    const big = join(dir, 'Báo cáo tổng hợp.bin');
    // Random bytes: nothing along the way can compress them.
    writeFileSync(big, randomBytes(size));
    const small = join(dir, 'nho.bin');
    writeFileSync(small, randomBytes(100 * 1024));
    const tag = `bench-send-${process.pid}-${Date.now()}`;

    // Warm-up: the same path once with a small attachment, then the baseline.
    const warm = await must('messages.send', {
      accountId: from.email,
      to: [to.email],
      subject: `${tag} warm-up`,
      text: 'x',
      attachments: [{ path: small }],
    });
    created.push(warm.messageId);
    const baseline = await settleRss(1000);

    const started = performance.now();
    const run = await peakDuring(() =>
      must('messages.send', {
        accountId: from.email,
        to: [to.email],
        subject: `${tag} ${values.mb} MB`,
        text: 'Kính gửi: Văn phòng.\nGửi kèm báo cáo tổng hợp.',
        attachments: [{ path: big, filename: 'Báo cáo tổng hợp.bin' }],
      }),
    );
    const ms = performance.now() - started;
    const entry = run.value;
    created.push(entry.messageId);
    if (entry.state !== 'sent' || entry.sentCopy !== 'done') {
      throw new Error(`send did not complete: ${entry.state} ${entry.lastError} copy ${entry.sentCopy}`);
    }
    const after = await settleRss(1000);

    // For scale: the same message built in memory, as a naive client would.
    gc();
    const inMemoryBase = await settleRss(500);
    const naive = await peakDuring(() =>
      new MailComposer({
        from: from.email,
        to: to.email,
        subject: 'naive',
        text: 'x',
        attachments: [{ path: big }],
      })
        .compile()
        .build(),
    );

    const growth = run.rss - baseline;
    const result = {
      attachmentMb: Number(values.mb),
      messageMb: mb(entry.size),
      sendMs: Math.round(ms),
      baselineRssMb: mb(baseline),
      peakRssMb: mb(run.rss),
      rssGrowthMb: mb(growth),
      peakHeapMb: mb(run.heap),
      peakArrayBuffersMb: mb(run.buffers),
      rssAfterMb: mb(after),
      inMemoryBuildGrowthMb: mb(naive.rss - inMemoryBase),
      targetMb: TARGET_MB,
      ok: growth <= TARGET_MB * MB,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await engine.close();
    await secrets.delete(from.email).catch(() => false);
    if (!values.keep) {
      for (const [role, folder] of [
        ['head', 'INBOX'],
        ['personal', 'Sent'],
      ] as const) {
        const c = await imapAs(info, role);
        try {
          for (const id of created) await removeUids(c, folder, await findByHeader(c, folder, 'message-id', id));
        } finally {
          await c.logout();
        }
      }
    }
  }
}

if (values.child) {
  await child();
} else {
  const self = fileURLToPath(import.meta.url);
  const args = ['--expose-gc', self, '--child', '--mb', String(values.mb), ...(values.keep ? ['--keep'] : [])];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  if (r.status !== 0 || !line) {
    process.stderr.write(r.stdout);
    process.exit(r.status || 1);
  }
  const x = JSON.parse(line) as Record<string, number | boolean>;
  process.stdout.write(
    [
      `send: ${x.attachmentMb} MB attachment (${x.messageMb} MB message) through Postfix + copy in Sent in ${x.sendMs} ms`,
      `  RSS baseline ${x.baselineRssMb} MB → peak ${x.peakRssMb} MB: grows ${x.rssGrowthMb} MB (target ≤ ${x.targetMb} MB) ${x.ok ? '✔' : '✘'}`,
      `  peak heap ${x.peakHeapMb} MB, peak ArrayBuffers ${x.peakArrayBuffersMb} MB; RSS after ${x.rssAfterMb} MB`,
      `  for scale: building the same message in memory grows RSS by ${x.inMemoryBuildGrowthMb} MB`,
      `  ratio to target: ${(Number(x.rssGrowthMb) / Number(x.targetMb)).toFixed(2)}`,
      '',
    ].join('\n'),
  );
  process.stdout.write(`${line}\n`);
  if (!x.ok) process.exitCode = 1;
}
