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
  return session.poller.register({
    ...spec,
    intervalMs: spec.intervalMs <= LIVE_RESOURCE_MAX_MS ? session.intervalMs(spec.intervalMs) : spec.intervalMs,
    fetch: async (ctx) => {
      const data = await spec.fetch(ctx);
      session.notifyRefreshed(new Date());
      return data;
    },
  });
}
