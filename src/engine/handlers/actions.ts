import type { actionMethods } from '../../api/methods/actions.ts';
import type { EngineContext, FeatureHandlers } from '../context.ts';

export function actionHandlers(ctx: EngineContext): FeatureHandlers<keyof typeof actionMethods> {
  const { actions } = ctx;
  return {
    'messages.setFlags': async ({ add, remove, ...sel }) => actions.setFlags(sel, add, remove),
    'messages.setDueDate': async ({ date, ...sel }) => actions.setDueDate(sel, date),
    'messages.move': async ({ to, ...sel }) => actions.move(sel, to),
    'messages.copy': async ({ to, ...sel }) => actions.copy(sel, to),
    'messages.delete': async ({ permanent, ...sel }) => actions.delete(sel, permanent),
    'messages.markSpam': async ({ spam, ...sel }) => actions.markSpam(sel, spam),
    'messages.undo': async ({ token }) => actions.undo(token),
    'folders.create': async ({ accountId, path }) => actions.createFolder(accountId, path),
    'folders.rename': async ({ accountId, path, to }) => actions.renameFolder(accountId, path, to),
    'folders.delete': async ({ accountId, path }) => actions.deleteFolder(accountId, path),
    'folders.empty': async ({ accountId, path }) => actions.emptyFolder(accountId, path),
    'ops.pending': async ({ accountId, includeDropped }) => actions.pending(accountId, includeDropped),
    'ops.replay': async ({ accountId }) => actions.replay(accountId),
  };
}
