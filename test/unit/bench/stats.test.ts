import { describe, expect, it } from 'vitest';
import { cpuShare, cpuTicksFromProcStat, median, quantile, ratioOfMedians, rssBytesFromProcStatus, summarize } from '../../../bench/src/stats.js';

describe('quantile and median', () => {
  it('interpolates between order statistics regardless of input order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.95)).toBeCloseTo(48);
    expect(quantile([10, 20, 30, 40, 50], 0)).toBe(10);
    expect(quantile([10, 20, 30, 40, 50], 1)).toBe(50);
  });

  it('ignores runs without a figure and is NaN when none remain', () => {
    expect(median([Number.NaN, 2, 4])).toBe(3);
    expect(median([])).toBeNaN();
  });

  it('rejects a quantile outside 0..1', () => {
    expect(() => quantile([1], 1.5)).toThrow(/between 0 and 1/);
  });
});

describe('summarize', () => {
  it('reports the interquartile range from five runs up', () => {
    const s = summarize([1, 2, 3, 4, 100]);
    expect(s).toMatchObject({ runs: 5, median: 3, min: 1, max: 100, spread: { kind: 'iqr', low: 2, high: 4 } });
  });

  it('reports min–max below five runs', () => {
    expect(summarize([3, 1, 2]).spread).toEqual({ kind: 'min-max', low: 1, high: 3 });
  });
});

describe('ratioOfMedians', () => {
  it('compares medians so one slow run on either side does not swing the ratio', () => {
    expect(ratioOfMedians([300, 310, 5000], [200, 210, 190])).toBeCloseTo(310 / 200);
  });

  it('is NaN without a floor', () => {
    expect(ratioOfMedians([1], [])).toBeNaN();
  });
});

describe('/proc parsing', () => {
  it('reads utime + stime even when the command name holds spaces and parentheses', () => {
    const stat = '4242 (node (x) y) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 0 0 20 0 11 0 1000 1 1';
    expect(cpuTicksFromProcStat(stat)).toBe(300);
  });

  it('converts a tick delta over a window into a share of one core', () => {
    // 30 ticks at 100 Hz over 60 s = 0.3 s of CPU in 60 s = 0.5 %.
    expect(cpuShare(100, 130, 100, 60_000)).toBeCloseTo(0.005);
  });

  it('reads VmRSS in bytes', () => {
    expect(rssBytesFromProcStatus('Name:\tnode\nVmRSS:\t  123456 kB\nVmSwap:\t0 kB\n')).toBe(123456 * 1024);
    expect(() => rssBytesFromProcStatus('Name: node\n')).toThrow(/VmRSS/);
  });
});
