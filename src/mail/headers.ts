// Mapping an IMAP FETCH response (envelope, flags, bodystructure) to a cache row.
import type { FetchMessageObject, MessageStructureObject } from 'imapflow';
import { IMPORTANCE_VALUE, importanceOf } from './importance.ts';
import { referencesFromHeaders } from './threads.ts';

export interface HeaderRow {
  uid: number;
  messageId: string | null;
  inReplyTo: string | null;
  /** References (fetched as headers: ['references']): message-ids separated by a space. */
  references: string | null;
  subject: string;
  fromName: string;
  fromAddr: string;
  toJson: string;
  ccJson: string;
  date: number | null;
  internalDate: number | null;
  size: number;
  seen: number;
  flagged: number;
  answered: number;
  draft: number;
  deleted: number;
  keywords: string;
  hasAttachments: number;
  /** 1 high, 0 normal, -1 low (importance.ts IMPORTANCE_VALUE); absent (rows built by tests) is normal. */
  importance?: number;
  modseq: string | null;
}

interface Addr {
  name?: string | undefined;
  address?: string | undefined;
}

const nfc = (s: string | undefined | null) => (s ?? '').normalize('NFC');

export function addressesJson(list: readonly Addr[] | undefined): string {
  return JSON.stringify((list ?? []).map((a) => ({ name: nfc(a.name), address: (a.address ?? '').toLowerCase() })));
}

export interface FlagColumns {
  seen: number;
  flagged: number;
  answered: number;
  draft: number;
  deleted: number;
  keywords: string;
}

export function flagColumns(flags: Set<string> | undefined): FlagColumns {
  const f = flags ?? new Set<string>();
  return {
    seen: f.has('\\Seen') ? 1 : 0,
    flagged: f.has('\\Flagged') ? 1 : 0,
    answered: f.has('\\Answered') ? 1 : 0,
    draft: f.has('\\Draft') ? 1 : 0,
    deleted: f.has('\\Deleted') ? 1 : 0,
    keywords: JSON.stringify([...f].filter((x) => !x.startsWith('\\')).sort()),
  };
}

/** An attachment is a part with disposition "attachment", or a named non-text leaf (RFC 2183 §2.3, RFC 2231). */
export function hasAttachment(node: MessageStructureObject | undefined): boolean {
  if (!node) return false;
  if (node.childNodes?.length) return node.childNodes.some(hasAttachment);
  if (node.disposition === 'attachment') return true;
  const named = Boolean(node.dispositionParameters?.filename || node.parameters?.name);
  return named && !node.type.startsWith('text/') && node.disposition !== 'inline';
}

function toMs(d: Date | string | undefined): number | null {
  if (!d) return null;
  const t = (d instanceof Date ? d : new Date(d)).getTime();
  return Number.isFinite(t) ? t : null;
}

export function headerRow(m: FetchMessageObject): HeaderRow {
  const env = m.envelope;
  const from = env?.from?.[0];
  return {
    uid: m.uid,
    messageId: env?.messageId ?? null,
    inReplyTo: env?.inReplyTo ?? null,
    references: referencesFromHeaders(m.headers),
    subject: nfc(env?.subject),
    fromName: nfc(from?.name),
    fromAddr: (from?.address ?? '').toLowerCase(),
    toJson: addressesJson(env?.to),
    ccJson: addressesJson(env?.cc),
    date: toMs(env?.date) ?? toMs(m.internalDate),
    internalDate: toMs(m.internalDate),
    size: m.size ?? 0,
    ...flagColumns(m.flags),
    hasAttachments: hasAttachment(m.bodyStructure) ? 1 : 0,
    importance: IMPORTANCE_VALUE[importanceOf(m.headers)],
    modseq: m.modseq !== undefined ? String(m.modseq) : null,
  };
}
