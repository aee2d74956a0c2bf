// Files the engine writes for mail: attachments of fetched messages under the profile, and the names of exported
// messages. A name that came from a mail (attachment filename, subject) is hostile input: it may carry "../", a drive
// letter, a Windows device name (CON, NUL...), control characters or 300 bytes of Vietnamese, and it must still
// become one harmless file name on NTFS, ext4 and APFS.
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

// NTFS forbids <>:"/\|?* and C0 controls; DEL and C1 controls are kept out too. Path separators of any OS go.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g;
// Reserved device names on Windows, with or without an extension ("CON.txt" still opens the console).
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;
/** Bytes, not characters: ext4 allows 255 bytes per name, and one Vietnamese letter can take 3 in UTF-8. */
export const MAX_NAME_BYTES = 200;

function truncateBytes(s: string, max: number): string {
  if (Buffer.byteLength(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch) > max) break;
    out += ch;
  }
  return out;
}

/**
 * A safe file name: NFC (so "hoà" written on a Mac and on Windows is one name), no separators or forbidden characters,
 * no runs of dots, no leading dots (hidden, or "..") and no trailing dots or spaces (Windows drops them), not a device name, at most
 * MAX_NAME_BYTES bytes with the extension kept.
 */
export function safeFileName(name: string, fallback = 'tep-dinh-kem'): string {
  let s = (name ?? '')
    .normalize('NFC')
    .replace(FORBIDDEN, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/\s+/g, ' ')
    .trim();
  s = s.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (!s) s = fallback;
  if (RESERVED.test(s)) s = `_${s}`;
  const dot = s.lastIndexOf('.');
  const ext = dot > 0 && s.length - dot <= 16 ? s.slice(dot) : '';
  const stem = ext ? s.slice(0, dot) : s;
  const cut = truncateBytes(stem, MAX_NAME_BYTES - Buffer.byteLength(ext)).trim();
  return `${cut || fallback}${ext}`;
}

function key(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 16);
}

/**
 * Where attachments of cached bodies live: <profile>/attachments/<account>/<folder>/<uidvalidity>/<uid>/. Account
 * and folder are hashed (a folder path may contain anything and be long); UIDVALIDITY is in the path so files of a
 * rebuilt folder can never be served for the new messages that reuse the UIDs.
 */
export class AttachmentStore {
  readonly root: string;

  constructor(profileDir: string) {
    this.root = join(profileDir, 'attachments');
  }

  folderDir(accountId: string, folder: string): string {
    return join(this.root, key(accountId), key(folder));
  }

  messageDir(accountId: string, folder: string, uidValidity: string, uid: number): string {
    return join(this.folderDir(accountId, folder), uidValidity, String(uid));
  }

  remove(accountId: string, folder: string, uids: number[] | 'all', uidValidity: string | null): void {
    if (uids === 'all') {
      rmSync(uidValidity ? join(this.folderDir(accountId, folder), uidValidity) : this.folderDir(accountId, folder), {
        recursive: true,
        force: true,
      });
      return;
    }
    if (!uidValidity) return;
    for (const uid of uids) {
      rmSync(this.messageDir(accountId, folder, uidValidity, uid), { recursive: true, force: true });
    }
  }

  removeFolder(accountId: string, folder: string): void {
    rmSync(this.folderDir(accountId, folder), { recursive: true, force: true });
  }
}
