// files.* and app.takeIntents (src/api/methods/desktop.ts): the host's dialogs, answered with grant tokens.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { TcvError } from '../../api/errors.ts';
import type { FileGrant } from '../../api/types-desktop.ts';
import type { DesktopServices } from '../../desktop/host.ts';
import { StagedUploads } from '../../drafts/staged.ts';
import type { FileDialogs } from '../../platform/types.ts';
import type { EngineContext, FeatureHandlers } from '../context.ts';

type DesktopMethod =
  | 'files.chooseFiles'
  | 'files.chooseSaveTarget'
  | 'files.chooseFolder'
  | 'files.stageBegin'
  | 'files.stageChunk'
  | 'files.stageEnd'
  | 'files.stageAbort'
  | 'app.takeIntents'
  | 'app.setViewing'
  | 'app.openMessageWindow';

export function desktopHandlers(ctx: EngineContext): FeatureHandlers<DesktopMethod> {
  const desktop = (): DesktopServices => {
    const d = ctx.opts.desktop;
    if (!d) throw new TcvError('FILE_DIALOG_UNAVAILABLE', 'this engine has no desktop host (CLI or test)');
    return d;
  };
  const dialogs = (): { d: DesktopServices; dialogs: FileDialogs } => {
    const d = desktop();
    if (!d.dialogs) throw new TcvError('FILE_DIALOG_UNAVAILABLE', 'the host has no file dialogs');
    return { d, dialogs: d.dialogs };
  };
  const name = (path: string) => basename(path).normalize('NFC');
  const uploads = new StagedUploads(ctx.opts.profileDir);
  return {
    'files.chooseFiles': async ({ purpose, multiple }) => {
      const { d, dialogs: dlg } = dialogs();
      const chosen = await dlg.chooseFiles({ purpose, multiple });
      const grants: FileGrant[] = [];
      for (const path of multiple ? chosen : chosen.slice(0, 1)) {
        let size: number;
        try {
          const s = await stat(path);
          if (!s.isFile()) throw new Error('not a regular file');
          size = s.size;
        } catch (err) {
          throw new TcvError('ATTACHMENT_UNREADABLE', `${name(path)}: ${(err as Error).message}`, { cause: err });
        }
        grants.push({ token: d.grants.grant(path, 'read'), name: name(path), size });
      }
      return grants;
    },
    'files.chooseSaveTarget': async ({ purpose, suggestedName }) => {
      const { d, dialogs: dlg } = dialogs();
      const path = await dlg.chooseSaveTarget({ purpose, suggestedName: suggestedName.normalize('NFC') });
      return { grant: path === null ? null : { token: d.grants.grant(path, 'write'), name: name(path), size: null } };
    },
    'files.chooseFolder': async ({ purpose }) => {
      const { d, dialogs: dlg } = dialogs();
      const path = await dlg.chooseFolder({ purpose });
      return { grant: path === null ? null : { token: d.grants.grant(path, 'folder'), name: name(path), size: null } };
    },
    'files.stageBegin': async ({ name: fileName, size, accountId }) => {
      desktop();
      const limit = accountId ? ctx.sending.settings.get(accountId).effectiveLimit : null;
      return uploads.begin(fileName, size, limit);
    },
    'files.stageChunk': async ({ uploadId, offset, dataBase64 }) =>
      uploads.chunk(uploadId, offset, Buffer.from(dataBase64, 'base64')),
    'files.stageEnd': async ({ uploadId }) => {
      const d = desktop();
      const done = await uploads.end(uploadId);
      return { token: d.grants.grant(done.path, 'read'), name: done.name, size: done.size };
    },
    'files.stageAbort': async ({ uploadId }) => {
      await uploads.abort(uploadId);
      return { uploadId };
    },
    'app.takeIntents': async () => desktop().intents.take(),
    'app.openMessageWindow': async (req) => {
      const open = ctx.opts.desktop?.openMessageWindow;
      if (!open) throw new TcvError('WINDOW_UNAVAILABLE', 'this host cannot open windows (CLI, or a harness without)');
      await open({ accountId: req.accountId, folder: req.folder, uid: req.uid });
      return { opened: true as const };
    },
    'app.setViewing': async ({ view }) => {
      // Without a desktop host (CLI) there is nothing to notify; not an error.
      if (ctx.opts.desktop) ctx.opts.desktop.viewing = view;
      return { view };
    },
  };
}
