// The `tcv` command line: the same engine and the same contract as the app (every command goes through
// createDispatch, so validation, errors and results are identical to what the UI gets).
import { join } from 'node:path';
import type { MethodName } from '../api/contract.ts';
import { createDispatch } from '../api/dispatch.ts';
import { TcvError, errorMessage } from '../api/errors.ts';
import { createEngine, type Engine } from '../engine/index.ts';
import { ldapSectionFromPolicyFile } from '../directory/ldap/policy.ts';
import { createFileLogger } from '../platform/log.ts';
import { defaultProfileDir } from '../platform/paths.ts';
import { discoveryNetworkFromEnv } from '../accounts/discovery/env.ts';
import { loadPolicy } from '../policy/load.ts';
import { policyPath } from '../policy/paths.ts';
import { createKeytarSecretStore } from '../secrets/keytar.ts';
import { accountCommands } from './commands/account.ts';
import { actionCommands } from './commands/actions.ts';
import { directoryCommands } from './commands/directory.ts';
import { doctorCommands } from './commands/doctor.ts';
import { exportCommands } from './commands/export.ts';
import { mailCommands } from './commands/mail.ts';
import { searchCommands } from './commands/search.ts';
import { sendCommands } from './commands/send.ts';
import { textCommands } from './commands/text.ts';
import type { Call, Command } from './context.ts';
import { EXIT_OK, EXIT_USAGE, UsageError, printError, type Out } from './output.ts';
import { USAGE } from './usage.ts';

const commands: Record<string, Command> = {
  ...accountCommands,
  ...mailCommands,
  ...exportCommands,
  ...actionCommands,
  ...searchCommands,
  ...sendCommands,
  ...doctorCommands,
  ...textCommands,
  ...directoryCommands,
};

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
  const command = name ? commands[name] : undefined;
  if (!command || !profile) {
    out.stderr((name ? `Lệnh không hợp lệ / unknown command: ${name}\n\n` : '') + USAGE);
    return EXIT_USAGE;
  }
  let engine: Engine | undefined;
  try {
    const log = createFileLogger(join(profile, 'logs', 'tcv.log'));
    const policy = loadPolicy(policyFile || null);
    if (policy.status === 'invalid') {
      out.stderr(`Cảnh báo [${policy.error.code}]: ${errorMessage(policy.error.code)} (${policy.error.detail})\n`);
    }
    engine = await createEngine({
      profileDir: profile,
      secrets: createKeytarSecretStore(),
      log,
      appVersion: process.env.npm_package_version,
      // The machine-wide IT policy (docs/policy.md); a broken file is reported above and otherwise ignored.
      policy,
      discovery: discoveryNetworkFromEnv(process.env),
      // directory.ldap of the policy; a file that is not a valid policy as a whole still lends its LDAP section
      // (the reader the directory had before src/policy existed).
      directoryLdap: () =>
        policy.status === 'ok'
          ? (policy.policy.directory?.ldap ?? null)
          : ldapSectionFromPolicyFile(policyFile || undefined),
    });
    const dispatch = createDispatch(engine.handlers, log);
    const call = ((m: MethodName, p: unknown) => dispatch(m, p)) as Call;
    const eng = engine;
    return await command({
      out,
      call,
      args,
      readStdin: io.readStdin ?? readAllStdin,
      on: (event, listener) =>
        eng.onEvent((e, payload) => {
          if ((e as string) === event) listener(payload as never);
        }),
      interrupted: io.interrupted ?? signalled,
      indexed: async () => eng.indexIdle?.(),
    });
  } catch (err) {
    if (err instanceof UsageError) {
      out.stderr(`${err.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (err instanceof TcvError)
      return printError(out, { code: err.code, message: `${errorMessage(err.code)} (${err.detail})` });
    return printError(out, { code: 'INTERNAL', message: `${errorMessage('INTERNAL')} ${(err as Error).message}` });
  } finally {
    await engine?.close();
  }
}
