/**
 * The one poll scheduler (tui-notes "Lessons" 5–7): it runs outside React, and per resource it keeps an interval
 * with jitter, backs off exponentially after errors (never sooner than a server's Retry-After), polls only
 * resources whose screen is visible, aborts in-flight fetches when their screen is hidden, caps concurrent
 * fetches, and writes each result into the resource's store in one update. Clock and randomness are
 * injectable so tests drive it with fake timers.
 */
import { createResourceStore, type PollError, type ResourceStore } from './resource.js';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface FetchContext<T> {
  /** Data of the last successful fetch: incremental fetchers merge changes into it. */
  previous: T | undefined;
  /**
   * Start time of the last successful fetch (not its end), so changes made while that fetch ran are asked for
   * again rather than missed; undefined on the first fetch (do a full load).
   */
  since: Date | undefined;
  /** Aborted when the resource's screen is hidden or the poller is disposed. */
  signal: AbortSignal;
}

export interface ResourceSpec<T> {
  key: string;
  /** Screen ids that show this resource; it polls while any of them is visible. */
  screens: readonly string[];
  intervalMs: number;
  /**
   * A different interval while a screen shows the resource, for a screen that needs it less often than
   * its owner (Health reads the Sync screen's snapshot every 2 minutes; the Sync screen every minute).
   * The shortest interval among the visible screens applies; screens not listed use `intervalMs`.
   */
  intervalByScreen?: Readonly<Partial<Record<string, number>>>;
  /** ± fraction of the interval added at random so many consoles do not poll in lockstep. Default 0.1. */
  jitter?: number;
  /** `stale` turns on when the data is older than this many intervals. Default 3. */
  staleAfterIntervals?: number;
  /** Upper bound of the error backoff. Default 10 minutes. */
  maxBackoffMs?: number;
  fetch: (ctx: FetchContext<T>) => Promise<T>;
  /** Store to write into (e.g. one shared with a CLI command); default a new one. */
  store?: ResourceStore<T>;
}

export interface PollerOptions {
  clock?: Clock;
  /** Uniform [0, 1): Math.random by default. */
  random?: () => number;
  /** At most this many fetches in flight across all resources. Default 4. */
  maxConcurrent?: number;
}

/**
 * The server's Retry-After carried by an error, in ms: `retryAfter` in seconds as src/api's ApiError has it
 * (fractional for Graph), or `retryAfterMs`.
 */
export function retryAfterOf(err: unknown): number | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const valid = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  const ms = (err as { retryAfterMs?: unknown }).retryAfterMs;
  if (valid(ms)) return ms;
  const s = (err as { retryAfter?: unknown }).retryAfter;
  if (valid(s)) return Math.ceil(s * 1000);
  return undefined;
}

function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0]!.trim() || 'request failed';
}

interface Entry {
  spec: Required<Omit<ResourceSpec<unknown>, 'store'>>;
  store: ResourceStore<unknown>;
  timer: unknown;
  controller: AbortController | undefined;
  queued: boolean;
  failures: number;
  /** Earliest time the server allows another request (Retry-After). */
  notBefore: number;
  /** When the next automatic attempt is due; undefined = as soon as active. */
  dueAt: number | undefined;
  lastSuccessStartedAt: number | undefined;
  waiters: Array<() => void>;
}

export interface Poller {
  register<T>(spec: ResourceSpec<T>): ResourceStore<T>;
  unregister(key: string): void;
  store<T>(key: string): ResourceStore<T> | undefined;
  /** Replaces the set of visible screens. */
  setVisible(screenIds: string | readonly string[]): void;
  /** Marks one screen visible until the returned release function is called (used by hooks on mount/unmount). */
  showScreen(screenId: string): () => void;
  visibleScreens(): ReadonlySet<string>;
  /**
   * Fetch now (the `r` key). Bypasses the error backoff but not a server's Retry-After window: then the fetch
   * runs when that window ends. Resolves when the attempt has finished (success, failure or abort).
   */
  refresh(key: string): Promise<void>;
  /** Stop automatic polling (the `p` key); in-flight fetches complete. */
  pause(): void;
  resume(): void;
  isPaused(): boolean;
  /** Number of fetches in flight. */
  inFlight(): number;
  dispose(): void;
}

export function createPoller(opts: PollerOptions = {}): Poller {
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? Math.random;
  const maxConcurrent = Math.max(1, opts.maxConcurrent ?? 4);
  const entries = new Map<string, Entry>();
  const visibleCounts = new Map<string, number>();
  const queue: Entry[] = [];
  let running = 0;
  let paused = false;
  let disposed = false;

  const screenVisible = (s: string) => (visibleCounts.get(s) ?? 0) > 0;
  const isVisible = (e: Entry) => e.spec.screens.some(screenVisible);

  /** The interval in force: the shortest among the screens now showing the resource. */
  function intervalOf(e: Entry): number {
    let ms = Infinity;
    for (const s of e.spec.screens) if (screenVisible(s)) ms = Math.min(ms, e.spec.intervalByScreen[s] ?? e.spec.intervalMs);
    return ms === Infinity ? e.spec.intervalMs : ms;
  }
  const isActive = (e: Entry) => !paused && !disposed && isVisible(e);

  const jittered = (ms: number, j: number) => Math.max(0, ms * (1 + j * (2 * random() - 1)));

  const staleNow = (e: Entry) => {
    const last = e.store.getState().lastSuccess;
    return last !== undefined && clock.now() - last > e.spec.staleAfterIntervals * intervalOf(e);
  };

  function clearTimer(e: Entry) {
    if (e.timer !== undefined) clock.clearTimeout(e.timer);
    e.timer = undefined;
  }

  /** Drops a queued attempt; anyone awaiting it (refresh) is released. */
  function dequeue(e: Entry) {
    if (!e.queued) return;
    e.queued = false;
    const i = queue.indexOf(e);
    if (i >= 0) queue.splice(i, 1);
    for (const w of e.waiters.splice(0)) w();
  }

  /** (Re)arms the timer of an active, idle resource from its due time. */
  function schedule(e: Entry) {
    clearTimer(e);
    if (!isActive(e) || e.controller || e.queued) {
      if (!isActive(e)) e.store.getState().actions.scheduled(undefined, staleNow(e));
      return;
    }
    const now = clock.now();
    const at = Math.max(e.dueAt ?? now, e.notBefore);
    e.store.getState().actions.scheduled(at, staleNow(e));
    e.timer = clock.setTimeout(() => {
      e.timer = undefined;
      start(e);
    }, Math.max(0, at - now));
  }

  function start(e: Entry) {
    if (disposed || e.controller || e.queued) return;
    if (running >= maxConcurrent) {
      e.queued = true;
      queue.push(e);
      return;
    }
    void run(e);
  }

  function drain() {
    while (running < maxConcurrent && queue.length > 0) {
      const next = queue.shift()!;
      next.queued = false;
      void run(next);
    }
  }

  async function run(e: Entry) {
    clearTimer(e);
    const controller = new AbortController();
    e.controller = controller;
    running++;
    const startedAt = clock.now();
    const state = e.store.getState();
    state.actions.started();
    const since = e.lastSuccessStartedAt === undefined ? undefined : new Date(e.lastSuccessStartedAt);
    try {
      const data = await e.spec.fetch({ previous: state.data, since, signal: controller.signal });
      if (controller.signal.aborted || entries.get(e.spec.key) !== e) {
        e.store.getState().actions.cancelled();
      } else {
        const now = clock.now();
        e.failures = 0;
        e.lastSuccessStartedAt = startedAt;
        e.dueAt = now + jittered(intervalOf(e), e.spec.jitter);
        e.store.getState().actions.succeeded(data, now, isActive(e) ? e.dueAt : undefined);
      }
    } catch (err) {
      if (controller.signal.aborted || entries.get(e.spec.key) !== e) {
        e.store.getState().actions.cancelled();
      } else {
        const now = clock.now();
        e.failures++;
        const retryAfter = retryAfterOf(err) ?? 0;
        e.notBefore = now + retryAfter;
        const backoff = Math.min(e.spec.maxBackoffMs, intervalOf(e) * 2 ** e.failures);
        e.dueAt = now + Math.max(jittered(backoff, e.spec.jitter), retryAfter);
        const error: PollError = { message: oneLine(err), at: now, cause: err };
        e.store.getState().actions.failed(error, staleNow(e), isActive(e) ? e.dueAt : undefined);
      }
    } finally {
      running--;
      if (e.controller === controller) e.controller = undefined;
      const waiters = e.waiters.splice(0);
      for (const w of waiters) w();
      drain();
      if (entries.get(e.spec.key) === e) schedule(e);
    }
  }

  /** Hidden: stop the timer, drop it from the queue, abort its in-flight fetch. */
  function deactivate(e: Entry) {
    clearTimer(e);
    dequeue(e);
    e.controller?.abort();
    e.store.getState().actions.scheduled(undefined, staleNow(e));
  }

  function visibilityChanged(before: Map<Entry, { visible: boolean; intervalMs: number }>) {
    for (const e of entries.values()) {
      const was = before.get(e);
      const now = isVisible(e);
      if (was?.visible && !now) deactivate(e);
      else if (now && (!was?.visible || intervalOf(e) < was.intervalMs)) {
        // Shown again, or by a screen that wants it sooner: due one interval (the one now in force)
        // after the last success, if that is sooner than planned under the last interval.
        const last = e.store.getState().lastSuccess;
        if (e.failures === 0 && last !== undefined && e.dueAt !== undefined) e.dueAt = Math.min(e.dueAt, last + intervalOf(e));
        schedule(e);
      }
    }
  }

  function snapshotVisibility() {
    return new Map([...entries.values()].map((e) => [e, { visible: isVisible(e), intervalMs: intervalOf(e) }] as const));
  }

  return {
    register<T>(spec: ResourceSpec<T>): ResourceStore<T> {
      if (entries.has(spec.key)) throw new Error(`poller: resource "${spec.key}" is already registered`);
      if (!(spec.intervalMs > 0)) throw new Error(`poller: resource "${spec.key}" needs a positive intervalMs`);
      const store = (spec.store ?? createResourceStore<T>()) as ResourceStore<unknown>;
      const e: Entry = {
        spec: {
          key: spec.key,
          screens: spec.screens,
          intervalMs: spec.intervalMs,
          intervalByScreen: spec.intervalByScreen ?? {},
          jitter: Math.min(Math.max(spec.jitter ?? 0.1, 0), 1),
          staleAfterIntervals: spec.staleAfterIntervals ?? 3,
          maxBackoffMs: spec.maxBackoffMs ?? 10 * 60_000,
          fetch: spec.fetch as (ctx: FetchContext<unknown>) => Promise<unknown>,
        },
        store,
        timer: undefined,
        controller: undefined,
        queued: false,
        failures: 0,
        notBefore: 0,
        dueAt: undefined,
        lastSuccessStartedAt: undefined,
        waiters: [],
      };
      entries.set(spec.key, e);
      schedule(e);
      return store as ResourceStore<T>;
    },
    unregister(key) {
      const e = entries.get(key);
      if (!e) return;
      deactivate(e);
      entries.delete(key);
    },
    store<T>(key: string) {
      return entries.get(key)?.store as ResourceStore<T> | undefined;
    },
    setVisible(screenIds) {
      const before = snapshotVisibility();
      visibleCounts.clear();
      for (const id of typeof screenIds === 'string' ? [screenIds] : screenIds) visibleCounts.set(id, 1);
      visibilityChanged(before);
    },
    showScreen(screenId) {
      const before = snapshotVisibility();
      visibleCounts.set(screenId, (visibleCounts.get(screenId) ?? 0) + 1);
      visibilityChanged(before);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const b = snapshotVisibility();
        const n = (visibleCounts.get(screenId) ?? 0) - 1;
        if (n > 0) visibleCounts.set(screenId, n);
        else visibleCounts.delete(screenId);
        visibilityChanged(b);
      };
    },
    visibleScreens() {
      return new Set([...visibleCounts.entries()].filter(([, n]) => n > 0).map(([id]) => id));
    },
    refresh(key) {
      const e = entries.get(key);
      if (!e || disposed) return Promise.resolve();
      const done = new Promise<void>((resolve) => e.waiters.push(resolve));
      if (e.controller || e.queued) return done;
      const now = clock.now();
      if (e.notBefore > now) {
        // The server asked us to wait (Retry-After): run at the end of that window, not before.
        clearTimer(e);
        e.store.getState().actions.scheduled(e.notBefore, staleNow(e));
        e.timer = clock.setTimeout(() => {
          e.timer = undefined;
          start(e);
        }, e.notBefore - now);
        return done;
      }
      start(e);
      return done;
    },
    pause() {
      if (paused) return;
      paused = true;
      for (const e of entries.values()) {
        clearTimer(e);
        dequeue(e);
        e.store.getState().actions.scheduled(undefined, staleNow(e));
      }
    },
    resume() {
      if (!paused) return;
      paused = false;
      for (const e of entries.values()) schedule(e);
    },
    isPaused: () => paused,
    inFlight: () => running,
    dispose() {
      disposed = true;
      for (const e of entries.values()) {
        clearTimer(e);
        dequeue(e);
        e.controller?.abort();
        for (const w of e.waiters.splice(0)) w();
      }
    },
  };
}
