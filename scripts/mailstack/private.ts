// A private mail stack for fault tests: its own Dovecot (full, and reduced when asked) and Postfix, in a state folder
// of its own under /tmp, on free high ports of 127.0.0.1, with its own mail homes for the same users, written by the
// same config generator as the shared stack. A test may stop and start its servers (real processes, same state folder)
// without touching the shared stack, which other test files use at the same time. The Secret Service is not a server
// a test stops: the private stack describes the shared stack's keyring (start the shared stack first).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Flavour, Ports } from './layout.ts';
import { HOST, PORTS, layout, stateDir } from './layout.ts';
import {
  dovecotPid,
  dovecotRunning,
  postfixPid,
  postfixRunning,
  startDovecot,
  startPostfix,
  stopDovecot,
  stopPostfix,
} from './services.ts';
import { childProcesses, terminateAll } from './proc.ts';
import type { StackInfo } from './stack.ts';
import { checkEnvironment, describe, writeFiles } from './stack.ts';

export interface PrivateStackOptions {
  /** Which Dovecot serves `info.imap` (default full). The full one always runs: Postfix needs its LMTP and auth. */
  flavour?: Flavour;
  /** Start Postfix too (default true). */
  postfix?: boolean;
  /**
   * Capabilities the reduced Dovecot leaves out on top of its usual list, e.g. `['IDLE']` for a server that can only
   * be polled. Only with `flavour: 'reduced'`.
   */
  reducedWithout?: readonly string[];
  /** A storage quota for every user, e.g. `60k` (Dovecot's quota plugin, `count` backend); default none. */
  quota?: string;
}

export interface PrivateServer {
  /**
   * Stops the server as a service restart would: SIGTERM to the master, then its remaining children (open sessions);
   * resolves once all have exited. The state folder is kept.
   */
  stop(): Promise<void>;
  /** Starts it again with the same config and state folder; resolves when its ports answer. */
  start(): Promise<void>;
  running(): Promise<boolean>;
  /** The master's pid, or null when it is not running. */
  pid(): number | null;
}

export interface PrivateStack {
  info: StackInfo;
  /** Dovecot's instance_name prefix: process titles read `dovecot-<instance>-<flavour>/imap [user ip IDLE]`. */
  instance: string;
  /** The Dovecot serving `info.imap` (the requested flavour). */
  dovecot: PrivateServer;
  postfix: PrivateServer;
  /** Stops everything this private stack started and deletes its state folder. Idempotent. */
  dispose(): Promise<void>;
}

/**
 * Stops a master and then the sessions it leaves behind. Dovecot 2.3.19's master, on SIGTERM, leaves running imap and
 * TLS-proxying imap-login processes alive here (checked: a NOOP on an open session still succeeds afterwards, though
 * `shutdown_clients = yes`); a real restart (`systemctl restart dovecot`, which kills the service's whole control group)
 * ends them. So the master's children, recorded before the stop with their start times, are ended too.
 */
async function stopWithChildren(pid: number | null, stopMaster: () => Promise<void>): Promise<void> {
  const children = pid === null ? [] : childProcesses(pid);
  await stopMaster();
  await terminateAll(children);
}

/** Free ports on 127.0.0.1, held open together while picked so no two are the same. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const s = net.createServer();
          s.once('error', reject);
          s.listen(0, HOST, () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

export async function startPrivateStack(opts: PrivateStackOptions = {}): Promise<PrivateStack> {
  const flavour = opts.flavour ?? 'full';
  if (opts.reducedWithout?.length && flavour !== 'reduced') {
    throw new Error('startPrivateStack: reducedWithout needs flavour "reduced"');
  }
  const withPostfix = opts.postfix ?? true;
  // mkdtemp makes a 0700 folder; the mail homes inside are written by uid 8, which must traverse it. Short names:
  // Unix socket paths inside must stay under 107 bytes.
  const dir = fs.mkdtempSync(path.join('/tmp', 'tcv-p-'));
  fs.chmodSync(dir, 0o755);
  const keys = Object.keys(PORTS) as (keyof Ports)[];
  const picked = await freePorts(keys.length);
  const ports = Object.fromEntries(keys.map((k, i) => [k, picked[i]])) as unknown as Ports;
  const l = layout(dir, {
    ports,
    instance: `tcv-p${ports.imap}`,
    reducedWithout: opts.reducedWithout,
    quota: opts.quota ?? null,
  });
  const shared = layout(stateDir());
  let disposed = false;
  const dispose = async () => {
    if (disposed) return;
    disposed = true;
    await Promise.all([
      stopWithChildren(postfixPid(l), () => stopPostfix(l)),
      stopWithChildren(dovecotPid(l, 'reduced'), () => stopDovecot(l, 'reduced')),
      stopWithChildren(dovecotPid(l, 'full'), () => stopDovecot(l, 'full')),
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    checkEnvironment(l);
    await writeFiles(l);
    await startDovecot(l, 'full');
    await Promise.all([
      flavour === 'reduced' ? startDovecot(l, 'reduced') : Promise.resolve(),
      withPostfix ? startPostfix(l) : Promise.resolve(),
    ]);
  } catch (e) {
    await dispose();
    throw e;
  }
  const base = describe(l, flavour);
  // Keytar talks to the shared stack's Secret Service; this stack has no keyring of its own.
  const sharedInfo = describe(shared, flavour);
  const info: StackInfo = {
    ...base,
    keyring: sharedInfo.keyring,
    logs: { ...base.logs, keyring: sharedInfo.logs.keyring },
  };
  const dovecot: PrivateServer = {
    start: () => startDovecot(l, flavour),
    stop: () => stopWithChildren(dovecotPid(l, flavour), () => stopDovecot(l, flavour)),
    running: () => dovecotRunning(l, flavour),
    pid: () => dovecotPid(l, flavour),
  };
  const postfix: PrivateServer = {
    start: () => startPostfix(l),
    stop: () => stopWithChildren(postfixPid(l), () => stopPostfix(l)),
    running: () => postfixRunning(l),
    pid: () => postfixPid(l),
  };
  return { info, instance: l.instance, dovecot, postfix, dispose };
}
