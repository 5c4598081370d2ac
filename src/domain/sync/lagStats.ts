/**
 * Lag statistics for the incident sync: nearest-rank percentiles, the count over the documented target,
 * and per-hour series for the screen's charts.
 */

/** "XDR incidents take up to 10 min to appear in Sentinel" (domain-notes §0.5, §1 "XDR → Sentinel"). */
export const SYNC_LAG_TARGET_MS = 10 * 60_000;

/** One observed lag. `at` = epoch ms when the lag was observed (the Sentinel side's time). */
export interface LagSample {
  defenderId: string;
  at: number;
  lagMs: number;
}

export interface LagSummary {
  count: number;
  /** Milliseconds; null when there are no samples. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  /** Samples strictly above the target. */
  overTarget: number;
  targetMs: number;
}

/**
 * Nearest-rank percentile of ascending `sorted`: the smallest value such that at least p% of values are
 * ≤ it, i.e. sorted[ceil(p/100 × n) − 1] (rank clamped to 1). Always an observed value, never interpolated.
 */
export function percentileNearestRank(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return sorted[rankIndex(p, n)] ?? null;
}

/** 0-based position of the nearest-rank p-th percentile among n > 0 sorted values. */
const rankIndex = (p: number, n: number): number => Math.min(Math.max(1, Math.ceil((p / 100) * n)), n) - 1;

export function summarizeLags(lagsMs: readonly number[], targetMs: number = SYNC_LAG_TARGET_MS): LagSummary {
  return summarizeInPlace(Float64Array.from(lagsMs), targetMs);
}

/**
 * The summary `percentileNearestRank` and a count over the sorted values give, found by selection
 * instead of sorting: three quantiles and a maximum need only partial order, and sorting ~50,000 lags
 * twice per match was ~10 % of a run (bench "Sync diff"). Reorders `values`.
 *
 * Unparseable timestamps give NaN lags; the answers stay those of the typed-array sort this replaced,
 * which puts NaN last: a rank that falls among them is NaN, so is the maximum, and the count over the
 * target (taken from the top of the sorted values down) stops at them and is 0.
 */
function summarizeInPlace(values: Float64Array, targetMs: number = SYNC_LAG_TARGET_MS): LagSummary {
  const n = values.length;
  const numbers = moveNaNLast(values);
  let lo = 0;
  const at = (p: number): number | null => {
    if (n === 0) return null;
    const k = rankIndex(p, n);
    if (k >= numbers) return NaN;
    // Ranks come in ascending order: after selecting rank k, everything below it is ≤ it, so the next
    // (higher) rank is searched above it only.
    const v = selectNth(values, lo, numbers, k);
    lo = k;
    return v;
  };
  const p50 = at(50);
  const p95 = at(95);
  const p99 = at(99);
  let max: number | null = null;
  let overTarget = 0;
  if (n > 0) {
    max = numbers < n ? NaN : -Infinity;
    for (let i = 0; i < numbers; i++) {
      const v = values[i]!;
      if (numbers === n && v > max) max = v;
      if (v > targetMs) overTarget++;
    }
    if (numbers < n) overTarget = 0;
  }
  return { count: n, p50, p95, p99, max, overTarget, targetMs };
}

/** `percentileNearestRank` of `values` as if sorted (NaN last), by selection; reorders `values`. */
function nearestRankInPlace(values: Float64Array, p: number): number | null {
  const n = values.length;
  if (n === 0) return null;
  const numbers = moveNaNLast(values);
  const k = rankIndex(p, n);
  return k >= numbers ? NaN : selectNth(values, 0, numbers, k);
}

/** Moves NaN values to the end; returns how many values come before them. */
function moveNaNLast(a: Float64Array): number {
  let end = a.length;
  for (let i = 0; i < end; ) {
    if (Number.isNaN(a[i]!)) {
      end--;
      const t = a[i]!;
      a[i] = a[end]!;
      a[end] = t;
    } else i++;
  }
  return end;
}

/**
 * The value of rank k (0-based) among a[lo … hi) (no NaN), as if that range were sorted; reorders the
 * range so a[lo … k) ≤ a[k] ≤ a[k+1 … hi). Quickselect, median-of-three pivots: linear on average.
 */
function selectNth(a: Float64Array, lo: number, hi: number, k: number): number {
  let left = lo;
  let right = hi - 1;
  while (right > left) {
    // Median of three as the pivot, which also guards the scans below.
    const mid = (left + right) >>> 1;
    if (a[mid]! < a[left]!) swap(a, mid, left);
    if (a[right]! < a[left]!) swap(a, right, left);
    if (a[right]! < a[mid]!) swap(a, right, mid);
    const pivot = a[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k]!;
}

/**
 * Lag samples as columns (sample i = at[i], lagMs[i], i < count): matchIncidents records 50,000 of them
 * per run, and typed arrays cost no object per sample (issue 9 "Sync diff").
 */
export interface LagColumns {
  count: number;
  at: Float64Array;
  lagMs: Float64Array;
}

const columnsOf = (samples: readonly LagSample[]): LagColumns => ({
  count: samples.length,
  at: Float64Array.from(samples, (s) => s.at),
  lagMs: Float64Array.from(samples, (s) => s.lagMs),
});

export interface LagStatsOptions {
  now: Date;
  /** Whole-window length; samples older than this are ignored. Default 7 days (the sync lookback default). */
  windowHours?: number;
  targetMs?: number;
}

/** Summaries over the whole window and over the last hour (by observation time `at`). */
export function lagStats(samples: readonly LagSample[], opts: LagStatsOptions): { window: LagSummary; lastHour: LagSummary } {
  return lagStatsOfColumns(columnsOf(samples), opts);
}

export function lagStatsOfColumns(samples: LagColumns, opts: LagStatsOptions): { window: LagSummary; lastHour: LagSummary } {
  const now = opts.now.getTime();
  const windowStart = now - (opts.windowHours ?? 7 * 24) * 3_600_000;
  const hourStart = now - 3_600_000;
  const inWindow = new Float64Array(samples.count);
  const inHour = new Float64Array(samples.count);
  let w = 0;
  let h = 0;
  for (let i = 0; i < samples.count; i++) {
    const at = samples.at[i]!;
    if (at < windowStart || at > now) continue;
    const lag = samples.lagMs[i]!;
    inWindow[w++] = lag;
    if (at >= hourStart) inHour[h++] = lag;
  }
  return { window: summarizeInPlace(inWindow.subarray(0, w), opts.targetMs), lastHour: summarizeInPlace(inHour.subarray(0, h), opts.targetMs) };
}

export interface HourBucket {
  /** ISO start of the UTC hour. */
  hourStart: string;
  /** Defender incidents created in this hour. */
  incidents: number;
  /** Median (nearest rank) creation lag of copies observed in this hour; null when none. */
  medianLagMs: number | null;
}

/**
 * Per-hour series over the window, oldest first, ending with the current (partial) hour. Incidents are
 * bucketed by Defender creation time, lags by when they were observed (Sentinel creation time).
 */
export function hourlySeries(
  defenderCreatedMs: readonly number[],
  samples: readonly LagSample[],
  opts: { now: Date; windowHours?: number },
): HourBucket[] {
  return hourlySeriesOfColumns(defenderCreatedMs, defenderCreatedMs.length, columnsOf(samples), opts);
}

export function hourlySeriesOfColumns(
  defenderCreatedMs: ArrayLike<number>,
  createdCount: number,
  samples: LagColumns,
  opts: { now: Date; windowHours?: number },
): HourBucket[] {
  const hours = Math.max(1, Math.floor(opts.windowHours ?? 7 * 24));
  const currentHour = Math.floor(opts.now.getTime() / 3_600_000);
  const first = currentHour - hours + 1;
  const counts = new Array<number>(hours).fill(0);
  for (let k = 0; k < createdCount; k++) {
    const i = Math.floor(defenderCreatedMs[k]! / 3_600_000) - first;
    if (i >= 0 && i < hours) counts[i] = (counts[i] ?? 0) + 1;
  }
  // Lags grouped by hour without an array per hour: counting sort of the sample positions by hour.
  const hourOf = new Int32Array(samples.count);
  const perHour = new Int32Array(hours + 1);
  for (let k = 0; k < samples.count; k++) {
    const i = Math.floor(samples.at[k]! / 3_600_000) - first;
    hourOf[k] = i >= 0 && i < hours ? i : -1;
    if (i >= 0 && i < hours) perHour[i + 1]!++;
  }
  for (let i = 0; i < hours; i++) perHour[i + 1]! += perHour[i]!;
  const byHour = new Float64Array(perHour[hours]!);
  const fill = perHour.slice(0, hours);
  for (let k = 0; k < samples.count; k++) {
    const i = hourOf[k]!;
    if (i >= 0) byHour[fill[i]!++] = samples.lagMs[k]!;
  }
  return counts.map((incidents, i) => ({
    hourStart: new Date((first + i) * 3_600_000).toISOString(),
    incidents,
    medianLagMs: nearestRankInPlace(byHour.subarray(perHour[i]!, perHour[i + 1]!), 50),
  }));
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
