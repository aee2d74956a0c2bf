// Composing and sending (docs/compose.md). Every send, from messages.send or a draft, is composed into a file in the
// outbox, checked against the known size limit, queued, and attempted at once; what the server says is the result.
import { rm } from 'node:fs/promises';
import { TcvError } from '../../api/errors.ts';
import type { sendMethods } from '../../api/methods/send.ts';
import type { OutboxEntry } from '../../api/types.ts';
import { draftComposeInput } from '../../drafts/input.ts';
import { prepareDraft } from '../../drafts/prepare.ts';
import { composeToFile, type ComposeInput } from '../../mail/compose.ts';
import { checkSize } from '../../mail/smtp.ts';
import type { EngineContext, FeatureHandlers } from '../context.ts';

// Refused before anything is sent: removing the entry leaves the user's message where it was (a draft, the form).
const REFUSED_BEFORE_SENDING = new Set(['MESSAGE_TOO_LARGE', 'SMTPUTF8_UNSUPPORTED']);

export function sendHandlers(ctx: EngineContext): FeatureHandlers<keyof typeof sendMethods> {
  const { accounts, sending, db, connections, preferences } = ctx;
  const { outbox, drafts, draftServer, settings } = sending;

  const send = async (
    accountId: string,
    input: ComposeInput,
    draftId: string | null,
    holdMs = 0,
  ): Promise<OutboxEntry> => {
    const account = accounts.get(accountId);
    const path = outbox.newMessagePath();
    const msg = await composeToFile(account, input, path);
    try {
      // Known from an earlier session with this server (or the local/policy limit): refuse before queueing.
      const s = settings.get(accountId);
      checkSize(msg.size, s.serverSizeLimit, s.maxMessageBytes);
      if (msg.smtpUtf8 && s.smtpUtf8 === false) {
        throw new TcvError('SMTPUTF8_UNSUPPORTED', 'the submission server does not offer SMTPUTF8');
      }
    } catch (err) {
      await rm(path, { force: true });
      throw err;
    }
    const entry = outbox.enqueue(accountId, msg, { draftId, holdMs });
    if (draftId) drafts.setOutbox(draftId, entry.id);
    if (holdMs > 0) {
      // Undo send: the outbox's timer hands it to SMTP when the hold ends (a failure then shows in outbox.changed).
      outbox.schedule();
      return entry;
    }
    const result = await outbox.sendNow(entry.id);
    if (result.state === 'failed' && result.lastError && REFUSED_BEFORE_SENDING.has(result.lastError)) {
      // First contact with this server taught us its limit: nothing was sent, nothing stays queued.
      outbox.cancel(result.id);
      if (draftId && drafts.find(draftId)) drafts.setOutbox(draftId, null);
      throw new TcvError(
        result.lastError as 'MESSAGE_TOO_LARGE',
        `${result.size} bytes; ${JSON.stringify(settings.get(accountId))}`,
      );
    }
    return result;
  };

  return {
    'messages.send': async (p) =>
      send(
        p.accountId,
        {
          to: p.to,
          cc: p.cc,
          bcc: p.bcc,
          subject: p.subject,
          text: p.text,
          html: p.html ?? null,
          attachments: p.attachments,
          inReplyTo: p.inReplyTo ?? null,
          references: p.references ?? [],
        },
        null,
      ),
    'outbox.list': async ({ accountId }) => outbox.list(accountId),
    'outbox.retry': async ({ id }) => outbox.retry(id),
    'outbox.cancel': async ({ id }) => {
      const entry = outbox.cancel(id);
      if (entry.draftId && drafts.find(entry.draftId)) drafts.setOutbox(entry.draftId, null);
      return entry;
    },
    'compose.prepare': async (p) => {
      const account = accounts.get(p.accountId);
      return prepareDraft(
        {
          db,
          store: drafts,
          ownAddresses: () => [account.email, account.username],
          imap: (id, fn) => connections.run(id, fn),
        },
        p,
      );
    },
    'drafts.save': async (p) => {
      accounts.get(p.accountId);
      return drafts.save(p);
    },
    'drafts.list': async ({ accountId }) => drafts.list(accountId),
    'drafts.get': async ({ id }) => drafts.get(id),
    'drafts.delete': async ({ id }) => {
      const d = drafts.get(id);
      if (d.outboxId !== null) throw new TcvError('INVALID_STATE', `draft ${id} is in the outbox`);
      drafts.remove(id);
      // Its server copy goes now if the server is there, else on the next draft sync.
      void draftServer.syncAll(d.accountId).catch(() => {});
      return { id };
    },
    'drafts.send': async ({ id, holdSeconds }) => {
      const d = drafts.get(id);
      if (d.outboxId !== null) throw new TcvError('INVALID_STATE', `draft ${id} is already in the outbox`);
      if (d.to.length + d.cc.length + d.bcc.length === 0) throw new TcvError('VALIDATION', 'draft has no recipient');
      const hold = holdSeconds ?? preferences.get().undoSendSeconds;
      return send(d.accountId, draftComposeInput(d), d.id, hold * 1000);
    },
    'drafts.sync': async ({ accountId }) => {
      if (accountId) accounts.get(accountId);
      return draftServer.syncAll(accountId);
    },
    'sendSettings.get': async ({ accountId, refresh }) => {
      accounts.get(accountId);
      if (refresh) await sending.probe(accountId);
      return settings.get(accountId);
    },
    'sendSettings.set': async ({ accountId, ...patch }) => {
      accounts.get(accountId);
      return settings.set(accountId, patch);
    },
  };
}
