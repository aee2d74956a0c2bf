// Bytes of outbox entries being sent (event outbox.progress, docs/compose.md "Sending progress"), for the compose
// pane that sent one (by its draft) and the status bar's outbox item. An entry leaves when its state is no longer
// "sending" (sent, queued for a retry, failed, cancelled).
import { useState } from 'react';
import type { OutboxProgressEvent } from '../../../src/api/types.ts';
import { useApiEvent } from '../../api/context.tsx';

export function useSendProgress(): ReadonlyMap<number, OutboxProgressEvent> {
  const [inFlight, setInFlight] = useState<ReadonlyMap<number, OutboxProgressEvent>>(new Map());
  useApiEvent('outbox.progress', (p) => setInFlight((prev) => new Map(prev).set(p.id, p)));
  useApiEvent('outbox.changed', (e) => {
    if (e.entry.state === 'sending' && !e.removed) return;
    setInFlight((prev) => {
      if (!prev.has(e.entry.id)) return prev;
      const next = new Map(prev);
      next.delete(e.entry.id);
      return next;
    });
  });
  return inFlight;
}

/** The progress of the message sent from `draftId`, if it is being sent. */
export function progressOfDraft(
  inFlight: ReadonlyMap<number, OutboxProgressEvent>,
  draftId: string | null,
): OutboxProgressEvent | null {
  if (!draftId) return null;
  for (const p of inFlight.values()) if (p.draftId === draftId) return p;
  return null;
}

/** All messages being sent, added up (the status bar shows one figure). */
export function totalProgress(
  inFlight: ReadonlyMap<number, OutboxProgressEvent>,
): { sent: number; total: number } | null {
  if (inFlight.size === 0) return null;
  let sent = 0;
  let total = 0;
  for (const p of inFlight.values()) {
    sent += p.sent;
    total += p.total;
  }
  return { sent, total };
}
