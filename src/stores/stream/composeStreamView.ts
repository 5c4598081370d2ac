/**
 * One Streaming view from whatever sources have answered: the domain's StreamReport (rates, gaps,
 * capacity, cost) plus the Sentinel-side figures per table the screen shows beside the hub's.
 *
 * Which rate a table row carries:
 * - a table with its own Event Hub: the hub's metrics. Event Hubs counts *events* = messages, and the
 *   Streaming API packs several records into one message (api-contracts §e), so these are hub events,
 *   the unit throughput units are sized in;
 * - a table that reaches Sentinel only: Log Analytics per-minute record counts (hub = "").
 * Bytes are comparable across both (payload bytes vs billed size), so "share" is the share of bytes over
 * all rows; the events share stays within each source.
 *
 * Pure: no I/O, `now` is given (the service's clock, see sources.ts).
 */
import {
  buildStreamReport,
  ratesFromMetrics,
  ratesFromTableCounts,
  STREAMING_TABLES,
  type MinutePoint,
  type StreamRates,
  type StreamReport,
  type TableMinuteCount,
  type TableRate,
  type UsageRow,
} from '../../domain/streaming/index.js';
import type { FreshnessRow, HubMetrics, NamespaceInfo } from './sources.js';

export interface StreamSources {
  metrics?: HubMetrics | undefined;
  sentinelRates?: TableMinuteCount[] | undefined;
  freshness?: FreshnessRow[] | undefined;
  namespace?: NamespaceInfo | undefined;
  usage?: UsageRow[] | undefined;
}

export interface SentinelFigures {
  eventsLast24h: number | null;
  newestEventAt: string | null;
  /** Per-minute records in Log Analytics over the window, oldest first; null when not read. */
  series: MinutePoint[] | null;
}

export interface StreamView {
  report: StreamReport;
  now: string;
  windowMinutes: number;
  /** Lower-case table name → Sentinel figures. */
  sentinel: ReadonlyMap<string, SentinelFigures>;
  namespace: NamespaceInfo | null;
}

export interface ComposeOptions {
  now: Date;
  windowMinutes: number;
  gapMinutes: number;
  cost: { pricePerGb: number; currency: string };
}

/**
 * `summarize … by bin()` has no row for a table without events in the window. A table the 24 h
 * freshness query saw did exist, so it had 0 events per minute: one zero row gives it a series and lets
 * gap detection say when it stopped.
 */
function withSilentTables(rows: readonly TableMinuteCount[], freshness: readonly FreshnessRow[] | undefined, now: Date): TableMinuteCount[] {
  const seen = new Set(rows.map((r) => r.table.toLowerCase()));
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - 120_000).toISOString();
  // Only the streaming tables: SecurityAlert/SecurityIncident are in the freshness query for their
  // per-day figures, but they are sparse by nature and not part of the stream.
  const extra = (freshness ?? [])
    .filter((f) => isStreamingTable(f.table) && !seen.has(f.table.toLowerCase()))
    .map((f) => ({ table: f.table, minute, events: 0, bytes: 0 }));
  return extra.length ? [...rows, ...extra] : [...rows];
}

const isStreamingTable = (table: string): boolean => STREAMING_TABLES.some((t) => t.toLowerCase() === table.toLowerCase());

/**
 * Log Analytics rows appear after an ingestion delay (minutes; domain-notes), so the newest minutes
 * are not complete there yet and would read as a drop to zero. Sentinel-side rates end with the newest
 * minute any table has rows for: each row's `latest.minute` names it.
 */
function sentinelClock(rows: readonly TableMinuteCount[] | undefined, now: Date): Date {
  let newest = -Infinity;
  for (const r of rows ?? []) {
    const t = Date.parse(r.minute);
    if (t > newest) newest = t;
  }
  if (newest === -Infinity) return now;
  // ratesFromTableCounts ends with the minute before `now`'s minute: one minute past the newest row's minute.
  return new Date(Math.min(now.getTime(), Math.floor(newest / 60_000) * 60_000 + 2 * 60_000 - 1));
}

function mergeRates(hub: StreamRates, sentinel: StreamRates | null): StreamRates {
  const onHub = new Set(hub.tables.map((t) => t.table.toLowerCase()));
  const extra: TableRate[] = (sentinel?.tables ?? []).filter((t) => !onHub.has(t.table.toLowerCase())).map((t) => ({ ...t, hub: '' }));
  const tables = [...hub.tables.map((t) => ({ ...t })), ...extra];
  const totalBytes = tables.reduce((s, t) => s + t.bytesLastHour, 0);
  for (const t of tables) t.shareOfBytes = totalBytes > 0 ? t.bytesLastHour / totalBytes : null;
  tables.sort((a, b) => (b.latest?.bytesPerSec ?? -1) - (a.latest?.bytesPerSec ?? -1) || a.table.localeCompare(b.table));
  return { ...hub, tables };
}

/** Null until there is something to show: the hub's metrics or Sentinel's per-minute counts. */
export function composeStreamView(sources: StreamSources, opts: ComposeOptions): StreamView | null {
  const { now, windowMinutes } = opts;
  const freshness = sources.freshness?.map((f) => ({ table: f.table, newestEventAt: f.newestEventAt }));
  const hub = sources.metrics ? ratesFromMetrics(sources.metrics.responses, { now, windowMinutes, ...(freshness ? { freshness } : {}) }) : null;
  const sentinelNow = sentinelClock(sources.sentinelRates, now);
  const sentinel = sources.sentinelRates
    ? ratesFromTableCounts(withSilentTables(sources.sentinelRates, sources.freshness, sentinelNow), { now: sentinelNow, windowMinutes, ...(freshness ? { freshness } : {}) })
    : null;
  const rates = hub ? mergeRates(hub, sentinel) : sentinel;
  if (!rates) return null;

  const report = buildStreamReport({
    now,
    rates,
    gapMinutes: opts.gapMinutes,
    ...(freshness ? { freshness } : {}),
    ...(hub && sources.namespace ? { namespace: { throughputUnits: sources.namespace.throughputUnits, tier: sources.namespace.tier, hubCount: sources.namespace.hubCount } } : {}),
    ...(sources.usage ? { usageRows: sources.usage, cost: opts.cost } : {}),
  });

  const figures = new Map<string, SentinelFigures>();
  const seriesOf = new Map((sentinel?.tables ?? []).map((t) => [t.table.toLowerCase(), t.series]));
  for (const t of rates.tables) figures.set(t.table.toLowerCase(), { eventsLast24h: null, newestEventAt: null, series: seriesOf.get(t.table.toLowerCase()) ?? null });
  for (const f of sources.freshness ?? []) {
    const key = f.table.toLowerCase();
    figures.set(key, { eventsLast24h: f.eventsLast24h, newestEventAt: f.newestEventAt, series: seriesOf.get(key) ?? null });
  }
  return { report, now: now.toISOString(), windowMinutes, sentinel: figures, namespace: sources.namespace ?? null };
}
