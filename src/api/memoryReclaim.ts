/**
 * Giving memory back after a large load (issue 9).
 *
 * Reading a tenant's big collections (tens of MB of JSON) leaves V8 holding many more pages than
 * the data it keeps: after the initial load at tenant scale the heap held ~65 MB of live objects
 * in ~185 MB of resident pages. V8 returns them on its own only from a memory-reducing GC, which
 * its memory reducer did not start within minutes of idling (measured). So once a burst of large
 * responses is over — at least `minBytes` of them, then `quietMs` without another — the console
 * asks for one memory-reducing collection itself: resident memory 331 → 175 MB in that
 * measurement, for one pause of ~0.2 s. Small polls never add up to `minBytes` quickly, so the
 * steady state does not pay it.
 *
 * There is no reclaim between loads. Two were measured and dropped: one whenever the old
 * generation had grown 16 MB (it grows that much with collectable garbage alone) tripled Health's
 * idle CPU (0.42 → 1.32 %); one "at rest" (no key for 30 s, no request for 5 s, V8 holding 32 MB
 * more than the last reclaim left) took Health's idle CPU to 1.30 % and still ended the benchmark
 * at 200 MB, V8 regrowing its heap between reclaims.
 *
 * While a burst of large responses streams in, the young generation is kept at its initial size
 * (`--semi-space-growth-factor=1`, a V8 setting read each time the heap resizes, so it can be
 * switched at run time). Young collections then come every ~1 MB of allocation and the socket
 * buffers of a response (allocated outside the JavaScript heap, freed only by a collection) are
 * returned while it is still arriving: C heap after the initial load 38 → 13 MB. Only during the
 * burst: kept all the time, the extra collections doubled the p95 of a filter keystroke.
 *
 * Between bursts the young generation may grow, but only to YOUNG_GENERATION_CAP_BYTES. V8 grows it
 * whenever the bytes surviving its collections add up to its size, and shrinks it only in a full GC
 * while little is being allocated, which an idle console rarely runs: measured on Health, idle
 * polling alone took it 1 → 8 → 16 MB in two minutes, and to 32 MB after a screen's load, all of
 * it resident. Past the cap the growth factor is set to 1, the same switch as during a burst; a GC
 * observer reads the young generation's size after each collection. 16 MB, not smaller: held at
 * 8 MB, more short-lived objects were promoted and full collections came several times as often.
 *
 * The collection is V8's "last resort" full GC (the one it runs before giving up on an
 * allocation), reached through its gc extension: Node has no public call for it. If the runtime
 * does not offer it, reclaiming is a no-op and nothing else changes.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface ReclaimOptions {
  /** Bytes of large responses since the last reclaim before one is worth its pause. */
  minBytes: number;
  /** Quiet time after the last large response before the burst counts as over. */
  quietMs: number;
  /** The collection itself (tests inject a recorder). */
  reclaim?: () => void;
  /** Stop the young generation growing (true), or let it grow again (false). */
  smallYoungGeneration?: (small: boolean) => void;
  /** The young generation's size at which it stops growing between bursts. */
  youngCapBytes?: number;
}

/** See the module comment: 16 MiB is V8's new-space size one doubling below its default maximum. */
export const YOUNG_GENERATION_CAP_BYTES = 16 * 2 ** 20;

export const DEFAULT_RECLAIM: Readonly<Required<Omit<ReclaimOptions, 'reclaim' | 'smallYoungGeneration'>>> = {
  minBytes: 32 * 2 ** 20,
  quietMs: 3_000,
  youngCapBytes: YOUNG_GENERATION_CAP_BYTES,
};

/** A response that has streamed this much is part of a burst (reported again per further step). */
export const BURST_STEP_BYTES = 2 ** 20;

export class MemoryReclaimer {
  private bytes = 0;
  private inBurst = false;
  private youngAtCap = false;
  /** What the young-generation switch was last set to (it starts at V8's default: growing). */
  private youngHeld = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private observer: PerformanceObserver | undefined;
  private readonly reclaimNow: () => void;
  private readonly smallYoung: (small: boolean) => void;
  private readonly youngCap: number;

  constructor(private readonly opts: ReclaimOptions = DEFAULT_RECLAIM) {
    this.reclaimNow = opts.reclaim ?? memoryReducingGc;
    this.smallYoung = opts.smallYoungGeneration ?? smallYoungGeneration;
    this.youngCap = opts.youngCapBytes ?? DEFAULT_RECLAIM.youngCapBytes;
  }

  /** A large response has streamed another BURST_STEP_BYTES: a burst is on (or goes on). */
  largeTransferProgress(): void {
    if (!this.inBurst) {
      this.inBurst = true;
      this.applyYoungSetting();
    }
    this.armQuietTimer();
  }

  /** The young generation's size after a collection: at or past the cap it stops growing. */
  noteYoungGenerationSize(bytes: number): void {
    this.youngAtCap = bytes >= this.youngCap;
    this.applyYoungSetting();
  }

  /**
   * Reads the young generation's size after every collection (the console calls this once; tests and
   * commands that do not run for long have no observer).
   */
  watchYoungGeneration(): void {
    if (this.observer) return;
    this.observer = new PerformanceObserver(() => this.noteYoungGenerationSize(newSpaceSize()));
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** A large response of `bytes` was read; reclaim once they add up and the burst is over. */
  noteLargeResponse(bytes: number): void {
    this.bytes += bytes;
    if (this.inBurst || this.bytes >= this.opts.minBytes) this.armQuietTimer();
  }

  /** Reclaims run so far, and the longest pause one took (benchmarks report them). */
  readonly stats = { reclaims: 0, longestMs: 0 };

  /** No burst of large responses going on and no reclaim pending. */
  get settled(): boolean {
    return !this.inBurst && this.timer === undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.observer?.disconnect();
    this.observer = undefined;
    this.inBurst = false;
    this.youngAtCap = false;
    this.applyYoungSetting();
  }

  private armQuietTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.endBurst();
      if (this.bytes >= this.opts.minBytes) this.reclaim();
    }, this.opts.quietMs);
    // Never keeps a quitting console alive.
    this.timer.unref?.();
  }

  private endBurst(): void {
    if (!this.inBurst) return;
    this.inBurst = false;
    this.applyYoungSetting();
  }

  /** One switch, two reasons to hold it: a burst going on, or the young generation at its cap. */
  private applyYoungSetting(): void {
    const hold = this.inBurst || this.youngAtCap;
    if (hold === this.youngHeld) return;
    this.youngHeld = hold;
    this.smallYoung(hold);
  }

  private reclaim(): void {
    this.bytes = 0;
    const t0 = performance.now();
    this.reclaimNow();
    this.stats.reclaims++;
    this.stats.longestMs = Math.max(this.stats.longestMs, performance.now() - t0);
  }
}

function newSpaceSize(): number {
  for (const space of getHeapSpaceStatistics()) if (space.space_name === 'new_space') return space.space_size;
  return 0;
}

/** V8's default growth factor for the young generation (`node --v8-options`). */
const DEFAULT_SEMI_SPACE_GROWTH = 2;

function smallYoungGeneration(small: boolean): void {
  setFlagsFromString(`--semi-space-growth-factor=${small ? 1 : DEFAULT_SEMI_SPACE_GROWTH}`);
}

type GcFunction = (options?: { type?: 'major' | 'minor'; flavor?: 'regular' | 'last-resort' }) => void;
let gcFunction: GcFunction | null | undefined;

/** V8's gc extension, enabled on first use; null where the runtime refuses. */
function gcExtension(): GcFunction | null {
  if (gcFunction !== undefined) return gcFunction;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    gcFunction = typeof gc === 'function' ? (gc as GcFunction) : null;
  } catch {
    gcFunction = null;
  }
  return gcFunction;
}

/** One memory-reducing full collection, which also returns V8's pooled pages to the system. */
export function memoryReducingGc(): void {
  gcExtension()?.({ type: 'major', flavor: 'last-resort' });
}

/** The process's one reclaimer: the heap is per process, so every pipeline reports to it. */
export const processReclaimer = new MemoryReclaimer();
