import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPoller, retryAfterOf, type FetchContext, type Poller } from '../../../src/stores/poller.js';
import { ApiError } from '../../../src/api/errors.js';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
let poller: Poller;
beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  poller?.dispose();
  vi.useRealTimers();
});

/** random() = 0.5 means "no jitter" for the ± jitter formula. */
const noJitter = () => 0.5;
const tick = (ms: number) => vi.advanceTimersByTimeAsync(ms);

function counter() {
  let n = 0;
  const calls: FetchContext<number>[] = [];
  const fetch = vi.fn(async (ctx: FetchContext<number>) => {
    calls.push(ctx);
    return ++n;
  });
  return { fetch, calls };
}

describe('interval and jitter', () => {
  it('fetches on becoming visible, then every interval', async () => {
    poller = createPoller({ random: noJitter });
    const { fetch } = counter();
    const store = poller.register({ key: 'k', screens: ['s'], intervalMs: 1000, fetch });
    expect(fetch).not.toHaveBeenCalled();
    poller.setVisible('s');
    await tick(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(store.getState().data).toBe(1);
    await tick(999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await tick(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    await tick(3000);
    expect(fetch).toHaveBeenCalledTimes(5);
  });

  it('keeps each delay within ± jitter of the interval', async () => {
    for (const [r, expected] of [[0, 800], [0.999999, 1200]] as const) {
      poller?.dispose();
      poller = createPoller({ random: () => r });
      const { fetch } = counter();
      const store = poller.register({ key: 'k', screens: ['s'], intervalMs: 1000, jitter: 0.2, fetch });
      poller.setVisible('s');
      await tick(0);
      const next = store.getState().nextPollAt! - Date.now();
      expect(next).toBeGreaterThanOrEqual(800);
      expect(next).toBeLessThanOrEqual(1200);
      expect(Math.abs(next - expected)).toBeLessThan(1);
      await tick(next - 1);
      expect(fetch).toHaveBeenCalledTimes(1);
      await tick(1);
      expect(fetch).toHaveBeenCalledTimes(2);
    }
  });
});

describe('errors', () => {
  it('backs off exponentially, capped, and resets after a success', async () => {
    poller = createPoller({ random: noJitter });
    let fail = true;
    const fetch = vi.fn(async () => {
      if (fail) throw new Error('Defender API 503\nstack here');
      return 'ok';
    });
    const store = poller.register({ key: 'k', screens: ['s'], intervalMs: 1000, maxBackoffMs: 5000, fetch });
    poller.setVisible('s');
    await tick(0); // failure 1 → wait 2 s
    expect(store.getState().error?.message).toBe('Defender API 503');
    expect(store.getState().nextPollAt! - Date.now()).toBe(2000);
    await tick(1999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await tick(1); // failure 2 → 4 s
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(store.getState().nextPollAt! - Date.now()).toBe(4000);
    await tick(4000); // failure 3 → 8 s capped to 5 s
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(store.getState().nextPollAt! - Date.now()).toBe(5000);
    fail = false;
    await tick(5000);
    expect(store.getState().data).toBe('ok');
    expect(store.getState().error).toBeUndefined();
    expect(store.getState().nextPollAt! - Date.now()).toBe(1000);
  });

  it('honours a Retry-After hint longer than the backoff', async () => {
    poller = createPoller({ random: noJitter });
    const fetch = vi.fn(async () => {
      throw Object.assign(new Error('429 Too Many Requests'), { retryAfterMs: 30_000 });
    });
    const store = poller.register({ key: 'k', screens: ['s'], intervalMs: 1000, fetch });
    poller.setVisible('s');
    await tick(0);
    expect(store.getState().nextPollAt! - Date.now()).toBe(30_000);
    // A manual refresh inside the Retry-After window waits for its end.
    void poller.refresh('k');
    await tick(29_999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await tick(1);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('keeps the last good data and its age on failure, and flags it stale after k intervals', async () => {
    poller = createPoller({ random: noJitter });
    let n = 0;
    const fetch = vi.fn(async () => {
      n++;
      if (n > 1) throw new Error('boom');
      return ['row'];
    });
    const store = poller.register({ key: 'k', screens: ['s'], intervalMs: 1000, staleAfterIntervals: 3, maxBackoffMs: 1000, fetch });
    poller.setVisible('s');
    await tick(0);
    const firstSuccess = store.getState().lastSuccess;
    expect(firstSuccess).toBe(T0);
    await tick(1000); // fails: data stays, not yet stale
    expect(store.getState()).toMatchObject({ data: ['row'], lastSuccess: T0, stale: false, loading: false });
    expect(store.getState().error?.message).toBe('boom');
    await tick(2000); // 3 s old: not more than 3 intervals yet
    expect(store.getState().stale).toBe(false);
    await tick(1000); // 4 s old
    expect(store.getState().stale).toBe(true);
    expect(store.getState().data).toEqual(['row']);
  });
});

describe('interval by screen', () => {
  it("polls at a screen's own interval while only it shows the resource, at the shortest while several do", async () => {
    poller = createPoller({ random: noJitter });
    const { fetch } = counter();
    const store = poller.register({ key: 'k', screens: ['sync', 'health'], intervalMs: 1000, intervalByScreen: { health: 4000 }, fetch });
    poller.setVisible('health');
    await tick(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    await tick(3999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await tick(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    // Not stale after 3 × the owner's interval: Health expects it every 4 s.
    await tick(3500);
    expect(store.getState().stale).toBe(false);
    poller.setVisible(['health', 'sync']);
    await tick(0);
    // The Sync screen came up 3.5 s after the last read: due at once (one 1 s interval after it) …
    expect(fetch).toHaveBeenCalledTimes(3);
    await tick(999);
    expect(fetch).toHaveBeenCalledTimes(3);
    await tick(1);
    // … and every second while it is up.
    expect(fetch).toHaveBeenCalledTimes(4);
  });

  it('brings the next read forward when a screen that wants it sooner comes up, never later than planned', async () => {
    poller = createPoller({ random: noJitter });
    const { fetch } = counter();
    poller.register({ key: 'k', screens: ['sync', 'health'], intervalMs: 1000, intervalByScreen: { health: 4000 }, fetch });
    poller.setVisible('health');
    await tick(0);
    await tick(300);
    poller.setVisible('sync'); // read 300 ms ago: due 700 ms from now, not 3.7 s
    await tick(699);
    expect(fetch).toHaveBeenCalledTimes(1);
    await tick(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    poller.setVisible('health'); // back to Health alone: the read already planned stays, then every 4 s
    await tick(1000);
    expect(fetch).toHaveBeenCalledTimes(3);
    await tick(3999);
    expect(fetch).toHaveBeenCalledTimes(3);
    await tick(1);
    expect(fetch).toHaveBeenCalledTimes(4);
  });

  it('uses the interval in force when a screen comes back: Health to Indicators after 3 s reads at once', async () => {
    poller = createPoller({ random: noJitter });
    const { fetch } = counter();
    poller.register({ key: 'k', screens: ['indicators', 'health'], intervalMs: 1000, intervalByScreen: { health: 4000 }, fetch });
    const hideHealth = poller.showScreen('health');
    await tick(0);
    await tick(3000);
    hideHealth(); // screens switch: the old one is released before the new one shows
    poller.showScreen('indicators');
    await tick(0);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe('visibility and cancellation', () => {
  it('polls only while one of its screens is visible', async () => {
    poller = createPoller({ random: noJitter });
    const { fetch } = counter();
    poller.register({ key: 'k', screens: ['indicators'], intervalMs: 1000, fetch });
    poller.setVisible('health');
    await tick(5000);
    expect(fetch).not.toHaveBeenCalled();
    poller.setVisible(['health', 'indicators']);
    await tick(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    poller.setVisible('health');
    await tick(10_000);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('does not refetch on re-show before the interval has passed', async () => {
    poller = createPoller({ random: noJitter });
    const { fetch } = counter();
    poller.register({ key: 'k', screens: ['s'], intervalMs: 1000, fetch });
    const release = poller.showScreen('s');
    await tick(0);
    release();
    await tick(400);
    poller.showScreen('s');
    await tick(599);
    expect(fetch).toHaveBeenCalledTimes(1);
    await tick(1);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('aborts the in-flight fetch on hide and ignores its late result', async () => {
    poller = createPoller({ random: noJitter });
    let signal: AbortSignal | undefined;
    let resolveLate: (v: string) => void = () => {};
    const fetch = vi.fn((ctx: FetchContext<string>) => {
      signal = ctx.signal;
      return new Promise<string>((r) => (resolveLate = r));
    });
    const store = poller.register({ key: 'k', screens: ['s'], intervalMs: 1000, fetch });
    const release = poller.showScreen('s');
    await tick(0);
    expect(store.getState().loading).toBe(true);
    release();
    expect(signal?.aborted).toBe(true);
    resolveLate('too late');
    await tick(0);
    expect(store.getState()).toMatchObject({ data: undefined, error: undefined, loading: false, nextPollAt: undefined });
    expect(poller.inFlight()).toBe(0);
  });

  it('showScreen is reference counted', async () => {
    poller = createPoller({ random: noJitter });
    const a = poller.showScreen('s');
    const b = poller.showScreen('s');
    a();
    expect(poller.visibleScreens().has('s')).toBe(true);
    b();
    expect(poller.visibleScreens().has('s')).toBe(false);
  });
});

describe('manual refresh, pause, concurrency', () => {
  it('refresh fetches now and resolves when done', async () => {
    poller = createPoller({ random: noJitter });
    const { fetch } = counter();
    const store = poller.register({ key: 'k', screens: ['s'], intervalMs: 60_000, fetch });
    poller.setVisible('s');
    await tick(0);
    await tick(10_000);
    const done = poller.refresh('k');
    await done;
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(store.getState().data).toBe(2);
    // The next automatic poll counts from the manual one.
    expect(store.getState().nextPollAt).toBe(Date.now() + 60_000);
  });

  it('pause stops automatic polls, resume restarts them', async () => {
    poller = createPoller({ random: noJitter });
    const { fetch } = counter();
    poller.register({ key: 'k', screens: ['s'], intervalMs: 1000, fetch });
    poller.setVisible('s');
    await tick(0);
    poller.pause();
    await tick(10_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    poller.resume();
    await tick(0);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('runs at most maxConcurrent fetches at once', async () => {
    poller = createPoller({ random: noJitter, maxConcurrent: 2 });
    const resolvers: Array<() => void> = [];
    let active = 0;
    let peak = 0;
    const fetch = () =>
      new Promise<number>((r) => {
        active++;
        peak = Math.max(peak, active);
        resolvers.push(() => {
          active--;
          r(1);
        });
      });
    for (const k of ['a', 'b', 'c', 'd']) poller.register({ key: k, screens: ['s'], intervalMs: 60_000, fetch });
    poller.setVisible('s');
    await tick(0);
    expect(poller.inFlight()).toBe(2);
    resolvers.shift()!();
    await tick(0);
    expect(poller.inFlight()).toBe(2);
    resolvers.shift()!();
    resolvers.shift()!();
    await tick(0);
    resolvers.shift()!();
    await tick(0);
    expect(peak).toBe(2);
    expect(poller.store<number>('d')!.getState().data).toBe(1);
  });
});

describe('incremental fetch', () => {
  it('receives the previous data and the start time of the last successful fetch', async () => {
    poller = createPoller({ random: noJitter });
    const ctxs: Array<{ previous: string[] | undefined; since: Date | undefined }> = [];
    const fetch = async (ctx: FetchContext<string[]>) => {
      ctxs.push({ previous: ctx.previous, since: ctx.since });
      await new Promise((r) => setTimeout(r, 200)); // the fetch takes 200 ms
      return [...(ctx.previous ?? []), `v${ctxs.length}`];
    };
    const store = poller.register({ key: 'k', screens: ['s'], intervalMs: 1000, fetch });
    poller.setVisible('s');
    await tick(200);
    await tick(1200);
    expect(ctxs[0]).toEqual({ previous: undefined, since: undefined });
    expect(ctxs[1]).toEqual({ previous: ['v1'], since: new Date(T0) });
    expect(store.getState().data).toEqual(['v1', 'v2']);
  });
});

describe('retryAfterOf', () => {
  it("reads src/api's ApiError.retryAfter (seconds, fractional) and retryAfterMs", () => {
    const e = new ApiError({ kind: 'http', service: 'graph', operation: 'x', method: 'GET', path: '/p', status: 429, message: 'slow down', retryAfter: 2.128 } as never);
    expect(retryAfterOf(e)).toBe(2128);
    expect(retryAfterOf({ retryAfterMs: 500 })).toBe(500);
    expect(retryAfterOf(new Error('x'))).toBeUndefined();
    expect(retryAfterOf({ retryAfter: -1 })).toBeUndefined();
  });
});
