// What a desktop host (Electron main, the browser harness) sets up for the renderer besides the engine: the grant
// store its dispatcher checks file parameters against, its native dialogs, and the queue of compose requests.
// Passed to the engine as EngineOptions.desktop (methods files.* and app.takeIntents); the CLI has none.
import type { ComposeIntent, OpenMessageRequest } from '../api/types-desktop.ts';
import type { FileDialogs } from '../platform/types.ts';
import { FileGrants } from './grants.ts';
import { ComposeIntents } from './intents.ts';

export interface DesktopServices {
  grants: FileGrants;
  intents: ComposeIntents;
  dialogs: FileDialogs | null;
  /** What the UI shows (app.setViewing), for the new-mail notification rule (src/desktop/notify.ts). */
  viewing: { accountId: string; folder: string } | null;
  /** Opens the message in a window of its own (app.openMessageWindow); null where the host has no windows. */
  openMessageWindow: ((req: OpenMessageRequest) => Promise<void>) | null;
}

export function createDesktopServices(options: {
  dialogs: FileDialogs | null;
  /** Sends app.compose to the page (late-bound: the window may not exist yet). */
  emitCompose: (intent: ComposeIntent) => void;
  openMessageWindow?: ((req: OpenMessageRequest) => Promise<void>) | null;
}): DesktopServices {
  const grants = new FileGrants();
  return {
    grants,
    intents: new ComposeIntents(grants, options.emitCompose),
    dialogs: options.dialogs,
    viewing: null,
    openMessageWindow: options.openMessageWindow ?? null,
  };
}
