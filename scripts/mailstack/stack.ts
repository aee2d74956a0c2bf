// Orchestration: start (idempotent, cheap when running), stop (idempotent), status.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  dbusConf,
  dovecotConf,
  postfixMainCf,
  postfixMasterCf,
  postfixSenderLogins,
  postfixVirtualMailboxes,
  usersFile,
} from './config.ts';
import {
  busAddress,
  dbusPid,
  ensureKeyring,
  keyringEnv,
  keyringPid,
  secretServiceOnBus,
  stopKeyring,
  writeKeyringDirs,
} from './keyring.ts';
import type { Flavour, Layout, Role } from './layout.ts';
import { DOMAIN, HOST, MAIL_GID, MAIL_UID, USERS, layout } from './layout.ts';
import { alive, mkdirOwned, readPid, writeIfChanged } from './proc.ts';
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
import { certificatesValid, ensureCertificates } from './tls.ts';

export interface StackInfo {
  imap: { host: string; port: number; tlsPort: number };
  smtp: { host: string; port: number };
  inbound: { host: string; port: number };
  /** PEM file of the CA that signed every server certificate of the stack. */
  ca: string;
  users: { email: string; password: string; role: Role }[];
  flavour: Flavour;
  domain: string;
  dir: string;
  lmtp: { host: string; port: number };
  keyring: { dbusAddress: string; env: Record<string, string> };
  doveadm: { config: string };
  logs: { dovecot: string; dovecotReduced: string; postfix: string; keyring: string };
}

export interface StartOptions {
  flavour?: Flavour;
  /** Progress lines (to stderr in the CLI). */
  log?: (line: string) => void;
}

export function describe(l: Layout, flavour: Flavour): StackInfo {
  const full = flavour === 'full';
  const ports = l.ports;
  return {
    imap: { host: HOST, port: full ? ports.imap : ports.reducedImap, tlsPort: full ? ports.imaps : ports.reducedImaps },
    smtp: { host: HOST, port: ports.submission },
    inbound: { host: HOST, port: ports.inbound },
    ca: l.caCert,
    users: USERS.map((u) => ({ email: u.email, password: u.password, role: u.role })),
    flavour,
    domain: DOMAIN,
    dir: l.dir,
    lmtp: { host: HOST, port: ports.lmtp },
    keyring: { dbusAddress: busAddress(l), env: keyringEnv(l) },
    // Fixtures always go through the full instance: it has the ACL plugin's shared dictionary and LMTP.
    doveadm: { config: l.dovecot.full.conf },
    logs: {
      dovecot: l.dovecot.full.log,
      dovecotReduced: l.dovecot.reduced.log,
      postfix: l.postfix.log,
      keyring: l.keyring.keyringLog,
    },
  };
}

// ---- lock ----------------------------------------------------------------------------------------------------------
// node --test runs test files in parallel processes and each calls startStack(): one start at a time, the others wait
// and then find everything running.

function lockAgeMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

async function withLock<T>(l: Layout, fn: () => Promise<T>, timeoutMs = 90_000): Promise<T> {
  fs.mkdirSync(l.dir, { recursive: true, mode: 0o755 });
  const deadline = Date.now() + timeoutMs;
  // The pid is written to a private file first and hard-linked into place: link() is atomic and fails if the lock
  // exists, so no other process can ever see a lock file without its owner's pid in it.
  const mine = `${l.lockFile}.${process.pid}.${randomUUID()}`;
  fs.writeFileSync(mine, `${process.pid}\n`);
  for (;;) {
    try {
      fs.linkSync(mine, l.lockFile);
      fs.rmSync(mine, { force: true });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        fs.rmSync(mine, { force: true });
        throw e;
      }
      const holder = readPid(l.lockFile);
      // A lock without a readable pid can only be damaged (see above): treat it as stale once it is a few seconds old.
      const stale = holder === null ? lockAgeMs(l.lockFile) > 5000 : !alive(holder);
      if (stale) {
        // Remove only if it still names the dead holder, so two waiters cannot both steal it.
        if (readPid(l.lockFile) === holder) fs.rmSync(l.lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        fs.rmSync(mine, { force: true });
        throw new Error(`another mailstack command (pid ${holder ?? '?'}) holds ${l.lockFile}`, { cause: e });
      }
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    if (readPid(l.lockFile) === process.pid) fs.rmSync(l.lockFile, { force: true });
  }
}

// ---- checks --------------------------------------------------------------------------------------------------------

export function checkEnvironment(l: Layout): void {
  if (process.getuid?.() !== 0) {
    throw new Error('the mail stack must be started as root (Dovecot and Postfix masters bind ports and switch users)');
  }
  // uid 8 must reach the mail homes: no /root and no mode-700 parents (testing.md).
  for (let p = l.dir; p !== '/'; p = p.slice(0, p.lastIndexOf('/')) || '/') {
    if (!fs.existsSync(p)) continue;
    if ((fs.statSync(p).mode & 0o001) === 0) {
      throw new Error(`${p} is not traversable by uid 8 (mail): choose a state folder outside it (TCV_MAILSTACK_DIR)`);
    }
  }
  // Unix socket paths are limited to 107 bytes; Dovecot's longest one sits in the reduced base_dir.
  const longest = `${l.dovecot.reduced.baseDir}/login/imap-urlauth-postlogin`;
  if (Buffer.byteLength(longest) > 107) {
    throw new Error(`state folder ${l.dir} is too long for Unix socket paths: use a shorter TCV_MAILSTACK_DIR`);
  }
}

// ---- files ---------------------------------------------------------------------------------------------------------

type Component = 'dovecot' | 'dovecot-reduced' | 'postfix' | 'keyring';

function configFiles(l: Layout): { component: Component | 'users'; file: string; text: string }[] {
  return [
    { component: 'users', file: l.usersFile, text: usersFile() },
    { component: 'dovecot', file: l.dovecot.full.conf, text: dovecotConf(l, 'full') },
    { component: 'dovecot-reduced', file: l.dovecot.reduced.conf, text: dovecotConf(l, 'reduced') },
    { component: 'postfix', file: `${l.postfix.conf}/main.cf`, text: postfixMainCf(l) },
    { component: 'postfix', file: `${l.postfix.conf}/master.cf`, text: postfixMasterCf(l) },
    { component: 'postfix', file: `${l.postfix.conf}/vmailbox`, text: postfixVirtualMailboxes() },
    { component: 'postfix', file: `${l.postfix.conf}/sender_logins`, text: postfixSenderLogins() },
    { component: 'keyring', file: l.keyring.busConf, text: dbusConf(l) },
  ];
}

function stampFile(l: Layout, c: Component): string {
  const root = {
    dovecot: l.dovecot.full.root,
    'dovecot-reduced': l.dovecot.reduced.root,
    postfix: l.postfix.root,
    keyring: l.keyring.root,
  };
  return path.join(root[c], 'started-with.sha256');
}

/**
 * Digest of everything a component reads at start: its config text and, for the TLS servers, the certificate. A
 * running component whose stamp (the digest it was started with) differs is restarted; one that matches is left alone,
 * which is what makes a repeated start cheap while still picking up an edited generator.
 */
function configDigest(l: Layout, c: Component): string {
  const h = createHash('sha256');
  for (const f of configFiles(l)) if (f.component === c) h.update(f.text).update('\0');
  if (c !== 'keyring') {
    try {
      h.update(fs.readFileSync(l.serverCert));
    } catch {
      h.update('no certificate');
    }
  }
  return h.digest('hex');
}

function stampCurrent(l: Layout, c: Component): boolean {
  try {
    return fs.readFileSync(stampFile(l, c), 'utf8').trim() === configDigest(l, c);
  } catch {
    return false;
  }
}

function writeStamp(l: Layout, c: Component): void {
  fs.writeFileSync(stampFile(l, c), `${configDigest(l, c)}\n`);
}

/** True when every config file on disk is what this version of the scripts would write. */
function configCurrent(l: Layout): boolean {
  return configFiles(l).every(({ file, text }) => {
    try {
      return fs.readFileSync(file, 'utf8') === text;
    } catch {
      return false;
    }
  });
}

export async function writeFiles(l: Layout): Promise<void> {
  mkdirOwned(l.dir, 0o755);
  mkdirOwned(l.logDir, 0o755);
  // Mail homes and the shared-mailbox dictionary are written by imap/lmtp processes running as uid 8.
  mkdirOwned(l.mailDir, 0o750, MAIL_UID, MAIL_GID);
  mkdirOwned(l.sharedDir, 0o750, MAIL_UID, MAIL_GID);
  for (const dir of [l.dovecot.full.root, l.dovecot.reduced.root, l.postfix.root, l.postfix.conf])
    mkdirOwned(dir, 0o755);
  writeKeyringDirs(l);
  await ensureCertificates(l);
  // The passwords are published in the JSON anyway; 0644 lets every auth process read the users file. passwd-file
  // notices a changed users file by itself, so it restarts nothing.
  for (const { file, text } of configFiles(l)) writeIfChanged(file, text);
}

// ---- public API ----------------------------------------------------------------------------------------------------

/**
 * Parts of `flavour` that are not running. `thorough` also asks the bus whether the Secret Service owns its name (a
 * dbus-send round trip); without it, pids and open ports are checked, which takes a few milliseconds.
 */
async function missingParts(l: Layout, flavour: Flavour, thorough: boolean): Promise<string[]> {
  const keyringUp = async () =>
    dbusPid(l) !== null &&
    keyringPid(l) !== null &&
    fs.existsSync(l.keyring.bus) &&
    (!thorough || (await secretServiceOnBus(l)));
  const [full, reduced, postfix, secrets] = await Promise.all([
    dovecotRunning(l, 'full'),
    flavour === 'reduced' ? dovecotRunning(l, 'reduced') : Promise.resolve(true),
    postfixRunning(l),
    keyringUp(),
  ]);
  const missing: string[] = [];
  if (!full) missing.push('dovecot');
  if (!reduced) missing.push('dovecot-reduced');
  if (!postfix) missing.push('postfix');
  if (!secrets) missing.push('keyring');
  return missing;
}

/** The description of the running stack for `flavour`, or null if any part of it is not running. */
export async function stackStatus(opts: { flavour?: Flavour } = {}): Promise<StackInfo | null> {
  const l = layout();
  const flavour = opts.flavour ?? 'full';
  const missing = await missingParts(l, flavour, true);
  return missing.length === 0 ? describe(l, flavour) : null;
}

/** What is missing for `flavour` (empty when running). */
export async function missingComponents(opts: { flavour?: Flavour } = {}): Promise<string[]> {
  return missingParts(layout(), opts.flavour ?? 'full', true);
}

function neededComponents(flavour: Flavour): Component[] {
  return flavour === 'reduced'
    ? ['dovecot', 'dovecot-reduced', 'postfix', 'keyring']
    : ['dovecot', 'postfix', 'keyring'];
}

export async function startStack(opts: StartOptions = {}): Promise<StackInfo> {
  const l = layout();
  const flavour = opts.flavour ?? 'full';
  const log = opts.log ?? (() => {});
  checkEnvironment(l);
  const needed = neededComponents(flavour);
  // Fast path, taken by every test file once the runner has started the stack: no lock, no child process.
  if (
    configCurrent(l) &&
    certificatesValid(l) &&
    needed.every((c) => stampCurrent(l, c)) &&
    (await missingParts(l, flavour, false)).length === 0
  ) {
    return describe(l, flavour);
  }
  return withLock(l, async () => {
    const t0 = performance.now();
    await writeFiles(l);
    const running: Record<Component, () => Promise<boolean>> = {
      dovecot: () => dovecotRunning(l, 'full'),
      'dovecot-reduced': () => dovecotRunning(l, 'reduced'),
      postfix: () => postfixRunning(l),
      keyring: async () => dbusPid(l) !== null && keyringPid(l) !== null && (await secretServiceOnBus(l)),
    };
    const hasPid: Record<Component, () => boolean> = {
      dovecot: () => dovecotPid(l, 'full') !== null,
      'dovecot-reduced': () => dovecotPid(l, 'reduced') !== null,
      postfix: () => postfixPid(l) !== null,
      keyring: () => dbusPid(l) !== null || keyringPid(l) !== null,
    };
    const stop: Record<Component, () => Promise<void>> = {
      dovecot: () => stopDovecot(l, 'full'),
      'dovecot-reduced': () => stopDovecot(l, 'reduced'),
      postfix: () => stopPostfix(l),
      keyring: () => stopKeyring(l),
    };
    const start: Record<Component, () => Promise<void>> = {
      dovecot: () => startDovecot(l, 'full'),
      'dovecot-reduced': () => startDovecot(l, 'reduced'),
      postfix: () => startPostfix(l),
      keyring: () => ensureKeyring(l),
    };

    // Independent parts start in parallel (Postfix reaches Dovecot's auth socket and LMTP only per connection).
    const results = await Promise.allSettled(
      needed.map(async (c) => {
        const current = stampCurrent(l, c);
        if (current && (await running[c]())) return false;
        const t = performance.now();
        if (hasPid[c]()) {
          log(`${c}: restarting (${current ? 'not answering' : 'configuration changed'})`);
          await stop[c]();
        }
        await start[c]();
        writeStamp(l, c);
        log(`${c} ready in ${Math.round(performance.now() - t)} ms`);
        return true;
      }),
    );
    const failures = results.flatMap((r) =>
      r.status === 'rejected' ? [String((r.reason as Error)?.message ?? r.reason)] : [],
    );
    if (failures.length > 0) throw new Error(failures.join('\n\n'));
    if (results.some((r) => r.status === 'fulfilled' && r.value)) {
      log(`mail stack (${flavour}) ready in ${Math.round(performance.now() - t0)} ms`);
    }
    return describe(l, flavour);
  });
}

export async function stopStack(opts: { log?: (line: string) => void } = {}): Promise<void> {
  const l = layout();
  const log = opts.log ?? (() => {});
  if (!fs.existsSync(l.dir)) return;
  await withLock(l, async () => {
    const t0 = performance.now();
    const stopping: string[] = [];
    if (postfixPid(l) !== null) stopping.push('postfix');
    if (dovecotPid(l, 'full') !== null) stopping.push('dovecot');
    if (dovecotPid(l, 'reduced') !== null) stopping.push('dovecot-reduced');
    if (dbusPid(l) !== null || keyringPid(l) !== null) stopping.push('keyring');
    // Postfix first would be tidier, but each master drains its own children: stopping all at once saves seconds.
    await Promise.all([stopPostfix(l), stopDovecot(l, 'full'), stopDovecot(l, 'reduced'), stopKeyring(l)]);
    if (stopping.length > 0) log(`stopped ${stopping.join(', ')} in ${Math.round(performance.now() - t0)} ms`);
  });
}
