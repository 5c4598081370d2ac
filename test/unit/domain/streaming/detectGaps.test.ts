import { describe, expect, it } from 'vitest';
import { detectGaps, type MinutePoint } from '../../../../src/domain/streaming/index.js';

const NOW = new Date('2025-01-01T10:30:00Z');
const series = (start: string, events: (number | null)[]): MinutePoint[] =>
  events.map((e, i) => ({ minute: new Date(Date.parse(start) + i * 60_000).toISOString(), events: e, bytes: null }));

describe('detectGaps', () => {
  it('flags a table silent for longer than the threshold, with when it stopped', () => {
    // Events through the 09:59 minute → stopped at 10:00; now 10:30 → 30 minutes > 15.
    const gaps = detectGaps(
      {
        DeviceProcessEvents: series('2025-01-01T09:50:00Z', [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, ...new Array(30).fill(0)]),
        DeviceNetworkEvents: series('2025-01-01T10:19:00Z', [3, null, null, null, null, null, null, null, null, null, null]),
      },
      { now: NOW, gapMinutes: 15 },
    );
    expect(gaps).toEqual([{ table: 'DeviceProcessEvents', stoppedAt: '2025-01-01T10:00:00.000Z', minutes: 30 }]);
  });

  it('does not call a table that never had events a gap, and treats missing points like silence', () => {
    const gaps = detectGaps(
      {
        EmailEvents: series('2025-01-01T09:00:00Z', new Array(90).fill(null)),
        UrlClickEvents: series('2025-01-01T09:00:00Z', new Array(90).fill(0)),
        DeviceInfo: series('2025-01-01T09:00:00Z', [7, ...new Array(89).fill(null)]),
      },
      { now: NOW, gapMinutes: 15 },
    );
    expect(gaps).toEqual([{ table: 'DeviceInfo', stoppedAt: '2025-01-01T09:01:00.000Z', minutes: 89 }]);
  });

  it('is not a gap at exactly the threshold, and a later freshness time refines when it stopped', () => {
    const s = { DeviceEvents: series('2025-01-01T10:14:00Z', [1]) }; // stopped at 10:15 → 15 min
    expect(detectGaps(s, { now: NOW, gapMinutes: 15 })).toEqual([]);
    const older = { DeviceEvents: series('2025-01-01T09:00:00Z', [1]) };
    expect(detectGaps(older, { now: NOW, gapMinutes: 15, freshness: [{ table: 'deviceevents', newestEventAt: '2025-01-01T10:25:00Z' }] })).toEqual([]);
    expect(detectGaps(older, { now: NOW, gapMinutes: 15, freshness: [{ table: 'DeviceEvents', newestEventAt: '2025-01-01T09:30:00Z' }] })).toEqual([
      { table: 'DeviceEvents', stoppedAt: '2025-01-01T09:30:00.000Z', minutes: 60 },
    ]);
  });
});
