// npm run mailstack -- start|stop|status [--flavour full|reduced] [--json]
// The test mail stack (Dovecot, Postfix, gnome-keyring on 127.0.0.1); see docs/mailstack.md.
// stdout carries only the JSON description (with --json); everything for humans goes to stderr.
// Exit codes: 0 ok, 1 failure (or not running, for status), 2 usage error.
import { parseArgs } from 'node:util';
import type { Flavour } from './mailstack/index.ts';
import { missingComponents, stackStatus, startStack, stopStack } from './mailstack/index.ts';
import type { StackInfo } from './mailstack/index.ts';

const USAGE = 'usage: npm run mailstack -- start|stop|status [--flavour full|reduced] [--json]';

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function human(info: StackInfo): string {
  const users = info.users.map((u) => `  ${u.role.padEnd(9)} ${u.email}  ${u.password}`).join('\n');
  return [
    `mail stack (${info.flavour}) running in ${info.dir}`,
    `  IMAP        ${info.imap.host}:${info.imap.port} (STARTTLS), IMAPS ${info.imap.tlsPort}`,
    `  submission  ${info.smtp.host}:${info.smtp.port} (STARTTLS required, SASL)`,
    `  inbound     ${info.inbound.host}:${info.inbound.port} (plain SMTP, no auth, local mailboxes only)`,
    `  CA          ${info.ca}`,
    `  keyring     DBUS_SESSION_BUS_ADDRESS=${info.keyring.dbusAddress}`,
    `  doveadm     doveadm -c ${info.doveadm.config}`,
    users,
  ].join('\n');
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { flavour: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean' } },
    });
  } catch (e) {
    usage((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) usage(positionals.length === 0 ? 'missing command' : 'one command at a time');
  const command = positionals[0];
  const flavourArg = values.flavour ?? 'full';
  if (flavourArg !== 'full' && flavourArg !== 'reduced') usage(`unknown flavour "${flavourArg}"`);
  const flavour: Flavour = flavourArg;
  const log = (line: string) => process.stderr.write(`mailstack: ${line}\n`);
  const print = (info: StackInfo) =>
    values.json ? process.stdout.write(`${JSON.stringify(info)}\n`) : process.stderr.write(`${human(info)}\n`);

  switch (command) {
    case 'start': {
      const info = await startStack({ flavour, log });
      print(info);
      return 0;
    }
    case 'stop': {
      await stopStack({ log });
      log('stopped');
      return 0;
    }
    case 'status': {
      const info = await stackStatus({ flavour });
      if (!info) {
        const missing = await missingComponents({ flavour });
        log(`not running (${flavour}): ${missing.join(', ')} not running`);
        return 1;
      }
      print(info);
      return 0;
    }
    default:
      return usage(`unknown command "${command}"`);
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`mailstack: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
