// The command registry behind the shortcuts (commands.tsx): pure, tested in Node.
import type { CommandId } from './shortcuts.ts';

/** Runs the command; return false to say "not now" (the key then keeps its usual meaning). */
export type CommandHandler = () => boolean | void;

export interface CommandRegistry {
  register(id: CommandId, handler: CommandHandler): () => void;
  /** Runs a command as if its keys were pressed (toolbar buttons, tests). True if a handler took it. */
  run(id: CommandId): boolean;
}

export function createCommandRegistry(): CommandRegistry {
  const handlers = new Map<CommandId, CommandHandler[]>();
  return {
    register(id, handler) {
      const list = handlers.get(id) ?? [];
      list.push(handler);
      handlers.set(id, list);
      return () => {
        const cur = handlers.get(id) ?? [];
        const i = cur.lastIndexOf(handler);
        if (i >= 0) cur.splice(i, 1);
      };
    },
    run(id) {
      const list = handlers.get(id) ?? [];
      for (let i = list.length - 1; i >= 0; i--) if (list[i]?.() !== false) return true;
      return false;
    },
  };
}
