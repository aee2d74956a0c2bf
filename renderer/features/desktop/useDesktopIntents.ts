// The renderer's side of desktop integration (docs/electron.md "Desktop integration"): compose requests from mailto:
// links, `--compose --attach` and the tray (event app.compose; those that came before the page listened are taken
// with app.takeIntents), a clicked new-mail notification (event app.openMessage), and telling the host which folder
// is on screen (app.setViewing), so mail the user is looking at raises no notification.
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { ComposeIntent, OpenMessageRequest } from '../../../src/api/types-desktop.ts';
import { useApi, useApiEvent, useConnectionState } from '../../api/context.tsx';

export interface DesktopIntentHandlers {
  /** Compose can open (accounts loaded, at least one); requests wait until then. */
  canCompose: boolean;
  /** The folder on screen, or null. */
  viewing: { accountId: string; folder: string } | null;
  compose(intent: ComposeIntent): void;
  openMessage(request: OpenMessageRequest): void;
}

/** What compose's open() takes, from a request: attachments keep their grant token where compose keeps a path. */
export function composeInitialFrom(intent: ComposeIntent) {
  return {
    to: intent.to,
    cc: intent.cc,
    bcc: intent.bcc,
    subject: intent.subject,
    body: intent.body,
    attachments: intent.attachments.map((a) => ({ path: a.token, filename: a.name })),
  };
}

export function useDesktopIntents(handlers: DesktopIntentHandlers): void {
  const api = useApi();
  const connection = useConnectionState();
  const ref = useRef(handlers);
  useLayoutEffect(() => {
    ref.current = handlers;
  });

  // Taking empties the host's queue, so a request delivered both ways is opened once. Requests taken before compose
  // can open (accounts still loading, or none yet) wait here.
  const waiting = useRef<ComposeIntent[]>([]);
  const flush = useRef(() => {
    if (!ref.current.canCompose) return;
    const list = waiting.current;
    waiting.current = [];
    for (const intent of list) ref.current.compose(intent);
  });
  const take = useRef(async () => {
    const r = await api.call('app.takeIntents', {});
    if (!r.ok) return;
    waiting.current.push(...r.value);
    flush.current();
  });
  useEffect(() => {
    if (connection === 'open') void take.current();
  }, [connection]);
  useEffect(() => {
    if (handlers.canCompose) flush.current();
  }, [handlers.canCompose]);
  useApiEvent('app.compose', () => void take.current());
  useApiEvent('app.openMessage', (request) => ref.current.openMessage(request));

  const accountId = handlers.viewing?.accountId ?? null;
  const folder = handlers.viewing?.folder ?? null;
  useEffect(() => {
    if (connection !== 'open') return;
    void api.call('app.setViewing', { view: accountId !== null && folder !== null ? { accountId, folder } : null });
  }, [api, connection, accountId, folder]);
}
