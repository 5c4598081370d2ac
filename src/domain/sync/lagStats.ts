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
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sorted[Math.min(rank, n) - 1] ?? null;
}

export function summarizeLags(lagsMs: readonly number[], targetMs: number = SYNC_LAG_TARGET_MS): LagSummary {
  // A typed array sorts numerically without a comparator callback.
  return summarizeSorted(Float64Array.from(lagsMs).sort(), targetMs);
}

function summarizeSorted(sorted: Float64Array, targetMs: number = SYNC_LAG_TARGET_MS): LagSummary {
  let overTarget = 0;
  for (let i = sorted.length - 1; i >= 0 && (sorted[i] ?? 0) > targetMs; i--) overTarget++;
  return {
    count: sorted.length,
    p50: percentileNearestRank(sorted, 50),
    p95: percentileNearestRank(sorted, 95),
    p99: percentileNearestRank(sorted, 99),
    max: sorted.length ? (sorted[sorted.length - 1] ?? null) : null,
    overTarget,
    targetMs,
  };
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
  return { window: summarizeSorted(inWindow.subarray(0, w).sort(), opts.targetMs), lastHour: summarizeSorted(inHour.subarray(0, h).sort(), opts.targetMs) };
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
    medianLagMs: percentileNearestRank(byHour.subarray(perHour[i]!, perHour[i + 1]!).sort(), 50),
  }));
}
