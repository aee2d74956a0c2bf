// The shell's own commands (shortcuts.ts): Send/Receive, new message, the directory (Danh bạ), go to the Inbox, move
// between panes (F6).
import { useCommand } from './commands.tsx';

/** The panes F6 cycles through, in Outlook's order: folders, message list (a tree in the conversation view), reading
 * pane. */
const PANE_SELECTORS = ['nav', '#message-list [role="listbox"], #message-list [role="tree"]', '[data-pane="side"]'];

function focusPane(step: 1 | -1): boolean {
  const panes = PANE_SELECTORS.map((sel) => document.querySelector<HTMLElement>(sel)).filter(
    (el): el is HTMLElement => el !== null,
  );
  if (panes.length === 0) return false;
  const current = panes.findIndex((p) => p.contains(document.activeElement));
  const next = panes[(current + step + panes.length) % panes.length];
  if (!next) return false;
  // A pane itself may not be focusable: its first focusable element takes the focus.
  const target =
    next.tabIndex >= 0
      ? next
      : next.querySelector<HTMLElement>('button, [href], input, [tabindex]:not([tabindex="-1"]), iframe');
  (target ?? next).focus();
  return true;
}

export function useAppCommands(actions: { sync(): void; compose(): void; directory(): void; inbox(): boolean }): void {
  useCommand('sync.run', () => actions.sync());
  useCommand('mail.new', () => actions.compose());
  useCommand('nav.inbox', () => actions.inbox());
  useCommand('nav.directory', () => actions.directory());
  useCommand('nav.nextPane', () => focusPane(1));
  useCommand('nav.previousPane', () => focusPane(-1));
}
