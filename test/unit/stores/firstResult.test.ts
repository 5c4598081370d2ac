/** firstResult: a read that can use another resource's answer waits for it, but never for long. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createResourceStore, firstResult } from '../../../src/stores/resource.js';

const error = { message: 'forbidden', at: 0, cause: undefined };

describe('firstResult', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('answers at once with data already there, and waits for the first success otherwise', async () => {
    const ready = createResourceStore<number>(7);
    await expect(firstResult(ready, 1000)).resolves.toBe(7);

    const store = createResourceStore<number>();
    let answer: number | undefined | 'pending' = 'pending';
    void firstResult(store, 1000).then((v) => (answer = v));
    store.getState().actions.started();
    await vi.advanceTimersByTimeAsync(10);
    expect(answer).toBe('pending');
    store.getState().actions.succeeded(3, 0, undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(answer).toBe(3);
  });

  it('goes on without data after a failure, after maxWaitMs, or when aborted', async () => {
    const failing = createResourceStore<number>();
    const p1 = firstResult(failing, 1000);
    failing.getState().actions.failed(error, false, undefined);
    await expect(p1).resolves.toBeUndefined();

    const silent = createResourceStore<number>();
    let answered = false;
    void firstResult(silent, 1000).then(() => (answered = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(answered).toBe(true);

    const controller = new AbortController();
    const p3 = firstResult(createResourceStore<number>(), 60_000, controller.signal);
    controller.abort();
    await expect(p3).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });
});
