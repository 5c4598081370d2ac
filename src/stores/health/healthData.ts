/**
 * The Health screen's data: one source per input (so a slow API holds only the checks that read it):
 * Health's own polled resources, or the Indicators and Sync screens' data where they read the same
 * thing (inputSources.ts); and one derived store with the judged checks, re-judged only when an
 * input's data or error changes.
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
import { CHECK_AREAS, type CheckResult } from '../../domain/health/index.js';
import { perSession } from '../../session/resources.js';
import type { Session } from '../../session/index.js';
import { sessionNow } from './collectors.js';
import { HEALTH_INPUTS, type HealthInputKey } from './inputs.js';
import { decorateChecks, EMPTY_VIEW, judgeChecks, type HealthView, type InputSnapshot } from './healthView.js';
import { healthInputSources, InputUnavailableError, type InputSource } from './inputSources.js';

export { InputUnavailableError };

export const HEALTH_SCREEN_ID = 'health';

export interface HealthData {
  inputs: ReadonlyMap<HealthInputKey, InputSource>;
  view: StoreApi<HealthView>;
  /** Re-runs every input now (bypassing backoff, not a server's Retry-After). */
  refreshAll(): Promise<void>;
  /** Re-judges every check (e.g. after a threshold change) without fetching. */
  recompute(): void;
}

/**
 * A check shows its "⟳" running marker once a fetch of its input has run this long. Most polls answer
 * in well under this, and a marker flashing on and off for them is two redraws per poll that nobody
 * can read (issue 9: an idle screen writes little); a fetch that takes longer is marked until it ends.
 */
export const RUNNING_MARKER_DELAY_MS = 500;

export function createHealthData(session: Session, opts: { screenId?: string; runningMarkerDelayMs?: number } = {}): HealthData {
  const inputs = healthInputSources(session, opts.screenId ?? HEALTH_SCREEN_ID);
  const view = createStore<HealthView>()(() => EMPTY_VIEW);
  const markerDelay = opts.runningMarkerDelayMs ?? RUNNING_MARKER_DELAY_MS;
  /** Inputs whose fetch has run longer than markerDelay: the rows reading them show the marker. */
  const markedRunning = new Set<HealthInputKey>();
  const markerTimers = new Map<HealthInputKey, ReturnType<typeof setTimeout>>();
  const snapshots = () =>
    new Map<HealthInputKey, InputSnapshot>([...inputs].map(([k, src]) => [k, { ...src.snapshot.getState(), loading: markedRunning.has(k) }]));

  // Judging the indicator and device checks reads every indicator and device, so a check is
  // re-judged only when one of ITS inputs' data or error changed (a streaming poll re-judges the
  // streaming check alone). A fetch starting or ending, or data confirmed unchanged, only re-decorates
  // (markers, ages) and leaves the other rows' objects as they were.
  let results: CheckResult[] = [];
  const judge = (changed?: HealthInputKey) => {
    const snaps = snapshots();
    const opts = { now: sessionNow(session), thresholds: session.profile.thresholds, creatorRules: session.profile.creatorRules };
    if (changed === undefined) results = judgeChecks(snaps, opts);
    else {
      const areas = HEALTH_INPUTS.find((s) => s.key === changed)?.areas ?? CHECK_AREAS;
      const fresh = judgeChecks(snaps, { ...opts, only: areas });
      // Area order as runAllChecks gives it; within an area, the order its check functions return.
      results = [...results.filter((r) => !areas.includes(r.area)), ...fresh].sort((a, b) => CHECK_AREAS.indexOf(a.area) - CHECK_AREAS.indexOf(b.area));
    }
    view.setState(decorateChecks(results, snaps, Date.now(), view.getState()), true);
  };
  const decorate = () => {
    const next = decorateChecks(results, snapshots(), Date.now(), view.getState());
    if (next !== view.getState()) view.setState(next, true);
  };
  const trackLoading = (key: HealthInputKey, loading: boolean) => {
    clearTimeout(markerTimers.get(key));
    markerTimers.delete(key);
    if (!loading) {
      markedRunning.delete(key);
      return;
    }
    if (markerDelay <= 0) {
      markedRunning.add(key);
      return;
    }
    const timer = setTimeout(() => {
      markerTimers.delete(key);
      if (!inputs.get(key)!.snapshot.getState().loading) return;
      markedRunning.add(key);
      decorate();
    }, markerDelay);
    // A pending marker alone must not keep a quitting console alive.
    timer.unref?.();
    markerTimers.set(key, timer);
  };
  for (const [key, src] of inputs) {
    src.snapshot.subscribe((s, prev) => {
      if (s.loading !== prev.loading) trackLoading(key, s.loading);
      if (s.data !== prev.data || s.error !== prev.error) judge(key);
      else decorate();
    });
  }
  judge();

  return {
    inputs,
    view,
    recompute: () => judge(),
    refreshAll: async () => {
      await Promise.all([...inputs.values()].map((src) => src.refresh()));
    },
  };
}

/** One HealthData per session, shared by every mount of the screen. */
export const healthData = perSession((session) => createHealthData(session));
