/** What the operator has chosen on the Streaming screen: sort, open detail, cursor. Kept in stores so key handlers read it synchronously. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createListCursor, type ListCursorStore } from '../listCursor.js';
import { DEFAULT_SORT, type StreamSort } from './rows.js';

export interface StreamScreenState {
  sort: StreamSort;
  /** Table whose detail is open; null = the list. */
  detail: string | null;
  actions: { setSort(sort: StreamSort): void; openDetail(table: string): void; closeDetail(): void };
}

export function createStreamScreenState(): { screen: StoreApi<StreamScreenState>; cursor: StoreApi<ListCursorStore> } {
  const screen = createStore<StreamScreenState>()((set) => ({
    sort: DEFAULT_SORT,
    detail: null,
    actions: {
      setSort: (sort) => set({ sort }),
      openDetail: (table) => set({ detail: table }),
      closeDetail: () => set({ detail: null }),
    },
  }));
  return { screen, cursor: createListCursor() };
}
