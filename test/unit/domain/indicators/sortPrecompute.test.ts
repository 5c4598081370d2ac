/** The keystroke path's reuse: precomputed column orders, unfiltered sorts, and filtering into a buffer (also narrowing a previous result). */
import { describe, expect, it } from 'vitest';
import { applyFilter, buildIndicatorIndex, filterRowsInto, precomputeSortOrders, sortOrderOf, sortRows, SORT_COLUMNS } from '../../../../src/domain/indicators/index.js';
import type { Indicator } from '../../../../src/domain/types.js';
import { app, daysFromNow, mdca, NOW, person } from './factory.js';

const rows: Indicator[] = [
  mdca('WhatsApp', { indicatorValue: 'web.whatsapp.com', rbacGroupNames: ['Finance'] }),
  person('bob@contoso.com', { indicatorType: 'IpAddress', indicatorValue: '203.0.113.7', action: 'Allowed', title: 'Scanner', expirationTime: daysFromNow(-2), severity: 'Low' }),
  app('SOAR', { indicatorType: 'Url', indicatorValue: 'http://evil.example.net/a', title: 'evil payload', expirationTime: daysFromNow(5), severity: 'High' }),
  person('alice@contoso.com', { indicatorValue: 'evil.example.org', title: 'Evil domain', severity: 'Medium' }),
  app('SOAR', { indicatorValue: 'good.example.com', title: 'fine' }),
];
const fresh = () => buildIndicatorIndex(rows, { now: NOW, expiringSoonDays: 7 });
const list = (a: ArrayLike<number>) => Array.from(a);

describe('precomputeSortOrders', () => {
  it('fills every column synchronously, and one column per scheduled turn when given a scheduler', () => {
    const ix = fresh();
    precomputeSortOrders(ix);
    for (const c of SORT_COLUMNS) expect(ix.sortOrders.has(c)).toBe(true);

    const lazy = fresh();
    const queue: (() => void)[] = [];
    precomputeSortOrders(lazy, (next) => queue.push(next));
    expect(lazy.sortOrders.size).toBe(0); // nothing computed before the first turn
    queue.shift()!();
    expect(lazy.sortOrders.size).toBe(1);
    while (queue.length > 0) queue.shift()!();
    expect(SORT_COLUMNS.every((c) => lazy.sortOrders.has(c))).toBe(true);
  });

  it('gives the same orders as sorting on demand', () => {
    const pre = fresh();
    precomputeSortOrders(pre);
    for (const c of SORT_COLUMNS) expect(list(pre.sortOrders.get(c)!)).toEqual(list(sortOrderOf(fresh(), c)));
  });
});

describe('sortRows on every row', () => {
  it('returns the cached order (asc) and its exact reverse (desc), same as sorting a subset', () => {
    const ix = fresh();
    const all = applyFilter(ix, {});
    const asc = sortRows(ix, all, { column: 'value', direction: 'asc' });
    expect(asc).toBe(sortOrderOf(ix, 'value'));
    const desc = sortRows(ix, all, { column: 'value', direction: 'desc' });
    expect(list(desc)).toEqual(list(asc).reverse());
    expect(sortRows(ix, all, { column: 'value', direction: 'desc' })).toBe(desc);
    // A subset goes through the membership pass, and its scratch is cleared for the next call.
    expect(list(sortRows(ix, [4, 0], { column: 'value', direction: 'asc' }))).toEqual(list(asc).filter((r) => r === 0 || r === 4));
    expect(list(sortRows(ix, [1], { column: 'value', direction: 'asc' }))).toEqual([1]);
  });
});

describe('filterRowsInto', () => {
  it('writes the same rows as applyFilter into a caller buffer, and narrows a previous result in place', () => {
    const ix = fresh();
    const buf = new Int32Array(ix.size);
    const n = filterRowsInto(ix, { text: 'evil' }, buf);
    expect(list(buf.subarray(0, n))).toEqual(list(applyFilter(ix, { text: 'evil' })));
    expect(list(buf.subarray(0, n))).toEqual([2, 3]);
    const m = filterRowsInto(ix, { text: 'evil.example.o' }, buf, buf.subarray(0, n));
    expect(list(buf.subarray(0, m))).toEqual([3]);
  });
});
