// Starting and stopping the private Dovecot masters and the private Postfix.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Flavour, Layout } from './layout.ts';
import { HOST } from './layout.ts';
import type { ProcInfo } from './proc.ts';
import { logTail, ownPid, portOpen, procInfo, run, runOk, terminate, waitForPort } from './proc.ts';

export interface PortSpec {
  name: string;
  port: number;
  greeting?: string;
}

export function dovecotPorts(l: Layout, flavour: Flavour): PortSpec[] {
  if (flavour === 'reduced') {
    return [
      { name: 'Dovecot (reduced) IMAP', port: l.ports.reducedImap, greeting: '* OK' },
      { name: 'Dovecot (reduced) IMAPS', port: l.ports.reducedImaps },
    ];
  }
  return [
    { name: 'Dovecot IMAP', port: l.ports.imap, greeting: '* OK' },
    { name: 'Dovecot IMAPS', port: l.ports.imaps },
    { name: 'Dovecot LMTP', port: l.ports.lmtp, greeting: '220' },
  ];
}

export function postfixPorts(l: Layout): PortSpec[] {
  return [
    { name: 'Postfix submission', port: l.ports.submission, greeting: '220' },
    { name: 'Postfix inbound SMTP', port: l.ports.inbound, greeting: '220' },
  ];
}

/** Fails clearly when a port the component is about to bind is held by some other program. */
async function assertPortsFree(l: Layout, ports: PortSpec[]): Promise<void> {
  for (const p of ports) {
    if (!(await portOpen(HOST, p.port))) continue;
    const ss = await run('ss', ['-ltnpH', `sport = :${p.port}`]).catch(() => null);
    const listing = ss?.stdout.trim() ?? '';
    // Only pid files decide what `stop` may kill. An orphan from this very folder (pid file lost, e.g. the folder was
    // deleted while the stack ran) is pointed out so a person can end it, but never killed automatically.
    const hints = [...new Set([...listing.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])))].flatMap((pid) => {
      const info = procInfo(pid);
      const fromHere = info && (info.argv.some((a) => a.startsWith(l.dir)) || (info.cwd?.startsWith(l.dir) ?? false));
      return fromHere
        ? [
            `process ${pid} (${info.argv[0]}) was started from ${l.dir} but its pid file is gone; end it with: kill ${pid}`,
          ]
        : [];
    });
    throw new Error(
      `${p.name}: port ${HOST}:${p.port} is already in use by a program this stack did not start` +
        `${listing ? `\n${listing}` : ''}${hints.length ? `\n${hints.join('\n')}` : ''}`,
    );
  }
}

async function waitForPid(get: () => number | null, name: string, log: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (get() === null) {
    if (Date.now() > deadline) throw new Error(`${name} did not start (no live pid in its pid file)${logTail(log)}`);
    await sleep(20);
  }
}

async function waitPorts(ports: PortSpec[], log: string, failed: () => string | null): Promise<void> {
  await Promise.all(
    ports.map((p) =>
      waitForPort({ name: p.name, host: HOST, port: p.port, greeting: p.greeting, log, failed, timeoutMs: 15_000 }),
    ),
  );
}

// ---- Dovecot -------------------------------------------------------------------------------------------------------

function isOurDovecot(conf: string) {
  return (p: ProcInfo) => (p.argv[0]?.endsWith('dovecot') ?? false) && p.argv.includes(conf);
}

export function dovecotPid(l: Layout, flavour: Flavour): number | null {
  const d = l.dovecot[flavour];
  return ownPid(d.pidFile, isOurDovecot(d.conf));
}

export async function startDovecot(l: Layout, flavour: Flavour): Promise<void> {
  const d = l.dovecot[flavour];
  await assertPortsFree(l, dovecotPorts(l, flavour));
  // A stale anvil socket from a killed master costs a 5 s stall on start (testing.md); nothing else in base_dir matters.
  if (fs.existsSync(d.baseDir)) {
    for (const name of fs.readdirSync(d.baseDir)) {
      if (name.startsWith('anvil')) fs.rmSync(path.join(d.baseDir, name), { force: true });
    }
  }
  // Not running (the caller checked), so a master.pid here is stale and would be mistaken for the new master's.
  fs.rmSync(d.pidFile, { force: true });
  const r = await run('dovecot', ['-c', d.conf], { timeoutMs: 15_000, daemonizes: true });
  if (r.code !== 0) {
    throw new Error(
      `dovecot -c ${d.conf} failed (exit ${r.code}):\n${`${r.stderr}${r.stdout}`.trim()}${logTail(d.log)}`,
    );
  }
  // The command returns as soon as it has forked; the daemon writes master.pid a moment later.
  await waitForPid(() => dovecotPid(l, flavour), `Dovecot (${flavour}) master`, d.log);
  await waitPorts(dovecotPorts(l, flavour), d.log, () =>
    dovecotPid(l, flavour) === null ? 'the Dovecot master exited' : null,
  );
}

export async function stopDovecot(l: Layout, flavour: Flavour): Promise<void> {
  const pid = dovecotPid(l, flavour);
  if (pid !== null) await terminate(pid);
}

export async function dovecotRunning(l: Layout, flavour: Flavour): Promise<boolean> {
  if (dovecotPid(l, flavour) === null) return false;
  const open = await Promise.all(dovecotPorts(l, flavour).map((p) => portOpen(HOST, p.port)));
  return open.every(Boolean);
}

// ---- Postfix -------------------------------------------------------------------------------------------------------

function isOurPostfix(l: Layout) {
  // Postfix's master chdirs to its queue directory: that tells our instance from the stock one or a recycled pid.
  return (p: ProcInfo) => (p.argv[0]?.endsWith('/master') ?? false) && p.cwd === l.postfix.spool;
}

export function postfixPid(l: Layout): number | null {
  return ownPid(l.postfix.pidFile, isOurPostfix(l));
}

/**
 * Postfix's `postfix-script` runs integrity checks (`check-fatal`, `check-warn`) on every start: 3-6 s here, most of
 * the stack's start time. The stack creates the queue directories itself (`post-install create-missing`, about 1 s,
 * once per state folder) and starts with Postfix's own `quick-start` marker, as after `postfix quick-stop`: 0.3 s.
 * The checks are not lost: if that start fails, a full start runs them and its output is reported.
 */
export async function startPostfix(l: Layout): Promise<void> {
  await assertPortsFree(l, postfixPorts(l));
  const conf = l.postfix.conf;
  // Postfix creates the queue's subdirectories with the right owners, but not the queue directory itself.
  fs.mkdirSync(l.postfix.spool, { recursive: true, mode: 0o755 });
  if (!fs.existsSync(path.join(l.postfix.spool, 'maildrop')) || !fs.existsSync(l.postfix.data)) {
    await runOk('postfix', ['-c', conf, 'post-install', 'create-missing'], { timeoutMs: 30_000 });
  }
  const quickStart = path.join(l.postfix.spool, 'quick-start');
  fs.writeFileSync(quickStart, '');
  fs.rmSync(l.postfix.pidFile, { force: true });
  const r = await run('postfix', ['-c', conf, 'start'], { timeoutMs: 30_000, daemonizes: true });
  if (r.code !== 0) {
    // The full start with every check; without a terminal Postfix may print nothing, under script(1) it says why
    // (testing.md).
    fs.rmSync(quickStart, { force: true });
    const again = await run('script', ['-qc', `postfix -c '${conf}' start`, '/dev/null'], {
      timeoutMs: 30_000,
      daemonizes: true,
    });
    if (again.code !== 0) {
      const why = `${r.stderr}${r.stdout}\n${again.stdout}${again.stderr}`.trim();
      throw new Error(`postfix -c ${conf} start failed (exit ${again.code}):\n${why}${logTail(l.postfix.log)}`);
    }
  }
  await waitForPid(() => postfixPid(l), 'Postfix master', l.postfix.log);
  await waitPorts(postfixPorts(l), l.postfix.log, () => (postfixPid(l) === null ? 'the Postfix master exited' : null));
}

export async function stopPostfix(l: Layout): Promise<void> {
  const pid = postfixPid(l);
  if (pid !== null) await terminate(pid);
}

export async function postfixRunning(l: Layout): Promise<boolean> {
  if (postfixPid(l) === null) return false;
  const open = await Promise.all(postfixPorts(l).map((p) => portOpen(HOST, p.port)));
  return open.every(Boolean);
}
