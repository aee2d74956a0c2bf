// Sending one journaled operation to the server, and working out what the cache must do about it. Runs the same for
// an action taken online (sent at once) and for one replayed after the connection came back, possibly after a restart
// or after an earlier attempt that may or may not have reached the server. Conflicts go the server's way without
// losing what the user meant (issue 3 "Offline"):
//  - flags are sent as +FLAGS/-FLAGS, so flags changed elsewhere stay and ours are applied on top;
//  - a message expunged on the server is left out (logged); if none is left, the operation is dropped;
//  - UIDVALIDITY changed (RFC 3501 §2.3.1.1): the messages are found again by Message-ID;
//  - an interrupted COPY/MOVE is not repeated for messages already in the destination above its old UIDNEXT.
import type { ImapFlow } from 'imapflow';
import type { Db } from '../cache/db.ts';
import type { Logger } from '../platform/types.ts';
import { uidExpunge } from './imap/expunge.ts';
import { createMailbox, deleteMailbox, renameMailbox } from './imap/mailboxes.ts';
import { existingUids, uidNext, uidsByMessageId } from './imap/search.ts';
import { uidStore } from './imap/store.ts';
import { uidCopy, uidMove } from './imap/transfer.ts';
import { capsOf, withMailbox } from './imap/wire.ts';
import type { Journal, QueuedOp } from './journal.ts';
import { assertNever, type MessageOp, type TransferOp } from './types.ts';

export interface ReplayDeps {
  db: Db;
  journal: Journal;
  log: Logger;
  /** Capabilities to ignore (wire.ts Caps). */
  without: readonly string[];
}

export type Outcome =
  | {
      state: 'done';
      /** Placeholder → server UID in the destination of a move or copy. */
      resolved: [number, number][];
      /** Placeholders whose message could not be found in the destination (the next sync brings it). */
      lost: number[];
      /** Conflicts met on the way, for the log. */
      notes: string[];
      /** Folders the server left different from the cache (originals kept flagged \Deleted): the next sync must
       * reconcile them in full. */
      stale: string[];
    }
  | { state: 'dropped'; reason: string };

interface Resolved {
  /** targets[i] → its UID on the server now, for the targets still there. */
  live: Map<number, number>;
  notes: string[];
}

/** Finds each target's UID on the server now; call with op.folder selected. */
async function resolveTargets(
  client: ImapFlow,
  deps: ReplayDeps,
  op: MessageOp,
  uidValidity: bigint,
): Promise<Resolved> {
  const notes: string[] = [];
  const validityChanged = op.uidValidity !== null && op.uidValidity !== String(uidValidity);
  if (validityChanged) notes.push(`UIDVALIDITY of ${op.folder} changed: messages found again by Message-ID`);
  const candidate = new Map<number, number>();
  for (const [i, t] of op.targets.entries()) {
    if (t.uid < 0) {
      // A message this queue moved or copied earlier: its UID is known once that operation ran.
      const p = deps.journal.provisional(t.uid);
      if (p.state === 'resolved') candidate.set(i, p.serverUid);
      else if (t.messageId) {
        const found = await uidsByMessageId(client, t.messageId);
        if (found[0] !== undefined) candidate.set(i, found[0]);
      }
      continue;
    }
    if (!validityChanged) {
      candidate.set(i, t.uid);
      continue;
    }
    if (t.messageId) {
      const found = await uidsByMessageId(client, t.messageId);
      if (found[0] !== undefined) candidate.set(i, found[0]);
    }
  }
  const present = await existingUids(client, [...new Set(candidate.values())]);
  const live = new Map([...candidate].filter(([, uid]) => present.has(uid)));
  const gone = op.targets.length - live.size;
  if (gone > 0) notes.push(`${gone} of ${op.targets.length} message(s) no longer in ${op.folder} on the server`);
  return { live, notes };
}

async function replayTransfer(client: ImapFlow, deps: ReplayDeps, q: QueuedOp, op: TransferOp): Promise<Outcome> {
  const caps = capsOf(client, deps.without);
  if (op.destUidNext === undefined) {
    // Recorded before anything is sent, so that a retry can tell which copies an interrupted attempt made.
    op.destUidNext = await uidNext(client, op.to);
    deps.journal.update(q.id, op);
  }
  const since = op.destUidNext;
  const resolved: [number, number][] = [];
  const assigned = new Set<number>();
  const notes: string[] = [];

  // A copy retried after a lost connection: messages already copied are not copied twice.
  const alreadyThere = new Map<number, number>();
  if (op.kind === 'copy' && q.attempts > 0) {
    await withMailbox(client, op.to, async () => {
      for (const [i, t] of op.targets.entries()) {
        if (!t.messageId) continue;
        const uid = (await uidsByMessageId(client, t.messageId, since))[0];
        if (uid === undefined) continue;
        alreadyThere.set(i, uid);
        assigned.add(uid);
      }
    });
  }

  const stale: string[] = [];
  const { live, copyUid, gone } = await withMailbox(client, op.folder, async (mb) => {
    const r = await resolveTargets(client, deps, op, mb.uidValidity);
    notes.push(...r.notes);
    const send = [...r.live].filter(([i]) => !alreadyThere.has(i));
    const uids = send.map(([, uid]) => uid);
    const result =
      op.kind === 'move'
        ? await uidMove(client, uids, op.to, caps)
        : { copyUid: await uidCopy(client, uids, op.to, caps), source: 'expunged' as const };
    if (result.source === 'flagged-only') {
      notes.push(`${op.folder}: originals left flagged \\Deleted (no UIDPLUS, other \\Deleted messages present)`);
      stale.push(op.folder);
    }
    return { live: r.live, copyUid: result.copyUid, gone: op.targets.length - r.live.size };
  });

  // Placeholder → server UID: from COPYUID (RFC 4315), else by Message-ID above the old UIDNEXT.
  const lookup: number[] = [];
  for (const [i, p] of op.placeholders.entries()) {
    if (p === 0) continue;
    const there = alreadyThere.get(i);
    const src = live.get(i);
    const mapped = there ?? (src !== undefined ? copyUid?.map.get(src) : undefined);
    if (mapped === undefined) {
      lookup.push(i);
      continue;
    }
    resolved.push([p, mapped]);
    assigned.add(mapped);
  }
  const lost: number[] = [];
  if (lookup.length) {
    await withMailbox(client, op.to, async () => {
      for (const i of lookup) {
        const p = op.placeholders[i] as number;
        const messageId = op.targets[i]?.messageId;
        const uid = messageId
          ? (await uidsByMessageId(client, messageId, since)).find((u) => !assigned.has(u))
          : undefined;
        if (uid === undefined) {
          lost.push(p);
          continue;
        }
        resolved.push([p, uid]);
        assigned.add(uid);
      }
    });
  }
  if (gone === op.targets.length && resolved.length === 0) {
    return { state: 'dropped', reason: `none of the messages is in ${op.folder} on the server any more` };
  }
  return { state: 'done', resolved, lost, notes, stale };
}

/** Runs one queued operation on the server. Throws a TcvError when the server refuses it or the connection fails. */
export async function replayOp(client: ImapFlow, deps: ReplayDeps, q: QueuedOp): Promise<Outcome> {
  const op = q.op;
  const done = (notes: string[] = [], stale: string[] = []): Outcome => ({
    state: 'done',
    resolved: [],
    lost: [],
    notes,
    stale,
  });
  switch (op.kind) {
    case 'flags':
      return withMailbox(client, op.folder, async (mb) => {
        const { live, notes } = await resolveTargets(client, deps, op, mb.uidValidity);
        if (live.size === 0) return { state: 'dropped', reason: `no message left in ${op.folder} on the server` };
        const uids = [...new Set(live.values())];
        await uidStore(client, uids, '+', op.add);
        await uidStore(client, uids, '-', op.remove);
        return done(notes);
      });
    case 'move':
    case 'copy':
      return replayTransfer(client, deps, q, op);
    case 'expunge':
      return withMailbox(client, op.folder, async (mb) => {
        const { live, notes } = await resolveTargets(client, deps, op, mb.uidValidity);
        // Messages already gone are what the user wanted: nothing to drop.
        const outcome = await uidExpunge(client, [...new Set(live.values())], capsOf(client, deps.without));
        if (outcome !== 'flagged-only') return done(notes);
        notes.push(`${op.folder}: left flagged \\Deleted (no UIDPLUS, others \\Deleted)`);
        return done(notes, [op.folder]);
      });
    case 'createFolder':
      await createMailbox(client, op.path);
      return done();
    case 'renameFolder':
      await renameMailbox(client, op.from, op.to);
      return done();
    case 'deleteFolder':
      for (const p of op.paths) await deleteMailbox(client, p);
      return done();
    default:
      return assertNever(op);
  }
}
