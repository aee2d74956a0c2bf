// The reader's handlers (src/api/methods/reader.ts, docs/reader.md). The HTML goes out unsanitised on purpose: the
// renderer sanitises it with DOMPurify in a DOM, which the engine has none of, and renders it in a sandboxed document
// with its own CSP. What the engine adds is what needs the cache or the server: remote hosts, Content-IDs, the risk of
// each attachment, legacy-encoding detection, the raw source, attachment bytes.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TcvError } from '../../api/errors.ts';
import { ATTACHMENT_GET_MAX_BYTES, MESSAGE_SOURCE_MAX_BYTES, type readerMethods } from '../../api/methods/reader.ts';
import type { InlinePart, LegacyHint } from '../../api/types-reader.ts';
import { cachedBody, storedAttachments, type StoredAttachment } from '../../mail/message.ts';
import { findMessage } from '../../mail/queries.ts';
import { cidReferences, normalizeContentId, remoteHosts } from '../../reader/remote.ts';
import { attachmentRisk } from '../../shared/attachment-risk.ts';
import { parseParts, readSource, sourceText, type ParsedPart } from '../../reader/source.ts';
import { convert, detect, looksLegacy } from '../../text/index.ts';
import type { EngineContext, FeatureHandlers } from '../context.ts';

/** The interim re-fetch (below) reads at most this much of a message: a 25 MB attachment is ~34 MB in base64. */
const REFETCH_MAX_BYTES = 40 * 1024 * 1024;
/** Content-ID maps kept in memory, so reopening a message with inline images does not fetch it again. */
const CID_CACHE_SIZE = 200;

/** A rough text of an HTML body for encoding detection only (never shown). */
function htmlToRoughText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/\s+/g, ' ');
}

export function legacyHint(text: string): LegacyHint | null {
  const sample = text.length > 8192 ? text.slice(0, 8192) : text;
  if (!looksLegacy(sample)) return null;
  const d = detect(sample.length > 4096 ? sample.slice(0, 4096) : sample);
  if (d.encoding === 'unicode') return null;
  return { encoding: d.encoding, confidence: Math.round(d.confidence * 100) / 100 };
}

export function readerHandlers(ctx: EngineContext): FeatureHandlers<keyof typeof readerMethods> {
  const { db, accounts, connections, sync, store, log } = ctx;
  const cidCache = new Map<string, InlinePart[]>();

  const uidValidity = (accountId: string, folder: string): string | null => {
    const row = db
      .prepare('SELECT uidvalidity FROM folders WHERE account_id = ? AND path = ?')
      .get(accountId, folder) as { uidvalidity: string | null } | undefined;
    if (!row) throw new TcvError('FOLDER_NOT_FOUND', `${accountId} ${folder}`);
    return row.uidvalidity;
  };

  /** The cached body (fetched first if needed) and its attachments. Never marks the message read. */
  const body = async (accountId: string, folder: string, uid: number) => {
    accounts.get(accountId);
    if (!findMessage(db, accountId, folder, uid)) throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid}`);
    await sync.ensureBody(accountId, folder, uid);
    const row = cachedBody(db, accountId, folder, uid);
    if (!row) throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid}`);
    return { row, attachments: storedAttachments(row) };
  };

  const refetchParts = async (accountId: string, folder: string, uid: number): Promise<ParsedPart[]> => {
    const validity = uidValidity(accountId, folder);
    const raw = await connections.run(accountId, (c) => readSource(c, folder, uid, validity, REFETCH_MAX_BYTES));
    if (raw.truncated) throw new TcvError('ATTACHMENT_TOO_LARGE', `${folder} ${uid}: message of ${raw.size} bytes`);
    return parseParts(raw.bytes);
  };

  /**
   * Which attachment answers each cid: the HTML uses. The cache's attachment list has no Content-IDs (yet), so they
   * are read from the message once and remembered; if a future cache row carries `contentId`, that is used instead.
   */
  const inlineParts = async (
    accountId: string,
    folder: string,
    uid: number,
    refs: string[],
    attachments: StoredAttachment[],
  ): Promise<InlinePart[]> => {
    const key = `${accountId}\u0000${folder}\u0000${uidValidity(accountId, folder) ?? ''}\u0000${uid}`;
    let all = cidCache.get(key);
    if (!all) {
      const known = attachments.filter((a) => typeof (a as { contentId?: unknown }).contentId === 'string');
      if (known.length > 0) {
        all = known.map((a) => ({
          cid: normalizeContentId((a as unknown as { contentId: string }).contentId),
          index: a.index,
          contentType: a.contentType,
          size: a.size,
        }));
      } else {
        const parts = await refetchParts(accountId, folder, uid);
        all = [];
        for (const p of parts) {
          if (!p.cid) continue;
          // Same order as the cache's list; the check guards against a cache written by another parser version.
          const a = attachments[p.index];
          if (!a || a.contentType !== p.contentType) continue;
          all.push({ cid: p.cid, index: a.index, contentType: a.contentType, size: a.size });
        }
      }
      cidCache.set(key, all);
      if (cidCache.size > CID_CACHE_SIZE) cidCache.delete(cidCache.keys().next().value as string);
    }
    const wanted = new Set(refs);
    return all.filter((p) => wanted.has(p.cid));
  };

  return {
    'messages.html': async ({ accountId, folder, uid }) => {
      const { row, attachments } = await body(accountId, folder, uid);
      const html = row.html;
      let cids: InlinePart[] = [];
      if (html) {
        const refs = cidReferences(html);
        if (refs.length > 0) {
          try {
            cids = await inlineParts(accountId, folder, uid, refs, attachments);
          } catch (err) {
            // The message still reads without its inline images; the reader shows their alt text.
            log.warn('reader: inline parts unavailable', { folder, uid, error: String(err) });
          }
        }
      }
      const text = row.text.trim() ? row.text : html ? htmlToRoughText(html) : '';
      return {
        html,
        remoteHosts: html ? remoteHosts(html) : [],
        cids,
        legacy: legacyHint(text),
        attachmentRisks: attachments.map((a) => ({ index: a.index, ...attachmentRisk(a) })),
      };
    },

    'messages.source': async ({ accountId, folder, uid }) => {
      accounts.get(accountId);
      if (!findMessage(db, accountId, folder, uid)) throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid}`);
      const validity = uidValidity(accountId, folder);
      const raw = await connections.run(accountId, (c) =>
        readSource(c, folder, uid, validity, MESSAGE_SOURCE_MAX_BYTES),
      );
      return { source: sourceText(raw.bytes), size: raw.size, truncated: raw.truncated };
    },

    'attachments.get': async ({ accountId, folder, uid, index }) => {
      const { attachments } = await body(accountId, folder, uid);
      const a = attachments.find((x) => x.index === index);
      if (!a) throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid} attachment ${index}`);
      // Defence in depth: the reader never offers these, and the engine does not hand them out either.
      if (attachmentRisk(a).level === 'block') {
        throw new TcvError('ATTACHMENT_BLOCKED', `${folder} ${uid} attachment ${index} (${a.contentType})`);
      }
      if (a.size > ATTACHMENT_GET_MAX_BYTES) {
        throw new TcvError('ATTACHMENT_TOO_LARGE', `${folder} ${uid} attachment ${index}: ${a.size} bytes`);
      }
      let bytes: Buffer;
      const path = a.file ? join(store.root, a.file) : null;
      if (path && existsSync(path)) {
        const st = await stat(path);
        if (st.size > ATTACHMENT_GET_MAX_BYTES) {
          throw new TcvError('ATTACHMENT_TOO_LARGE', `${folder} ${uid} attachment ${index}: ${st.size} bytes`);
        }
        bytes = await readFile(path);
      } else {
        // Interim path (docs/reader.md): a body cached before attachments were kept as files, or a file removed by
        // hand. Read the message again and take the part from it, without touching the cache.
        const parts = await refetchParts(accountId, folder, uid);
        const p = parts[index];
        if (!p || p.contentType !== a.contentType) {
          throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid} attachment ${index} (changed on the server)`);
        }
        bytes = p.content;
      }
      if (bytes.length > ATTACHMENT_GET_MAX_BYTES) {
        throw new TcvError('ATTACHMENT_TOO_LARGE', `${folder} ${uid} attachment ${index}: ${bytes.length} bytes`);
      }
      return {
        index,
        filename: a.filename,
        contentType: a.contentType,
        size: bytes.length,
        base64: bytes.toString('base64'),
      };
    },

    'text.convert': async ({ texts, from }) => texts.map((t) => convert(t, from).normalize('NFC')),
  };
}
