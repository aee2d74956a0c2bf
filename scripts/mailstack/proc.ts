// Process, file and socket helpers for the mail stack. Every kill goes through a pid read from one of the stack's own
// pid files and checked against /proc, so a recycled pid or a stock Dovecot/Postfix is never touched.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  input?: string | Buffer;
  cwd?: string;
  timeoutMs?: number;
  /**
   * The command forks a daemon (dovecot, postfix, dbus-daemon --fork). The daemon inherits the command's stdout and
   * stderr, so with pipes "close" would only come when the daemon exits: capture into a file and wait for "exit".
   */
  daemonizes?: boolean;
}

export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  if (opts.daemonizes) return runDaemonizing(cmd, args, opts);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${cmd}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
    child.stdin.on('error', () => {
      /* the child may exit before reading its input; its exit status tells what happened */
    });
    child.stdin.end(opts.input ?? '');
  });
}

function runDaemonizing(cmd: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcv-mailstack-run-'));
  const outFile = path.join(dir, 'stdout');
  const errFile = path.join(dir, 'stderr');
  const out = fs.openSync(outFile, 'w');
  const err = fs.openSync(errFile, 'w');
  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', out, err] });
    fs.closeSync(out);
    fs.closeSync(err);
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    const collect = () => {
      const read = (f: string) => {
        try {
          return fs.readFileSync(f, 'utf8');
        } catch {
          return '';
        }
      };
      const r = { stdout: read(outFile), stderr: read(errFile) };
      fs.rmSync(dir, { recursive: true, force: true });
      return r;
    };
    child.on('error', (e) => {
      clearTimeout(timer);
      collect();
      reject(new Error(`cannot run ${cmd}: ${e.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ...collect() });
    });
  });
}

/** Runs a command and throws with its output when it fails. */
export async function runOk(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) {
    const detail = `${r.stderr}${r.stdout}`.trim();
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.signal ?? `exit ${r.code}`})${detail ? `:\n${detail}` : ''}`);
  }
  return r;
}

export function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 1 ? pid : null;
  } catch {
    return null;
  }
}

export interface ProcInfo {
  pid: number;
  argv: string[];
  cwd: string | null;
  env: Map<string, string>;
}

export function procInfo(pid: number): ProcInfo | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // A zombie has exited: its pid is not a running service.
    if (/^\d+ \(.*\) Z /s.test(stat)) return null;
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    let cwd: string | null = null;
    try {
      cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      cwd = null;
    }
    const env = new Map<string, string>();
    try {
      for (const kv of fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
        const i = kv.indexOf('=');
        if (i > 0) env.set(kv.slice(0, i), kv.slice(i + 1));
      }
    } catch {
      /* environ is unreadable for other users' processes; the argv/cwd checks still apply */
    }
    return { pid, argv, cwd, env };
  } catch {
    return null;
  }
}

/** The pid in `file` if that process is alive and `isOurs` recognises it; otherwise null. */
export function ownPid(file: string, isOurs: (p: ProcInfo) => boolean): number | null {
  const pid = readPid(file);
  if (pid === null) return null;
  const info = procInfo(pid);
  return info && isOurs(info) ? pid : null;
}

export function alive(pid: number): boolean {
  return procInfo(pid) !== null;
}

/** SIGTERM, wait, then SIGKILL; resolves once the process is gone. */
export async function terminate(pid: number, graceMs = 8000): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (alive(pid)) {
    if (Date.now() > deadline) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        return;
      }
      await sleep(50);
      if (!alive(pid)) return;
    }
    await sleep(25);
  }
}

/** Connects once; resolves to the first bytes the server sends (or '' if it sends nothing within `readMs`). */
export function probe(host: string, port: number, readMs = 0, timeoutMs = 1000): Promise<string | null> {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    let done = false;
    const finish = (v: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => finish(readMs > 0 ? '' : null), readMs > 0 ? readMs : timeoutMs);
    sock.once('connect', () => {
      if (readMs === 0) finish('');
    });
    sock.once('data', (b: Buffer) => finish(b.toString('utf8')));
    sock.once('error', () => finish(null));
  });
}

export async function portOpen(host: string, port: number): Promise<boolean> {
  return (await probe(host, port)) !== null;
}

export interface WaitPortOptions {
  name: string;
  host: string;
  port: number;
  /** Text the greeting must start with (IMAP "* OK", SMTP "220"); omitted for TLS-first ports. */
  greeting?: string;
  timeoutMs?: number;
  log?: string;
  /** Stop waiting early, e.g. when the service's master process has died. */
  failed?: () => string | null;
}

export async function waitForPort(o: WaitPortOptions): Promise<void> {
  const deadline = Date.now() + (o.timeoutMs ?? 15_000);
  let last = 'no connection';
  for (;;) {
    const reason = o.failed?.();
    if (reason) throw new Error(`${o.name} on ${o.host}:${o.port}: ${reason}${logTail(o.log)}`);
    const got = await probe(o.host, o.port, o.greeting ? 2000 : 0);
    if (got !== null && (!o.greeting || got.startsWith(o.greeting))) return;
    if (got !== null) last = `unexpected greeting ${JSON.stringify(got.slice(0, 120))}`;
    if (Date.now() > deadline) {
      throw new Error(`${o.name} did not answer on ${o.host}:${o.port} (${last})${logTail(o.log)}`);
    }
    await sleep(30);
  }
}

export function logTail(file: string | undefined, lines = 25): string {
  if (!file) return '';
  try {
    const text = fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    return text ? `\n--- last lines of ${file} ---\n${text}` : `\n(${file} is empty)`;
  } catch {
    return `\n(no log at ${file})`;
  }
}

/** Writes a file only if its content differs; returns whether it changed. */
export function writeIfChanged(file: string, content: string, mode = 0o644): boolean {
  let old: string | null;
  try {
    old = fs.readFileSync(file, 'utf8');
  } catch {
    old = null;
  }
  if (old === content) {
    fs.chmodSync(file, mode);
    return false;
  }
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, content, { mode });
  fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, file);
  return true;
}

export function mkdirOwned(dir: string, mode: number, uid?: number, gid?: number): void {
  fs.mkdirSync(dir, { recursive: true, mode });
  fs.chmodSync(dir, mode);
  if (uid !== undefined && gid !== undefined) fs.chownSync(dir, uid, gid);
}

/** A process's identity across pid reuse: its pid and its start time (clock ticks since boot, /proc/PID/stat field 22). */
export interface ProcId {
  pid: number;
  start: string;
}

function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: [0] is field 3 (state).
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** The live direct children of `pid`. */
export function childProcesses(pid: number): ProcId[] {
  const out: ProcId[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const f = statFields(Number(name));
    // f[1] is field 4 (ppid), f[19] field 22 (starttime); a zombie ('Z') has already exited.
    if (f && f[0] !== 'Z' && Number(f[1]) === pid) out.push({ pid: Number(name), start: f[19] ?? '' });
  }
  return out;
}

/** Ends each process that is still the same one (same start time): SIGTERM, then SIGKILL after `graceMs`. */
export async function terminateAll(procs: readonly ProcId[], graceMs = 3000): Promise<void> {
  const same = (p: ProcId) => {
    const f = statFields(p.pid);
    return f !== null && f[0] !== 'Z' && f[19] === p.start;
  };
  await Promise.all(procs.filter(same).map((p) => terminate(p.pid, graceMs)));
}
