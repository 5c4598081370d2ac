/**
 * Client-side rate budget: the console waits BEFORE the service would answer 429.
 *
 * Microsoft documents limits as "N calls per window" (100/min and 1,500/h for indicators, 30/min
 * for import, 45/min for hunting …), per application + tenant. A classic token bucket with burst N
 * and refill N/window admits up to 2N calls in one window (a full bucket plus a window's refill),
 * which is exactly what gets a tool throttled; so each limit is a sliding window over the times
 * of the last N calls, which never admits more than N in any window. A 429 from the service
 * (someone else using the same app) additionally blocks the operation's limits until Retry-After.
 */
import type { RateLimit } from './operations.js';

/** Time source and sleeper, injectable so tests of hour-long windows run instantly. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason ?? new Error('aborted'));
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason ?? new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** Sliding-window log for one limit: times of the calls still inside the window. */
class Window {
  private readonly times: number[] = [];
  private head = 0;
  blockedUntil = 0;
  constructor(readonly limit: number, readonly windowMs: number) {}

  private prune(now: number): void {
    while (this.head < this.times.length && (this.times[this.head] as number) <= now - this.windowMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Milliseconds until one more call fits (0 = now). */
  delay(now: number): number {
    this.prune(now);
    const blocked = Math.max(0, this.blockedUntil - now);
    const used = this.times.length - this.head;
    if (used < this.limit) return blocked;
    // The oldest call inside the window must leave it before another fits.
    const oldest = this.times[this.times.length - this.limit] as number;
    return Math.max(blocked, oldest + this.windowMs - now);
  }

  record(now: number): void {
    this.times.push(now);
  }
}

export interface BudgetWait {
  /** Operation waiting. */
  operation: string;
  /** How long it will wait now (ms). */
  waitMs: number;
  /** Which limit is binding, e.g. "mde.indicators.list/min". */
  limitKey: string;
}

export class RateBudget {
  private readonly windows = new Map<string, Window>();
  constructor(private readonly clock: Clock = systemClock) {}

  private windowFor(l: RateLimit): Window {
    let w = this.windows.get(l.key);
    if (!w) {
      w = new Window(l.limit, l.windowMs);
      this.windows.set(l.key, w);
    }
    return w;
  }

  /** How long a call under these limits must wait now, and which limit binds. */
  delayFor(limits: readonly RateLimit[]): { waitMs: number; limitKey: string } {
    const now = this.clock.now();
    let waitMs = 0;
    let limitKey = '';
    for (const l of limits) {
      const d = this.windowFor(l).delay(now);
      if (d > waitMs) {
        waitMs = d;
        limitKey = l.key;
      }
    }
    return { waitMs, limitKey };
  }

  /**
   * Wait until every limit has room, then take one call from each. Waiting is reported through
   * `onWait` (a progress state for the screen), never as an error.
   */
  async acquire(operation: string, limits: readonly RateLimit[], opts: { signal?: AbortSignal; onWait?: (w: BudgetWait) => void } = {}): Promise<void> {
    if (limits.length === 0) return;
    for (;;) {
      const { waitMs, limitKey } = this.delayFor(limits);
      if (waitMs <= 0) break;
      opts.onWait?.({ operation, waitMs, limitKey });
      await this.clock.sleep(waitMs, opts.signal);
    }
    // Check and record with no await in between, so concurrent callers cannot both take the last slot.
    const now = this.clock.now();
    for (const l of limits) this.windowFor(l).record(now);
  }

  /** The service said 429 + Retry-After: hold every call under these limits until then. */
  blockUntil(limits: readonly RateLimit[], untilMs: number): void {
    for (const l of limits) {
      const w = this.windowFor(l);
      w.blockedUntil = Math.max(w.blockedUntil, untilMs);
    }
  }
}
