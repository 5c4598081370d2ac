import React from 'react';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { usePolledResource, useScreenPolling } from '../../../hooks/usePolledResource.js';
import { createPoller, type FetchContext, type Poller } from '../../../src/stores/poller.js';
import { createResourceStore } from '../../../src/stores/resource.js';

const flush = () => new Promise((r) => setTimeout(r, 20));
let poller: Poller | undefined;
afterEach(() => poller?.dispose());

describe('usePolledResource', () => {
  it('re-renders on the selected slice and not on unrelated updates', async () => {
    const store = createResourceStore<{ count: number; note: string }>({ count: 1, note: 'a' });
    let renders = 0;
    function Count() {
      renders++;
      const count = usePolledResource(store, (s) => s.data?.count);
      return <Text>count={count}</Text>;
    }
    const { lastFrame, unmount } = render(<Count />);
    await flush();
    expect(lastFrame()).toBe('count=1');
    const before = renders;
    store.getState().actions.started(); // loading flag: not selected
    await flush();
    expect(renders).toBe(before);
    store.getState().actions.succeeded({ count: 2, note: 'b' }, Date.now(), undefined);
    await flush();
    expect(lastFrame()).toBe('count=2');
    unmount();
  });
});

describe('useScreenPolling', () => {
  it('polls while mounted and aborts the in-flight fetch on unmount', async () => {
    poller = createPoller({ random: () => 0.5 });
    const signals: AbortSignal[] = [];
    let n = 0;
    const store = poller.register({
      key: 'incidents',
      screens: ['incidents'],
      intervalMs: 60_000,
      fetch: (ctx: FetchContext<number>) => {
        signals.push(ctx.signal);
        n++;
        // First fetch resolves; the second never does until aborted.
        return n === 1 ? Promise.resolve(41) : new Promise<number>(() => {});
      },
    });
    const p = poller;
    function Screen() {
      useScreenPolling(p, 'incidents');
      const data = usePolledResource(store, (s) => s.data);
      return <Text>data={String(data)}</Text>;
    }
    const { lastFrame, unmount } = render(<Screen />);
    await flush();
    expect(lastFrame()).toBe('data=41');
    expect(p.visibleScreens().has('incidents')).toBe(true);
    void p.refresh('incidents');
    expect(signals[1]?.aborted).toBe(false);
    unmount();
    expect(p.visibleScreens().has('incidents')).toBe(false);
    expect(signals[1]?.aborted).toBe(true);
  });
});
