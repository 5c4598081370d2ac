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

describe('MemoryReclaimer: young generation cap', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stops the young generation growing at the cap and lets it grow again below it, setting the switch only on a change', () => {
    const young: boolean[] = [];
    const r = new MemoryReclaimer({ minBytes: 100, quietMs: 1000, reclaim: () => undefined, smallYoungGeneration: (small) => young.push(small), youngCapBytes: 16 });
    r.noteYoungGenerationSize(8);
    expect(young).toEqual([]); // V8's default (growing) is already in force
    r.noteYoungGenerationSize(16);
    r.noteYoungGenerationSize(32);
    expect(young).toEqual([true]);
    r.noteYoungGenerationSize(1); // a full GC shrank it: it may grow back to the cap
    expect(young).toEqual([true, false]);
    r.dispose();
    expect(young).toEqual([true, false]);
  });

  it('holds the switch while either a burst is on or the cap is reached, and releases it when neither is', () => {
    const young: boolean[] = [];
    const r = new MemoryReclaimer({ minBytes: 100, quietMs: 1000, reclaim: () => undefined, smallYoungGeneration: (small) => young.push(small), youngCapBytes: 16 });
    r.largeTransferProgress();
    r.noteYoungGenerationSize(20);
    expect(young).toEqual([true]);
    vi.advanceTimersByTime(1000); // the burst is over, but the young generation is at its cap
    expect(young).toEqual([true]);
    r.noteYoungGenerationSize(4);
    expect(young).toEqual([true, false]);
    r.noteYoungGenerationSize(20);
    r.dispose(); // quitting releases it
    expect(young).toEqual([true, false, true, false]);
  });

  it('reads the young generation after real collections once watching', async () => {
    vi.useRealTimers();
    const r = new MemoryReclaimer({ minBytes: 100, quietMs: 1000, reclaim: () => undefined, smallYoungGeneration: () => undefined });
    const seen: number[] = [];
    const note = r.noteYoungGenerationSize.bind(r);
    r.noteYoungGenerationSize = (bytes: number) => {
      seen.push(bytes);
      note(bytes);
    };
    r.watchYoungGeneration();
    try {
      memoryReducingGc();
      for (let i = 0; i < 50 && seen.length === 0; i++) await new Promise((done) => setTimeout(done, 10));
      expect(seen.length).toBeGreaterThan(0);
      expect(seen[0]).toBeGreaterThan(0);
    } finally {
      r.dispose();
    }
    const after = seen.length;
    memoryReducingGc();
    await new Promise((done) => setTimeout(done, 50));
    expect(seen.length).toBe(after); // dispose stopped the observer
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
