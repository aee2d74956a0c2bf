// The command registry: the key handler turns a key press into a command id (shortcuts.ts), and whichever feature
// registered that command runs it. The most recent registration wins, so an open compose pane takes Ctrl+Enter and
// the message list takes Delete while it is mounted; a command nobody registered leaves the key to the browser.
import { createContext, useContext, useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { createCommandRegistry, type CommandHandler, type CommandRegistry } from './commandRegistry.ts';
import { matchShortcut, type CommandId } from './shortcuts.ts';

export type { CommandHandler, CommandRegistry };

/** A text field, a text area, a select or a rich-text editor (TipTap's contenteditable). */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(type);
}

const CommandsContext = createContext<CommandRegistry | null>(null);

export function CommandsProvider({ children }: { children: ReactNode }) {
  const registry = useMemo(createCommandRegistry, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const s = matchShortcut(e, isTextTarget(e.target));
      if (s && registry.run(s.command)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [registry]);
  return <CommandsContext.Provider value={registry}>{children}</CommandsContext.Provider>;
}

export function useCommands(): CommandRegistry {
  const v = useContext(CommandsContext);
  if (!v) throw new Error('useCommands outside CommandsProvider');
  return v;
}

/** Registers `handler` for `id` while the component is mounted (and `enabled`); the latest handler is always called. */
export function useCommand(id: CommandId, handler: CommandHandler, enabled = true): void {
  const registry = useCommands();
  const ref = useRef(handler);
  useLayoutEffect(() => {
    ref.current = handler;
  });
  useEffect(() => (enabled ? registry.register(id, () => ref.current()) : undefined), [registry, id, enabled]);
}
