/**
 * Per-session data, created once on first use and shared by screens and commands.
 *
 *   const indicatorsData = perSession((session) => createIndicatorsData(session));
 *   const data = indicatorsData(session);   // same object for the same session
 *
 * and `sessionResource` registers a polled resource whose successes update the header's
 * "refreshed" time.
 */
import type { ResourceSpec } from '../stores/poller.js';
import type { ResourceStore } from '../stores/resource.js';
import type { Session } from './session.js';

export function perSession<T>(factory: (session: Session) => T): (session: Session) => T {
  const cache = new WeakMap<Session, T>();
  return (session) => {
    let value = cache.get(session);
    if (value === undefined) {
      value = factory(session);
      cache.set(session, value);
    }
    return value;
  };
}

/** Resources polled slower than this (licences, daily usage) keep their interval under --refresh. */
const LIVE_RESOURCE_MAX_MS = 5 * 60_000;

export function sessionResource<T>(session: Session, spec: ResourceSpec<T>): ResourceStore<T> {
  const live = (ms: number) => (ms <= LIVE_RESOURCE_MAX_MS ? session.intervalMs(ms) : ms);
  const byScreen = spec.intervalByScreen && Object.fromEntries(Object.entries(spec.intervalByScreen).map(([screen, ms]) => [screen, ms === undefined ? ms : live(ms)]));
  const store = session.poller.register({
    ...spec,
    intervalMs: live(spec.intervalMs),
    ...(byScreen ? { intervalByScreen: byScreen } : {}),
  });
  // Marked from the store's own success update, in the same synchronous tick, so the header's time and
  // the screen's new data are drawn in one frame (marking before the data landed drew two).
  store.subscribe((s, prev) => {
    if (s.lastSuccess !== undefined && s.lastSuccess !== prev.lastSuccess) session.notifyRefreshed(new Date());
  });
  return store;
}
