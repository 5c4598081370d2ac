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

export function createHealthData(session: Session, opts: { screenId?: string } = {}): HealthData {
  const inputs = healthInputSources(session, opts.screenId ?? HEALTH_SCREEN_ID);
  const view = createStore<HealthView>()(() => EMPTY_VIEW);
  const snapshots = () => new Map<HealthInputKey, InputSnapshot>([...inputs].map(([k, src]) => [k, src.snapshot.getState()]));

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
  for (const [key, src] of inputs) {
    src.snapshot.subscribe((s, prev) => {
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
