import type { sendMethods } from '../../api/methods/send.ts';
import { composeMessage } from '../../mail/compose.ts';
import type { EngineContext, FeatureHandlers } from '../context.ts';

export function sendHandlers(ctx: EngineContext): FeatureHandlers<keyof typeof sendMethods> {
  const { accounts, outbox } = ctx;
  return {
    'messages.send': async (p) => {
      const account = accounts.get(p.accountId);
      const msg = await composeMessage(account, p);
      const entry = outbox.enqueue(account.id, msg, [...p.to, ...p.cc]);
      return outbox.sendNow(entry.id);
    },
    'outbox.list': async ({ accountId }) => outbox.list(accountId),
  };
}
