// A private D-Bus session bus with gnome-keyring's Secret Service on it, so keytar talks to a real libsecret backend
// (design.md "Testing"; testing.md "Secret Service for keytar").
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Layout } from './layout.ts';
import { KEYRING_PASSWORD } from './layout.ts';
import type { ProcInfo } from './proc.ts';
import { logTail, mkdirOwned, ownPid, run, runOk, terminate } from './proc.ts';

export function busAddress(l: Layout): string {
  return `unix:path=${l.keyring.bus}`;
}

/** The environment a client (keytar, secret-tool) needs to reach this keyring. */
export function keyringEnv(l: Layout): Record<string, string> {
  return { DBUS_SESSION_BUS_ADDRESS: busAddress(l) };
}

function isOurDbus(l: Layout) {
  return (p: ProcInfo) =>
    p.argv[0]?.endsWith('dbus-daemon') === true && p.argv.includes(`--config-file=${l.keyring.busConf}`);
}

function isOurKeyring(l: Layout) {
  return (p: ProcInfo) =>
    p.argv[0]?.endsWith('gnome-keyring-daemon') === true &&
    (p.env.size === 0 || p.env.get('DBUS_SESSION_BUS_ADDRESS') === busAddress(l));
}

export function dbusPid(l: Layout): number | null {
  return ownPid(l.keyring.dbusPidFile, isOurDbus(l));
}

export function keyringPid(l: Layout): number | null {
  return ownPid(l.keyring.keyringPidFile, isOurKeyring(l));
}

export async function secretServiceOnBus(l: Layout): Promise<boolean> {
  const r = await run(
    'dbus-send',
    [
      `--bus=${busAddress(l)}`,
      '--print-reply=literal',
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner',
      'string:org.freedesktop.secrets',
    ],
    { timeoutMs: 2000 },
  );
  return r.code === 0 && /boolean true/.test(r.stdout);
}

function keyringChildEnv(l: Layout): NodeJS.ProcessEnv {
  // HOME and XDG_* point into the state folder: the keyring file and control socket must never land in the real home.
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    HOME: l.keyring.home,
    XDG_DATA_HOME: `${l.keyring.home}/.local/share`,
    XDG_CONFIG_HOME: `${l.keyring.home}/.config`,
    XDG_CACHE_HOME: `${l.keyring.home}/.cache`,
    XDG_RUNTIME_DIR: l.keyring.runtime,
    DBUS_SESSION_BUS_ADDRESS: busAddress(l),
  };
}

export function writeKeyringDirs(l: Layout): void {
  mkdirOwned(l.keyring.root, 0o755);
  mkdirOwned(l.keyring.home, 0o700);
  mkdirOwned(l.keyring.runtime, 0o700);
}

async function startDbus(l: Layout): Promise<void> {
  fs.rmSync(l.keyring.bus, { force: true });
  const r = await runOk(
    'dbus-daemon',
    [`--config-file=${l.keyring.busConf}`, '--fork', '--print-pid', '--nopidfile', '--nosyslog'],
    { env: keyringChildEnv(l), timeoutMs: 10_000, daemonizes: true },
  );
  const pid = Number.parseInt(r.stdout.trim(), 10);
  if (!Number.isInteger(pid)) throw new Error(`dbus-daemon printed no pid: ${r.stdout}${r.stderr}`);
  fs.writeFileSync(l.keyring.dbusPidFile, `${pid}\n`);
  if (r.stderr.trim()) fs.appendFileSync(l.keyring.dbusLog, r.stderr);
}

async function startKeyring(l: Layout): Promise<void> {
  const log = fs.openSync(l.keyring.keyringLog, 'a');
  // --foreground keeps the daemon in the process we spawn, so its pid file is exact; --unlock reads the password from
  // stdin and creates the "login" collection on first run (without it: "Object does not exist at path
  // .../collection/login", testing.md).
  const child = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
    env: keyringChildEnv(l),
    cwd: l.keyring.home,
    detached: true,
    stdio: ['pipe', log, log],
  });
  fs.closeSync(log);
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (e) => reject(new Error(`cannot run gnome-keyring-daemon: ${e.message}`)));
  });
  child.stdin?.end(KEYRING_PASSWORD);
  child.unref();
  fs.writeFileSync(l.keyring.keyringPidFile, `${child.pid}\n`);
}

export async function ensureKeyring(l: Layout): Promise<void> {
  let keyring = keyringPid(l);
  if (dbusPid(l) === null) {
    // A keyring daemon whose bus is gone is useless: start both afresh.
    if (keyring !== null) await terminate(keyring);
    keyring = null;
    await startDbus(l);
  }
  if (keyring === null) await startKeyring(l);
  const deadline = Date.now() + 10_000;
  while (!(await secretServiceOnBus(l))) {
    if (keyringPid(l) === null) {
      throw new Error(
        `gnome-keyring-daemon exited before owning org.freedesktop.secrets${logTail(l.keyring.keyringLog)}`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(`org.freedesktop.secrets did not appear on ${busAddress(l)}${logTail(l.keyring.keyringLog)}`);
    }
    await sleep(30);
  }
}

export async function stopKeyring(l: Layout): Promise<void> {
  const keyring = keyringPid(l);
  if (keyring !== null) await terminate(keyring, 3000);
  const bus = dbusPid(l);
  if (bus !== null) await terminate(bus, 3000);
  fs.rmSync(l.keyring.keyringPidFile, { force: true });
  fs.rmSync(l.keyring.dbusPidFile, { force: true });
  fs.rmSync(l.keyring.bus, { force: true });
}
