import { describe, expect, it } from 'vitest';
import { createListCursor, EMPTY_CURSOR, move, scrollFor, selectedIndex } from '../../../src/stores/listCursor.js';

const ids = Array.from({ length: 100 }, (_, i) => `id${i}`);

describe('list cursor', () => {
  it('moves by rows, pages, top and bottom, clamped to the list', () => {
    let s = move(EMPTY_CURSOR, ids, { kind: 'by', delta: 3 }, 10);
    expect(s.selectedId).toBe('id3');
    s = move(s, ids, { kind: 'page', direction: 1 }, 10);
    expect(s.selectedId).toBe('id12');
    expect(s.scrollTop).toBe(3);
    s = move(s, ids, { kind: 'bottom' }, 10);
    expect(s.selectedId).toBe('id99');
    expect(s.scrollTop).toBe(90);
    s = move(s, ids, { kind: 'by', delta: 5 }, 10);
    expect(s.selectedId).toBe('id99');
    s = move(s, ids, { kind: 'top' }, 10);
    expect(s).toMatchObject({ selectedId: 'id0', scrollTop: 0 });
    s = move(s, ids, { kind: 'by', delta: -1 }, 10);
    expect(s.selectedId).toBe('id0');
  });

  it('keeps the selection on the same row id when the rows are re-sorted', () => {
    const s = move(EMPTY_CURSOR, ids, { kind: 'by', delta: 10 }, 10);
    const reversed = [...ids].reverse();
    expect(selectedIndex(s, reversed)).toBe(89);
    const next = move(s, reversed, { kind: 'by', delta: 1 }, 10);
    expect(next.selectedId).toBe('id9');
  });

  it('falls back to the first row when the selected row disappears', () => {
    const s = { ...EMPTY_CURSOR, selectedId: 'gone' };
    expect(selectedIndex(s, ids)).toBe(0);
    expect(selectedIndex(s, [])).toBe(-1);
    expect(move(s, [], { kind: 'by', delta: 1 }, 10).selectedId).toBeNull();
  });

  it('scrolls just enough to keep the selection visible', () => {
    expect(scrollFor(5, 0, 10, 100)).toBe(0);
    expect(scrollFor(10, 0, 10, 100)).toBe(1);
    expect(scrollFor(2, 5, 10, 100)).toBe(2);
    expect(scrollFor(99, 0, 10, 100)).toBe(90);
    expect(scrollFor(3, 50, 10, 5)).toBe(0);
  });

  it('marks survive moves and can be cleared or pruned', () => {
    const store = createListCursor();
    const { actions } = store.getState();
    actions.toggleMark('id1');
    actions.markAll(['id2', 'id3']);
    actions.move(ids, { kind: 'bottom' }, 10);
    expect([...store.getState().marked].sort()).toEqual(['id1', 'id2', 'id3']);
    actions.toggleMark('id2');
    actions.retainMarks((id) => id !== 'id3');
    expect([...store.getState().marked]).toEqual(['id1']);
    actions.clearMarks();
    expect(store.getState().marked.size).toBe(0);
  });

  it('composes several moves issued before a render', () => {
    const store = createListCursor();
    for (let i = 0; i < 3; i++) store.getState().actions.move(ids, { kind: 'by', delta: 1 }, 10);
    expect(store.getState().selectedId).toBe('id3');
  });
});
