import { describe, expect, it } from 'vitest';
import { ratesFromMetrics, ratesFromTableCounts } from '../../../../src/domain/streaming/index.js';
import { HUB, metric, minutes, response } from './fixtures.js';

// 10:05:30 → the 10:05 bucket is partial; the last complete minute is 10:04.
const NOW = new Date('2025-01-01T10:05:30Z');

const base = () =>
  response(
    metric('IncomingMessages', {
      // 10:03 has a bucket without the aggregation key (no data); 10:04 has no bucket at all; 10:05 is partial.
      [HUB('DeviceProcessEvents')]: [...minutes('2025-01-01T10:00:00Z', [1200, 1350, 980, null]), ['2025-01-01T10:05:00Z', 5000]],
      [HUB('DeviceNetworkEvents')]: minutes('2025-01-01T10:00:00Z', [100, 120, 0, 250, 0]),
    }),
    metric('IncomingBytes', {
      [HUB('DeviceProcessEvents')]: minutes('2025-01-01T10:00:00Z', [5242880, 5900000, 4100000, null]),
      [HUB('DeviceNetworkEvents')]: minutes('2025-01-01T10:00:00Z', [60000, 72000, 0, 150000, 0]),
    }, 'Bytes'),
    metric('ThrottledRequests', { [HUB('DeviceProcessEvents')]: minutes('2025-01-01T10:00:00Z', [0, 2, 0, null]) }),
  );

describe('ratesFromMetrics', () => {
  it('reports "now" from the newest complete minute with data, per minute, never the partial minute', () => {
    const rates = ratesFromMetrics(base(), { now: NOW, windowMinutes: 10 });
    expect(rates.lastCompleteMinute).toBe('2025-01-01T10:04:00.000Z');
    const dpe = rates.tables.find((t) => t.table === 'DeviceProcessEvents')!;
    // 10:03 is "no data" and 10:04 is absent, so the latest figure is 10:02: 980 events → 980/60 per second.
    expect(dpe.latest).toEqual({ minute: '2025-01-01T10:02:00.000Z', events: 980, bytes: 4100000, eventsPerSec: 980 / 60, bytesPerSec: 4100000 / 60 });
    expect(dpe.series.some((p) => p.minute === '2025-01-01T10:05:00.000Z')).toBe(false);
    // A zero bucket is data: DeviceNetworkEvents' latest is 10:04 with 0 events.
    const dne = rates.tables.find((t) => t.table === 'DeviceNetworkEvents')!;
    expect(dne.latest?.minute).toBe('2025-01-01T10:04:00.000Z');
    expect(dne.latest?.events).toBe(0);
  });

  it('keeps missing points as null, distinct from zero, in the series and the last hour', () => {
    const rates = ratesFromMetrics(base(), { now: NOW, windowMinutes: 10 });
    const dpe = rates.tables.find((t) => t.table === 'DeviceProcessEvents')!;
    expect(dpe.series.slice(-5).map((p) => p.events)).toEqual([1200, 1350, 980, null, null]);
    expect(dpe.series[0]!.events).toBeNull(); // 09:55, before any data
    expect(dpe.lastHour).toHaveLength(60);
    expect(dpe.lastHour.at(-1)!.minute).toBe('2025-01-01T10:04:00.000Z');
    const dne = rates.tables.find((t) => t.table === 'DeviceNetworkEvents')!;
    expect(dne.series.slice(-5).map((p) => p.events)).toEqual([100, 120, 0, 250, 0]);
  });

  it('computes last-hour totals, shares, per-day totals, throttling and sorts by current rate', () => {
    const rates = ratesFromMetrics(base(), { now: NOW, windowMinutes: 10 });
    // Last hour: DPE 1200+1350+980 = 3530 events, DNE 100+120+0+250+0 = 470 → total 4000.
    expect(rates.tables.map((t) => [t.table, t.eventsLastHour, t.shareOfEvents])).toEqual([
      ['DeviceProcessEvents', 3530, 3530 / 4000],
      ['DeviceNetworkEvents', 470, 470 / 4000],
    ]);
    const dpe = rates.tables[0]!;
    expect(dpe.perDay).toEqual([{ day: '2025-01-01', events: 3530, bytes: 5242880 + 5900000 + 4100000, minutesWithData: 3 }]);
    expect(dpe.throttledRequests).toBe(2);
    expect(dpe.hub).toBe('insights-logs-advancedhunting-deviceprocessevents');
    // Namespace ingress per minute = sum over hubs / 60; 10:03 has DNE only, 10:04 DNE's zero.
    expect(rates.namespace.ingressEventsPerSecByMinute.slice(-5)).toEqual([1300 / 60, 1470 / 60, 980 / 60, 250 / 60, 0]);
    expect(rates.namespace.throttledRequests).toBe(2);
  });

  it('derives increments from cumulative counters and counts resets', () => {
    const r = response(
      metric('IncomingMessages', { [HUB('DeviceEvents')]: minutes('2025-01-01T10:00:00Z', [100, 160, 230, 20, 50]) }),
    );
    const rates = ratesFromMetrics(r, { now: NOW, windowMinutes: 5, counters: 'cumulative' });
    const t = rates.tables[0]!;
    // First reading has no baseline; 230 → 20 is a reset, whose minute counts the new reading (20).
    expect(t.series.map((p) => p.events)).toEqual([null, 60, 70, 20, 30]);
    expect(t.counterResets).toBe(1);
    expect(t.eventsLastHour).toBe(180);
  });

  it('totals per UTC day across midnight', () => {
    const r = response(metric('IncomingMessages', { [HUB('EmailEvents')]: minutes('2025-01-01T23:58:00Z', [10, 20, 30, 40]) }));
    const rates = ratesFromMetrics(r, { now: new Date('2025-01-02T00:02:10Z') });
    // 23:58 10 + 23:59 20 = 30 on the 1st; 00:00 30 + 00:01 40 = 70 on the 2nd.
    expect(rates.tables[0]!.perDay.map((d) => [d.day, d.events])).toEqual([
      ['2025-01-01', 30],
      ['2025-01-02', 70],
    ]);
    // 00:02 is the partial minute: excluded, so the window ends at 00:01 and begins at the first data.
    expect(rates.windowStart).toBe('2025-01-01T23:58:00.000Z');
  });

  it('names tables from hub names, dates the newest event, and reports per-metric errors', () => {
    const r = response(
      metric('IncomingMessages', { 'insights-logs-advancedhunting-somenewtable': minutes('2025-01-01T10:00:00Z', [5, 0, 0]) }),
      { name: { value: 'ServerErrors' }, unit: 'Count', timeseries: [], errorCode: 'InvalidSamplingType', errorMessage: 'bad aggregation' },
    );
    const rates = ratesFromMetrics(r, { now: NOW, windowMinutes: 10 });
    const t = rates.tables[0]!;
    expect(t.table).toBe('somenewtable');
    expect([t.newestEventAt, t.newestEventSource, t.newestEventAgeMs]).toEqual(['2025-01-01T10:01:00.000Z', 'metrics', 4.5 * 60_000]);
    expect(rates.metricErrors).toEqual([{ metric: 'ServerErrors', code: 'InvalidSamplingType', message: 'bad aggregation' }]);
    const withFreshness = ratesFromMetrics(r, { now: NOW, windowMinutes: 10, freshness: [{ table: 'SomeNewTable', newestEventAt: '2025-01-01T10:03:10Z' }] });
    expect([withFreshness.tables[0]!.newestEventAt, withFreshness.tables[0]!.newestEventSource]).toEqual(['2025-01-01T10:03:10.000Z', 'freshness']);
  });
});

describe('ratesFromTableCounts', () => {
  it('treats absent minutes as zero inside the window (summarize emits no empty bins)', () => {
    const rates = ratesFromTableCounts(
      [
        { table: 'deviceinfo', minute: '2025-01-01T10:01:00Z', events: 60, bytes: 6000 },
        { table: 'DeviceInfo', minute: '2025-01-01T10:03:20Z', events: 120, bytes: null },
      ],
      { now: NOW, windowMinutes: 5 },
    );
    const t = rates.tables[0]!;
    expect(t.table).toBe('DeviceInfo');
    expect(t.series.map((p) => p.events)).toEqual([0, 60, 0, 120, 0]);
    expect(t.latest).toMatchObject({ minute: '2025-01-01T10:04:00.000Z', events: 0 });
    expect(rates.source).toBe('logAnalytics');
  });
});
