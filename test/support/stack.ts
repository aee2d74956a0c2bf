// Shared helpers for tests that talk to the real mail stack (scripts/mailstack). startStack is idempotent and cheap
// when the stack already runs (npm test starts it once before all files).
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../src/engine/index.ts';
import { createFileLogger } from '../../src/platform/log.ts';
import { createKeytarSecretStore } from '../../src/secrets/keytar.ts';
import { startStack, type Flavour, type Role, type StackInfo } from '../../scripts/mailstack/index.ts';
import type { AccountSummary } from '../../src/api/types.ts';
import type { PolicyState } from '../../src/policy/load.ts';
import { createDispatch } from '../../src/api/dispatch.ts';
import type { MethodName, ParamsIn, Result, ResultOf } from '../../src/api/contract.ts';

export async function stack(flavour: Flavour = 'full'): Promise<StackInfo> {
  const info = await startStack({ flavour });
  // keytar talks to the stack's private Secret Service through this session bus.
  Object.assign(process.env, info.keyring.env);
  return info;
}

export function user(info: StackInfo, role: Role) {
  const u = info.users.find((x) => x.role === role);
  if (!u) throw new Error(`no ${role} user in the stack`);
  return u;
}

export function tempDir(prefix = 'tcv-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestEngine {
  engine: Engine;
  profileDir: string;
  /** The keychain service this engine's passwords are stored under (unique per test engine unless given). */
  keychainService: string;
  call<M extends MethodName>(m: M, p: ParamsIn<M>): Promise<Result<ResultOf<M>>>;
  /** Like call, but throws on an error Result (for setup steps). */
  must<M extends MethodName>(m: M, p: ParamsIn<M>): Promise<ResultOf<M>>;
}

export async function testEngine(
  opts: { trustedCaFiles?: string[]; profileDir?: string; keychainService?: string; policy?: PolicyState } = {},
): Promise<TestEngine> {
  const profileDir = opts.profileDir ?? tempDir('tcv-profile-');
  // A keychain service of its own, so tests that store a wrong password on purpose cannot disturb others that share
  // the Secret Service (test files and developers may run concurrently).
  const keychainService = opts.keychainService ?? `Thư Công Vụ (test ${randomUUID()})`;
  const log = createFileLogger(join(profileDir, 'logs', 'engine.log'), 'debug');
  const engine = await createEngine({
    profileDir,
    secrets: createKeytarSecretStore(keychainService),
    log,
    trustedCaFiles: opts.trustedCaFiles,
    policy: opts.policy,
  });
  const dispatch = createDispatch(engine.handlers, log);
  const call = ((m: MethodName, p: unknown) => dispatch(m, p)) as TestEngine['call'];
  const must = (async (m: MethodName, p: unknown) => {
    const r = await dispatch(m, p);
    if (!r.ok) throw new Error(`${m} failed: ${r.error.code} ${r.error.message}`);
    return r.value;
  }) as TestEngine['must'];
  return { engine, profileDir, keychainService, call, must };
}

export function accountParams(info: StackInfo, role: Role, over: Partial<ParamsIn<'accounts.add'>> = {}) {
  const u = user(info, role);
  return {
    email: u.email,
    password: u.password,
    imap: { host: info.imap.host, port: info.imap.port, security: 'starttls' as const },
    smtp: { host: info.smtp.host, port: info.smtp.port, security: 'starttls' as const },
    ...over,
  } satisfies ParamsIn<'accounts.add'>;
}

export async function addAccount(t: TestEngine, info: StackInfo, role: Role): Promise<AccountSummary> {
  return t.must('accounts.add', accountParams(info, role));
}
