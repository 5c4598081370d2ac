/**
 * Per-table streaming rates from Event Hubs metrics (or Log Analytics per-minute counts).
 *
 * Figures are per minute because the metrics are (PT1M): "now" is the newest *complete* minute that has
 * data, named in the result, and per-second values are that minute's total / 60 — never interpolated
 * between buckets. The current minute is partial and always excluded. Azure Monitor metrics typically
 * arrive a few minutes late, so the newest complete minute may have no data yet; that is why "now" is the
 * newest minute *with* data, and `latest.minute` says which one.
 */
import type { MetricsResponse } from '../types.js';
import { extractMetricSeries, incrementsFromCumulative, MINUTE_MS, sumSeries, type MinuteValues } from './minuteSeries.js';
import { canonicalTableName, hubNameForTable, tableForHubName } from './tables.js';

export interface MinutePoint {
  /** ISO start of the minute. */
  minute: string;
  /** null = no data for this minute (not zero). */
  events: number | null;
  bytes: number | null;
}

export interface TableFreshness {
  table: string;
  /** Newest event time (e.g. max(TimeGenerated) in Log Analytics); null = table empty. */
  newestEventAt: string | null;
}

export interface TableRate {
  table: string;
  hub: string;
  /** The newest complete minute with data; null when the window has none. */
  latest: { minute: string; events: number; bytes: number | null; eventsPerSec: number; bytesPerSec: number | null } | null;
  /** The 60 complete minutes ending with the last complete minute, oldest first (sparkline input). */
  lastHour: MinutePoint[];
  /** Every complete minute of the window, oldest first (history, gap detection). */
  series: MinutePoint[];
  perDay: { day: string; events: number; bytes: number; minutesWithData: number }[];
  eventsLastHour: number;
  bytesLastHour: number;
  /** This table's part of all tables' events (bytes) in the last hour; null when the total is 0. */
  shareOfEvents: number | null;
  shareOfBytes: number | null;
  newestEventAt: string | null;
  newestEventAgeMs: number | null;
  newestEventSource: 'freshness' | 'metrics' | null;
  outgoingEventsLastHour: number;
  outgoingBytesLastHour: number;
  throttledRequests: number;
  serverErrors: number;
  counterResets: number;
}

export interface NamespaceRates {
  /** ISO minute starts of the window, oldest first; the arrays below align with it. */
  minutes: string[];
  ingressBytesPerSecByMinute: (number | null)[];
  ingressEventsPerSecByMinute: (number | null)[];
  egressBytesPerSecByMinute: (number | null)[];
  throttledRequests: number;
  serverErrors: number;
}

export interface StreamRates {
  generatedAt: string;
  source: 'metrics' | 'logAnalytics';
  /** ISO start of the last complete minute (the current minute is partial and excluded). */
  lastCompleteMinute: string;
  windowStart: string;
  /** Sorted by the latest events per second, busiest first. */
  tables: TableRate[];
  namespace: NamespaceRates;
  metricErrors: { metric: string; code: string; message: string | null }[];
}

export interface RatesOptions {
  now: Date;
  /** Minutes of history to keep, ending with the last complete minute (default: all the data covers). */
  windowMinutes?: number;
  /**
   * 'perMinute' (default): each bucket is that minute's total, as Azure Monitor's Total aggregation is.
   * 'cumulative': each value is a running counter; increments are derived and a decrease is a reset.
   */
  counters?: 'perMinute' | 'cumulative';
  freshness?: readonly TableFreshness[];
}

interface TableInput {
  table: string;
  hub: string;
  events: MinuteValues;
  bytes: MinuteValues;
  outEvents: MinuteValues;
  outBytes: MinuteValues;
  throttled: MinuteValues;
  serverErrors: MinuteValues;
  counterResets: number;
}

const iso = (t: number): string => new Date(t).toISOString();
const EMPTY: MinuteValues = new Map();

function sumRange(values: MinuteValues, from: number, to: number): number {
  let s = 0;
  for (const [m, v] of values) if (m >= from && m <= to && v !== null) s += v;
  return s;
}

function buildRates(inputs: TableInput[], namespace: { events: MinuteValues; bytes: MinuteValues; outBytes: MinuteValues; throttled: MinuteValues; serverErrors: MinuteValues }, errors: StreamRates['metricErrors'], source: StreamRates['source'], opts: RatesOptions): StreamRates {
  const now = opts.now.getTime();
  const lastComplete = Math.floor(now / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
  let windowStart: number;
  if (opts.windowMinutes !== undefined) windowStart = lastComplete - (Math.max(1, Math.floor(opts.windowMinutes)) - 1) * MINUTE_MS;
  else {
    windowStart = lastComplete;
    for (const v of [namespace.events, namespace.bytes, ...inputs.map((i) => i.events)]) for (const m of v.keys()) if (m < windowStart) windowStart = m;
  }
  const hourStart = lastComplete - 59 * MINUTE_MS;
  const freshness = new Map((opts.freshness ?? []).map((f) => [canonicalTableName(f.table).toLowerCase(), f.newestEventAt]));

  const tables: TableRate[] = inputs.map((input) => {
    const series: MinutePoint[] = [];
    const perDay = new Map<string, { events: number; bytes: number; minutesWithData: number }>();
    let latest: TableRate['latest'] = null;
    let newestWithEvents: number | null = null;
    for (let m = windowStart; m <= lastComplete; m += MINUTE_MS) {
      const events = input.events.get(m) ?? null;
      const bytes = input.bytes.get(m) ?? null;
      series.push({ minute: iso(m), events, bytes });
      if (events !== null || bytes !== null) {
        const day = iso(m).slice(0, 10);
        const d = perDay.get(day) ?? { events: 0, bytes: 0, minutesWithData: 0 };
        d.events += events ?? 0;
        d.bytes += bytes ?? 0;
        d.minutesWithData++;
        perDay.set(day, d);
      }
      if (events !== null) latest = { minute: iso(m), events, bytes, eventsPerSec: events / 60, bytesPerSec: bytes === null ? null : bytes / 60 };
      if (events !== null && events > 0) newestWithEvents = m;
    }
    const lastHour: MinutePoint[] = [];
    for (let m = hourStart; m <= lastComplete; m += MINUTE_MS) lastHour.push({ minute: iso(m), events: input.events.get(m) ?? null, bytes: input.bytes.get(m) ?? null });

    const fresh = freshness.get(input.table.toLowerCase());
    let newestEventAt: string | null = null;
    let newestEventSource: TableRate['newestEventSource'] = null;
    if (fresh !== undefined && fresh !== null && !Number.isNaN(Date.parse(fresh))) {
      newestEventAt = new Date(Date.parse(fresh)).toISOString();
      newestEventSource = 'freshness';
    } else if (newestWithEvents !== null) {
      // Metrics only say "some events in this minute": the minute's end is the best bound.
      newestEventAt = iso(newestWithEvents + MINUTE_MS);
      newestEventSource = 'metrics';
    }
    return {
      table: input.table,
      hub: input.hub,
      latest,
      lastHour,
      series,
      perDay: [...perDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, v]) => ({ day, ...v })),
      eventsLastHour: sumRange(input.events, hourStart, lastComplete),
      bytesLastHour: sumRange(input.bytes, hourStart, lastComplete),
      shareOfEvents: null,
      shareOfBytes: null,
      newestEventAt,
      newestEventAgeMs: newestEventAt === null ? null : Math.max(0, now - Date.parse(newestEventAt)),
      newestEventSource,
      outgoingEventsLastHour: sumRange(input.outEvents, hourStart, lastComplete),
      outgoingBytesLastHour: sumRange(input.outBytes, hourStart, lastComplete),
      throttledRequests: sumRange(input.throttled, windowStart, lastComplete),
      serverErrors: sumRange(input.serverErrors, windowStart, lastComplete),
      counterResets: input.counterResets,
    };
  });

  const totalEvents = tables.reduce((s, t) => s + t.eventsLastHour, 0);
  const totalBytes = tables.reduce((s, t) => s + t.bytesLastHour, 0);
  for (const t of tables) {
    t.shareOfEvents = totalEvents > 0 ? t.eventsLastHour / totalEvents : null;
    t.shareOfBytes = totalBytes > 0 ? t.bytesLastHour / totalBytes : null;
  }
  tables.sort((a, b) => (b.latest?.eventsPerSec ?? -1) - (a.latest?.eventsPerSec ?? -1) || a.table.localeCompare(b.table));

  const minutes: string[] = [];
  const perSec = (v: MinuteValues, m: number): number | null => {
    const x = v.get(m);
    return x === undefined || x === null ? null : x / 60;
  };
  const ingressBytes: (number | null)[] = [];
  const ingressEvents: (number | null)[] = [];
  const egressBytes: (number | null)[] = [];
  for (let m = windowStart; m <= lastComplete; m += MINUTE_MS) {
    minutes.push(iso(m));
    ingressBytes.push(perSec(namespace.bytes, m));
    ingressEvents.push(perSec(namespace.events, m));
    egressBytes.push(perSec(namespace.outBytes, m));
  }
  return {
    generatedAt: opts.now.toISOString(),
    source,
    lastCompleteMinute: iso(lastComplete),
    windowStart: iso(windowStart),
    tables,
    namespace: {
      minutes,
      ingressBytesPerSecByMinute: ingressBytes,
      ingressEventsPerSecByMinute: ingressEvents,
      egressBytesPerSecByMinute: egressBytes,
      throttledRequests: sumRange(namespace.throttled, windowStart, lastComplete),
      serverErrors: sumRange(namespace.serverErrors, windowStart, lastComplete),
    },
    metricErrors: errors,
  };
}

/**
 * Rates from Azure Monitor metrics of the Event Hubs namespace (IncomingMessages, IncomingBytes,
 * OutgoingMessages, OutgoingBytes, ThrottledRequests, ServerErrors; PT1M; split by entityname).
 * Several responses (e.g. one per metric batch or an incremental refresh) may be passed together.
 */
export function ratesFromMetrics(metrics: MetricsResponse | readonly MetricsResponse[], opts: RatesOptions): StreamRates {
  const responses = Array.isArray(metrics) ? (metrics as readonly MetricsResponse[]) : [metrics as MetricsResponse];
  const { byMetric, errors } = extractMetricSeries(responses);
  const metric = (name: string): Map<string, MinuteValues> => byMetric.get(name) ?? new Map();
  const resetsByEntity = new Map<string, number>();
  const counter = (name: string): Map<string, MinuteValues> => {
    const m = metric(name);
    if (opts.counters !== 'cumulative') return m;
    const out = new Map<string, MinuteValues>();
    for (const [entity, values] of m) {
      const { values: inc, resets } = incrementsFromCumulative(values);
      out.set(entity, inc);
      resetsByEntity.set(entity, (resetsByEntity.get(entity) ?? 0) + resets);
    }
    return out;
  };
  const inMsgs = counter('IncomingMessages');
  const inBytes = counter('IncomingBytes');
  const outMsgs = counter('OutgoingMessages');
  const outBytes = counter('OutgoingBytes');
  const throttled = counter('ThrottledRequests');
  const serverErrors = counter('ServerErrors');

  const entities = new Set<string>([...inMsgs.keys(), ...inBytes.keys()].filter((e) => e !== ''));
  const inputs: TableInput[] = [...entities].map((hub) => ({
    table: tableForHubName(hub),
    hub,
    events: inMsgs.get(hub) ?? EMPTY,
    bytes: inBytes.get(hub) ?? EMPTY,
    outEvents: outMsgs.get(hub) ?? EMPTY,
    outBytes: outBytes.get(hub) ?? EMPTY,
    throttled: throttled.get(hub) ?? EMPTY,
    serverErrors: serverErrors.get(hub) ?? EMPTY,
    counterResets: resetsByEntity.get(hub) ?? 0,
  }));

  // Namespace totals: an unsplit series when the response has one (it also covers hubs that are not
  // tables), else the sum over hubs.
  const total = (m: Map<string, MinuteValues>): MinuteValues => m.get('') ?? sumSeries([...m].filter(([e]) => e !== '').map(([, v]) => v));
  return buildRates(
    inputs,
    { events: total(inMsgs), bytes: total(inBytes), outBytes: total(outBytes), throttled: total(throttled), serverErrors: total(serverErrors) },
    errors,
    'metrics',
    opts,
  );
}

/** One row of a Log Analytics per-table, per-minute count (e.g. `summarize count(), sum(_BilledSize) by Type, bin(TimeGenerated, 1m)`). */
export interface TableMinuteCount {
  table: string;
  /** Any ISO time inside the minute. */
  minute: string;
  events: number;
  bytes: number | null;
}

/**
 * Rates from Log Analytics per-minute counts, for workspaces that ingest the tables (no Event Hub).
 * `summarize … by bin()` emits no row for a minute without events, so inside the window an absent minute
 * is 0 here, unlike metrics where an absent bucket is "no data". Namespace figures are the sums.
 */
export function ratesFromTableCounts(rows: readonly TableMinuteCount[], opts: RatesOptions & { windowMinutes: number }): StreamRates {
  const now = opts.now.getTime();
  const lastComplete = Math.floor(now / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
  const windowStart = lastComplete - (Math.max(1, Math.floor(opts.windowMinutes)) - 1) * MINUTE_MS;
  const perTable = new Map<string, { events: MinuteValues; bytes: MinuteValues }>();
  for (const r of rows) {
    const t = Date.parse(r.minute);
    if (Number.isNaN(t)) continue;
    const table = canonicalTableName(r.table);
    let s = perTable.get(table);
    if (!s) {
      s = { events: new Map(), bytes: new Map() };
      for (let m = windowStart; m <= lastComplete; m += MINUTE_MS) {
        s.events.set(m, 0);
        s.bytes.set(m, 0);
      }
      perTable.set(table, s);
    }
    const m = Math.floor(t / MINUTE_MS) * MINUTE_MS;
    s.events.set(m, (s.events.get(m) ?? 0) + r.events);
    s.bytes.set(m, (s.bytes.get(m) ?? 0) + (r.bytes ?? 0));
  }
  const inputs: TableInput[] = [...perTable].map(([table, s]) => ({
    table,
    hub: hubNameForTable(table),
    events: s.events,
    bytes: s.bytes,
    outEvents: EMPTY,
    outBytes: EMPTY,
    throttled: EMPTY,
    serverErrors: EMPTY,
    counterResets: 0,
  }));
  return buildRates(
    inputs,
    { events: sumSeries(inputs.map((i) => i.events)), bytes: sumSeries(inputs.map((i) => i.bytes)), outBytes: EMPTY, throttled: EMPTY, serverErrors: EMPTY },
    [],
    'logAnalytics',
    opts,
  );
}
