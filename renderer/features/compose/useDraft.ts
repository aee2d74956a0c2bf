// The draft behind a compose pane: loaded from a ComposeInitial (new, reply, forward, existing draft), saved to the
// engine's local drafts within a second of each change (drafts.save is one SQLite write), sent with drafts.send.
// Saves are chained so the first one (which creates the draft) is never raced by a second create.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { Address, Draft, DraftAttachment } from '../../../src/api/types.ts';
import { withSignature } from '../../../src/shared/compose-html.ts';
import { useApi } from '../../api/context.tsx';
import { textToEditorHtml } from './body.ts';
import type { ComposeInitial } from './types.ts';

export const AUTOSAVE_MS = 600;

export interface DraftFields {
  accountId: string;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string;
  text: string;
  html: string | null;
  attachments: DraftAttachment[];
}

export type DraftLoad = { status: 'loading' } | { status: 'ready' } | { status: 'error'; error: ApiError };
export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

function toAddresses(list: readonly (string | Address)[] | undefined): Address[] {
  return (list ?? []).map((a) => (typeof a === 'string' ? { name: '', address: a } : a));
}

/** What drafts.save stores of the fields, besides the attachments (sent as staged files or as a forward's parts). */
function savedContent(f: DraftFields) {
  return { accountId: f.accountId, to: f.to, cc: f.cc, bcc: f.bcc, subject: f.subject, text: f.text, html: f.html };
}

function fromDraft(d: Draft): DraftFields {
  return {
    accountId: d.accountId,
    to: d.to,
    cc: d.cc,
    bcc: d.bcc,
    subject: d.subject,
    text: d.text,
    html: d.html,
    attachments: d.attachments,
  };
}

export function useDraft(initial: ComposeInitial, defaultAccountId: string) {
  const api = useApi();
  const [fields, setFields] = useState<DraftFields>(() => ({
    accountId: initial.accountId ?? defaultAccountId,
    to: toAddresses(initial.to),
    cc: toAddresses(initial.cc),
    bcc: toAddresses(initial.bcc),
    subject: initial.subject ?? '',
    text: initial.body ?? '',
    html: initial.html ?? null,
    attachments: [],
  }));
  const [load, setLoad] = useState<DraftLoad>({ status: 'loading' });
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const idRef = useRef<string | null>(initial.draftId ?? null);
  const fieldsRef = useRef(fields);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dirty = useRef(false);

  const saveNow = useCallback((): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const run = async (): Promise<boolean> => {
      if (!dirty.current && idRef.current) return true;
      dirty.current = false;
      const f = fieldsRef.current;
      setSaveState('saving');
      const r = await api.call('drafts.save', {
        ...(idRef.current ? { id: idRef.current } : {}),
        ...savedContent(f),
        attachments: f.attachments.map((a) => ({
          path: a.path,
          filename: a.filename,
          // Unknown for a chosen or dropped file of an unusual type: the engine then derives it from the name.
          ...(a.contentType ? { contentType: a.contentType } : {}),
          ...(a.cid ? { cid: a.cid } : {}),
        })),
      });
      if (!r.ok) {
        dirty.current = true;
        setSaveError(r.error);
        setSaveState('error');
        return false;
      }
      idRef.current = r.value.id;
      setSaveError(null);
      setSaveState(dirty.current ? 'pending' : 'saved');
      return true;
    };
    const next = chain.current.then(run, run);
    chain.current = next;
    return next;
  }, [api]);

  const update = useCallback(
    (patch: Partial<DraftFields>) => {
      // Computed here, not in an updater: two changes before the next render (two files finishing) both count.
      const next = { ...fieldsRef.current, ...patch };
      fieldsRef.current = next;
      setFields(next);
      dirty.current = true;
      setSaveState('pending');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNow(), AUTOSAVE_MS);
    },
    [saveNow],
  );

  // Load once: an existing draft, a reply/forward prepared by the engine, or a new message (saved at once when it
  // brings attachments, so the engine checks the files and reports their sizes).
  useEffect(() => {
    let cancelled = false;
    const apply = (d: Draft) => {
      if (cancelled) return;
      idRef.current = d.id;
      const next = fromDraft(d);
      fieldsRef.current = next;
      setFields(next);
      setLoad({ status: 'ready' });
      setSaveState('saved');
    };
    const fail = (error: ApiError) => {
      if (!cancelled) setLoad({ status: 'error', error });
    };
    // The account's signature (settings, per account), for a message started here (not a continued draft).
    const signature = async (accountId: string): Promise<string> => {
      const r = await api.call('settings.get', {});
      return r.ok ? (r.value.signatures[accountId] ?? '') : '';
    };
    void (async () => {
      if (initial.draftId) {
        const r = await api.call('drafts.get', { id: initial.draftId });
        return r.ok ? apply(r.value) : fail(r.error);
      }
      const source = initial.replyTo ?? initial.forward;
      if (source) {
        const mode = initial.replyTo
          ? initial.replyTo.all
            ? 'replyAll'
            : 'reply'
          : initial.forward?.asAttachment
            ? 'forwardAsAttachment'
            : 'forward';
        const r = await api.call('compose.prepare', {
          accountId: source.accountId,
          folder: source.folder,
          uid: source.uid,
          mode,
        });
        if (!r.ok) return fail(r.error);
        const sig = await signature(r.value.accountId);
        apply(r.value);
        if (sig && !cancelled) {
          const body = r.value.html ?? textToEditorHtml(r.value.text);
          update({ html: withSignature(body, sig, 'aboveQuote'), text: '' });
        }
        return;
      }
      if (initial.attachments?.length) {
        const f = fieldsRef.current;
        const r = await api.call('drafts.save', { ...savedContent(f), attachments: initial.attachments });
        if (!r.ok) return fail(r.error);
        const d = await api.call('drafts.get', { id: r.value.id });
        return d.ok ? apply(d.value) : fail(d.error);
      }
      const sig = await signature(fieldsRef.current.accountId);
      if (cancelled) return;
      if (sig) {
        // Not a change of the user's: a message with only a signature is not saved as a draft.
        const f = fieldsRef.current;
        const body = f.html ?? (f.text ? textToEditorHtml(f.text) : '');
        const next = { ...f, html: withSignature(body, sig, 'end') };
        fieldsRef.current = next;
        setFields(next);
      }
      setLoad({ status: 'ready' });
    })();
    return () => {
      cancelled = true;
    };
    // The initial request is fixed for the pane's lifetime (a new open() remounts it): load once.
  }, []);

  // Leaving the pane (closing, switching folder) or the page (reload, window closed) saves what is pending.
  useEffect(() => {
    const flush = () => {
      if (dirty.current) void saveNow();
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [saveNow]);

  const discard = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    dirty.current = false;
    await chain.current.catch(() => {});
    const id = idRef.current;
    idRef.current = null;
    if (id) await api.call('drafts.delete', { id });
  }, [api]);

  return {
    fields,
    update,
    saveNow,
    discard,
    load,
    saveState,
    saveError,
    draftId: () => idRef.current,
    /** The fields as of the last change (not the last render). */
    current: () => fieldsRef.current,
  };
}
