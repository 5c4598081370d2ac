/**
 * Exit codes of `mde-console sync`, the same scale as `check` (issue 7, "Command"):
 * 0 all in sync · 1 pending, drift within tolerance, or orphaned copies · 2 missing, drift past
 * tolerance, or duplicated · 3 could not run.
 *
 * Orphaned copies get 1: the Defender incident is gone (deleted, or outside what the API returns), which
 * an operator should look at, but no incident is unsynced because of it.
 */
import type { SyncReport } from './matchIncidents.js';

export const SYNC_EXIT = { allInSync: 0, attention: 1, failing: 2, couldNotRun: 3 } as const;
export type SyncExitCode = (typeof SYNC_EXIT)[keyof typeof SYNC_EXIT];

/** `null` = the sync could not run (auth, network, missing workspace …). */
export function syncExitCode(report: Pick<SyncReport, 'counts' | 'driftedPastTolerance'> | null): SyncExitCode {
  if (report === null) return SYNC_EXIT.couldNotRun;
  const c = report.counts;
  if (c.missing > 0 || c.duplicated > 0 || report.driftedPastTolerance > 0) return SYNC_EXIT.failing;
  if (c.pending > 0 || c.drifted > 0 || c.orphaned > 0) return SYNC_EXIT.attention;
  return SYNC_EXIT.allInSync;
}
