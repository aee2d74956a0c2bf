// Opening a message in its own window (docs/electron.md "Message windows", docs/ui.md): the decisions, in plain Node
// so they are tested without Electron. main/message-windows.ts only creates the BrowserWindow with these answers and
// the main window's hardened options; the browser harness opens a second page at the same URL.
import type { OpenMessageRequest } from '../api/types-desktop.ts';
import { messageRouteHash } from '../shared/message-route.ts';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Outlook's reading window: a little smaller than the main window, as wide as a letter needs. */
export const MESSAGE_WINDOW_SIZE = { width: 960, height: 760 } as const;
/** Each further window opens this much lower and to the right, so they do not hide each other exactly. */
export const CASCADE_STEP = 28;

/** The page to load: the app's entry with the message route; throws on a request that is not a message. */
export function messageWindowUrl(entryUrl: string, req: OpenMessageRequest): string {
  const url = new URL(entryUrl);
  url.hash = messageRouteHash(req);
  return url.toString();
}

/** One window per message: opening it again brings the open one forward. */
export function messageWindowKey(req: OpenMessageRequest): string {
  return JSON.stringify([req.accountId, req.folder, req.uid]);
}

/**
 * Where the `index`-th open message window goes (0 for the first): over the main window's top-left, cascaded, and
 * always fully inside the screen's work area (smaller than it if the screen is small).
 */
export function messageWindowBounds(anchor: Rect | null, workArea: Rect, index: number): Rect {
  const width = Math.min(MESSAGE_WINDOW_SIZE.width, workArea.width);
  const height = Math.min(MESSAGE_WINDOW_SIZE.height, workArea.height);
  const base = anchor ?? {
    x: workArea.x + Math.round((workArea.width - width) / 2) - CASCADE_STEP,
    y: workArea.y + Math.round((workArea.height - height) / 2) - CASCADE_STEP,
    width,
    height,
  };
  // Cascade within what is left of the work area, wrapping round to the start.
  const room = Math.max(1, Math.floor(Math.min(workArea.width - width, workArea.height - height) / CASCADE_STEP));
  const step = ((index % room) + 1) * CASCADE_STEP;
  const clamp = (v: number, min: number, max: number) => Math.max(min, Math.min(v, max));
  return {
    x: clamp(base.x + step, workArea.x, workArea.x + workArea.width - width),
    y: clamp(base.y + step, workArea.y, workArea.y + workArea.height - height),
    width,
    height,
  };
}
