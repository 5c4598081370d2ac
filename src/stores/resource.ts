/**
 * A polled resource as a zustand vanilla store: what a screen (or a non-interactive command) reads about one
 * thing the console keeps fresh. Written only by the poll scheduler (src/stores/poller.ts), one update per
 * poll result, so subscribers re-render once per poll.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface PollError {
  /** One line, safe to show (API errors are sanitised in src/api). */
  message: string;
  /** When the attempt failed (epoch ms). */
  at: number;
  /** The original error, for screens that show more (e.g. the missing permission of a 403). */
  cause: unknown;
}

export interface ResourceState<T> {
  /** Last good data; kept when a later refresh fails. */
  data: T | undefined;
  /** Error of the most recent attempt; cleared by the next success. */
  error: PollError | undefined;
  /** A fetch is in flight. */
  loading: boolean;
  /** When the last successful fetch completed (epoch ms): the screen shows the data's age from it. */
  lastSuccess: number | undefined;
  /** Data older than `staleAfterIntervals` poll intervals (see ResourceSpec). */
  stale: boolean;
  /** When the next automatic attempt is due (epoch ms), undefined while not scheduled (hidden, paused). */
  nextPollAt: number | undefined;
  actions: ResourceActions<T>;
}

export interface ResourceActions<T> {
  started(): void;
  succeeded(data: T, at: number, nextPollAt: number | undefined): void;
  failed(error: PollError, stale: boolean, nextPollAt: number | undefined): void;
  /** The attempt was aborted (screen hidden): nothing changes but `loading`. */
  cancelled(): void;
  scheduled(nextPollAt: number | undefined, stale: boolean): void;
}

export type ResourceStore<T> = StoreApi<ResourceState<T>>;

export function createResourceStore<T>(initial?: T): ResourceStore<T> {
  return createStore<ResourceState<T>>()((set) => ({
    data: initial,
    error: undefined,
    loading: false,
    lastSuccess: undefined,
    stale: false,
    nextPollAt: undefined,
    actions: {
      started: () => set({ loading: true }),
      succeeded: (data, at, nextPollAt) => set({ data, error: undefined, loading: false, lastSuccess: at, stale: false, nextPollAt }),
      failed: (error, stale, nextPollAt) => set({ error, loading: false, stale, nextPollAt }),
      cancelled: () => set({ loading: false }),
      scheduled: (nextPollAt, stale) => set({ nextPollAt, stale }),
    },
  }));
}

/**
 * Resolves once the resource has data or an error (at once if it has either), after `maxWaitMs`
 * at the latest, or when `signal` aborts: for a read that can use another's result but must not
 * depend on it.
 */
export function firstResult<T>(store: ResourceStore<T>, maxWaitMs: number, signal?: AbortSignal): Promise<T | undefined> {
  const settled = (s: ResourceState<T>) => s.data !== undefined || s.error !== undefined;
  if (settled(store.getState()) || signal?.aborted) return Promise.resolve(store.getState().data);
  return new Promise((resolve) => {
    const done = () => {
      unsubscribe();
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve(store.getState().data);
    };
    const unsubscribe = store.subscribe((s) => {
      if (settled(s)) done();
    });
    const timer = setTimeout(done, maxWaitMs);
    signal?.addEventListener('abort', done);
  });
}
