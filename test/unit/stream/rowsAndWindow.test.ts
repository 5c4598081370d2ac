import { describe, expect, it } from 'vitest';
import { parseWindow } from '../../../src/stores/stream/window.js';
import { nextSort, parseSortArgs, sortStreamRows, type StreamRow } from '../../../src/stores/stream/rows.js';
import { streamExitCode } from '../../../src/stores/stream/exitCode.js';
import { buildStreamReport, ratesFromTableCounts } from '../../../src/domain/streaming/index.js';

const row = (table: string, over: Partial<StreamRow> = {}): StreamRow => ({
  id: table, table, via: 'hub', hub: '', minute: null, eventsPerSec: null, bytesPerSec: null, lastHour: [], perDay: null, share: null, ageMs: null, gap: null, ...over,
});

describe('parseWindow', () => {
  it.each([
    [undefined, 60], ['15m', 15], ['1h', 60], ['2h30m', 150], ['1d', 1440], ['90', 90],
  ])('%s → %i minutes', (raw, minutes) => expect(parseWindow(raw)).toEqual({ ok: true, minutes }));

  it('refuses words, zero and more than a day, naming the flag', () => {
    for (const raw of ['soon', '0m', '25h', '']) {
      const r = parseWindow(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/^--window must be/);
    }
  });
});

describe('sorting the streaming rows', () => {
  const rows = [row('B', { bytesPerSec: 10, gap: null }), row('A', { bytesPerSec: null, gap: { minutes: 30, stoppedAt: 'x' } }), row('C', { bytesPerSec: 50, gap: { minutes: 5, stoppedAt: 'y' } })];

  it('sorts figures busiest first with unknown values last in both directions', () => {
    expect(sortStreamRows(rows, { column: 'mbs', direction: 'desc' }).map((r) => r.table)).toEqual(['C', 'B', 'A']);
    expect(sortStreamRows(rows, { column: 'mbs', direction: 'asc' }).map((r) => r.table)).toEqual(['B', 'C', 'A']);
    expect(sortStreamRows(rows, { column: 'gap', direction: 'desc' }).map((r) => r.table)).toEqual(['A', 'C', 'B']);
  });

  it('`s` cycles columns (names A→Z, figures descending); :sort takes a prefix and toggles the current column', () => {
    expect(nextSort({ column: 'gap', direction: 'desc' })).toEqual({ column: 'table', direction: 'asc' });
    expect(nextSort({ column: 'table', direction: 'asc' })).toEqual({ column: 'via', direction: 'asc' });
    expect(parseSortArgs(['sh'], { column: 'mbs', direction: 'desc' })).toEqual({ column: 'share', direction: 'desc' });
    expect(parseSortArgs(['mbs'], { column: 'mbs', direction: 'desc' })).toEqual({ column: 'mbs', direction: 'asc' });
    expect(parseSortArgs(['age', 'asc'], { column: 'mbs', direction: 'desc' })).toEqual({ column: 'age', direction: 'asc' });
    expect(parseSortArgs(['colour'], { column: 'mbs', direction: 'desc' })).toMatch(/unknown column "colour"/);
    expect(parseSortArgs(['age', 'up'], { column: 'mbs', direction: 'desc' })).toMatch(/asc or desc/);
  });
});

describe('streamExitCode', () => {
  const now = new Date('2025-03-01T12:00:30Z');
  const flowing = (minutes: number, from = 0) =>
    Array.from({ length: minutes }, (_, i) => ({ table: 'DeviceEvents', minute: new Date(Date.parse('2025-03-01T11:00:00Z') + (from + i) * 60_000).toISOString(), events: 100, bytes: 1000 }));
  const report = (rows: ReturnType<typeof flowing>, namespace?: { throughputUnits: number; tier: string; hubCount: number }) =>
    buildStreamReport({ now, rates: ratesFromTableCounts(rows, { now, windowMinutes: 60 }), gapMinutes: 15, ...(namespace ? { namespace } : {}) });

  it('0 when flowing, 2 on a gap, 1 on a warning only, 3 when nothing was read or a source failed without failures found', () => {
    expect(streamExitCode(report(flowing(60)), false)).toBe(0);
    expect(streamExitCode(report(flowing(30)), false)).toBe(2);
    expect(streamExitCode(report(flowing(60), { throughputUnits: 1, tier: 'Mystery', hubCount: 1 }), false)).toBe(1);
    expect(streamExitCode(null, false)).toBe(3);
    expect(streamExitCode(report(flowing(60)), true)).toBe(3);
    // A failure found in what was read outranks "incomplete".
    expect(streamExitCode(report(flowing(30)), true)).toBe(2);
  });
});
