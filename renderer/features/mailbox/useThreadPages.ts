// The conversation view's data (docs/ui.md "Conversation view"): thread rows paged from threads.list (usePages), and
// the one expanded thread's messages from threads.get, newest first, across folders (a reply in Sent shows with its
// folder's name). It has the MessagePages shape over display indexes, so the list, its selection, the reader and the
// actions work as for messages; row(i) of a thread row is its newest message.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MessageSort, MessageSummary, ThreadRow } from '../../../src/api/types.ts';
import { useApi } from '../../api/context.tsx';
import { displayRow, displayTotal, threadSpan, type Expansion } from './threadRows.ts';
import { usePages } from './usePages.ts';
import type { MessagePages } from './useMessagePages.ts';

export type RowInfo =
  | { kind: 'thread'; thread: ThreadRow; expanded: boolean }
  | { kind: 'child'; message: MessageSummary; position: number; size: number; parent: number };

export interface ThreadPages extends MessagePages {
  /** What the row at a display index is, or undefined while its page loads. */
  info(index: number): RowInfo | undefined;
  expansion: Expansion | null;
  /**
   * Expands the thread row at a display index (collapsing any other): its display index afterwards, or null if it
   * has nothing to show.
   */
  expand(index: number): number | null;
  collapse(): void;
}

interface Expanded {
  at: number;
  threadId: number;
  children: MessageSummary[];
}

export function useThreadPages(
  accountId: string | null,
  folder: string | null,
  version: number,
  dir: MessageSort['dir'],
  enabled: boolean,
): ThreadPages {
  const api = useApi();
  const fetch = useCallback(
    (offset: number, limit: number) =>
      api.call('threads.list', { accountId: accountId ?? '', folder: folder ?? '', offset, limit, dir }),
    [api, accountId, folder, dir],
  );
  const key = `${accountId}\u0000${folder}\u0000${dir}`;
  const pages = usePages<ThreadRow>(key, version, enabled && accountId && folder ? fetch : null);
  const [open, setOpen] = useState<Expanded | null>(null);
  const openRef = useRef(open);
  openRef.current = open;
  // Bumped when the expanded thread changes, so rows re-render (MessagePages.revision).
  const [openRevision, setOpenRevision] = useState(0);
  useEffect(() => setOpenRevision((n) => n + 1), [open]);

  // Another folder or order: nothing expanded.
  useEffect(() => setOpen(null), [key, enabled]);

  const load = useCallback(
    async (at: number, threadId: number) => {
      if (!accountId) return;
      const r = await api.call('threads.get', { accountId, threadId });
      if (openRef.current && openRef.current.threadId !== threadId) return;
      // A thread that is gone (moved away, deleted) collapses.
      if (!r.ok) setOpen(null);
      else setOpen({ at, threadId, children: r.value.messages.slice().reverse() });
    },
    [api, accountId],
  );

  // After a sync or an action the thread's messages may have changed: read them again.
  useEffect(() => {
    const o = openRef.current;
    if (o) void load(o.at, o.threadId);
  }, [version, load]);

  // The expanded thread must still be at its index once the pages reload; otherwise collapse.
  const atRow = open ? pages.row(open.at) : undefined;
  useEffect(() => {
    if (open && atRow && atRow.threadId !== open.threadId) setOpen(null);
  }, [open, atRow]);

  const expansion = useMemo<Expansion | null>(
    () => (open ? { at: open.at, size: open.children.length } : null),
    [open],
  );
  const threads = pages.list.status === 'ready' ? pages.list.total : 0;
  const list = useMemo(
    () =>
      pages.list.status === 'ready'
        ? { status: 'ready' as const, total: displayTotal(threads, expansion) }
        : pages.list,
    [pages.list, threads, expansion],
  );

  const info = useCallback(
    (index: number): RowInfo | undefined => {
      const d = displayRow(index, expansion);
      if (d.kind === 'child') {
        const message = open?.children[d.child];
        if (!message) return undefined;
        return { kind: 'child', message, position: d.child + 1, size: open.children.length, parent: d.thread };
      }
      const thread = pages.row(d.thread);
      return thread ? { kind: 'thread', thread, expanded: open?.at === d.thread } : undefined;
    },
    // pages.revision: rows arrive without the functions changing.
    [expansion, open, pages, pages.revision],
  );

  const row = useCallback(
    (index: number) => {
      const r = info(index);
      return r?.kind === 'thread' ? r.thread.latest : r?.message;
    },
    [info],
  );

  const ensure = useCallback(
    (first: number, last: number) => {
      const span = threadSpan(first, last, expansion);
      pages.ensure(span.from, span.to);
    },
    [expansion, pages],
  );

  const patch = useCallback(
    (index: number, fn: (m: MessageSummary) => MessageSummary) => {
      const d = displayRow(index, expansion);
      if (d.kind === 'thread') pages.patch(d.thread, (t) => ({ ...t, latest: fn(t.latest) }));
      else setOpen((o) => (o ? { ...o, children: o.children.map((m, i) => (i === d.child ? fn(m) : m)) } : o));
    },
    [expansion, pages],
  );

  const expand = useCallback(
    (index: number) => {
      const d = displayRow(index, expansion);
      if (d.kind !== 'thread') return null;
      const t = pages.row(d.thread);
      if (!t || t.threadId === null || t.count + t.elsewhere < 2) return null;
      setOpen({ at: d.thread, threadId: t.threadId, children: [] });
      void load(d.thread, t.threadId);
      // Nothing is expanded above it any more: its display index is its thread index.
      return d.thread;
    },
    [expansion, load, pages],
  );
  const collapse = useCallback(() => setOpen(null), []);

  return {
    list,
    row,
    ensure,
    patch,
    reload: pages.reload,
    revision: pages.revision + openRevision,
    info,
    expansion,
    expand,
    collapse,
  };
}
