// Opening a message: the body is fetched once (BODY.PEEK[], so fetching alone does not mark it read), parsed with
// mailparser, and the text and attachment list are kept in the cache so a reopen costs no network.
import type { ImapFlow } from 'imapflow';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Address, AttachmentInfo, MessageDetail } from '../api/types.ts';
import { TcvError } from '../api/errors.ts';
import type { Db } from '../cache/db.ts';
import { findMessage, toSummary } from './queries.ts';
import { indexBody } from '../search/index.ts';

interface BodyRow {
  text: string;
  html: string | null;
  attachments_json: string;
  cc_json: string;
  reply_to_json: string;
}

function flatten(a: AddressObject | AddressObject[] | undefined): Address[] {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  const out: Address[] = [];
  const walk = (vals: { name?: string; address?: string; group?: unknown[] }[]) => {
    for (const v of vals) {
      if (v.group) walk(v.group as typeof vals);
      else out.push({ name: (v.name ?? '').normalize('NFC'), address: (v.address ?? '').toLowerCase() });
    }
  };
  for (const obj of list) walk(obj.value);
  return out;
}

export function attachmentsOf(parsed: ParsedMail): AttachmentInfo[] {
  return parsed.attachments.map((a, index) => ({
    index,
    filename: (a.filename ?? '').normalize('NFC'),
    contentType: a.contentType,
    size: a.size,
    inline: a.contentDisposition === 'inline' && Boolean(a.cid),
  }));
}

export function cachedBody(db: Db, accountId: string, folder: string, uid: number): BodyRow | undefined {
  return db
    .prepare(
      'SELECT text, html, attachments_json, cc_json, reply_to_json FROM bodies WHERE account_id = ? AND folder = ? AND uid = ?',
    )
    .get(accountId, folder, uid) as BodyRow | undefined;
}

export async function fetchBody(
  client: ImapFlow,
  db: Db,
  accountId: string,
  folder: string,
  uid: number,
): Promise<void> {
  const lock = await client.getMailboxLock(folder);
  let source: Buffer | undefined;
  try {
    const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
    source = msg ? msg.source : undefined;
  } finally {
    lock.release();
  }
  if (!source) throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid}`);
  // mailparser copes with broken MIME; whatever it cannot decode still leaves the raw text readable.
  const parsed = await simpleParser(source, { skipImageLinks: true });
  db.prepare(
    `INSERT OR REPLACE INTO bodies (account_id, folder, uid, text, html, attachments_json, cc_json, reply_to_json, fetched_at)
     VALUES (?,?,?,?,?,?,?,?,?)`,
  ).run(
    accountId,
    folder,
    uid,
    (parsed.text ?? '').normalize('NFC'),
    typeof parsed.html === 'string' ? parsed.html : null,
    JSON.stringify(attachmentsOf(parsed)),
    JSON.stringify(flatten(parsed.cc)),
    JSON.stringify(flatten(parsed.replyTo)),
    new Date().toISOString(),
  );
  const text = (parsed.text ?? '').normalize('NFC');
  indexBody(
    db,
    accountId,
    folder,
    uid,
    text,
    attachmentsOf(parsed).map((a) => a.filename),
  );
}

export function messageDetail(db: Db, accountId: string, folder: string, uid: number): MessageDetail {
  const row = findMessage(db, accountId, folder, uid);
  const body = cachedBody(db, accountId, folder, uid);
  if (!row || !body) throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid}`);
  return {
    ...toSummary(row),
    cc: JSON.parse(body.cc_json) as Address[],
    replyTo: JSON.parse(body.reply_to_json) as Address[],
    text: body.text,
    hasHtml: body.html !== null,
    attachments: JSON.parse(body.attachments_json) as AttachmentInfo[],
  };
}
