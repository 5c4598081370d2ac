/**
 * Cursor, scroll and marks of a list, kept by row ID, not by position: a refresh or a re-sort
 * must not move the operator's cursor or lose their marks (tui-notes, "Input first, data second").
 *
 * Pure functions over a small state, plus a vanilla store wrapper. Key handlers call the store's
 * actions with the rows as they are NOW (getRowIds), so several keys in one chunk compose.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface ListCursorState {
  /** Id of the selected row; null when the list is empty or nothing was selected yet. */
  selectedId: string | null;
  /** Index of the first visible row. */
  scrollTop: number;
  marked: ReadonlySet<string>;
}

export const EMPTY_CURSOR: ListCursorState = { selectedId: null, scrollTop: 0, marked: new Set() };

/** Where the selected row is in `ids`; 0 when it is gone (filtered out or deleted). */
export function selectedIndex(state: ListCursorState, ids: ArrayLike<string>): number {
  if (ids.length === 0) return -1;
  if (state.selectedId !== null) {
    for (let i = 0; i < ids.length; i++) if (ids[i] === state.selectedId) return i;
  }
  return 0;
}

/** Keeps the selected index inside the window [scrollTop, scrollTop + height). */
export function scrollFor(index: number, scrollTop: number, height: number, count: number): number {
  if (index < 0 || height <= 0) return 0;
  let top = scrollTop;
  if (index < top) top = index;
  if (index >= top + height) top = index - height + 1;
  return Math.max(0, Math.min(top, Math.max(0, count - height)));
}

export type Motion = { kind: 'by'; delta: number } | { kind: 'top' } | { kind: 'bottom' } | { kind: 'page'; direction: 1 | -1 };

export function move(state: ListCursorState, ids: ArrayLike<string>, motion: Motion, height: number): ListCursorState {
  const count = ids.length;
  if (count === 0) return { ...state, selectedId: null, scrollTop: 0 };
  const current = selectedIndex(state, ids);
  let next: number;
  switch (motion.kind) {
    case 'by':
      next = current + motion.delta;
      break;
    case 'top':
      next = 0;
      break;
    case 'bottom':
      next = count - 1;
      break;
    case 'page':
      next = current + motion.direction * Math.max(1, height - 1);
      break;
  }
  next = Math.max(0, Math.min(count - 1, next));
  return { ...state, selectedId: ids[next] ?? null, scrollTop: scrollFor(next, state.scrollTop, height, count) };
}

export function toggleMark(state: ListCursorState, id: string): ListCursorState {
  const marked = new Set(state.marked);
  if (marked.has(id)) marked.delete(id);
  else marked.add(id);
  return { ...state, marked };
}

export function markAll(state: ListCursorState, ids: Iterable<string>): ListCursorState {
  const marked = new Set(state.marked);
  for (const id of ids) marked.add(id);
  return { ...state, marked };
}

export function clearMarks(state: ListCursorState): ListCursorState {
  return { ...state, marked: new Set() };
}

export interface ListCursorStore extends ListCursorState {
  actions: {
    move(ids: ArrayLike<string>, motion: Motion, height: number): void;
    select(id: string | null): void;
    toggleMark(id: string): void;
    markAll(ids: Iterable<string>): void;
    clearMarks(): void;
    /** Drops marks whose rows no longer exist (after a delete). */
    retainMarks(existing: (id: string) => boolean): void;
  };
}

export function createListCursor(): StoreApi<ListCursorStore> {
  return createStore<ListCursorStore>()((set, get) => ({
    ...EMPTY_CURSOR,
    actions: {
      move: (ids, motion, height) => set(move(get(), ids, motion, height)),
      select: (id) => set({ selectedId: id }),
      toggleMark: (id) => set(toggleMark(get(), id)),
      markAll: (ids) => set(markAll(get(), ids)),
      clearMarks: () => set(clearMarks(get())),
      retainMarks: (existing) => set({ marked: new Set([...get().marked].filter(existing)) }),
    },
  }));
}
