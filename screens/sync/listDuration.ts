/**
 * The list's "for" column. Under an hour it is exact to the minute or second (pending and missing are
 * judged against the 10-minute lag target); from an hour on it is whole hours. Every listed incident's
 * duration grows with the clock, so minutes on hour-old rows would rewrite every visible row once a
 * minute on an idle screen (~4 KB of terminal output each time at 120 columns; issue 9 budget ≤ 4 KB per
 * idle minute). An operator acts on "12h out of sync", not on 12h04m; the detail pane (Enter) keeps the
 * exact times.
 */
import { formatDuration } from '../../src/domain/sync/index.js';

const HOUR = 3_600_000;

export function listDuration(ms: number): string {
  if (ms < HOUR || ms >= 48 * HOUR) return formatDuration(ms); // ≥ 48 h formatDuration is already days and hours
  return `${Math.floor(ms / HOUR)}h`;
}
