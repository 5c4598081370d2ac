/**
 * Streaming gaps: a table whose events stopped for longer than a threshold (Thresholds.streamGapMinutes).
 *
 * The Defender XDR connector is not covered by SentinelHealth, so a table that silently stops is only
 * visible from its own flow (domain-notes §0.6, §3.6 "connected ≠ flowing"). A table that never had an
 * event in the data is not a gap: there is no "when it stopped" to report (it may simply be unused).
 */
import type { MinutePoint, TableFreshness } from './ratesFromMetrics.js';

export interface StreamGap {
  table: string;
  /** ISO: end of the last minute with events (or the freshness time when that is later). */
  stoppedAt: string;
  /** Whole minutes since it stopped. */
  minutes: number;
}

export interface DetectGapsOptions {
  now: Date;
  gapMinutes: number;
  /** Newest event per table from Log Analytics; it refines (never hides) what the series show. */
  freshness?: readonly TableFreshness[];
}

/** `seriesPerTable`: per-minute points per table, e.g. from `seriesPerTable(rates)`. */
export function detectGaps(seriesPerTable: Readonly<Record<string, readonly MinutePoint[]>>, opts: DetectGapsOptions): StreamGap[] {
  const now = opts.now.getTime();
  const fresh = new Map((opts.freshness ?? []).map((f) => [f.table.toLowerCase(), f.newestEventAt ? Date.parse(f.newestEventAt) : NaN]));
  const gaps: StreamGap[] = [];
  for (const [table, points] of Object.entries(seriesPerTable)) {
    let last = -Infinity;
    for (const p of points) {
      if (p.events !== null && p.events > 0) {
        const end = Date.parse(p.minute) + 60_000;
        if (end > last) last = end;
      }
    }
    const f = fresh.get(table.toLowerCase());
    if (f !== undefined && !Number.isNaN(f) && f > last) last = f;
    if (last === -Infinity) continue;
    const silentMs = now - last;
    if (silentMs > opts.gapMinutes * 60_000) gaps.push({ table, stoppedAt: new Date(last).toISOString(), minutes: Math.floor(silentMs / 60_000) });
  }
  return gaps.sort((a, b) => b.minutes - a.minutes || a.table.localeCompare(b.table));
}

export function seriesPerTable(rates: { tables: readonly { table: string; series: readonly MinutePoint[] }[] }): Record<string, readonly MinutePoint[]> {
  return Object.fromEntries(rates.tables.map((t) => [t.table, t.series]));
}
