/**
 * Text and JSON output of `mde-console stream`.
 *
 * JSON schema "mde-console/stream-report@1" (stable: every key always present, null when unknown; new
 * keys only under a new version). Rates are per minute as measured; *PerSec values are that minute / 60.
 *
 *   {
 *     schema, generatedAt, source: "metrics"|"logAnalytics", lastCompleteMinute, windowStart, gapMinutes,
 *     tables: [ { table, hub, latestMinute, eventsPerMinute, bytesPerMinute, eventsPerSec, bytesPerSec,
 *                 eventsLastHour, bytesLastHour, shareOfEvents, shareOfBytes, newestEventAt, newestEventAgeMs,
 *                 outgoingEventsLastHour, outgoingBytesLastHour, throttledRequests, serverErrors, counterResets,
 *                 gap: { stoppedAt, minutes } | null,
 *                 lastHour: [eventsPerMinute|null ×60], perDay: [ { day, events, bytes, minutesWithData } ] } ],
 *     gaps: [ { table, stoppedAt, minutes } ],
 *     namespace: { tier, ingressBytesCapacityPerSec, ingressEventsCapacityPerSec,
 *                  peakIngressBytesPerSec, latestIngressBytesPerSec, utilisation, hubCount, hubLimit,
 *                  throttledRequests, serverErrors } ,
 *     findings: [ { kind, severity, message } ],
 *     cost: { estimate: true, currency, pricePerGb, completeDays, partialDay, totalGb, billableGb, totalCost,
 *             averageDailyCost, monthlyProjection: { gb, cost } | null, projectionFormula,
 *             tables: [ { table, free, freeReason, totalGb, billableGb, totalCost, avgGbPerDay, avgCostPerDay } ] } | null,
 *     metricErrors: [ { metric, code, message } ]
 *   }
 */
import { sparkline } from './sparkline.js';
import type { StreamReport } from './streamReport.js';

export const STREAM_REPORT_SCHEMA = 'mde-console/stream-report@1';
export const STREAM_REPORT_JSON_KEYS = ['schema', 'generatedAt', 'source', 'lastCompleteMinute', 'windowStart', 'gapMinutes', 'tables', 'gaps', 'namespace', 'findings', 'cost', 'metricErrors'] as const;
export const STREAM_TABLE_JSON_KEYS = [
  'table', 'hub', 'latestMinute', 'eventsPerMinute', 'bytesPerMinute', 'eventsPerSec', 'bytesPerSec', 'eventsLastHour', 'bytesLastHour',
  'shareOfEvents', 'shareOfBytes', 'newestEventAt', 'newestEventAgeMs', 'outgoingEventsLastHour', 'outgoingBytesLastHour',
  'throttledRequests', 'serverErrors', 'counterResets', 'gap', 'lastHour', 'perDay',
] as const;
export const STREAM_NAMESPACE_JSON_KEYS = [
  'tier', 'ingressBytesCapacityPerSec', 'ingressEventsCapacityPerSec', 'peakIngressBytesPerSec', 'latestIngressBytesPerSec', 'utilisation', 'hubCount', 'hubLimit', 'throttledRequests', 'serverErrors',
] as const;

export function streamReportJson(report: StreamReport) {
  const { rates } = report;
  const gapByTable = new Map(report.gaps.map((g) => [g.table, g]));
  const cap = report.capacity;
  return {
    schema: STREAM_REPORT_SCHEMA,
    generatedAt: report.generatedAt,
    source: rates.source,
    lastCompleteMinute: rates.lastCompleteMinute,
    windowStart: rates.windowStart,
    gapMinutes: report.gapMinutes,
    tables: rates.tables.map((t) => {
      const gap = gapByTable.get(t.table);
      return {
        table: t.table,
        hub: t.hub,
        latestMinute: t.latest?.minute ?? null,
        eventsPerMinute: t.latest?.events ?? null,
        bytesPerMinute: t.latest?.bytes ?? null,
        eventsPerSec: t.latest?.eventsPerSec ?? null,
        bytesPerSec: t.latest?.bytesPerSec ?? null,
        eventsLastHour: t.eventsLastHour,
        bytesLastHour: t.bytesLastHour,
        shareOfEvents: t.shareOfEvents,
        shareOfBytes: t.shareOfBytes,
        newestEventAt: t.newestEventAt,
        newestEventAgeMs: t.newestEventAgeMs,
        outgoingEventsLastHour: t.outgoingEventsLastHour,
        outgoingBytesLastHour: t.outgoingBytesLastHour,
        throttledRequests: t.throttledRequests,
        serverErrors: t.serverErrors,
        counterResets: t.counterResets,
        gap: gap ? { stoppedAt: gap.stoppedAt, minutes: gap.minutes } : null,
        lastHour: t.lastHour.map((p) => p.events),
        perDay: t.perDay.map((d) => ({ ...d })),
      };
    }),
    gaps: report.gaps.map((g) => ({ ...g })),
    namespace: {
      tier: cap?.tier ?? null,
      ingressBytesCapacityPerSec: cap?.ingressBytesCapacityPerSec ?? null,
      ingressEventsCapacityPerSec: cap?.ingressEventsCapacityPerSec ?? null,
      peakIngressBytesPerSec: cap?.peakIngressBytesPerSec ?? null,
      latestIngressBytesPerSec: cap?.latestIngressBytesPerSec ?? null,
      utilisation: cap?.utilisation ?? null,
      hubCount: cap?.hubCount ?? null,
      hubLimit: cap?.hubLimit ?? null,
      throttledRequests: rates.namespace.throttledRequests,
      serverErrors: rates.namespace.serverErrors,
    },
    findings: report.capacityFindings.map((f) => ({ kind: f.kind, severity: f.severity, message: f.message })),
    cost: report.cost
      ? {
          estimate: true as const,
          currency: report.cost.currency,
          pricePerGb: report.cost.pricePerGb,
          completeDays: report.cost.completeDays,
          partialDay: report.cost.partialDay,
          totalGb: report.cost.totalGb,
          billableGb: report.cost.billableGb,
          totalCost: report.cost.totalCost,
          averageDailyCost: report.cost.averageDailyCost,
          monthlyProjection: report.cost.monthlyProjection,
          projectionFormula: report.cost.projectionFormula,
          tables: report.cost.tables.map((t) => ({ table: t.table, free: t.free, freeReason: t.freeReason, totalGb: t.totalGb, billableGb: t.billableGb, totalCost: t.totalCost, avgGbPerDay: t.avgGbPerDay, avgCostPerDay: t.avgCostPerDay })),
        }
      : null,
    metricErrors: rates.metricErrors.map((e) => ({ ...e })),
  };
}

const num = (x: number | null, digits = 1): string => (x === null ? '–' : x.toFixed(digits));
const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const money = (x: number | null, currency: string): string => (x === null ? '–' : `${x.toFixed(2)} ${currency}`);

export function formatStreamReport(report: StreamReport, format: 'text' | 'json', opts: { symbols?: 'blocks' | 'ascii' } = {}): string {
  if (format === 'json') return JSON.stringify(streamReportJson(report), null, 2);
  const { rates } = report;
  const gapByTable = new Map(report.gaps.map((g) => [g.table, g]));
  const lines: string[] = [`Streaming at ${report.generatedAt} (${rates.source}; per-minute figures, last complete minute ${rates.lastCompleteMinute})`, ''];
  lines.push(`${'table'.padEnd(26)} ${'minute'.padEnd(5)} ${'ev/s'.padStart(9)} ${'MB/s'.padStart(7)} ${'share'.padStart(6)}  last hour`);
  for (const t of rates.tables) {
    const minute = t.latest ? t.latest.minute.slice(11, 16) : '–';
    const mbs = t.latest?.bytesPerSec == null ? null : t.latest.bytesPerSec / 1_048_576;
    const gap = gapByTable.get(t.table);
    lines.push(
      `${t.table.padEnd(26)} ${minute.padEnd(5)} ${num(t.latest?.eventsPerSec ?? null).padStart(9)} ${num(mbs, 3).padStart(7)} ${pct(t.shareOfEvents).padStart(6)}  ${sparkline(
        t.lastHour.map((p) => p.events),
        30,
        { symbols: opts.symbols ?? 'blocks' },
      )}${gap ? `  GAP ${gap.minutes} min since ${gap.stoppedAt}` : ''}`,
    );
  }
  if (report.capacity) {
    const c = report.capacity;
    lines.push('', `Namespace: ${c.tier ?? 'unknown tier'}, ${c.hubCount} hubs (limit ${c.hubLimit ?? '–'}), ingress ${num(c.latestIngressBytesPerSec === null ? null : c.latestIngressBytesPerSec / 1_048_576, 2)} MB/s of ${num(c.ingressBytesCapacityPerSec === null ? null : c.ingressBytesCapacityPerSec / 1_048_576, 2)} MB/s (${pct(c.utilisation)})`);
  }
  for (const f of report.capacityFindings) lines.push(`${f.severity.toUpperCase()} ${f.message}`);
  if (report.cost) {
    const c = report.cost;
    lines.push('', `Ingestion cost (estimate, ${c.pricePerGb} ${c.currency}/GB; ${c.completeDays.length} complete day(s))`);
    for (const t of c.tables) lines.push(`  ${t.table.padEnd(26)} ${num(t.avgGbPerDay, 3).padStart(9)} GB/day  ${t.free ? 'free' : `${money(t.avgCostPerDay, c.currency)}/day`}`);
    lines.push(`  total ${money(c.totalCost, c.currency)} · per day ${money(c.averageDailyCost, c.currency)} · month ${money(c.monthlyProjection?.cost ?? null, c.currency)} (${c.projectionFormula})`);
  }
  for (const e of rates.metricErrors) lines.push(`WARN metric ${e.metric}: ${e.code}${e.message ? ` ${e.message}` : ''}`);
  return lines.join('\n');
}
