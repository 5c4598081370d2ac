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
 * Between large loads the heap still drifts up to V8's next collection limit (it lets the heap
 * grow well past the live data before collecting, and keeps freed pages afterwards). The
 * interactive console therefore also watches the heap (`watchHeapGrowth`): when it has grown by
 * `growthBytes` since the last reclaim and no large response is arriving, it reclaims once more.
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
  /** Quiet time after the last large response before reclaiming. */
  quietMs: number;
  /** The collection itself (tests inject a recorder). */
  reclaim?: () => void;
}

export const DEFAULT_RECLAIM: Readonly<Required<Omit<ReclaimOptions, 'reclaim'>>> = { minBytes: 32 * 2 ** 20, quietMs: 3_000 };

export interface HeapWatch {
  /** How often to look at the heap. */
  intervalMs: number;
  /** Growth of the heap since the last reclaim that is worth another. */
  growthBytes: number;
  /** The heap's current size (tests inject one). */
  heapBytes?: () => number;
}

/**
 * 16 MB: after the reclaim that follows the initial load, a tenant at the 15,000-indicator limit
 * sits at ~175 MB resident; letting the heap drift 16 MB before the next keeps it under the 200 MB
 * budget, at one short pause per 16 MB of growth (a quiet console grows far slower than that).
 */
export const DEFAULT_HEAP_WATCH: Readonly<Required<Omit<HeapWatch, 'heapBytes'>>> = { intervalMs: 30_000, growthBytes: 16 * 2 ** 20 };

export class MemoryReclaimer {
  private bytes = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private watch: ReturnType<typeof setInterval> | undefined;
  private lastLargeAt = -Infinity;
  private heapBytes: () => number = () => process.memoryUsage().heapTotal;
  private heapAfterReclaim: number | undefined;
  private readonly reclaimNow: () => void;

  constructor(private readonly opts: ReclaimOptions = DEFAULT_RECLAIM) {
    this.reclaimNow = opts.reclaim ?? memoryReducingGc;
  }

  /** A large response of `bytes` was read; reclaim once they add up and the burst is over. */
  noteLargeResponse(bytes: number): void {
    this.bytes += bytes;
    this.lastLargeAt = performance.now();
    if (this.timer) clearTimeout(this.timer);
    if (this.bytes < this.opts.minBytes) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.reclaim();
    }, this.opts.quietMs);
    // Never keeps a quitting console alive.
    this.timer.unref?.();
  }

  /** Also reclaim when the heap has grown by `growthBytes` since the last reclaim (interactive console). */
  watchHeapGrowth(watch: HeapWatch = DEFAULT_HEAP_WATCH): void {
    if (this.watch) return;
    if (watch.heapBytes) this.heapBytes = watch.heapBytes;
    this.heapAfterReclaim ??= this.heapBytes();
    this.watch = setInterval(() => {
      // A burst in progress (or one that just ended) is the burst timer's to handle.
      if (this.timer || performance.now() - this.lastLargeAt < this.opts.quietMs) return;
      if (this.heapBytes() - (this.heapAfterReclaim ?? 0) >= watch.growthBytes) this.reclaim();
    }, watch.intervalMs);
    this.watch.unref?.();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.watch) clearInterval(this.watch);
    this.timer = undefined;
    this.watch = undefined;
  }

  private reclaim(): void {
    this.bytes = 0;
    this.reclaimNow();
    this.heapAfterReclaim = this.heapBytes();
  }
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
