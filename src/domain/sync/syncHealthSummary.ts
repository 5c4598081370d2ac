/**
 * The input of the health screen's "Incident sync" check: counts per state, the worst state, and the
 * creation-lag p95 against the documented 10-minute target.
 */
import { worstSyncState, type SyncReport, type SyncStateName } from './matchIncidents.js';
import { syncExitCode, type SyncExitCode } from './syncExitCode.js';

export type SyncHealthStatus = 'ok' | 'warn' | 'fail';

export interface SyncHealthSummary {
  /** ok = exit 0, warn = exit 1, fail = exit 2 — one scale for the check, the command and the screen. */
  status: SyncHealthStatus;
  exitCode: SyncExitCode;
  counts: Record<SyncStateName, number>;
  total: number;
  worstState: SyncStateName;
  driftedPastTolerance: number;
  lagP95Ms: number | null;
  lagTargetMs: number;
  /** null when there is no lag sample to judge. */
  lagP95WithinTarget: boolean | null;
  overTarget: number;
  clockSkewCount: number;
  /** One line for the check's row, e.g. "3 drifted, 1 missing · lag p95 4m12s (target 10m)". */
  summary: string;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '–';
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  if (minutes < 60) return seconds ? `${minutes}m${String(seconds).padStart(2, '0')}s` : `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 48) return rest ? `${hours}h${String(rest).padStart(2, '0')}m` : `${hours}h`;
  return `${Math.floor(hours / 24)}d${hours % 24 ? `${hours % 24}h` : ''}`;
}

export function syncHealthSummary(report: SyncReport): SyncHealthSummary {
  const exitCode = syncExitCode(report);
  const status: SyncHealthStatus = exitCode === 0 ? 'ok' : exitCode === 1 ? 'warn' : 'fail';
  const creation = report.lag.creation.window;
  const c = report.counts;
  const problems = (['duplicated', 'missing', 'drifted', 'orphaned', 'pending'] as const).filter((s) => c[s] > 0).map((s) => `${c[s]} ${s}`);
  const head = problems.length ? problems.join(', ') : `${c.inSync} in sync`;
  return {
    status,
    exitCode,
    counts: { ...c },
    total: report.entries.length + report.orphaned.length,
    worstState: worstSyncState(report),
    driftedPastTolerance: report.driftedPastTolerance,
    lagP95Ms: creation.p95,
    lagTargetMs: report.lagTargetMs,
    lagP95WithinTarget: creation.p95 === null ? null : creation.p95 <= report.lagTargetMs,
    overTarget: creation.overTarget,
    clockSkewCount: report.clockSkewCount,
    summary: `${head} · lag p95 ${formatDuration(creation.p95)} (target ${formatDuration(report.lagTargetMs)})`,
  };
}
