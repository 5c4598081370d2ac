/**
 * Defender → Sentinel incident sync summary (fed by src/domain/sync `syncHealthSummary`).
 * Incidents appear in Sentinel up to 10 minutes after creation (domain-notes §1 "XDR → Sentinel"),
 * so `pending` (younger than the window) is normal and never judged.
 */
import { DOC_URLS } from './docs.js';
import { formatDuration, plural } from './format.js';
import { judged, unknown, type CheckMeta } from './result.js';
import type { CheckResult, Evidence, MaybeAvailable } from './types.js';
import { isUnavailable } from './types.js';

/**
 * Structurally compatible with src/domain/sync `SyncHealthSummary`, so `syncHealthSummary(report)`
 * can be passed as is (it names the target `lagTargetMs`; `targetMs` is accepted as well).
 */
export interface IncidentSyncSummary {
  counts: { inSync: number; pending: number; missing: number; drifted: number; duplicated: number; orphaned: number };
  /** p95 creation lag (Sentinel created − Defender created) over synced incidents; null = none synced. */
  lagP95Ms: number | null;
  /** Lag target; default the documented 10 minutes. */
  targetMs?: number;
  lagTargetMs?: number;
  /** Drifted incidents past the sync logic's tolerance: judged like missing ones (the sync command exits 2 for them). */
  driftedPastTolerance?: number;
}

/** XDR incidents appear in Sentinel within 10 minutes (domain-notes §1 "XDR → Sentinel"). */
export const DEFAULT_SYNC_LAG_TARGET_MS = 10 * 60_000;

const META: CheckMeta = {
  id: 'incident-sync',
  area: 'incident-sync',
  title: 'Defender → Sentinel incident sync',
  remediation:
    'Run `mde-console sync` for the affected incidents; check the Defender XDR connector in Sentinel (incidents connected) and disable Microsoft incident-creation rules that duplicate it.',
  docUrl: DOC_URLS.sentinelXdrIntegration,
  source: {
    api: 'Graph GET /v1.0/security/incidents + ARM GET …/Microsoft.SecurityInsights/incidents',
    permission: 'SecurityIncident.Read.All, Microsoft Sentinel Reader',
  },
};

/**
 * FAIL: missing (older than the window, absent from Sentinel), duplicated, or drifted past the
 * tolerance — the same scale as `mde-console sync`'s exit code 2. WARN: drifted within tolerance,
 * orphaned, or p95 lag above the target. OK otherwise.
 */
export function checkIncidentSync(summary: MaybeAvailable<IncidentSyncSummary>, opts: { now: Date }): CheckResult {
  const { now } = opts;
  if (isUnavailable(summary)) return unknown(META, now, summary.reason);
  const c = summary.counts;
  const targetMs = summary.targetMs ?? summary.lagTargetMs ?? DEFAULT_SYNC_LAG_TARGET_MS;
  const pastTolerance = summary.driftedPastTolerance ?? 0;
  const evidence: Evidence[] = [
    { label: 'In sync', value: String(c.inSync) },
    { label: 'Pending (within the sync window)', value: String(c.pending) },
    { label: 'Missing', value: String(c.missing) },
    { label: 'Drifted', value: String(c.drifted) },
    { label: 'Duplicated', value: String(c.duplicated) },
    { label: 'Orphaned', value: String(c.orphaned) },
    {
      label: 'Creation lag p95',
      value: summary.lagP95Ms === null ? 'no synced incident to measure' : `${formatDuration(summary.lagP95Ms)} (target ${formatDuration(targetMs)})`,
    },
  ];
  const hard: string[] = [];
  if (c.missing > 0) hard.push(`${plural(c.missing, 'incident')} missing in Sentinel`);
  if (c.duplicated > 0) hard.push(`${plural(c.duplicated, 'incident')} duplicated`);
  if (pastTolerance > 0) hard.push(`${plural(pastTolerance, 'incident')} drifted past tolerance`);
  if (hard.length > 0) return judged(META, now, 'FAIL', hard.join(', '), evidence);
  const soft: string[] = [];
  if (c.drifted - pastTolerance > 0) soft.push(`${plural(c.drifted - pastTolerance, 'incident')} drifted`);
  if (c.orphaned > 0) soft.push(`${plural(c.orphaned, 'Sentinel incident')} without their Defender incident`);
  if (summary.lagP95Ms !== null && summary.lagP95Ms > targetMs) {
    soft.push(`p95 lag ${formatDuration(summary.lagP95Ms)} above the ${formatDuration(targetMs)} target`);
  }
  if (soft.length > 0) return judged(META, now, 'WARN', soft.join(', '), evidence);
  return judged(META, now, 'OK', `${plural(c.inSync, 'incident')} in sync${c.pending ? `, ${c.pending} pending within the window` : ''}`, evidence);
}
