import { TcvError } from '../../api/errors.ts';
import { withImap } from '../../mail/imap.ts';
import type { accountMethods } from '../../api/methods/accounts.ts';
import type { AccountSummary } from '../../api/types.ts';
import type { EngineContext, FeatureHandlers } from '../context.ts';
import { runDoctor, runEnvironmentDoctor } from '../doctor.ts';
import { activePolicy } from '../../policy/load.ts';
import { assertServersAllowed } from '../../policy/rules.ts';

export const ENGINE_NAME = 'tcv-engine';

export function accountHandlers(ctx: EngineContext): FeatureHandlers<keyof typeof accountMethods> {
  const { accounts, secrets, log } = ctx;
  return {
    'app.info': async () => ({
      name: 'Thư Công Vụ',
      version: ctx.opts.appVersion ?? 'dev',
      engine: ENGINE_NAME,
      profileDir: ctx.opts.profileDir,
    }),
    'accounts.list': async () => accounts.list(),
    'accounts.add': async (p) => {
      const draft = accounts.draft(p);
      if (accounts.find(draft.id)) throw new TcvError('ACCOUNT_EXISTS', draft.id);
      assertServersAllowed(activePolicy(ctx.opts.policy), draft.email, draft);
      if (p.verify) {
        await withImap({ account: draft, password: p.password, cas: ctx.casFor(draft), log }, async () => undefined);
      }
      await secrets.set(draft.id, p.password);
      try {
        accounts.insert(draft);
      } catch (err) {
        await secrets.delete(draft.id).catch(() => false);
        throw err;
      }
      log.info('account added', { account: draft.id, imap: draft.imap, smtp: draft.smtp });
      return draft;
    },
    'accounts.remove': async ({ accountId }) => {
      ctx.connections.drop(accountId);
      const removed = accounts.remove(accountId);
      if (removed) await secrets.delete(accountId);
      return { removed };
    },
    'accounts.diagnose': async ({ accountId }) => runDoctor(accounts.get(accountId), { secrets, cas: ctx.casFor, log }),
    'app.diagnose': async () => {
      const policy = activePolicy(ctx.opts.policy);
      const servers = { imap: policy?.imap ?? null, smtp: policy?.smtp ?? null };
      // The CAs an account without its own CA file trusts: the system's, the policy's, the engine's options.
      return runEnvironmentDoctor(servers, { secrets, cas: ctx.casFor({ caFile: null } as AccountSummary), log });
    },
    'accounts.connection': async () => ctx.connections.reachability(),
  };
}
