/**
 * What the Streaming screen and `mde-console stream` read, one function per source. Both call these
 * same functions (the screen through the poller, the command once), so they cannot disagree.
 *
 * - Event Hubs namespace metrics (Azure Monitor, PT1M, Total, split by hub: `EntityName eq '*'`).
 * - The namespace's sku (throughput units) and its hubs (ARM).
 * - Log Analytics: per-table per-minute counts (Sentinel ingestion), the newest event and 24 h count per
 *   table, and `Usage` per table per day for the cost estimate.
 */
import type { Session } from '../../session/index.js';
import type { MetricsResponse } from '../../domain/types.js';
import { FREE_TABLES, STREAMING_TABLES, type TableMinuteCount, type UsageRow } from '../../domain/streaming/index.js';
import type { LogsClient } from '../../api/index.js';
// Not from the api barrel: that would load every client (zod, the Graph SDK) before the first frame.
import { primaryRows } from '../../api/logRows.js';
import { tableFreshnessQuery, tableRatesQuery, usageByDayQuery } from '../../api/queries.js';

/** The six namespace metrics the report uses (api-contracts §e; all PT1M, Total, dimension EntityName). */
export const HUB_METRICS = ['IncomingMessages', 'IncomingBytes', 'OutgoingMessages', 'OutgoingBytes', 'ThrottledRequests', 'ServerErrors'] as const;

export interface HubMetrics {
  responses: MetricsResponse[];
  /**
   * The service's "now": the end of the interval Azure Monitor answered. Asked without a timespan, it
   * answers the last hour ending at its own clock, so rates, gaps and Log Analytics times (also the
   * service's clock) share one reference even when this machine's clock is off.
   */
  serverNow: string;
  /** serverNow minus this machine's clock when the answer arrived (ms). */
  clockOffsetMs: number;
}

export interface NamespaceInfo {
  name: string;
  tier: string;
  /** sku.capacity: throughput units (Basic/Standard) or processing units (Premium). */
  throughputUnits: number;
  hubCount: number;
  hubs: string[];
  autoInflate: boolean;
  maximumThroughputUnits: number | null;
}

export interface FreshnessRow {
  table: string;
  /** Events in the last 24 hours (the "per day" column). */
  eventsLast24h: number;
  newestEventAt: string | null;
}

interface Signal {
  signal?: AbortSignal;
}

const MINUTE = 60_000;

function intervalEnd(timespan: string): number | null {
  const end = timespan.split('/')[1];
  const t = end ? Date.parse(end) : NaN;
  return Number.isNaN(t) ? null : t;
}

export function hasNamespace(session: Session): boolean {
  return Boolean(session.profile.eventHubNamespaceId);
}

export function hasWorkspace(session: Session): boolean {
  return Boolean(session.profile.sentinel?.workspaceId);
}

/**
 * Metrics for the last `windowMinutes` (default the last hour). The first request has no timespan so the
 * service picks "now"; a window longer than an hour needs a second request for the earlier minutes,
 * anchored on that "now". Two overlapping answers are merged by the domain (a value beats "no data").
 */
export async function fetchHubMetrics(session: Session, opts: Signal & { windowMinutes?: number } = {}): Promise<HubMetrics> {
  const id = session.profile.eventHubNamespaceId;
  if (!id) throw new Error(`profile "${session.profile.name}" names no Event Hubs namespace; add eventHubNamespaceId to it`);
  const query = { metricNames: [...HUB_METRICS], interval: 'PT1M', aggregation: 'total', filter: "EntityName eq '*'" };
  const signal = opts.signal ? { signal: opts.signal } : {};
  const first = await session.api.monitor.getMetrics(id, query, signal);
  const arrived = Date.now();
  const end = intervalEnd(first.timespan) ?? arrived;
  const responses = [first];
  const windowMinutes = opts.windowMinutes ?? 60;
  if (windowMinutes > 60) {
    const from = Math.floor(end / MINUTE) * MINUTE - (windowMinutes + 1) * MINUTE;
    responses.unshift(await session.api.monitor.getMetrics(id, { ...query, timespan: `${new Date(from).toISOString()}/${new Date(end).toISOString()}` }, signal));
  }
  return { responses, serverNow: new Date(end).toISOString(), clockOffsetMs: end - arrived };
}

export async function fetchNamespace(session: Session, opts: Signal = {}): Promise<NamespaceInfo> {
  const signal = opts.signal ? { signal: opts.signal } : {};
  const [ns, hubs] = await Promise.all([session.api.arm.getEventHubNamespace(signal), session.api.arm.listEventHubs(signal)]);
  if (hubs.error) throw hubs.error;
  const props = (ns.properties ?? {}) as Record<string, unknown>;
  const max = props.maximumThroughputUnits;
  return {
    name: ns.name,
    tier: ns.sku?.tier ?? ns.sku?.name ?? 'unknown',
    throughputUnits: ns.sku?.capacity ?? 1,
    hubCount: hubs.items.length,
    hubs: hubs.items.map((h) => h.name),
    autoInflate: props.isAutoInflateEnabled === true,
    maximumThroughputUnits: typeof max === 'number' && max > 0 ? max : null,
  };
}

/**
 * A union over tables the workspace does not have fails as a whole ("Failed to resolve table expression
 * named 'X'"): drop the named table and ask again, a few times at most. Dropped tables are remembered in
 * `skip` so later polls do not pay for the same failure.
 */
async function queryTables(logs: LogsClient, build: (tables: string[]) => string, tables: readonly string[], skip: Set<string>, opts: Signal): Promise<Record<string, unknown>[]> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const wanted = tables.filter((t) => !skip.has(t));
    if (wanted.length === 0) return [];
    try {
      return primaryRows(await logs.query(build(wanted), undefined, opts.signal ? { signal: opts.signal } : {}));
    } catch (err) {
      const m = /resolve table expression named '([^']+)'/i.exec(err instanceof Error ? err.message : String(err));
      const missing = m ? wanted.find((t) => t.toLowerCase() === m[1]!.toLowerCase()) : undefined;
      if (!missing) throw err;
      skip.add(missing);
    }
  }
  throw new Error('Log Analytics: too many tables of the query are missing from the workspace');
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Per-table per-minute counts over the last `windowMinutes` (what Sentinel ingested). */
export async function fetchSentinelRates(session: Session, skip: Set<string>, opts: Signal & { windowMinutes?: number } = {}): Promise<TableMinuteCount[]> {
  const window = opts.windowMinutes ?? 60;
  const rows = await queryTables(session.api.logs, (t) => tableRatesQuery(t, window + 2), STREAMING_TABLES, skip, opts);
  const out: TableMinuteCount[] = [];
  for (const r of rows) {
    const table = str(r.Table);
    const minute = str(r.TimeGenerated);
    if (table && minute) out.push({ table, minute, events: num(r.Events), bytes: typeof r.Bytes === 'number' ? r.Bytes : null });
  }
  return out;
}

/** Newest event and events of the last 24 h per table (streaming tables and the free Sentinel tables). */
export async function fetchFreshness(session: Session, skip: Set<string>, opts: Signal = {}): Promise<FreshnessRow[]> {
  const rows = await queryTables(session.api.logs, (t) => tableFreshnessQuery(t, 24), [...STREAMING_TABLES, ...FREE_TABLES], skip, opts);
  return rows.flatMap((r) => {
    const table = str(r.Table);
    return table ? [{ table, eventsLast24h: num(r.Count), newestEventAt: str(r.LastTime) }] : [];
  });
}

/** `Usage` per table per day over 30 days (Quantity in MB). */
export async function fetchUsage(session: Session, opts: Signal = {}): Promise<UsageRow[]> {
  const result = await session.api.logs.query(usageByDayQuery(30), undefined, opts.signal ? { signal: opts.signal } : {});
  return primaryRows(result).flatMap((r) => {
    const dataType = str(r.DataType);
    const time = str(r.Day);
    return dataType && time ? [{ dataType, time, quantityMb: num(r.Quantity), isBillable: r.IsBillable === true }] : [];
  });
}
