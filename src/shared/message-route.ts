// The message window's route (docs/ui.md "A message in its own window"): the renderer page at
// `#/message?account=…&folder=…&uid=…` shows one message's reader alone. Built by the host that opens the window
// (src/desktop/message-window.ts) and read back by the renderer (renderer/main.tsx), so both sides share one rule.
// The hash is input like any other: a malformed one is refused (null), never half-read.
import type { OpenMessageRequest } from '../api/types-desktop.ts';

export const MESSAGE_ROUTE = '#/message';

const MAX_ACCOUNT = 320;
const MAX_FOLDER = 1000;
const MAX_UID = 0xffff_ffff;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function validText(value: string | null, max: number): value is string {
  return value !== null && value.length > 0 && value.length <= max && !CONTROL.test(value);
}

/** `#/message?account=…&folder=…&uid=…`, every part percent-encoded. */
export function messageRouteHash(req: OpenMessageRequest): string {
  if (!isOpenMessageRequest(req)) throw new RangeError('not a message to open');
  const q = new URLSearchParams({ account: req.accountId, folder: req.folder, uid: String(req.uid) });
  return `${MESSAGE_ROUTE}?${q.toString()}`;
}

/** The message a `location.hash` names, or null when it is not the message route or any part is invalid. */
export function parseMessageRoute(hash: string): OpenMessageRequest | null {
  if (hash !== MESSAGE_ROUTE && !hash.startsWith(`${MESSAGE_ROUTE}?`)) return null;
  const q = new URLSearchParams(hash.slice(MESSAGE_ROUTE.length + 1));
  const uidText = q.get('uid');
  const req = {
    accountId: q.get('account') ?? '',
    folder: q.get('folder') ?? '',
    uid: uidText !== null && /^[1-9]\d{0,9}$/.test(uidText) ? Number(uidText) : 0,
  };
  return isOpenMessageRequest(req) ? req : null;
}

export function isOpenMessageRequest(req: OpenMessageRequest): boolean {
  return (
    validText(req.accountId, MAX_ACCOUNT) &&
    validText(req.folder, MAX_FOLDER) &&
    Number.isInteger(req.uid) &&
    req.uid > 0 &&
    req.uid <= MAX_UID
  );
}
