// The ONE table of keyboard shortcuts (Outlook's, so office users need nothing new). The settings screen lists it and
// the key handler matches against it; features register what a command does (commands.tsx). Pure, tested in Node.
import type { MessageKey } from '../i18n/translate.ts';

export type CommandId =
  | 'mail.new'
  | 'mail.reply'
  | 'mail.replyAll'
  | 'mail.forward'
  | 'mail.send'
  | 'mail.delete'
  | 'mail.markRead'
  | 'mail.markUnread'
  | 'mail.flag'
  | 'mail.move'
  | 'mail.undo'
  | 'sync.run'
  | 'search.focus'
  | 'search.clear'
  | 'nav.inbox'
  | 'nav.directory'
  | 'nav.nextPane'
  | 'nav.previousPane';

/**
 * Where a shortcut works: "global" also inside text fields (Ctrl combinations and F-keys); "list" only outside text
 * fields (Delete and Insert belong to the text there); "local" is handled by the focused control itself (Escape in the
 * search box) and is in the table so the settings list shows it.
 */
export type Scope = 'global' | 'list' | 'local';

export interface Shortcut {
  command: CommandId;
  /** "Ctrl+Shift+R", "Delete", "F9": the same spelling is shown to the user (with the Vietnamese key names). */
  keys: string;
  scope: Scope;
  label: MessageKey;
}

export const shortcuts: readonly Shortcut[] = [
  { command: 'mail.new', keys: 'Ctrl+N', scope: 'global', label: 'shortcut.mail.new' },
  { command: 'mail.reply', keys: 'Ctrl+R', scope: 'global', label: 'shortcut.mail.reply' },
  { command: 'mail.replyAll', keys: 'Ctrl+Shift+R', scope: 'global', label: 'shortcut.mail.replyAll' },
  { command: 'mail.forward', keys: 'Ctrl+F', scope: 'global', label: 'shortcut.mail.forward' },
  { command: 'mail.send', keys: 'Ctrl+Enter', scope: 'global', label: 'shortcut.mail.send' },
  { command: 'mail.delete', keys: 'Delete', scope: 'list', label: 'shortcut.mail.delete' },
  { command: 'mail.markRead', keys: 'Ctrl+Q', scope: 'global', label: 'shortcut.mail.markRead' },
  { command: 'mail.markUnread', keys: 'Ctrl+U', scope: 'global', label: 'shortcut.mail.markUnread' },
  { command: 'mail.flag', keys: 'Insert', scope: 'list', label: 'shortcut.mail.flag' },
  // Outside text fields only: there Ctrl+Shift+V pastes as plain text and Ctrl+Z undoes typing.
  { command: 'mail.move', keys: 'Ctrl+Shift+V', scope: 'list', label: 'shortcut.mail.move' },
  { command: 'mail.undo', keys: 'Ctrl+Z', scope: 'list', label: 'shortcut.mail.undo' },
  { command: 'sync.run', keys: 'F9', scope: 'global', label: 'shortcut.sync.run' },
  { command: 'search.focus', keys: 'Ctrl+E', scope: 'global', label: 'shortcut.search.focus' },
  { command: 'search.clear', keys: 'Escape', scope: 'local', label: 'shortcut.search.clear' },
  { command: 'nav.inbox', keys: 'Ctrl+Shift+I', scope: 'global', label: 'shortcut.nav.inbox' },
  { command: 'nav.directory', keys: 'Ctrl+Shift+B', scope: 'global', label: 'shortcut.nav.directory' },
  { command: 'nav.nextPane', keys: 'F6', scope: 'global', label: 'shortcut.nav.nextPane' },
  { command: 'nav.previousPane', keys: 'Shift+F6', scope: 'global', label: 'shortcut.nav.previousPane' },
];

/** What the handler needs of a key event (a DOM KeyboardEvent has all of it). */
export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  /** True while an input method (Unikey, EVKey, the OS Telex/VNI IME) is composing: never a shortcut. */
  isComposing: boolean;
  /** keyCode 229 is how Chromium marks keys that belong to an IME composition. */
  keyCode?: number;
}

interface Chord {
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  key: string;
}

function parse(keys: string): Chord {
  const parts = keys.split('+');
  // "Ctrl+," ends in a comma, "Ctrl++" would end in a plus: the last part is the key even when it is a separator.
  const key = keys.endsWith('+') && parts.at(-1) === '' ? '+' : (parts.pop() ?? '');
  return {
    ctrl: parts.includes('Ctrl'),
    shift: parts.includes('Shift'),
    alt: parts.includes('Alt'),
    key: key.toLowerCase(),
  };
}

const chords = shortcuts.map((s) => ({ ...s, chord: parse(s.keys) }));

/**
 * The shortcut a key press means, or null. `inText`: the focus is in a text field or the editor, where plain keys
 * (Delete, Insert, Escape) belong to the text and only "global" shortcuts apply. Cmd counts as Ctrl on macOS.
 */
export function matchShortcut(e: KeyInput, inText: boolean): Shortcut | null {
  if (e.isComposing || e.keyCode === 229) return null;
  const ctrl = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  for (const s of chords) {
    if (s.scope === 'local') continue;
    if (s.chord.key !== key || s.chord.ctrl !== ctrl || s.chord.shift !== e.shiftKey || s.chord.alt !== e.altKey)
      continue;
    if (inText && s.scope !== 'global') return null;
    return s;
  }
  return null;
}

/** The keys as the user reads them: Vietnamese keyboards label Ctrl, Shift and the rest the same way as English ones. */
export function keysFor(command: CommandId): string | undefined {
  return shortcuts.find((s) => s.command === command)?.keys;
}
