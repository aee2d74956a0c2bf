// "Đã gửi thư · Hoàn tác": shown while the engine holds the message in the outbox (drafts.send with the undo
// preference). Undo cancels the outbox entry (the engine returns it to the drafts) and reopens it in compose. The
// timer that matters is the engine's: closing this toast or the window changes nothing about the send.
import { Link, Toast, ToastBody, ToastTitle, ToastTrigger } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { OutboxEntry } from '../../../src/api/types.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCompose } from './ComposeProvider.tsx';

/** How long the toast stays: the hold the engine applied, at least the usual 3 s. */
export function sentToastTimeout(entry: OutboxEntry, now = Date.now()): number {
  const hold = entry.holdUntil ? Date.parse(entry.holdUntil) - now : 0;
  return Math.max(3_000, hold);
}

export function SentToast({ entry, onDone }: { entry: OutboxEntry; onDone(): void }) {
  const api = useApi();
  const compose = useCompose();
  const { t, err } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const undoable = entry.state === 'queued' && entry.holdUntil !== null;

  const undo = async () => {
    setBusy(true);
    const r = await api.call('outbox.cancel', { id: entry.id });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    onDone();
    compose.open(entry.draftId ? { draftId: entry.draftId } : {});
  };

  return (
    <Toast>
      <ToastTitle
        action={
          undoable && !error ? (
            <ToastTrigger disableButtonEnhancement>
              <Link
                as="button"
                disabled={busy}
                onClick={(e) => {
                  e.preventDefault();
                  void undo();
                }}
                title={t('compose.undo.hint')}
              >
                {t('compose.undo')}
              </Link>
            </ToastTrigger>
          ) : undefined
        }
      >
        {t('compose.sent', { subject: entry.subject })}
      </ToastTitle>
      {error ? <ToastBody>{error.code === 'INVALID_STATE' ? t('compose.undo.tooLate') : err(error)}</ToastBody> : null}
    </Toast>
  );
}
