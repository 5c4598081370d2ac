/**
 * Reclaiming after a large load: once enough large responses were read and the burst is over, one
 * memory-reducing collection; small polls never add up to one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryReclaimer, memoryReducingGc } from '../../../src/api/memoryReclaim.js';

describe('MemoryReclaimer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reclaims once, quietMs after the last large response of a burst that reached minBytes', () => {
    const reclaim = vi.fn();
    const r = new MemoryReclaimer({ minBytes: 100, quietMs: 1000, reclaim, smallYoungGeneration: () => undefined });
    r.noteLargeResponse(60);
    vi.advanceTimersByTime(5000);
    expect(reclaim).not.toHaveBeenCalled(); // 60 bytes: not worth a pause
    r.noteLargeResponse(60);
    vi.advanceTimersByTime(900);
    r.noteLargeResponse(10); // the burst goes on: the quiet period starts again
    vi.advanceTimersByTime(900);
    expect(reclaim).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(reclaim).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(reclaim).toHaveBeenCalledTimes(1);
  });

  it('keeps the young generation small from the first streamed step of a burst until the burst is over', () => {
    const reclaim = vi.fn();
    const young: boolean[] = [];
    const r = new MemoryReclaimer({ minBytes: 100, quietMs: 1000, reclaim, smallYoungGeneration: (small) => young.push(small) });
    r.largeTransferProgress();
    r.largeTransferProgress(); // the same burst: set once
    vi.advanceTimersByTime(900);
    r.noteLargeResponse(40); // under minBytes, yet it extends the burst
    vi.advanceTimersByTime(900);
    expect(young).toEqual([true]);
    vi.advanceTimersByTime(100);
    expect(young).toEqual([true, false]);
    expect(reclaim).not.toHaveBeenCalled(); // 40 bytes: no pause for that
    r.largeTransferProgress();
    r.noteLargeResponse(80); // 120 in all: this burst ends with a reclaim
    vi.advanceTimersByTime(1000);
    expect(young).toEqual([true, false, true, false]);
    expect(reclaim).toHaveBeenCalledTimes(1);
    r.largeTransferProgress();
    r.dispose(); // quitting mid-burst restores the setting
    expect(young).toEqual([true, false, true, false, true, false]);
  });

  it('counts afresh after a reclaim, and dispose cancels a pending one', () => {
    const reclaim = vi.fn();
    const r = new MemoryReclaimer({ minBytes: 100, quietMs: 1000, reclaim, smallYoungGeneration: () => undefined });
    r.noteLargeResponse(150);
    vi.advanceTimersByTime(1000);
    expect(reclaim).toHaveBeenCalledTimes(1);
    r.noteLargeResponse(50);
    vi.advanceTimersByTime(5000);
    expect(reclaim).toHaveBeenCalledTimes(1);
    r.noteLargeResponse(50);
    r.dispose();
    vi.advanceTimersByTime(5000);
    expect(reclaim).toHaveBeenCalledTimes(1);
  });
});

describe('memoryReducingGc', () => {
  it('collects garbage that nothing references any more', async () => {
    const ref = (() => new WeakRef({ payload: 'x'.repeat(1000) }))();
    // A WeakRef keeps its target alive until the current job ends.
    await new Promise((r) => setImmediate(r));
    memoryReducingGc();
    expect(ref.deref()).toBeUndefined();
  });
});
