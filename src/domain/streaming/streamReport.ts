/**
 * One Streaming report for screen `4`, `mde-console stream` and the health check: rates, gaps, capacity
 * and cost, composed from the pure pieces in this folder.
 */
import { capacityFindings, namespaceCapacity, type CapacityFinding, type NamespaceCapacity } from './capacityFindings.js';
import { detectGaps, seriesPerTable, type StreamGap } from './detectGaps.js';
import { ingestionCost, type IngestionCostReport, type UsageRow } from './ingestionCost.js';
import type { StreamRates, TableFreshness } from './ratesFromMetrics.js';

export interface StreamReport {
  generatedAt: string;
  rates: StreamRates;
  gaps: StreamGap[];
  gapMinutes: number;
  capacity: NamespaceCapacity | null;
  capacityFindings: CapacityFinding[];
  cost: IngestionCostReport | null;
}

export interface BuildStreamReportInput {
  now: Date;
  rates: StreamRates;
  /** Thresholds.streamGapMinutes. */
  gapMinutes: number;
  freshness?: readonly TableFreshness[];
  /** The namespace's sku and hub count; omit when streaming goes to storage or the sku is unreadable. */
  namespace?: { throughputUnits: number; tier: string; hubCount: number };
  usageRows?: readonly UsageRow[];
  /** CostSettings. */
  cost?: { pricePerGb: number; currency: string };
}

export function buildStreamReport(input: BuildStreamReportInput): StreamReport {
  const { rates } = input;
  const capacityInput = input.namespace
    ? {
        ...input.namespace,
        ingressBytesPerSecByMinute: rates.namespace.ingressBytesPerSecByMinute,
        ingressEventsPerSecByMinute: rates.namespace.ingressEventsPerSecByMinute,
        egressBytesPerSecByMinute: rates.namespace.egressBytesPerSecByMinute,
        throttledRequests: rates.namespace.throttledRequests,
      }
    : null;
  return {
    generatedAt: input.now.toISOString(),
    rates,
    gaps: detectGaps(seriesPerTable(rates), { now: input.now, gapMinutes: input.gapMinutes, freshness: input.freshness }),
    gapMinutes: input.gapMinutes,
    capacity: capacityInput ? namespaceCapacity(capacityInput) : null,
    capacityFindings: capacityInput
      ? capacityFindings(capacityInput)
      : rates.namespace.throttledRequests > 0
        ? [{ kind: 'throttled', severity: 'fail', throttledRequests: rates.namespace.throttledRequests, message: `${rates.namespace.throttledRequests} throttled request(s) on the namespace: events are being refused; add throughput units.` }]
        : [],
    cost: input.usageRows && input.cost ? ingestionCost(input.usageRows, { ...input.cost, now: input.now }) : null,
  };
}

export interface StreamingHealthFinding {
  kind: 'gap' | CapacityFinding['kind'] | 'metricError';
  severity: 'warn' | 'fail';
  /** The table concerned, when there is one. */
  table: string | null;
  message: string;
}

/** Findings for the health screen: gaps, throttling, capacity, and metrics that failed to load. */
export function streamingHealthFindings(report: StreamReport): StreamingHealthFinding[] {
  const out: StreamingHealthFinding[] = report.gaps.map((g) => ({
    kind: 'gap',
    severity: 'fail',
    table: g.table,
    message: `${g.table}: no events for ${g.minutes} min (since ${g.stoppedAt}; threshold ${report.gapMinutes} min). Check the Streaming API settings and the connector for this table.`,
  }));
  for (const f of report.capacityFindings) out.push({ kind: f.kind, severity: f.severity, table: null, message: f.message });
  for (const e of report.rates.metricErrors) out.push({ kind: 'metricError', severity: 'warn', table: null, message: `Metric ${e.metric} could not be read (${e.code}${e.message ? `: ${e.message}` : ''}).` });
  return out;
}

/**
 * The health screen's "Streaming API → Event Hubs" check input (structurally the `StreamingHealthInput`
 * of src/domain/health/streaming.ts): per table, the start of the newest minute with events and the
 * events over the rates' window; namespace throttling and server errors over the same window.
 */
export interface StreamingCheckInput {
  perTable: { table: string; lastMessageAt: string | null; messagesLastWindow: number }[];
  throttled: number;
  serverErrors: number;
  windowMinutes: number;
  namespace?: string;
}

export function streamingCheckInput(rates: StreamRates, opts: { namespace?: string } = {}): StreamingCheckInput {
  const perTable = rates.tables.map((t) => {
    let lastMessageAt: string | null = null;
    let messages = 0;
    for (const p of t.series) {
      if (p.events !== null && p.events > 0) {
        lastMessageAt = p.minute;
        messages += p.events;
      }
    }
    return { table: t.table, lastMessageAt, messagesLastWindow: messages };
  });
  const out: StreamingCheckInput = {
    perTable,
    throttled: rates.namespace.throttledRequests,
    serverErrors: rates.namespace.serverErrors,
    windowMinutes: rates.namespace.minutes.length,
  };
  if (opts.namespace !== undefined) out.namespace = opts.namespace;
  return out;
}
