// Pure helpers for the attachments bar: what can be previewed inside the app, which risk text to show, and the bytes
// → download path. No React, no API: tested in Node (test/reader/attachments.test.ts).
import type { AttachmentInfo } from '../../../src/api/types.ts';
import type { AttachmentRiskInfo, AttachmentRiskReason } from '../../../src/api/types-reader.ts';
import type { MessageKey } from '../../i18n/translate.ts';

export type PreviewKind = 'image' | 'text' | 'pdf' | null;

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/avif']);
const TEXT_TYPES = new Set(['text/plain', 'text/csv']);
const IMAGE_EXT = /\.(png|jpe?g|gif|webp|bmp|avif)$/i;
const TEXT_EXT = /\.(txt|csv|log)$/i;
/** Previews are read whole into memory: beyond this, saving is the way. */
export const PREVIEW_MAX_BYTES = 10 * 1024 * 1024;
/** Scanned official documents run large; pdf.js parses them in its worker. attachments.get's own cap is 25 MB. */
export const PDF_PREVIEW_MAX_BYTES = 25 * 1024 * 1024;

/** What the in-app preview can show; null: only saving. SVG is not previewed (it is a document, not a picture). */
export function previewKind(a: Pick<AttachmentInfo, 'contentType' | 'filename' | 'size'>): PreviewKind {
  const type = a.contentType.toLowerCase();
  const pdf = type === 'application/pdf' || (type === 'application/octet-stream' && /\.pdf$/i.test(a.filename));
  if (pdf) return a.size <= PDF_PREVIEW_MAX_BYTES ? 'pdf' : null;
  if (a.size > PREVIEW_MAX_BYTES) return null;
  if (IMAGE_TYPES.has(type) || (type === 'application/octet-stream' && IMAGE_EXT.test(a.filename))) return 'image';
  if (TEXT_TYPES.has(type) || (type === 'application/octet-stream' && TEXT_EXT.test(a.filename))) return 'text';
  return null;
}

/** The risk the reader acts on: the engine's answer, or "warn, unknown" when the engine could not be asked. */
export function effectiveRisk(index: number, risks: readonly AttachmentRiskInfo[] | null): AttachmentRiskInfo {
  const found = risks?.find((r) => r.index === index);
  return found ?? { index, level: 'warn', reason: null, extension: '' };
}

export function riskKey(reason: AttachmentRiskReason | null): MessageKey {
  return reason ? (`reader.risk.${reason}` as MessageKey) : 'reader.risk.unknown';
}

/** Base64 → bytes, without atob's string round trip limits on large inputs. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Text attachments: UTF-8 when valid, else Windows-1258 (Vietnamese Windows), never a silent mojibake of both. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1258').decode(bytes);
  }
}
