import { describe, expect, it } from 'vitest';
import { composeStreamView } from '../../../src/stores/stream/composeStreamView.js';
import type { MetricsResponse } from '../../../src/domain/types.js';

const NOW = new Date('2025-03-01T12:00:30Z');
const minute = (i: number) => new Date(Date.parse('2025-03-01T11:00:00Z') + i * 60_000).toISOString();
const hub = (t: string) => `insights-logs-advancedhunting-${t.toLowerCase()}`;

/** A metrics answer for two hubs: DeviceEvents 600 events/min of 1,200 bytes; DeviceInfo 60 of 600 bytes. */
function metrics(): MetricsResponse {
  const series = (name: string, perHub: Record<string, number>) => ({
    id: `x/${name}`,
    name: { value: name, localizedValue: name },
    unit: 'Count',
    errorCode: 'Success',
    timeseries: Object.entries(perHub).map(([h, v]) => ({
      metadatavalues: [{ name: { value: 'entityname', localizedValue: 'entityname' }, value: h }],
      data: Array.from({ length: 60 }, (_, i) => ({ timeStamp: minute(i), total: v })),
    })),
  });
  return {
    timespan: '2025-03-01T11:00:30Z/2025-03-01T12:00:30Z',
    value: [
      series('IncomingMessages', { [hub('DeviceEvents')]: 600, [hub('DeviceInfo')]: 60 }),
      series('IncomingBytes', { [hub('DeviceEvents')]: 720_000, [hub('DeviceInfo')]: 36_000 }),
    ],
  } as unknown as MetricsResponse;
}

const opts = { now: NOW, windowMinutes: 60, gapMinutes: 15, cost: { pricePerGb: 2, currency: 'EUR' } };

describe('composeStreamView', () => {
  it('keeps hub tables from metrics and adds Sentinel-only tables without a hub; share is of bytes over all rows', () => {
    // EmailEvents: 120 records/min of 2,000 billed bytes, only in Log Analytics; its newest minute is 11:57 (ingestion delay).
    const sentinelRates = Array.from({ length: 58 }, (_, i) => ({ table: 'EmailEvents', minute: minute(i), events: 120, bytes: 240_000 }));
    const view = composeStreamView({ metrics: { responses: [metrics()], serverNow: NOW.toISOString(), clockOffsetMs: 0 }, sentinelRates }, opts)!;
    const t = new Map(view.report.rates.tables.map((x) => [x.table, x]));
    expect(t.get('DeviceEvents')!.hub).toBe(hub('DeviceEvents'));
    expect(t.get('EmailEvents')!.hub).toBe('');
    // The Sentinel row ends at its newest ingested minute, not at a zero for the minutes still in flight.
    expect(t.get('EmailEvents')!.latest).toMatchObject({ minute: minute(57), events: 120, eventsPerSec: 2 });
    expect(t.get('DeviceEvents')!.latest).toMatchObject({ minute: minute(59), eventsPerSec: 10 });
    // Bytes in the last hour: DeviceEvents 60×720,000; DeviceInfo 60×36,000; EmailEvents 58×240,000.
    const total = 60 * 720_000 + 60 * 36_000 + 58 * 240_000;
    expect(t.get('EmailEvents')!.shareOfBytes).toBeCloseTo((58 * 240_000) / total, 12);
    expect(t.get('DeviceEvents')!.shareOfBytes).toBeCloseTo((60 * 720_000) / total, 12);
    // Capacity is the namespace's only: without the sku it is not judged.
    expect(view.report.capacity).toBeNull();
    expect(view.report.gaps).toEqual([]);
  });

  it('a streaming table seen in the last 24 h but silent in the window is a gap from its newest event; free tables never are', () => {
    const view = composeStreamView(
      {
        sentinelRates: [{ table: 'DeviceEvents', minute: minute(58), events: 5, bytes: 50 }],
        freshness: [
          { table: 'DeviceRegistryEvents', eventsLast24h: 9000, newestEventAt: '2025-03-01T09:30:00Z' },
          { table: 'SecurityIncident', eventsLast24h: 3, newestEventAt: '2025-03-01T10:00:00Z' },
        ],
      },
      opts,
    )!;
    expect(view.report.gaps).toEqual([{ table: 'DeviceRegistryEvents', stoppedAt: '2025-03-01T09:30:00.000Z', minutes: 150 }]);
    expect(view.report.rates.tables.map((t) => t.table)).not.toContain('SecurityIncident');
    expect(view.sentinel.get('securityincident')).toMatchObject({ eventsLast24h: 3 });
    expect(view.sentinel.get('deviceregistryevents')).toMatchObject({ eventsLast24h: 9000, newestEventAt: '2025-03-01T09:30:00Z' });
  });

  it('judges capacity from the namespace sku and prices Usage with the profile rate, free tables at 0', () => {
    const view = composeStreamView(
      {
        metrics: { responses: [metrics()], serverNow: NOW.toISOString(), clockOffsetMs: 0 },
        namespace: { name: 'ns', tier: 'Standard', throughputUnits: 1, hubCount: 2, hubs: [], autoInflate: false, maximumThroughputUnits: null },
        usage: [
          { dataType: 'DeviceEvents', quantityMb: 2000, isBillable: true, time: '2025-02-28T00:00:00Z' },
          { dataType: 'SecurityAlert', quantityMb: 500, isBillable: false, time: '2025-02-28T00:00:00Z' },
        ],
      },
      opts,
    )!;
    // 12,600 bytes/s of 1 TU (1,048,576 bytes/s).
    expect(view.report.capacity).toMatchObject({ tier: 'Standard', hubCount: 2, hubLimit: 10 });
    expect(view.report.capacity!.utilisation).toBeCloseTo(12_600 / 1_048_576, 12);
    expect(view.report.cost).toMatchObject({ currency: 'EUR', totalCost: 4, averageDailyCost: 4 });
    expect(view.report.cost!.tables.find((t) => t.table === 'SecurityAlert')).toMatchObject({ free: true, totalCost: 0 });
  });

  it('is null until metrics or Sentinel counts have arrived', () => {
    expect(composeStreamView({ usage: [] }, opts)).toBeNull();
  });
});
