// The API contract on ipcMain: ONE generic registration derived from `methodNames` (design.md "The API contract is
// declared once"), a sender check on every call (Electron security checklist item 17, "Validate the sender of all IPC
// messages"), and event forwarding to our own page only. No `electron` import at run time: ipcMain and the window's
// webContents are passed in, so the test drives this module with fakes.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CALL_PREFIX, IPC_EVENT_CHANNEL, methodNames, type EventName, type Result } from '../src/api/contract.ts';
import type { Dispatch } from '../src/api/dispatch.ts';
import { errorMessage, type Lang } from '../src/api/errors.ts';
import { isAppUrl } from './protocol.ts';

export interface IpcLog {
  warn(msg: string, fields?: Record<string, unknown>): void;
}

/** What a sender check needs to know about an IPC call's origin. */
export interface SenderInfo {
  contentsId: number;
  /** null when the frame has navigated away or was destroyed before the message was handled. */
  frameUrl: string | null;
  isMainFrame: boolean;
}

export function senderInfo(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): SenderInfo {
  const frame = event.senderFrame;
  return {
    contentsId: event.sender.id,
    frameUrl: frame ? frame.url : null,
    isMainFrame: frame !== null && frame.parent === null,
  };
}

/** Only the main frame of our own window, showing our own app:// page, may call the API. */
export function isTrustedSender(info: SenderInfo, trustedContentsId: number | null): boolean {
  return (
    trustedContentsId !== null &&
    info.contentsId === trustedContentsId &&
    info.isMainFrame &&
    info.frameUrl !== null &&
    isAppUrl(info.frameUrl)
  );
}

export function callChannel(method: string): string {
  return IPC_CALL_PREFIX + method;
}

/** An untrusted sender gets an error Result (FORBIDDEN), never an exception and never a hint of what exists. */
export function untrustedSenderResult(lang: Lang = 'vi'): Result<never> {
  return { ok: false, error: { code: 'FORBIDDEN', message: errorMessage('FORBIDDEN', lang) } };
}

/**
 * Registers `tcv:call:<method>` for every contract method and nothing else. Returns a function that removes them
 * (window re-creation, tests).
 */
export function registerContract(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatch: Dispatch,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
  log: IpcLog,
  lang: () => Lang = () => 'vi',
): () => void {
  const channels = methodNames.map((name) => {
    const channel = callChannel(name);
    ipcMain.handle(channel, async (event, params: unknown) => {
      if (!isTrusted(event)) {
        const info = senderInfo(event);
        log.warn('ipc call from untrusted sender refused', { method: name, sender: info });
        return untrustedSenderResult(lang());
      }
      return dispatch(name, params);
    });
    return channel;
  });
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** Engine event → our page, as `{event, payload}` on the one event channel; dropped if the page is not ours. */
export function createEventForwarder(getContents: () => WebContents | null) {
  return (event: EventName, payload: unknown): void => {
    const contents = getContents();
    if (!contents || contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
    contents.send(IPC_EVENT_CHANNEL, { event, payload });
  };
}
