/**
 * Shell state: which screen is shown, overlays, the command line, the last notice, and the run's
 * mode. A vanilla zustand store (no React), so key handlers read and change it synchronously —
 * several keys of one input chunk each see the state the previous key left.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { complete, type ScreenId } from '../keymap/index.js';

export interface Notice {
  level: 'info' | 'error';
  text: string;
  at: number;
}

export interface RunMode {
  demo: boolean;
  write: boolean;
  profileName: string;
  /** Tenant id or display name shown in the header. */
  tenantLabel: string;
}

export interface AppState {
  screen: ScreenId;
  overlay: 'none' | 'help';
  commandLine: { open: boolean; text: string; candidates: string[]; history: string[]; historyIndex: number };
  notice: Notice | null;
  /** Last successful refresh of any screen's data. */
  lastRefresh: Date | null;
  mode: RunMode;
  /** Incremented by `r`; screens refresh when it changes. */
  refreshSeq: number;
  quitRequested: boolean;
  actions: {
    showScreen(screen: ScreenId): void;
    toggleHelp(): void;
    closeOverlay(): void;
    openCommandLine(): void;
    closeCommandLine(): void;
    typeCommand(char: string): void;
    backspaceCommand(): void;
    completeCommand(): void;
    recallCommand(direction: -1 | 1): void;
    /** Records the submitted text in history and closes the line; returns the text. */
    submitCommand(): string;
    notify(text: string, level?: Notice['level']): void;
    clearNotice(): void;
    setMode(mode: Partial<RunMode>): void;
    markRefreshed(at: Date): void;
    requestRefresh(): void;
    requestQuit(): void;
  };
}

export type AppStore = StoreApi<AppState>;

const CLOSED_LINE = { open: false, text: '', candidates: [] as string[] };

export function createAppStore(initial: { screen?: ScreenId; mode: RunMode; now?: () => number }): AppStore {
  const now = initial.now ?? Date.now;
  return createStore<AppState>()((set, get) => ({
    screen: initial.screen ?? 'health',
    overlay: 'none',
    commandLine: { ...CLOSED_LINE, history: [], historyIndex: -1 },
    notice: null,
    lastRefresh: null,
    mode: initial.mode,
    refreshSeq: 0,
    quitRequested: false,
    actions: {
      showScreen: (screen) => set({ screen, overlay: 'none' }),
      toggleHelp: () => set({ overlay: get().overlay === 'help' ? 'none' : 'help' }),
      closeOverlay: () => set({ overlay: 'none' }),
      openCommandLine: () => set({ commandLine: { ...get().commandLine, ...CLOSED_LINE, open: true, historyIndex: -1 } }),
      closeCommandLine: () => set({ commandLine: { ...get().commandLine, ...CLOSED_LINE } }),
      typeCommand: (char) => set({ commandLine: { ...get().commandLine, text: get().commandLine.text + char, candidates: [] } }),
      backspaceCommand: () => {
        const line = get().commandLine;
        // Backspace on an empty line closes it, as in k9s and vim.
        if (line.text === '') set({ commandLine: { ...line, ...CLOSED_LINE } });
        else set({ commandLine: { ...line, text: line.text.slice(0, -1), candidates: [] } });
      },
      completeCommand: () => {
        const line = get().commandLine;
        const result = complete(line.text);
        set({ commandLine: { ...line, text: result.text, candidates: result.candidates.length > 1 ? result.candidates : [] } });
      },
      recallCommand: (direction) => {
        const line = get().commandLine;
        if (line.history.length === 0) return;
        const index = Math.min(Math.max(line.historyIndex + (direction === -1 ? 1 : -1), -1), line.history.length - 1);
        set({ commandLine: { ...line, historyIndex: index, text: index === -1 ? '' : (line.history[index] ?? '') } });
      },
      submitCommand: () => {
        const line = get().commandLine;
        const text = line.text.trim();
        const history = text && line.history[0] !== text ? [text, ...line.history].slice(0, 50) : line.history;
        set({ commandLine: { ...CLOSED_LINE, history, historyIndex: -1 } });
        return text;
      },
      notify: (text, level = 'info') => set({ notice: { level, text, at: now() } }),
      clearNotice: () => set({ notice: null }),
      setMode: (mode) => set({ mode: { ...get().mode, ...mode } }),
      markRefreshed: (at) => set({ lastRefresh: at }),
      requestRefresh: () => set({ refreshSeq: get().refreshSeq + 1 }),
      requestQuit: () => set({ quitRequested: true }),
    },
  }));
}
