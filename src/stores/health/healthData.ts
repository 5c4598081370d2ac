/**
 * The Health screen's data: one polled resource per input (so a slow API holds only the checks that
 * read it), and one derived store with the judged checks, recomputed once per input update.
 *
 *   const data = healthData(session);          // one per session
 *   useScreenPolling(session.poller, 'health');
 *   useStore(data.view, (v) => v.rows);
 *   data.refreshAll();                         // the `r` key
 *
 * A resource's fetch throws when its input is unavailable, so the poller keeps the last good data
 * (with its age) and backs off; the view turns a never-fetched input that failed into UNKNOWN with
 * the reason.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { isUnavailable } from '../../domain/health/index.js';
import { perSession, sessionResource } from '../../session/resources.js';
import type { Session } from '../../session/index.js';
import type { ResourceState, ResourceStore } from '../resource.js';
import { sessionNow } from './collectors.js';
import { HEALTH_INPUTS, type HealthInputKey } from './inputs.js';
import { buildHealthView, EMPTY_VIEW, type HealthView, type InputSnapshot } from './healthView.js';

export const HEALTH_SCREEN_ID = 'health';

/** The reason an input could not be collected; the poller shows its message as the error line. */
export class InputUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InputUnavailableError';
  }
}

export interface HealthData {
  inputs: ReadonlyMap<HealthInputKey, ResourceStore<unknown>>;
  view: StoreApi<HealthView>;
  /** Re-runs every input now (bypassing backoff, not a server's Retry-After). */
  refreshAll(): Promise<void>;
  /** Recomputes the view (e.g. for the data's age) without fetching. */
  recompute(): void;
}

export function createHealthData(session: Session, opts: { screenId?: string } = {}): HealthData {
  const screenId = opts.screenId ?? HEALTH_SCREEN_ID;
  const inputs = new Map<HealthInputKey, ResourceStore<unknown>>();
  for (const spec of HEALTH_INPUTS) {
    const store = sessionResource<unknown>(session, {
      key: `health.${spec.key}`,
      screens: [screenId],
      intervalMs: spec.intervalMs,
      fetch: async ({ signal }) => {
        const value = await spec.collect(session, { signal });
        if (isUnavailable(value)) throw new InputUnavailableError(value.reason);
        return value;
      },
    });
    inputs.set(spec.key, store);
  }

  const view = createStore<HealthView>()(() => EMPTY_VIEW);
  const recompute = () => {
    const snapshots = new Map<HealthInputKey, InputSnapshot>();
    for (const [key, store] of inputs) snapshots.set(key, snapshotOf(store.getState()));
    view.setState(buildHealthView(snapshots, { now: sessionNow(session), thresholds: session.profile.thresholds, creatorRules: session.profile.creatorRules }), true);
  };
  // Only data, error and loading change what the screen shows; scheduling updates are ignored.
  for (const store of inputs.values()) {
    store.subscribe((s, prev) => {
      if (s.data !== prev.data || s.error !== prev.error || s.loading !== prev.loading) recompute();
    });
  }
  recompute();

  return {
    inputs,
    view,
    recompute,
    refreshAll: async () => {
      await Promise.all([...inputs.keys()].map((k) => session.poller.refresh(`health.${k}`)));
    },
  };
}

function snapshotOf(s: ResourceState<unknown>): InputSnapshot {
  return {
    data: s.data,
    error: s.error ? s.error.message : undefined,
    errorAt: s.error?.at,
    loading: s.loading,
    lastSuccess: s.lastSuccess,
  };
}

/** One HealthData per session, shared by every mount of the screen. */
export const healthData = perSession((session) => createHealthData(session));
