import { describe, expect, it } from 'vitest';
import { ingestionCost, type UsageRow } from '../../../../src/domain/streaming/index.js';

const NOW = new Date('2025-03-04T10:00:00Z');
const row = (dataType: string, day: string, quantityMb: number, isBillable = true): UsageRow => ({ dataType, quantityMb, isBillable, time: `${day}T05:00:00Z` });

describe('ingestionCost', () => {
  it('matches hand-computed totals, excludes free tables, and projects a month from complete days', () => {
    const report = ingestionCost(
      [
        row('DeviceProcessEvents', '2025-03-02', 1500),
        row('DeviceProcessEvents', '2025-03-03', 2500),
        row('DeviceProcessEvents', '2025-03-04', 400), // today: partial
        row('DeviceNetworkEvents', '2025-03-02', 500),
        row('DeviceNetworkEvents', '2025-03-03', 700),
        row('SecurityAlert', '2025-03-02', 100, false),
        row('SecurityAlert', '2025-03-03', 50, true), // free even when marked billable
        row('SecurityIncident', '2025-03-03', 10),
        row('AzureActivity', '2025-03-02', 30, false),
      ],
      { pricePerGb: 2.5, currency: 'USD', now: NOW },
    );
    // GB = MB / 1000. DPE 4.4 GB → 11.00; DNE 1.2 GB → 3.00; free: 0.15 + 0.01 + 0.03 GB.
    // Total 5.79 GB, billable 5.6 GB → 14.00 USD.
    // Complete days 03-02, 03-03: billable (1.5 + 2.5 + 0.5 + 0.7) / 2 = 2.6 GB/day → 6.50 USD/day;
    // month = 2.6 × 30.4 = 79.04 GB → 197.60 USD.
    expect(report.estimate).toBe(true);
    expect(report.completeDays).toEqual(['2025-03-02', '2025-03-03']);
    expect(report.partialDay).toBe('2025-03-04');
    expect(report.totalGb).toBeCloseTo(5.79, 10);
    expect(report.billableGb).toBeCloseTo(5.6, 10);
    expect(report.totalCost).toBeCloseTo(14.0, 10);
    expect(report.averageDailyCost).toBeCloseTo(6.5, 10);
    expect(report.monthlyProjection!.gb).toBeCloseTo(79.04, 10);
    expect(report.monthlyProjection!.cost).toBeCloseTo(197.6, 10);

    expect(report.tables.map((t) => [t.table, t.free, t.freeReason])).toEqual([
      ['DeviceProcessEvents', false, null],
      ['DeviceNetworkEvents', false, null],
      ['AzureActivity', true, 'notBillable'],
      ['SecurityAlert', true, 'freeTable'],
      ['SecurityIncident', true, 'freeTable'],
    ]);
    const dpe = report.tables[0]!;
    expect(dpe.totalCost).toBeCloseTo(11.0, 10);
    expect(dpe.avgGbPerDay).toBeCloseTo(2.0, 10);
    expect(dpe.avgCostPerDay).toBeCloseTo(5.0, 10);
    expect(dpe.gbPerDay.map((d) => d.day)).toEqual(['2025-03-02', '2025-03-03', '2025-03-04']);
    const alert = report.tables.find((t) => t.table === 'SecurityAlert')!;
    expect(alert.totalGb).toBeCloseTo(0.15, 10);
    expect([alert.billableGb, alert.totalCost]).toEqual([0, 0]);
  });

  it('has no projection without a complete day, and sums rows of the same table and day', () => {
    const report = ingestionCost([row('DeviceEvents', '2025-03-04', 300), row('deviceevents', '2025-03-04', 200)], { pricePerGb: 4, currency: 'EUR', now: NOW });
    expect(report.tables.map((t) => [t.table, t.totalGb])).toEqual([['DeviceEvents', 0.5]]);
    expect(report.totalCost).toBeCloseTo(2.0, 10);
    expect([report.averageDailyCost, report.monthlyProjection]).toEqual([null, null]);
  });
});
