/**
 * What the Health screen shows, computed from the inputs' poll states: the judged checks grouped by
 * integration area (areas ordered by their worst check, then by the documented area order), each with
 * whether it is still waiting for its first data, whether an input is being fetched now, the age of
 * the data it judged, and refresh errors that left older data in place. Pure.
 */
import type { CreatorRule, Thresholds } from '../../config/types.js';
import {
  CHECK_AREAS,
  runAllChecks,
  STATUS_RANK,
  summarize,
  unavailable,
  type CheckArea,
  type CheckResult,
  type CheckSummary,
  type HealthInputs,
} from '../../domain/health/index.js';
import { HEALTH_INPUTS, inputKeysForArea, type HealthInputKey } from './inputs.js';

export interface InputSnapshot {
  /** Last good data (kept when a later refresh fails). */
  data: unknown;
  /** One line: why the latest attempt failed. */
  error: string | undefined;
  errorAt: number | undefined;
  loading: boolean;
  /** When the last good data arrived (epoch ms). */
  lastSuccess: number | undefined;
}

export interface HealthRow {
  result: CheckResult;
  /** An input it needs has neither data nor an error yet: the verdict is not in. */
  pending: boolean;
  /** One of its inputs is being fetched right now. */
  running: boolean;
  /** Arrival time of the oldest input it judged (epoch ms); undefined when it judged none. */
  dataAt: number | undefined;
  /** "<input>: <error>" for inputs whose refresh failed while older data is still shown. */
  refreshErrors: string[];
  /** Inputs it reads, for the detail view (text: inputStateText, with the age at the time it is shown). */
  inputs: InputState[];
}

export interface HealthView {
  rows: HealthRow[];
  /** Counts over judged rows only (pending rows are not counted as UNKNOWN). */
  summary: CheckSummary;
  pending: number;
  running: number;
  /** One line when a refresh failed and older data stays on screen. */
  errorLine: string | undefined;
}

export interface InputState {
  label: string;
  fetching: boolean;
  lastSuccess: number | undefined;
  error: string | undefined;
}

/** "fetching; data from 2m ago; last attempt failed: …" for the detail view. */
export function inputStateText(i: InputState, nowMs: number): string {
  return [
    i.fetching ? 'fetching' : '',
    i.lastSuccess !== undefined ? `data from ${formatAge(nowMs - i.lastSuccess)}` : 'no data yet',
    i.error !== undefined ? `last attempt failed: ${i.error}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

export const EMPTY_VIEW: HealthView = { rows: [], summary: summarize([]), pending: 0, running: 0, errorLine: undefined };

const LABEL = new Map(HEALTH_INPUTS.map((s) => [s.key, s.label]));

export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ago`;
  return `${Math.floor(h / 24)}d ago`;
}

/**
 * The AGE column's text, as precise as an operator needs and no more: "<5m ago", then 5-minute
 * steps ("10m ago" = 10–15 minutes), hours, days. Always a floor, never fresher than the truth.
 * The column redraws only when one of these texts changes (msUntilAgeTextChanges), at most once in
 * 5 minutes per row. Minutes for fresh data were dropped: the inputs refresh every 1–60 minutes,
 * so "1m" against "3m" told an operator nothing, while every row's text changing once a minute
 * right after a load was most of what an idle Health screen wrote (issue 9: ≤ 4 KB per idle
 * minute; 4.4 KB measured with minute steps).
 */
export function formatAgeCoarse(ms: number): string {
  const t = Math.max(0, ms);
  if (t < 5 * MINUTE_MS) return '<5m ago';
  if (t < HOUR_MS) return `${5 * Math.floor(t / (5 * MINUTE_MS))}m ago`;
  if (t < 48 * HOUR_MS) return `${Math.floor(t / HOUR_MS)}h ago`;
  return `${Math.floor(t / DAY_MS)}d ago`;
}

/** How long until `formatAgeCoarse(ms + elapsed)` differs from `formatAgeCoarse(ms)`. */
export function msUntilAgeTextChanges(ms: number): number {
  const t = Math.max(0, ms);
  const unit = t < HOUR_MS ? 5 * MINUTE_MS : t < 48 * HOUR_MS ? HOUR_MS : DAY_MS;
  return unit - (t % unit);
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export interface ViewOptions {
  now: Date;
  thresholds?: Partial<Thresholds>;
  creatorRules?: readonly CreatorRule[];
  only?: readonly CheckArea[];
}

/** Data (or the reason it is missing) per input, as the checks read it. */
function checkInputsOf(snapshots: ReadonlyMap<HealthInputKey, InputSnapshot>): HealthInputs {
  const inputs: HealthInputs = {};
  for (const [key, snap] of snapshots) {
    if (snap.data !== undefined) (inputs as Record<string, unknown>)[key] = snap.data;
    else if (snap.error !== undefined) (inputs as Record<string, unknown>)[key] = unavailable(snap.error);
  }
  return inputs;
}

/**
 * The expensive half: every check judged over its inputs (thousands of indicators and devices).
 * Depends only on the inputs' data and errors, so the screen runs it only when one of those changes,
 * never for a fetch starting or ending with the same data.
 */
export function judgeChecks(snapshots: ReadonlyMap<HealthInputKey, InputSnapshot>, opts: ViewOptions): CheckResult[] {
  return runAllChecks(checkInputsOf(snapshots), {
    now: opts.now,
    ...(opts.thresholds ? { thresholds: opts.thresholds } : {}),
    ...(opts.creatorRules ? { creatorRules: opts.creatorRules } : {}),
    ...(opts.only ? { only: opts.only } : {}),
  });
}

export function buildHealthView(snapshots: ReadonlyMap<HealthInputKey, InputSnapshot>, opts: ViewOptions): HealthView {
  return decorateChecks(judgeChecks(snapshots, opts), snapshots, opts.now.getTime());
}

const sameStrings = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameInputs = (a: readonly InputState[], b: readonly InputState[]) =>
  a.length === b.length && a.every((x, i) => x.label === b[i]!.label && x.fetching === b[i]!.fetching && x.lastSuccess === b[i]!.lastSuccess && x.error === b[i]!.error);

/**
 * The cheap half: per judged check, whether it waits for its first data, whether an input is being
 * fetched, the age of its data and failed refreshes; then grouping and the summary. A row whose
 * decoration did not change is the `previous` view's object itself, so a fetch starting or ending
 * changes only the rows that read that input.
 */
export function decorateChecks(results: readonly CheckResult[], snapshots: ReadonlyMap<HealthInputKey, InputSnapshot>, nowMs: number, previous?: HealthView): HealthView {
  const before = new Map(previous?.rows.map((r) => [r.result.id, r]));
  const rows: HealthRow[] = results.map((result) => {
    const keys = inputKeysForArea(result.area);
    let pending = false;
    let running = false;
    let dataAt: number | undefined;
    const refreshErrors: string[] = [];
    const inputStates: HealthRow['inputs'] = [];
    for (const k of keys) {
      const s = snapshots.get(k);
      const label = LABEL.get(k) ?? k;
      if (!s) continue;
      if (s.data === undefined && s.error === undefined) pending = true;
      if (s.loading) running = true;
      if (s.data !== undefined && s.lastSuccess !== undefined) dataAt = dataAt === undefined ? s.lastSuccess : Math.min(dataAt, s.lastSuccess);
      if (s.data !== undefined && s.error !== undefined) refreshErrors.push(`${label}: ${s.error}`);
      inputStates.push({ label, fetching: s.loading, lastSuccess: s.lastSuccess, error: s.error });
    }
    const old = before.get(result.id);
    if (
      old &&
      old.result === result &&
      old.pending === pending &&
      old.running === running &&
      old.dataAt === dataAt &&
      sameStrings(old.refreshErrors, refreshErrors) &&
      sameInputs(old.inputs, inputStates)
    ) {
      return old;
    }
    return { result, pending, running, dataAt, refreshErrors, inputs: inputStates };
  });

  const rank = (r: HealthRow) => (r.pending ? 4 : STATUS_RANK[r.result.status]);
  const worstOfArea = new Map<CheckArea, number>();
  for (const r of rows) worstOfArea.set(r.result.area, Math.min(worstOfArea.get(r.result.area) ?? 9, rank(r)));
  const ordered = rows
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) =>
        worstOfArea.get(a.r.result.area)! - worstOfArea.get(b.r.result.area)! ||
        CHECK_AREAS.indexOf(a.r.result.area) - CHECK_AREAS.indexOf(b.r.result.area) ||
        rank(a.r) - rank(b.r) ||
        a.i - b.i,
    )
    .map(({ r }) => r);

  const judged = ordered.filter((r) => !r.pending).map((r) => r.result);
  const failed = [...snapshots.entries()].filter(([, s]) => s.data !== undefined && s.error !== undefined);
  let errorLine: string | undefined;
  if (failed.length > 0) {
    const [key, s] = failed[0]!;
    const age = s.lastSuccess !== undefined ? `; showing data from ${formatAge(nowMs - s.lastSuccess)}` : '';
    errorLine = `Refresh failed — ${LABEL.get(key) ?? key}: ${s.error}${age}${failed.length > 1 ? ` (+${failed.length - 1} more inputs failing)` : ''}`;
  }
  if (previous && previous.errorLine === errorLine && previous.rows.length === ordered.length && ordered.every((r, i) => r === previous.rows[i])) return previous;
  return {
    rows: ordered,
    summary: summarize(judged),
    pending: ordered.filter((r) => r.pending).length,
    running: ordered.filter((r) => r.running).length,
    errorLine,
  };
}
