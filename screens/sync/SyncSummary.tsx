/** Counters per state, lag percentiles against the 10-minute target, and per-hour charts. */
import { Box, Text } from 'ink';
import { memo } from 'react';
import { formatDuration, type LagSummary, type SyncReport } from '../../src/domain/sync/index.js';
import { sparkline } from '../../src/domain/streaming/index.js';
import { STATE_LABEL, STATE_SYMBOL } from '../../src/stores/sync/index.js';
import { useTheme, type Role } from '../theme.js';

const COUNTER_ORDER = ['inSync', 'pending', 'missing', 'drifted', 'duplicated', 'orphaned'] as const;
const ROLE: Record<(typeof COUNTER_ORDER)[number], Role> = {
  inSync: 'status.ok',
  pending: 'status.warn',
  missing: 'status.fail',
  drifted: 'status.warn',
  duplicated: 'status.fail',
  orphaned: 'status.warn',
};

/** Rows the summary takes: counters, two lag lines, two chart lines. */
export const SUMMARY_ROWS = 5;

function lagText(s: LagSummary): string {
  if (s.count === 0) return 'no samples';
  return `p50 ${formatDuration(s.p50)} p95 ${formatDuration(s.p95)} p99 ${formatDuration(s.p99)} max ${formatDuration(s.max)}`;
}

function SyncSummaryImpl({ report, width }: { report: SyncReport; width: number }) {
  const theme = useTheme();
  const c = report.lag.creation;
  const target = formatDuration(report.lagTargetMs);
  const chartWidth = Math.max(8, width - 30);
  // The window's hours, newest at the right; more hours than cells share a cell (its maximum).
  const lagSeries = report.hourly.map((h) => (h.medianLagMs === null ? null : h.medianLagMs / 60_000));
  const incidentSeries = report.hourly.map((h) => h.incidents);
  const maxLag = Math.max(0, ...lagSeries.map((v) => v ?? 0));
  const maxIncidents = Math.max(0, ...incidentSeries);
  const hours = report.hourly.length;
  return (
    <Box flexDirection="column" width={width} height={SUMMARY_ROWS}>
      <Text wrap="truncate-end">
        {COUNTER_ORDER.map((s) => {
          const n = report.counts[s];
          return (
            <Text key={s} color={n > 0 || s === 'inSync' ? theme.color(ROLE[s]) : theme.color('text.dim')}>
              {STATE_SYMBOL[s]} {STATE_LABEL[s]} {n}
              {'  '}
            </Text>
          );
        })}
      </Text>
      <Text wrap="truncate-end">
        <Text color={theme.color('text.dim')}>creation lag, window:    </Text>
        {lagText(c.window)}
        <Text color={c.window.overTarget > 0 ? theme.color('status.warn') : theme.color('status.ok')}>
          {'  '}
          {c.window.overTarget > 0 ? '!' : '✓'} {c.window.overTarget} over {target} target
        </Text>
      </Text>
      <Text wrap="truncate-end">
        <Text color={theme.color('text.dim')}>creation lag, last hour: </Text>
        {lagText(c.lastHour)}
        <Text color={theme.color('text.dim')}>  · status lag p95 {formatDuration(report.lag.statusChange.window.p95)}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text color={theme.color('text.dim')}>{`lag/h (max ${formatDuration(maxLag * 60_000)})`.padEnd(23)} </Text>
        {sparkline(lagSeries, chartWidth)}
      </Text>
      <Text wrap="truncate-end">
        <Text color={theme.color('text.dim')}>{`incidents/h (max ${maxIncidents})`.padEnd(23)} </Text>
        {sparkline(incidentSeries, chartWidth)}
        <Text color={theme.color('text.dim')}> {hours}h</Text>
      </Text>
    </Box>
  );
}

export const SyncSummary = memo(SyncSummaryImpl);
