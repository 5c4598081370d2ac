/**
 * Glue between the poll scheduler and a screen. State stays in the stores (src/stores); a component subscribes
 * with a narrow selector so an update it does not show does not re-render it, and nothing here waits on the
 * network: key handling never blocks on a refresh.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { Poller } from '../src/stores/poller.js';
import type { ResourceState, ResourceStore } from '../src/stores/resource.js';

/** Subscribe to a slice of a polled resource, e.g. `usePolledResource(store, (s) => s.data?.length)`. */
export function usePolledResource<T, S>(store: ResourceStore<T>, selector: (state: ResourceState<T>) => S): S {
  return useStore(store, selector);
}

/**
 * Marks `screenId` visible while the component is mounted, so its resources poll; unmounting hides it, which
 * aborts their in-flight fetches. Pass `active: false` to keep a mounted but covered screen from polling.
 */
export function useScreenPolling(poller: Poller, screenId: string, active = true): void {
  useEffect(() => {
    if (!active) return undefined;
    return poller.showScreen(screenId);
  }, [poller, screenId, active]);
}
