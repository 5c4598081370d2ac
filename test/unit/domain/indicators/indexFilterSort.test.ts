import { describe, expect, it } from 'vitest';
import {
  ALL_DEVICES,
  applyFilter,
  buildIndicatorIndex,
  chipsFromFilter,
  describeChip,
  duplicateStateOfRow,
  facetCounts,
  popFilter,
  setFilterChip,
  sortRows,
  toODataFilter,
  type FilterChip,
  type SortColumn,
} from '../../../../src/domain/indicators/index.js';
import type { Indicator } from '../../../../src/domain/types.js';
import { app, daysFromNow, mdca, NOW, person } from './factory.js';

// A small tenant: rows are referred to by their position.
const rows: Indicator[] = [
  /* 0 */ mdca('WhatsApp', { indicatorValue: 'web.whatsapp.com', rbacGroupNames: ['Finance'], expirationTime: null }),
  /* 1 */ mdca('Dropbox', { indicatorValue: 'dropbox.com', action: 'Warn', title: 'Connection to a risky cloud application was detected' }),
  /* 2 */ person('alice@contoso.com', { indicatorType: 'Url', indicatorValue: 'http://evil.example.net/payload', title: 'Phishing kit', rbacGroupNames: ['Finance', 'Kiosk'], expirationTime: daysFromNow(3), lastUpdateTime: '2026-02-01T00:00:00Z', severity: 'High' }),
  /* 3 */ person('bob@contoso.com', { indicatorType: 'IpAddress', indicatorValue: '203.0.113.7', action: 'Allowed', title: 'Scanner', description: 'Finance partner gateway', expirationTime: daysFromNow(-2), lastUpdateTime: '2026-01-01T00:00:00Z', severity: 'Low' }),
  /* 4 */ app('SOAR-Automation', { indicatorType: 'FileSha256', indicatorValue: 'a'.repeat(64), action: 'BlockAndRemediate', title: 'Emotet dropper', rbacGroupNames: ['Servers-Tier0'], expirationTime: daysFromNow(30), lastUpdateTime: '2026-02-20T00:00:00Z', severity: 'Medium' }),
  /* 5 */ app('SOAR-Automation', { indicatorType: 'Url', indicatorValue: 'HTTP://EVIL.example.net/payload', action: 'Audit', generateAlert: true, title: 'phishing kit copy', rbacGroupNames: ['kiosk', 'finance'], expirationTime: daysFromNow(5) }),
  /* 6 */ person('alice@contoso.com', { indicatorType: 'DomainName', indicatorValue: 'dropbox.com', action: 'Allowed', title: 'Sanctioned storage' }),
];
const index = buildIndicatorIndex(rows, { now: NOW, expiringSoonDays: 7 });
const list = (a: ArrayLike<number>) => Array.from(a);

describe('applyFilter', () => {
  it('keeps everything without filters', () => {
    expect(list(applyFilter(index, {}))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('filters by creator class, by class:name key and by bare name', () => {
    expect(list(applyFilter(index, { creators: ['mdca'] }))).toEqual([0, 1]);
    expect(list(applyFilter(index, { creators: ['person:alice@contoso.com'] }))).toEqual([2, 6]);
    expect(list(applyFilter(index, { creators: ['SOAR-Automation', 'person:bob@contoso.com'] }))).toEqual([3, 4, 5]);
  });

  it('filters by declared scope: group names case-insensitively, ALL_DEVICES for indicators without groups', () => {
    expect(list(applyFilter(index, { scopes: ['FINANCE'] }))).toEqual([0, 2, 5]);
    expect(list(applyFilter(index, { scopes: [ALL_DEVICES] }))).toEqual([1, 3, 6]);
    expect(list(applyFilter(index, { scopes: ['Servers-Tier0', ALL_DEVICES] }))).toEqual([1, 3, 4, 6]);
    expect(list(applyFilter(index, { scopes: ['NoSuchGroup'] }))).toEqual([]);
  });

  it('filters by expiry: expired, within N days (not expired), never', () => {
    expect(list(applyFilter(index, { expiry: { kind: 'expired' } }))).toEqual([3]);
    expect(list(applyFilter(index, { expiry: { kind: 'within', days: 7 } }))).toEqual([2, 5]);
    expect(list(applyFilter(index, { expiry: { kind: 'never' } }))).toEqual([0, 1, 6]);
  });

  it('matches text case-insensitively in value, title and description', () => {
    expect(list(applyFilter(index, { text: 'PHISHING' }))).toEqual([2, 5]);
    expect(list(applyFilter(index, { text: 'partner gateway' }))).toEqual([3]);
    expect(list(applyFilter(index, { text: '203.0.113' }))).toEqual([3]);
  });

  it('keeps each distinct title and description once for the text filter, and matches each field on its own', () => {
    const same = (v: string) => person('carol@contoso.com', { indicatorValue: v, title: 'Known C2', description: 'Seen in campaign' });
    const many = [same('c2-one.example'), same('c2-two.example'), same('C2-THREE.example'), rows[3]!];
    const ix = buildIndicatorIndex(many, { now: NOW, expiringSoonDays: 7 });
    expect(ix.proseTexts).toEqual(['known c2\nseen in campaign', 'scanner\nfinance partner gateway']);
    expect(Array.from(ix.proseOf)).toEqual([0, 0, 0, 1]);
    expect(list(applyFilter(ix, { text: 'CAMPAIGN' }))).toEqual([0, 1, 2]);
    expect(list(applyFilter(ix, { text: 'three' }))).toEqual([2]);
    expect(list(applyFilter(ix, { text: 'c2' }))).toEqual([0, 1, 2]);
    // The end of the title and the start of the description are two fields, as the value and the title are.
    expect(list(applyFilter(ix, { text: 'c2 seen' }))).toEqual([]);
    expect(list(applyFilter(ix, { text: 'example known' }))).toEqual([]);
  });

  it('combines creator + scope + type + text + expiry with AND', () => {
    const f = { creators: ['person', 'app'], scopes: ['Kiosk'], types: ['url'], text: 'kit', expiry: { kind: 'within' as const, days: 4 } };
    expect(list(applyFilter(index, f))).toEqual([2]);
    expect(list(applyFilter(index, { ...f, expiry: { kind: 'within', days: 6 } }))).toEqual([2, 5]);
    expect(list(applyFilter(index, { ...f, actions: ['Audit'], expiry: undefined }))).toEqual([5]);
  });
});

describe('filter chips', () => {
  it('keeps one chip per kind, newest last, and Esc (popFilter) removes the newest', () => {
    let chips: FilterChip[] = [];
    chips = setFilterChip(chips, { kind: 'creator', values: ['mdca'] });
    chips = setFilterChip(chips, { kind: 'text', text: 'drop' });
    chips = setFilterChip(chips, { kind: 'creator', values: ['person'] });
    expect(chips.map((c) => c.kind)).toEqual(['text', 'creator']);
    expect(list(applyFilter(index, chips))).toEqual([6]);
    chips = popFilter(chips);
    expect(chips).toEqual([{ kind: 'text', text: 'drop' }]);
    // "drop" is in dropbox.com (1, 6) and in the title "Emotet dropper" (4).
    expect(list(applyFilter(index, chips))).toEqual([1, 4, 6]);
    chips = popFilter(chips);
    expect(list(applyFilter(index, chips))).toHaveLength(7);
  });

  it('drops a chip set to no values, and describes chips for the bar', () => {
    const chips = setFilterChip(chipsFromFilter({ creators: ['mdca'], scopes: [ALL_DEVICES, 'Finance'] }), { kind: 'creator', values: [] });
    expect(chips.map(describeChip)).toEqual(['scope: All devices, Finance']);
    expect(describeChip({ kind: 'creator', values: ['mdca', 'person:alice@contoso.com'] })).toBe('creator: Defender for Cloud Apps, alice@contoso.com');
  });
});

describe('facetCounts', () => {
  it('counts creators with every other filter applied, ignoring the creator filter itself', () => {
    const f = { creators: ['mdca'], types: ['DomainName'] };
    const byKey = Object.fromEntries(facetCounts(index, f, 'creator').map((e) => [e.key, e.count]));
    expect(byKey).toEqual({ mdca: 2, person: 1, app: 0, 'mdca:Defender for Cloud Apps': 2, 'person:alice@contoso.com': 1, 'person:bob@contoso.com': 0, 'app:SOAR-Automation': 0 });
  });

  it('counts scopes per group (a row with two groups counts in both) plus All devices, following other filters', () => {
    const entries = facetCounts(index, { creators: ['person', 'app'], scopes: ['Finance'] }, 'scope');
    expect(entries[0]).toEqual({ key: ALL_DEVICES, label: 'All devices', count: 2 });
    const byKey = Object.fromEntries(entries.slice(1).map((e) => [e.key, e.count]));
    expect(byKey).toEqual({ Finance: 2, Kiosk: 2, 'Servers-Tier0': 1 });
  });

  it('counts types, actions and expiry buckets under the other filters', () => {
    const types = Object.fromEntries(facetCounts(index, { text: 'drop' }, 'type').map((e) => [e.key, e.count]));
    expect(types).toEqual({ DomainName: 2, FileSha256: 1, Url: 0, IpAddress: 0 });
    const actions = Object.fromEntries(facetCounts(index, { creators: ['person'], actions: ['Block'] }, 'action').map((e) => [e.key, e.count]));
    expect(actions).toEqual({ Allowed: 2, Block: 1, Warn: 0, BlockAndRemediate: 0, Audit: 0 });
    const expiry = facetCounts(index, { creators: ['person'], expiry: { kind: 'never' } }, 'expiry');
    expect(expiry).toEqual([
      { key: 'expired', label: 'expired', count: 1 },
      { key: 'within:7', label: 'within 7d', count: 1 },
      { key: 'never', label: 'never', count: 1 },
    ]);
  });
});

describe('sortRows', () => {
  const all = applyFilter(index, {});
  const expected: Record<SortColumn, number[]> = {
    value: [5, 2, 3, 4, 1, 6, 0].sort((a, b) => {
      const key = (r: number) => rows[r]!.indicatorValue.toLowerCase();
      return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a - b;
    }),
    type: [0, 1, 6, 4, 3, 2, 5],
    // allowed < audit < block < blockandremediate < warn
    action: [3, 6, 5, 0, 2, 4, 1],
    creator: [0, 1, 2, 6, 3, 4, 5],
    scope: [1, 3, 6, 0, 2, 5, 4],
    // connection…, emotet…, phishing kit, phishing kit copy, sanctioned…, scanner, unsanctioned…
    title: [1, 4, 2, 5, 6, 3, 0],
    expiry: [3, 2, 5, 4, 0, 1, 6],
    // row 3 (2026-01-01) is oldest; 0, 1, 5, 6 share 2026-01-10 and keep row order
    lastUpdate: [3, 0, 1, 5, 6, 2, 4],
    severity: [0, 1, 5, 6, 3, 4, 2],
  };

  for (const column of Object.keys(expected) as SortColumn[]) {
    it(`sorts by ${column} ascending and, exactly reversed, descending`, () => {
      expect(list(sortRows(index, all, { column, direction: 'asc' }))).toEqual(expected[column]);
      expect(list(sortRows(index, all, { column, direction: 'desc' }))).toEqual([...expected[column]].reverse());
    });
  }

  it('sorts only the given rows', () => {
    expect(list(sortRows(index, applyFilter(index, { creators: ['person'] }), { column: 'expiry', direction: 'asc' }))).toEqual([3, 2, 6]);
  });
});

describe('duplicates and conflicts in the index', () => {
  it('flags the same value twice as duplicate and same value + scope with different actions as conflict', () => {
    // Rows 2 and 5: same URL (case differs), same scope (order/case differ), Block vs Audit → conflict.
    expect(duplicateStateOfRow(index, 2)).toEqual({ duplicate: true, conflict: true });
    expect(duplicateStateOfRow(index, 5)).toEqual({ duplicate: true, conflict: true });
    // Rows 1 and 6: dropbox.com twice, different scopes? both all devices with Warn vs Allowed → conflict.
    expect(duplicateStateOfRow(index, 1)).toEqual({ duplicate: true, conflict: true });
    expect(duplicateStateOfRow(index, 0)).toEqual({ duplicate: false, conflict: false });
    expect(index.duplicates.groups.map((g) => g.ids.length)).toEqual([2, 2]);
  });

  it('flags a duplicate without conflict when actions agree or scopes differ', () => {
    const ix = buildIndicatorIndex(
      [
        person('a@contoso.com', { indicatorValue: 'ABC'.padEnd(40, '0') }),
        person('b@contoso.com', { indicatorValue: 'abc'.padEnd(40, '0') }),
        person('a@contoso.com', { indicatorType: 'DomainName', indicatorValue: 'x.example', action: 'Block', rbacGroupNames: ['A'] }),
        person('a@contoso.com', { indicatorType: 'DomainName', indicatorValue: 'x.example.', action: 'Allowed', rbacGroupNames: ['B'] }),
      ],
      { now: NOW, expiringSoonDays: 7 },
    );
    expect([0, 1, 2, 3].map((r) => duplicateStateOfRow(ix, r))).toEqual([
      { duplicate: true, conflict: false },
      { duplicate: true, conflict: false },
      { duplicate: true, conflict: false },
      { duplicate: true, conflict: false },
    ]);
  });
});

describe('toODataFilter', () => {
  it('sends types, actions, person/app creators and expiry ranges; keeps class, scope, never and text local', () => {
    expect(toODataFilter({ types: ['Url', 'DomainName'], actions: ['Block'] }, NOW)).toBe("(indicatorType eq 'Url' or indicatorType eq 'DomainName') and action eq 'Block'");
    expect(toODataFilter({ creators: ["person:o'brien@contoso.com"] }, NOW)).toBe("createdBy eq 'o''brien@contoso.com'");
    expect(toODataFilter({ creators: ['app:Feed'] }, NOW)).toBe("(createdByDisplayName eq 'Feed' or createdBy eq 'Feed')");
    expect(toODataFilter({ creators: ['mdca', 'person:a@b.c'] }, NOW)).toBeUndefined();
    expect(toODataFilter({ expiry: { kind: 'expired' } }, NOW)).toBe('expirationTime le 2026-03-01T12:00:00.000Z');
    expect(toODataFilter({ expiry: { kind: 'within', days: 2 } }, NOW)).toBe('expirationTime gt 2026-03-01T12:00:00.000Z and expirationTime le 2026-03-03T12:00:00.000Z');
    expect(toODataFilter({ scopes: ['Finance'], text: 'x', expiry: { kind: 'never' } }, NOW)).toBeUndefined();
  });
});
