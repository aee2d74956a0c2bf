// Adding attachments to the draft (docs/compose.md "Attachments"): chosen in the app's dialog (files.chooseFiles:
// grant tokens, the page never sees a path), or dropped / pasted (the page has the bytes: sent to the engine in 1 MB
// chunks with files.stageBegin / stageChunk / stageEnd, progress per file). The size limit is the account's
// (sendSettings: server SIZE and local/policy limit); a file that cannot fit is refused before its first byte.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import { STAGE_CHUNK_BYTES } from '../../../src/api/staging.ts';
import type { DraftAttachment } from '../../../src/api/types.ts';
import type { FileGrant } from '../../../src/api/types-desktop.ts';
import { useApi } from '../../api/context.tsx';

export interface Upload {
  key: string;
  name: string;
  size: number;
  sent: number;
  error: ApiError | null;
}

/** Base64 of a chunk without building one huge binary string. */
function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** A name for a pasted picture, which has none of its own ("image.png"): "Ảnh dán 2026-11-28 16.22.05.png". */
export function pastedName(file: File, label: string, now = new Date()): string {
  if (file.name && file.name !== 'image.png') return file.name;
  const ext = /^image\/(png|jpeg|gif|webp|bmp)$/.exec(file.type)?.[1]?.replace('jpeg', 'jpg') ?? 'png';
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}.${p(now.getMinutes())}.${p(now.getSeconds())}`;
  return `${label} ${stamp}.${ext}`;
}

export function useAttachments(accountId: string, add: (a: DraftAttachment[]) => void) {
  const api = useApi();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [limit, setLimit] = useState<number | null>(null);
  const [pickError, setPickError] = useState<ApiError | null>(null);
  const addRef = useRef(add);
  useEffect(() => {
    addRef.current = add;
  });

  // The limit that applies to this account (EHLO SIZE and the local/policy limit); asked from the server once if
  // the profile has never seen it.
  useEffect(() => {
    if (!accountId) return;
    let cancelled = false;
    void (async () => {
      let r = await api.call('sendSettings.get', { accountId });
      if (r.ok && r.value.serverSizeLimit === null)
        r = await api.call('sendSettings.get', { accountId, refresh: true });
      if (!cancelled && r.ok) setLimit(r.value.effectiveLimit);
    })();
    return () => {
      cancelled = true;
    };
  }, [accountId, api]);

  const asAttachment = (g: FileGrant, contentType = ''): DraftAttachment => ({
    path: g.token,
    filename: g.name,
    contentType,
    size: g.size ?? 0,
    cid: null,
  });

  const stageFiles = useCallback(
    async (files: readonly File[]) => {
      for (const file of files) {
        const key = `${file.name}:${file.size}:${Math.random().toString(36).slice(2)}`;
        const patch = (p: Partial<Upload>) =>
          setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...p } : u)));
        setUploads((list) => [...list, { key, name: file.name, size: file.size, sent: 0, error: null }]);
        const begin = await api.call('files.stageBegin', {
          name: file.name,
          size: file.size,
          ...(accountId ? { accountId } : {}),
        });
        if (!begin.ok) {
          patch({ error: begin.error });
          continue;
        }
        const { uploadId } = begin.value;
        let failed: ApiError | null = null;
        for (let off = 0; off < file.size && !failed; off += STAGE_CHUNK_BYTES) {
          const bytes = new Uint8Array(await file.slice(off, off + STAGE_CHUNK_BYTES).arrayBuffer());
          const r = await api.call('files.stageChunk', { uploadId, offset: off, dataBase64: toBase64(bytes) });
          if (r.ok) patch({ sent: r.value.written });
          else failed = r.error;
        }
        const end = failed ? null : await api.call('files.stageEnd', { uploadId });
        if (!end || !end.ok) {
          patch({ error: failed ?? (end && !end.ok ? end.error : null) });
          void api.call('files.stageAbort', { uploadId });
          continue;
        }
        setUploads((list) => list.filter((u) => u.key !== key));
        addRef.current([asAttachment(end.value, file.type)]);
      }
    },
    [api, accountId],
  );

  const pick = useCallback(async () => {
    setPickError(null);
    const r = await api.call('files.chooseFiles', { purpose: 'attach', multiple: true });
    if (!r.ok) return setPickError(r.error);
    if (r.value.length) addRef.current(r.value.map((g) => asAttachment(g)));
  }, [api]);

  const dismiss = (key: string) => setUploads((list) => list.filter((u) => u.key !== key));

  return { uploads, limit, pick, pickError, stageFiles, dismiss };
}
