/**
 * The keypress bus (the gemini-cli pattern). Ink's useInput is subscribed ONCE, at the root; each
 * key event then goes:
 *   1. to raw key handlers by priority — dialogs, then prompts (command line, filter), then the
 *      screen — a handler returning true consumes the key;
 *   2. otherwise through the keymap (src/keymap) to a command, which the current screen may handle
 *      (useCommands) before the app's global handlers do.
 *
 * Handlers run once per key of a chunk, synchronously, before React re-renders: they must read
 * state from the stores (store.getState()), never from values captured at the last render, or
 * the second "j" of "jjj" would act on stale state.
 */
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { CommandId } from '../../src/keymap/index.js';
import type { KeyEvent } from '../../src/keymap/index.js';

export const PRIORITY = { dialog: 300, prompt: 200, screen: 100 } as const;

export type KeyHandler = (event: KeyEvent) => boolean;
export type CommandHandlers = Partial<Record<CommandId, () => void>>;
/** Handlers for `:` commands a screen owns (e.g. `:sort`), keyed by the command's canonical name. */
export type ColonHandlers = Record<string, (args: string[]) => void>;

interface Entry<T> {
  id: number;
  priority: number;
  fn: { current: T };
}

export class InputRouter {
  private keyHandlers: Entry<KeyHandler>[] = [];
  private commandHandlers: Entry<CommandHandlers>[] = [];
  private colonHandlers: Entry<ColonHandlers>[] = [];
  private nextId = 1;

  addKeyHandler(priority: number, fn: { current: KeyHandler }): () => void {
    const entry = { id: this.nextId++, priority, fn };
    this.keyHandlers.push(entry);
    // Highest priority first; within a priority, the newest registration first (a stack).
    this.keyHandlers.sort((a, b) => b.priority - a.priority || b.id - a.id);
    return () => {
      this.keyHandlers = this.keyHandlers.filter((e) => e !== entry);
    };
  }

  addCommandHandlers(fn: { current: CommandHandlers }): () => void {
    const entry = { id: this.nextId++, priority: 0, fn };
    this.commandHandlers.unshift(entry);
    return () => {
      this.commandHandlers = this.commandHandlers.filter((e) => e !== entry);
    };
  }

  addColonHandlers(fn: { current: ColonHandlers }): () => void {
    const entry = { id: this.nextId++, priority: 0, fn };
    this.colonHandlers.unshift(entry);
    return () => {
      this.colonHandlers = this.colonHandlers.filter((e) => e !== entry);
    };
  }

  /** Runs a `:` command through the screens' handlers; true when one handled it. */
  dispatchColon(name: string, args: string[]): boolean {
    for (const entry of [...this.colonHandlers]) {
      const fn = entry.fn.current[name];
      if (fn) {
        fn(args);
        return true;
      }
    }
    return false;
  }

  /** Offers a key to the raw handlers; true when one consumed it. */
  dispatchKey(event: KeyEvent): boolean {
    // Copy: a handler may unregister itself (closing a dialog) while we iterate.
    for (const entry of [...this.keyHandlers]) {
      if (entry.fn.current(event)) return true;
    }
    return false;
  }

  /** Runs a command through the screens' handlers; true when one handled it. */
  dispatchCommand(command: CommandId): boolean {
    for (const entry of [...this.commandHandlers]) {
      const fn = entry.fn.current[command];
      if (fn) {
        fn();
        return true;
      }
    }
    return false;
  }
}

const RouterContext = createContext<InputRouter | null>(null);

export function InputRouterProvider({ router, children }: { router: InputRouter; children: ReactNode }) {
  return <RouterContext.Provider value={router}>{children}</RouterContext.Provider>;
}

function useRouter(): InputRouter {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useKeypress/useCommands used outside InputRouterProvider');
  return router;
}

/** Subscribes a raw key handler while `isActive`; return true from it to consume the key. */
export function useKeypress(handler: KeyHandler, options: { priority: number; isActive?: boolean }): void {
  const router = useRouter();
  const ref = useRef(handler);
  ref.current = handler;
  const active = options.isActive ?? true;
  useEffect(() => (active ? router.addKeyHandler(options.priority, ref) : undefined), [router, active, options.priority]);
}

/** Handles keymap commands (list.down, app.refresh, …) while `isActive`. */
export function useCommands(handlers: CommandHandlers, isActive = true): void {
  const router = useRouter();
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => (isActive ? router.addCommandHandlers(ref) : undefined), [router, isActive]);
}

/** Handles the screen's own `:` commands while `isActive`. */
export function useColonCommands(handlers: ColonHandlers, isActive = true): void {
  const router = useRouter();
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => (isActive ? router.addColonHandlers(ref) : undefined), [router, isActive]);
}

/**
 * For dialogs and prompts: once one has closed itself (Esc, Enter), it must let the rest of the same
 * input chunk through — "Esc then 3" typed quickly closes the dialog AND switches screen — although
 * React has not unmounted it yet. `finish(fn)` runs the closing callback and retires the handler.
 */
export function useClosing(): { closed: { current: boolean }; finish: (fn: () => void) => void } {
  const closed = useRef(false);
  const finish = (fn: () => void) => {
    closed.current = true;
    fn();
  };
  return { closed, finish };
}
