/**
 * The Sync screen's UI state outside React: filters and sort (SyncView), the open dialog, and the last
 * alignment's outcome. Key handlers read and change it synchronously (several keys in one chunk compose).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_VIEW, type SyncView } from './syncRows.js';
import type { AlignOutcome } from './alignStatus.js';

export type SyncDialog =
  | { kind: 'none' }
  | { kind: 'statePicker' }
  | { kind: 'search' }
  | { kind: 'detail'; rowId: string }
  | { kind: 'confirmWrite' }
  | { kind: 'confirmAlign'; defenderIds: string[] }
  | { kind: 'aligning'; count: number }
  | { kind: 'outcome'; outcomes: AlignOutcome[] };

export interface SyncViewState {
  view: SyncView;
  dialog: SyncDialog;
  actions: {
    setView(update: (v: SyncView) => SyncView): void;
    open(dialog: SyncDialog): void;
    close(): void;
  };
}

export function createSyncViewStore(): StoreApi<SyncViewState> {
  return createStore<SyncViewState>()((set, get) => ({
    view: DEFAULT_VIEW,
    dialog: { kind: 'none' },
    actions: {
      setView: (update) => set({ view: update(get().view) }),
      open: (dialog) => set({ dialog }),
      close: () => set({ dialog: { kind: 'none' } }),
    },
  }));
}
