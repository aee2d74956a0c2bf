// The `tcv` command line: the same engine and the same contract as the app (every command goes through
// createDispatch, so validation, errors and results are identical to what the UI gets).
import { join } from 'node:path';
import type { MethodName } from '../api/contract.ts';
import { TcvError, errorMessage } from '../api/errors.ts';
import type { Engine } from '../engine/index.ts';
import { defaultProfileDir } from '../platform/paths.ts';
import type { PolicyState } from '../policy/load.ts';
import { policyPath } from '../policy/paths.ts';
import type { Call, Command, Ctx } from './context.ts';
import { EXIT_OK, EXIT_USAGE, UsageError, printError, type Out } from './output.ts';
import { USAGE } from './usage.ts';

// Each command's module is loaded when that command runs, and the engine (every IMAP, SQLite, MIME and keychain
// module) when a command first calls it: `tcv --help` and `tcv text fold` load neither (docs/sync.md "CLI").
type Commands = Record<string, Command>;
const COMMANDS: Record<string, () => Promise<Commands>> = {
  account: async () => (await import('./commands/account.ts')).accountCommands,
  sync: async () => (await import('./commands/mail.ts')).mailCommands,
  ls: async () => (await import('./commands/mail.ts')).mailCommands,
  show: async () => (await import('./commands/mail.ts')).mailCommands,
  attachment: async () => (await import('./commands/mail.ts')).mailCommands,
  export: async () => (await import('./commands/export.ts')).exportCommands,
  flag: async () => (await import('./commands/actions.ts')).actionCommands,
  move: async () => (await import('./commands/actions.ts')).actionCommands,
  search: async () => (await import('./commands/search.ts')).searchCommands,
  thread: async () => (await import('./commands/search.ts')).searchCommands,
  send: async () => (await import('./commands/send.ts')).sendCommands,
  outbox: async () => (await import('./commands/send.ts')).sendCommands,
  doctor: async () => (await import('./commands/doctor.ts')).doctorCommands,
  text: async () => (await import('./commands/text.ts')).textCommands,
  directory: async () => (await import('./commands/directory.ts')).directoryCommands,
};

/** The names the registry promises, checked against what each module exports (a test runs it). */
export async function commandNames(): Promise<{ name: string; exported: boolean }[]> {
  return Promise.all(
    Object.entries(COMMANDS).map(async ([name, load]) => ({
      name,
      exported: typeof (await load())[name] === 'function',
    })),
  );
}

export interface MainIo {
  stdout?: (s: string) => void;
  stderr?: (s: string) => void;
  readStdin?: () => Promise<string>;
  /** Stops a long-running command (sync --watch); defaults to SIGINT / SIGTERM. */
  interrupted?: () => Promise<void>;
}

function signalled(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function main(argv: string[], io: MainIo = {}): Promise<number> {
  const out: Out = {
    json: argv.includes('--json'),
    stdout: io.stdout ?? ((s) => process.stdout.write(s)),
    stderr: io.stderr ?? ((s) => process.stderr.write(s)),
  };
  // Global options come before the command: tcv [--profile DIR] COMMAND ...
  let profile = defaultProfileDir();
  let policyFile = policyPath();
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--profile') profile = argv[++i] ?? '';
    else if (a.startsWith('--profile=')) profile = a.slice('--profile='.length);
    else if (a === '--policy') policyFile = argv[++i] ?? '';
    else if (a.startsWith('--policy=')) policyFile = a.slice('--policy='.length);
    else if (a === '--help' || a === '-h') {
      out.stdout(USAGE);
      return EXIT_OK;
    } else break;
  }
  const [name, ...args] = argv.slice(i);
  const load = name && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load || !profile) {
    out.stderr((name ? `Lệnh không hợp lệ / unknown command: ${name}\n\n` : '') + USAGE);
    return EXIT_USAGE;
  }
  let engine: Promise<OpenEngine> | undefined;
  let policyState: Promise<PolicyState> | undefined;
  // Read once, when a command or the engine first needs it (tcv --help and tcv text load no policy module).
  const policy = () =>
    (policyState ??= import('../policy/load.ts').then(({ loadPolicy }) => loadPolicy(policyFile || null)));
  try {
    const command = (await load())[name as string] as Command;
    const open = () => (engine ??= policy().then((state) => openEngine(profile, state, out)));
    const call = (async (m: MethodName, p: unknown) => (await open()).call(m, p)) as Call;
    const ctx: Ctx = {
      out,
      call,
      args,
      readStdin: io.readStdin ?? readAllStdin,
      // Only commands that keep running subscribe (sync --watch): the engine is open by then.
      on: (event, listener) => {
        let off = () => {};
        void open().then((e) => {
          off = e.engine.onEvent((ev, payload) => {
            if ((ev as string) === event) listener(payload as never);
          });
        });
        return () => off();
      },
      interrupted: io.interrupted ?? signalled,
      policy,
      indexed: async () => (engine ? (await engine).engine.indexIdle?.() : undefined),
    };
    return await command(ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      out.stderr(`${err.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (err instanceof TcvError)
      return printError(out, { code: err.code, message: `${errorMessage(err.code)} (${err.detail})` });
    return printError(out, { code: 'INTERNAL', message: `${errorMessage('INTERNAL')} ${(err as Error).message}` });
  } finally {
    if (engine) await (await engine.catch(() => null))?.engine.close();
  }
}

interface OpenEngine {
  engine: Engine;
  call(m: MethodName, p: unknown): ReturnType<Call>;
}

/** The engine of a profile, with the IT policy, loaded on a command's first call. */
async function openEngine(profile: string, policy: PolicyState, out: Out): Promise<OpenEngine> {
  const [
    { createDispatch },
    { createEngine },
    { createFileLogger },
    { discoveryNetworkFromEnv },
    { createKeytarSecretStore },
  ] = await Promise.all([
    import('../api/dispatch.ts'),
    import('../engine/index.ts'),
    import('../platform/log.ts'),
    import('../accounts/discovery/env.ts'),
    import('../secrets/keytar.ts'),
  ]);
  const log = createFileLogger(join(profile, 'logs', 'tcv.log'));
  if (policy.status === 'invalid') {
    out.stderr(`Cảnh báo [${policy.error.code}]: ${errorMessage(policy.error.code)} (${policy.error.detail})\n`);
  }
  const engine = await createEngine({
    profileDir: profile,
    secrets: createKeytarSecretStore(),
    log,
    appVersion: process.env.npm_package_version,
    // The machine-wide IT policy (docs/policy.md), its directory.ldap included; a broken file is reported above and
    // otherwise ignored.
    policy,
    discovery: discoveryNetworkFromEnv(process.env),
  });
  const dispatch = createDispatch(engine.handlers, log);
  return { engine, call: ((m: MethodName, p: unknown) => dispatch(m, p)) as OpenEngine['call'] };
}
