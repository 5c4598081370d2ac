/** Repeated values kept once (issue 9 memory): the same values come back, lists as one frozen instance. */
import { describe, expect, it } from 'vitest';
import { createListSharer, createStringSharer, EMPTY_LIST, shareMaybe } from '../../../src/domain/sharedValues.js';

describe('createStringSharer', () => {
  it('gives back the value it was given, null and undefined passing through shareMaybe', () => {
    const share = createStringSharer();
    expect(share('Finance')).toBe('Finance');
    expect(share(['Fin', 'ance'].join(''))).toBe('Finance');
    expect(shareMaybe(share, null)).toBeNull();
    expect(shareMaybe(share, undefined)).toBeUndefined();
  });
});

describe('createListSharer', () => {
  it('returns one frozen instance per distinct list, by content and order', () => {
    const list = createListSharer();
    const a = list(['Finance', 'Servers']);
    expect(list(['Finance', 'Servers'])).toBe(a);
    expect(a).toEqual(['Finance', 'Servers']);
    expect(Object.isFrozen(a)).toBe(true);
    expect(list(['Servers', 'Finance'])).not.toBe(a);
    expect(list(['Servers', 'Finance'])).toEqual(['Servers', 'Finance']);
  });

  it('never takes two different lists for one, whatever their strings contain', () => {
    const list = createListSharer();
    const joined = list(['a,b']);
    const two = list(['a', 'b']);
    const nul = list(['a\u0000b']);
    expect(joined).toEqual(['a,b']);
    expect(two).toEqual(['a', 'b']);
    expect(nul).toEqual(['a\u0000b']);
    expect(new Set([joined, two, nul]).size).toBe(3);
  });

  it('makes every empty list the one frozen EMPTY_LIST, which cannot be changed through a record', () => {
    const list = createListSharer();
    const empty = list([]);
    expect(empty).toBe(EMPTY_LIST);
    expect(() => (empty as string[]).push('x')).toThrow(TypeError);
    expect(EMPTY_LIST).toHaveLength(0);
  });
});
