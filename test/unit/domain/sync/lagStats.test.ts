import { describe, expect, it } from 'vitest';
import { hourlySeries, lagStats, percentileNearestRank, summarizeLags } from '../../../../src/domain/sync/index.js';

const MIN = 60_000;
const NOW = new Date('2026-03-02T12:30:00Z');

describe('nearest-rank percentiles', () => {
  it('matches the hand computation for ten lags', () => {
    // Lags (min): 3 1 12 5 7 2 9 4 6 15 → sorted 1 2 3 4 5 6 7 9 12 15, n = 10.
    // p50: rank ceil(0.50×10)=5 → 5 · p95: ceil(9.5)=10 → 15 · p99: ceil(9.9)=10 → 15 · max 15.
    // Over the 10-minute target (strictly above): 12, 15 → 2.
    const s = summarizeLags([3, 1, 12, 5, 7, 2, 9, 4, 6, 15].map((m) => m * MIN));
    expect([s.count, s.p50, s.p95, s.p99, s.max, s.overTarget]).toEqual([10, 5 * MIN, 15 * MIN, 15 * MIN, 15 * MIN, 2]);
  });

  it('matches the hand computation for 1..20 and counts a lag equal to the target as within it', () => {
    // n = 20: p50 rank 10 → 10 · p95 rank ceil(19)=19 → 19 · p99 rank ceil(19.8)=20 → 20.
    // Over target (> 10 min): 11..20 → 10 values; 10 itself is not over.
    const s = summarizeLags(Array.from({ length: 20 }, (_, i) => (i + 1) * MIN));
    expect([s.p50, s.p95, s.p99, s.overTarget]).toEqual([10 * MIN, 19 * MIN, 20 * MIN, 10]);
  });

  it('returns the only value for n = 1 and nulls for no samples', () => {
    expect(percentileNearestRank([42], 99)).toBe(42);
    expect(percentileNearestRank([42], 1)).toBe(42);
    const empty = summarizeLags([]);
    expect([empty.count, empty.p50, empty.p95, empty.p99, empty.max, empty.overTarget]).toEqual([0, null, null, null, null, 0]);
  });
});

describe('lagStats over the window and the last hour', () => {
  it('splits samples by observation time', () => {
    const at = (minutesAgo: number) => NOW.getTime() - minutesAgo * MIN;
    const samples = [
      { defenderId: '1', at: at(10), lagMs: 2 * MIN },
      { defenderId: '2', at: at(50), lagMs: 12 * MIN },
      { defenderId: '3', at: at(61), lagMs: 30 * MIN },
      { defenderId: '4', at: at(3 * 60), lagMs: 1 * MIN },
      { defenderId: '5', at: at(30 * 60), lagMs: 99 * MIN }, // outside a 24 h window
    ];
    const { window, lastHour } = lagStats(samples, { now: NOW, windowHours: 24 });
    // Window: 1 2 12 30 → p50 rank 2 → 2 min; max 30; over target 2.
    expect([window.count, window.p50, window.max, window.overTarget]).toEqual([4, 2 * MIN, 30 * MIN, 2]);
    // Last hour: 2 12 → p50 rank 1 → 2 min; p95 rank 2 → 12 min.
    expect([lastHour.count, lastHour.p50, lastHour.p95, lastHour.overTarget]).toEqual([2, 2 * MIN, 12 * MIN, 1]);
  });
});

describe('hourlySeries', () => {
  it('buckets incidents by creation hour and lags by observation hour, oldest first', () => {
    const t = (iso: string) => Date.parse(iso);
    const series = hourlySeries(
      [t('2026-03-02T10:05:00Z'), t('2026-03-02T10:55:00Z'), t('2026-03-02T12:01:00Z'), t('2026-03-01T00:00:00Z')],
      [
        { defenderId: 'a', at: t('2026-03-02T10:10:00Z'), lagMs: 5 * MIN },
        { defenderId: 'b', at: t('2026-03-02T10:59:00Z'), lagMs: 1 * MIN },
        { defenderId: 'c', at: t('2026-03-02T10:59:30Z'), lagMs: 9 * MIN },
      ],
      { now: NOW, windowHours: 3 },
    );
    expect(series.map((h) => h.hourStart)).toEqual(['2026-03-02T10:00:00.000Z', '2026-03-02T11:00:00.000Z', '2026-03-02T12:00:00.000Z']);
    expect(series.map((h) => h.incidents)).toEqual([2, 0, 1]);
    // 10:00 lags 1 5 9 → median rank ceil(1.5)=2 → 5 min.
    expect(series.map((h) => h.medianLagMs)).toEqual([5 * MIN, null, null]);
  });
});

describe('lag summaries by selection', () => {
  it('equal the nearest ranks of the sorted values, NaN (unparseable) last, for many shapes of input', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 300; round++) {
      const n = round % 50 === 0 ? 5000 : Math.floor(random() * 60);
      const distinct = 1 + Math.floor(random() * 20);
      const values = Array.from({ length: n }, () => {
        const r = random();
        if (r < 0.02 && round % 3 === 0) return NaN;
        return round % 2 ? Math.floor(r * distinct) * 60_000 : Math.floor(r * 1_800_000);
      });
      const sorted = Float64Array.from(values).sort();
      let over = 0;
      for (let i = sorted.length - 1; i >= 0 && sorted[i]! > 600_000; i--) over++;
      const expected = {
        count: n,
        p50: percentileNearestRank(sorted, 50),
        p95: percentileNearestRank(sorted, 95),
        p99: percentileNearestRank(sorted, 99),
        max: n ? sorted[n - 1]! : null,
        overTarget: over,
        targetMs: 600_000,
      };
      expect(summarizeLags(values, 600_000), `round ${round}`).toEqual(expected);
    }
  });
});

describe('hourly medians by selection', () => {
  it('equal the nearest-rank median of each hour’s sorted lags, NaN last', () => {
    let seed = 3;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const hours = 48;
    const now = new Date('2026-03-02T12:30:00Z');
    const first = Math.floor(now.getTime() / 3_600_000) - hours + 1;
    const samples = Array.from({ length: 3000 }, (_, k) => ({
      defenderId: String(k),
      at: (first + random() * (hours + 2) - 1) * 3_600_000,
      lagMs: random() < 0.01 ? NaN : Math.floor(random() * (k % 3 ? 20 : 900_000)),
    }));
    const series = hourlySeries([], samples, { now, windowHours: hours });
    series.forEach((h, i) => {
      const lags = samples.filter((s) => Math.floor(s.at / 3_600_000) - first === i).map((s) => s.lagMs);
      expect(h.medianLagMs, h.hourStart).toEqual(percentileNearestRank(Float64Array.from(lags).sort(), 50));
    });
  });
});
