/**
 * Text and JSON output of `mde-console sync`.
 *
 * JSON schema "mde-console/sync-report@1" (stable: keys are only ever added under a new schema version;
 * every key is always present, null when it does not apply). Times are ISO 8601 UTC, durations in ms.
 *
 *   {
 *     schema: "mde-console/sync-report@1",
 *     generatedAt, windowStart,                       // the compared window [windowStart, generatedAt]
 *     syncWindowMinutes, driftToleranceMinutes, lagTargetMinutes,
 *     exitCode: 0|1|2, worstState: SyncState,
 *     counts: { inSync, pending, missing, drifted, duplicated, orphaned },
 *     driftedPastTolerance, clockSkewCount, unmatchedOutsideWindow,
 *     lag: { creation|statusChange: { window|lastHour: { count, p50Ms, p95Ms, p99Ms, maxMs, overTarget } } },
 *     hourly: [ { hourStart, incidents, medianLagMs } ],
 *     items: [ {                                      // default: every state but inSync; --state filters
 *       state, defenderId,                            // defenderId null only for an orphan without providerIncidentId
 *       defender: { title, status, severity, classification, owner, created, lastUpdated, link } | null,   // null for orphaned
 *       sentinel: [ { name, incidentNumber, title, status, severity, classification, owner, providerName,
 *                     created, lastModified, link } ],                // XDR copies, then rule-made duplicates
 *       differences: [ { field, defender, sentinel } ],
 *       divergedSince, driftMs, withinTolerance,      // drifted
 *       creationLagMs, clockSkew,                     // when a copy exists
 *       ageMs, dueAt,                                 // pending / missing
 *       duplicateReason                               // duplicated: multipleCopies | incidentCreationRule | both
 *     } ]
 *   }
 * incidentNumber is included for display (operators know it); it is never a key.
 */
import { sentinelOwnerLabel } from './equivalence.js';
import type { LagSummary } from './lagStats.js';
import { worstSyncState, type SentinelSide, type SyncEntry, type SyncReport, type SyncStateName } from './matchIncidents.js';
import { formatDuration } from './syncHealthSummary.js';
import { syncExitCode } from './syncExitCode.js';

export const SYNC_REPORT_SCHEMA = 'mde-console/sync-report@1';

export const SYNC_REPORT_JSON_KEYS = [
  'schema', 'generatedAt', 'windowStart', 'syncWindowMinutes', 'driftToleranceMinutes', 'lagTargetMinutes',
  'exitCode', 'worstState', 'counts', 'driftedPastTolerance', 'clockSkewCount', 'unmatchedOutsideWindow',
  'lag', 'hourly', 'items',
] as const;

export const SYNC_ITEM_JSON_KEYS = [
  'state', 'defenderId', 'defender', 'sentinel', 'differences', 'divergedSince', 'driftMs', 'withinTolerance',
  'creationLagMs', 'clockSkew', 'ageMs', 'dueAt', 'duplicateReason',
] as const;

export const SYNC_SENTINEL_JSON_KEYS = [
  'name', 'incidentNumber', 'title', 'status', 'severity', 'classification', 'owner', 'providerName', 'created', 'lastModified', 'link',
] as const;

export interface FormatSyncOptions {
  /** `--state`: which states to list (default: all but inSync). Counts and lag always cover everything. */
  states?: readonly SyncStateName[];
}

const DEFAULT_LISTED: readonly SyncStateName[] = ['pending', 'missing', 'drifted', 'duplicated', 'orphaned'];

function lagJson(s: LagSummary) {
  return { count: s.count, p50Ms: s.p50, p95Ms: s.p95, p99Ms: s.p99, maxMs: s.max, overTarget: s.overTarget };
}

function sentinelJson(side: SentinelSide) {
  const p = side.incident.properties;
  return {
    name: side.name,
    incidentNumber: side.number,
    title: p.title,
    status: p.status,
    severity: p.severity,
    classification: p.classification ?? null,
    owner: sentinelOwnerLabel(side.incident),
    providerName: p.providerName ?? null,
    created: p.createdTimeUtc,
    lastModified: p.lastModifiedTimeUtc,
    link: side.link,
  };
}

function itemJson(e: SyncEntry) {
  const item = {
    state: e.state,
    defenderId: null as string | null,
    defender: null as null | Record<string, string | null>,
    sentinel: [] as ReturnType<typeof sentinelJson>[],
    differences: [] as { field: string; defender: string | null; sentinel: string | null }[],
    divergedSince: null as string | null,
    driftMs: null as number | null,
    withinTolerance: null as boolean | null,
    creationLagMs: null as number | null,
    clockSkew: null as boolean | null,
    ageMs: null as number | null,
    dueAt: null as string | null,
    duplicateReason: null as string | null,
  };
  if (e.state === 'orphaned') {
    item.defenderId = e.providerIncidentId;
    item.sentinel = [sentinelJson(e.sentinel)];
    return item;
  }
  const d = e.defender;
  item.defenderId = e.defenderId;
  item.defender = {
    title: d.displayName,
    status: d.status,
    severity: d.severity,
    classification: d.classification,
    owner: d.assignedTo,
    created: d.createdDateTime,
    lastUpdated: d.lastUpdateDateTime,
    link: e.defenderLink,
  };
  switch (e.state) {
    case 'inSync':
      item.sentinel = [sentinelJson(e.sentinel)];
      item.creationLagMs = e.creationLagMs;
      item.clockSkew = e.clockSkew;
      break;
    case 'drifted':
      item.sentinel = [sentinelJson(e.sentinel)];
      item.differences = e.differences.map((x) => ({ ...x }));
      item.divergedSince = e.divergedSince;
      item.driftMs = e.driftMs;
      item.withinTolerance = e.withinTolerance;
      item.creationLagMs = e.creationLagMs;
      item.clockSkew = e.clockSkew;
      break;
    case 'pending':
      item.ageMs = e.ageMs;
      item.dueAt = e.dueAt;
      break;
    case 'missing':
      item.ageMs = e.ageMs;
      break;
    case 'duplicated':
      item.sentinel = [...e.copies, ...e.ruleIncidents].map(sentinelJson);
      item.duplicateReason = e.reason;
      break;
  }
  return item;
}

function listedEntries(report: SyncReport, states: readonly SyncStateName[]): SyncEntry[] {
  const wanted = new Set(states);
  const out: SyncEntry[] = report.entries.filter((e) => wanted.has(e.state));
  if (wanted.has('orphaned')) out.push(...report.orphaned);
  return out;
}

export function syncReportJson(report: SyncReport, opts: FormatSyncOptions = {}) {
  return {
    schema: SYNC_REPORT_SCHEMA,
    generatedAt: report.generatedAt,
    windowStart: report.windowStart,
    syncWindowMinutes: report.syncWindowMinutes,
    driftToleranceMinutes: report.driftToleranceMinutes,
    lagTargetMinutes: report.lagTargetMs / 60_000,
    exitCode: syncExitCode(report),
    worstState: worstSyncState(report),
    counts: { ...report.counts },
    driftedPastTolerance: report.driftedPastTolerance,
    clockSkewCount: report.clockSkewCount,
    unmatchedOutsideWindow: report.unmatchedOutsideWindow,
    lag: {
      creation: { window: lagJson(report.lag.creation.window), lastHour: lagJson(report.lag.creation.lastHour) },
      statusChange: { window: lagJson(report.lag.statusChange.window), lastHour: lagJson(report.lag.statusChange.lastHour) },
    },
    hourly: report.hourly.map((h) => ({ ...h })),
    items: listedEntries(report, opts.states ?? DEFAULT_LISTED).map(itemJson),
  };
}

function lagLine(label: string, s: LagSummary): string {
  if (s.count === 0) return `${label}: no samples`;
  return `${label}: n=${s.count} p50 ${formatDuration(s.p50)} p95 ${formatDuration(s.p95)} p99 ${formatDuration(s.p99)} max ${formatDuration(s.max)} over target ${s.overTarget}`;
}

function itemLine(e: SyncEntry): string {
  if (e.state === 'orphaned') {
    return `orphaned    Sentinel #${e.sentinel.number} → Defender ${e.providerIncidentId ?? '(no providerIncidentId)'} not found  ${e.sentinel.link}`;
  }
  const head = `${e.state.padEnd(11)} Defender ${e.defenderId}`;
  switch (e.state) {
    case 'pending':
      return `${head} age ${formatDuration(e.ageMs)}, due by ${e.dueAt}`;
    case 'missing':
      return `${head} age ${formatDuration(e.ageMs)}, overdue ${formatDuration(e.overdueMs)}  ${e.defenderLink}`;
    case 'drifted': {
      const diffs = e.differences.map((x) => `${x.field} ${x.defender ?? '–'}≠${x.sentinel ?? '–'}`).join(', ');
      return `${head} ↔ Sentinel #${e.sentinel.number}: ${diffs}; since ${e.divergedSince} (${formatDuration(e.driftMs)}${e.withinTolerance ? ', within tolerance' : ''})`;
    }
    case 'duplicated': {
      const ids = [...e.copies, ...e.ruleIncidents].map((s) => `#${s.number}`).join(', ');
      return `${head} has ${e.copies.length + e.ruleIncidents.length} Sentinel incidents (${e.reason}): ${ids}`;
    }
    case 'inSync':
      return `${head} ↔ Sentinel #${e.sentinel.number} lag ${formatDuration(e.creationLagMs)}${e.clockSkew ? ' (clock skew)' : ''}`;
  }
}

export function formatSyncReport(report: SyncReport, format: 'text' | 'json', opts: FormatSyncOptions = {}): string {
  if (format === 'json') return JSON.stringify(syncReportJson(report, opts), null, 2);
  const c = report.counts;
  const lines = [
    `Incident sync at ${report.generatedAt} (window from ${report.windowStart}, sync window ${report.syncWindowMinutes} min)`,
    `in sync ${c.inSync} · pending ${c.pending} · missing ${c.missing} · drifted ${c.drifted} · duplicated ${c.duplicated} · orphaned ${c.orphaned}`,
    lagLine('creation lag (window)', report.lag.creation.window),
    lagLine('creation lag (last hour)', report.lag.creation.lastHour),
    lagLine('status lag (window)', report.lag.statusChange.window),
  ];
  if (report.clockSkewCount > 0) lines.push(`clock skew: ${report.clockSkewCount} Sentinel copies predate their Defender incident (lag counted as 0)`);
  const items = listedEntries(report, opts.states ?? DEFAULT_LISTED);
  if (items.length) lines.push('', ...items.map(itemLine));
  lines.push('', `exit ${syncExitCode(report)} (worst: ${worstSyncState(report)})`);
  return lines.join('\n');
}
