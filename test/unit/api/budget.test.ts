import { describe, expect, it } from 'vitest';
import { RateBudget } from '../../../src/api/budget.js';
import { operationById } from '../../../src/api/operations.js';
import { FakeClock } from './helpers/tls-server.js';

function maxInWindow(times: number[], windowMs: number): number {
  let max = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

describe('RateBudget', () => {
  it('never admits more than the documented 100 calls in any minute or 1,500 in any hour (indicators list)', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget(clock);
    const op = operationById('mde.indicators.list')!;
    const granted: number[] = [];
    for (let i = 0; i < 1700; i++) {
      await budget.acquire(op.id, op.limits);
      granted.push(clock.now());
    }
    expect(maxInWindow(granted, 60_000)).toBe(100);
    expect(maxInWindow(granted, 3_600_000)).toBe(1500);
    // The 1,501st call had to wait for the hour window, not just the minute window.
    expect((granted[1500] as number) - (granted[0] as number)).toBeGreaterThanOrEqual(3_600_000);
  });

  it('reports waiting as progress (operation, wait, binding limit), not as an error', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget(clock);
    const op = operationById('mde.indicators.import')!;
    const waits: { waitMs: number; limitKey: string }[] = [];
    for (let i = 0; i < 31; i++) await budget.acquire(op.id, op.limits, { onWait: (w) => waits.push(w) });
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatchObject({ operation: 'mde.indicators.import', limitKey: 'mde.indicators.import/min', waitMs: 60_000 });
  });

  it('holds an operation after a 429 until Retry-After has passed', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget(clock);
    const op = operationById('graph.hunting.run')!;
    budget.blockUntil(op.limits, clock.now() + 2128);
    const start = clock.now();
    await budget.acquire(op.id, op.limits);
    expect(clock.now() - start).toBeGreaterThanOrEqual(2128);
  });

  it('keeps separate operations in separate buckets but shares a bucket where the docs do (/security)', () => {
    const clock = new FakeClock();
    const budget = new RateBudget(clock);
    const list = operationById('graph.incidents.list')!;
    const hunt = operationById('graph.hunting.run')!;
    const machines = operationById('mde.machines.list')!;
    return (async () => {
      for (let i = 0; i < 150; i++) await budget.acquire(list.id, list.limits);
      expect(budget.delayFor(hunt.limits).waitMs).toBeGreaterThan(0);
      expect(budget.delayFor(machines.limits).waitMs).toBe(0);
    })();
  });
});
