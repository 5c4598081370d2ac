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
 * There is no periodic reclaim between loads: one that fired when the old generation had grown
 * 16 MB (measured: it grows that much with collectable garbage alone) tripled Health's idle CPU
 * (0.42 → 1.32 %) and added pauses, while V8 regrowing the young generation ate most of its gain.
 *
 * While a burst of large responses streams in, the young generation is kept at its initial size
 * (`--semi-space-growth-factor=1`, a V8 setting read each time the heap resizes, so it can be
 * switched at run time). Young collections then come every ~1 MB of allocation and the socket
 * buffers of a response (allocated outside the JavaScript heap, freed only by a collection) are
 * returned while it is still arriving: C heap after the initial load 38 → 13 MB. Only during the
 * burst: kept all the time, the extra collections doubled the p95 of a filter keystroke.
 *
 * The collection is V8's "last resort" full GC (the one it runs before giving up on an
 * allocation), reached through its gc extension: Node has no public call for it. If the runtime
 * does not offer it, reclaiming is a no-op and nothing else changes.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface ReclaimOptions {
  /** Bytes of large responses since the last reclaim before one is worth its pause. */
  minBytes: number;
  /** Quiet time after the last large response before the burst counts as over. */
  quietMs: number;
  /** The collection itself (tests inject a recorder). */
  reclaim?: () => void;
  /** Keep the young generation at its initial size (true), or let it grow again (false). */
  smallYoungGeneration?: (small: boolean) => void;
}

export const DEFAULT_RECLAIM: Readonly<Required<Omit<ReclaimOptions, 'reclaim' | 'smallYoungGeneration'>>> = { minBytes: 32 * 2 ** 20, quietMs: 3_000 };

/** A response that has streamed this much is part of a burst (reported again per further step). */
export const BURST_STEP_BYTES = 2 ** 20;

export class MemoryReclaimer {
  private bytes = 0;
  private inBurst = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly reclaimNow: () => void;
  private readonly smallYoung: (small: boolean) => void;

  constructor(private readonly opts: ReclaimOptions = DEFAULT_RECLAIM) {
    this.reclaimNow = opts.reclaim ?? memoryReducingGc;
    this.smallYoung = opts.smallYoungGeneration ?? smallYoungGeneration;
  }

  /** A large response has streamed another BURST_STEP_BYTES: a burst is on (or goes on). */
  largeTransferProgress(): void {
    if (!this.inBurst) {
      this.inBurst = true;
      this.smallYoung(true);
    }
    this.armQuietTimer();
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
    this.endBurst();
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
    this.smallYoung(false);
  }

  private reclaim(): void {
    this.bytes = 0;
    const t0 = performance.now();
    this.reclaimNow();
    this.stats.reclaims++;
    this.stats.longestMs = Math.max(this.stats.longestMs, performance.now() - t0);
  }
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
