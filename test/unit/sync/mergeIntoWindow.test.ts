/**
 * The sync store's merge of an incremental read into the previous snapshot's records: by key, newest read
 * wins, the window's start drops what fell out of it, and the previous snapshot's map is left as it was.
 */
import { describe, expect, it } from 'vitest';
import { mergeIntoWindow } from '../../../src/stores/sync/syncSnapshot.js';

type Rec = { key: string; createdMs: number; v: number };
const rec = (key: string, createdMs: number, v = 0): Rec => ({ key, createdMs, v });
const keyOf = (r: Rec) => r.key;
const entries = (m: ReadonlyMap<string, Rec>) => [...m].map(([k, r]) => `${k}:${r.createdMs}:${r.v}`);

describe('mergeIntoWindow', () => {
  it('keeps the previous order, replaces changed records in place, appends new ones, drops what fell out of the window', () => {
    const previous = new Map([rec('a', 10), rec('b', 20), rec('c', 30)].map((r) => [r.key, r]));
    const before = entries(previous);
    const merged = mergeIntoWindow(previous, [rec('c', 30, 1), rec('d', 40), rec('b', 20, 2)], keyOf, 15);
    expect(entries(merged)).toEqual(['b:20:2', 'c:30:1', 'd:40:0']);
    // The previous snapshot still reads as it did.
    expect(entries(previous)).toEqual(before);
    expect(merged).not.toBe(previous);
  });

  it('drops a read record created before the window, keeps records with an unparseable time (as before), and starts empty on a full read', () => {
    const previous = new Map([rec('a', 100), rec('n', NaN)].map((r) => [r.key, r]));
    expect(entries(mergeIntoWindow(previous, [rec('a', 5, 1), rec('z', 4)], keyOf, 50))).toEqual(['n:NaN:0']);
    expect(entries(mergeIntoWindow(undefined, [rec('x', 60), rec('y', 40), rec('x', 60, 3)], keyOf, 50))).toEqual(['x:60:3']);
  });

  it('answers with the previous map itself when the read brought nothing and nothing left the window', () => {
    const previous = new Map([rec('a', 100), rec('n', NaN)].map((r) => [r.key, r]));
    expect(mergeIntoWindow(previous, [], keyOf, 50)).toBe(previous);
    // Something left the window: a new map without it, the previous one unchanged.
    const pruned = mergeIntoWindow(previous, [], keyOf, 150);
    expect(pruned).not.toBe(previous);
    expect(entries(pruned)).toEqual(['n:NaN:0']);
    expect(entries(previous)).toEqual(['a:100:0', 'n:NaN:0']);
  });
});
