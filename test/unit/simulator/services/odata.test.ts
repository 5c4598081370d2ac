import { describe, expect, it } from 'vitest';
import { compileFilter, compileOrderBy, ODataError } from '../../../../src/simulator/services/odata.js';

const rows = [
  { id: 1, name: 'Alpha', tags: ['x', 'y'], when: '2024-01-05T10:00:00.0000000Z', n: null, properties: { status: 'New' } },
  { id: 2, name: 'beta', tags: [], when: '2024-02-05T10:00:00Z', n: 3, properties: { status: 'Closed' } },
  { id: 3, name: "O'Brien", tags: ['y'], when: '2023-12-31T23:59:59Z', n: 5, properties: { status: 'Active' } },
];
const ids = (f: string) => rows.filter(compileFilter(f)).map((r) => r.id);

describe('OData $filter', () => {
  it('evaluates comparisons, logic, precedence and functions', () => {
    expect(ids("name eq 'alpha'")).toEqual([1]);
    expect(ids("name ne 'alpha' and n gt 3")).toEqual([3]);
    expect(ids("name eq 'beta' or name eq 'Alpha' and n eq 5")).toEqual([2]);
    expect(ids("(name eq 'beta' or name eq 'Alpha') and n eq null")).toEqual([1]);
    expect(ids("not (name eq 'beta')")).toEqual([1, 3]);
    expect(ids("startswith(name,'al')")).toEqual([1]);
    expect(ids("name eq 'O''Brien'")).toEqual([3]);
    expect(ids("tags/any(t: t eq 'y')")).toEqual([1, 3]);
    expect(ids('tags/any()')).toEqual([1, 3]);
    expect(ids("properties/status eq 'closed'")).toEqual([2]);
  });

  it('compares dates, including the short 2024-01-01Z form', () => {
    expect(ids('when ge 2024-01-01Z')).toEqual([1, 2]);
    expect(ids('when lt 2024-01-05T10:00:00.5Z and when gt 2024-01-01T00:00:00Z')).toEqual([1]);
  });

  it('reports syntax errors and unsupported properties', () => {
    expect(() => compileFilter("name eq 'x")).toThrow(ODataError);
    expect(() => compileFilter('name eq')).toThrow(ODataError);
    expect(() => compileFilter("bogus(name, 'x')")).toThrow(/Unknown function/);
    expect(() => compileFilter("secret eq 'x'", new Set(['name']))).toThrow(/not supported/);
  });

  it('orders by paths ascending and descending', () => {
    const cmp = compileOrderBy('when desc', new Set(['when']))!;
    expect([...rows].sort(cmp).map((r) => r.id)).toEqual([2, 1, 3]);
    expect(() => compileOrderBy('name asc', new Set(['when']))).toThrow(ODataError);
  });
});
