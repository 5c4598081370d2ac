/** The Streaming screen's one-line panels: status, namespace capacity, findings, cost. Each is a fixed number of lines. */
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { StreamView } from '../../src/stores/stream/index.js';
import { SOURCE_LABELS, type SourceProblem } from '../../src/stores/stream/index.js';
import { STATUS_ROLE, STATUS_SYMBOL, useTheme, type Status } from '../theme.js';
import { fit } from '../components/text.js';
import { age, bar, gb, hhmm, MB, money } from './format.js';

/**
 * No "updated 5s ago" and no "refreshing…" here: both change on every poll and would rewrite this line
 * (and re-render the screen) several times a minute while the figures stay the same. The header shows
 * when data was last refreshed; the line names the minute the figures are for.
 */
export const StatusLine = memo(function StatusLine({ view, problems, width }: { view: StreamView | null; problems: SourceProblem[]; width: number }) {
  const theme = useTheme();
  const p = problems[0];
  if (p) {
    // Last good data stays on screen; the line says what failed and how old the data is.
    const since = p.lastSuccess !== undefined ? `showing data from ${age(Date.now() - p.lastSuccess)} ago` : 'no data from it yet';
    const more = problems.length > 1 ? ` (+${problems.length - 1} more)` : '';
    return (
      <Text color={theme.color('status.warn')} wrap="truncate-end">
        {fit(`Streaming throughput · ${STATUS_SYMBOL.WARN} ${SOURCE_LABELS[p.source]}: ${p.message} — ${since}${more}`, width)}
      </Text>
    );
  }
  const minute = view ? hhmm(view.report.rates.tables.find((t) => t.hub)?.latest?.minute ?? view.report.rates.lastCompleteMinute) : '–';
  const source = view?.report.rates.source === 'metrics' ? 'Event Hubs metrics + Sentinel' : 'Sentinel (no Event Hubs namespace in the profile)';
  const text = `Streaming throughput · per-minute figures as measured, latest minute ${minute} UTC · ${source}`;
  return (
    <Text color={theme.color('text.dim')} wrap="truncate-end">
      {fit(text, width)}
    </Text>
  );
});

function capacityStatus(view: StreamView): Status {
  const f = view.report.capacityFindings;
  if (f.some((x) => x.severity === 'fail')) return 'FAIL';
  if (f.some((x) => x.severity === 'warn')) return 'WARN';
  return view.report.capacity ? 'OK' : 'UNKNOWN';
}

export const CapacityPanel = memo(function CapacityPanel({ view, width }: { view: StreamView | null; width: number }) {
  const theme = useTheme();
  const c = view?.report.capacity ?? null;
  const ns = view?.namespace ?? null;
  let line: string;
  let status: Status = 'UNKNOWN';
  if (!view) line = 'Namespace: waiting for data';
  else if (!c) line = view.report.rates.source === 'metrics' ? 'Namespace: sku not read yet' : 'Namespace: no Event Hubs namespace in the profile (eventHubNamespaceId) — capacity not checked';
  else {
    status = capacityStatus(view);
    const used = c.latestIngressBytesPerSec === null ? '–' : (c.latestIngressBytesPerSec / MB).toFixed(2);
    const cap = c.ingressBytesCapacityPerSec === null ? '–' : (c.ingressBytesCapacityPerSec / MB).toFixed(2);
    const util = c.utilisation === null ? '–' : `${Math.round(c.utilisation * 100)}%`.padStart(4);
    const units = ns ? ` ${ns.throughputUnits} TU` : '';
    line = `${STATUS_SYMBOL[status]} ${status.padEnd(4)} Namespace ${ns?.name ?? ''} ${c.tier ?? '?'}${units} · ingress ${bar(c.utilisation, 20)} ${util} ${used}/${cap} MB/s · hubs ${c.hubCount}/${c.hubLimit ?? '–'}`;
  }
  return (
    <Text color={theme.color(STATUS_ROLE[status])} wrap="truncate-end">
      {fit(line, width)}
    </Text>
  );
});

/** Two lines: the capacity findings (most severe first), or that there are none. */
export const FindingsPanel = memo(function FindingsPanel({ view, width }: { view: StreamView | null; width: number }) {
  const theme = useTheme();
  const lines: { status: Status; text: string }[] = (view?.report.capacityFindings ?? []).map((f) => {
    const status: Status = f.severity === 'fail' ? 'FAIL' : 'WARN';
    return { status, text: `${STATUS_SYMBOL[status]} ${status} ${f.message}` };
  });
  const gaps = view?.report.gaps.length ?? 0;
  if (gaps > 0) lines.push({ status: 'FAIL', text: `${STATUS_SYMBOL.FAIL} FAIL ${gaps} table(s) stopped for more than ${view!.report.gapMinutes} min: ${view!.report.gaps.map((g) => g.table).join(', ')}` });
  // Failures first (stable: capacity before gaps), so the two lines show the worst news.
  lines.sort((a, b) => (a.status === b.status ? 0 : a.status === 'FAIL' ? -1 : b.status === 'FAIL' ? 1 : 0));
  if (lines.length === 0 && view?.report.capacity) lines.push({ status: 'OK', text: `${STATUS_SYMBOL.OK} OK   capacity and flow: no findings` });
  while (lines.length < 2) lines.push({ status: 'UNKNOWN', text: '' });
  if (lines.length > 2) lines[1] = { ...lines[1]!, text: `${lines[1]!.text} (+${lines.length - 2} more: mde-console stream)` };
  return (
    <Box flexDirection="column" height={2}>
      {lines.slice(0, 2).map((l, i) => (
        <Text key={i} color={l.text ? theme.color(STATUS_ROLE[l.status]) : undefined} wrap="truncate-end">
          {fit(l.text, width)}
        </Text>
      ))}
    </Box>
  );
});

export const COST_PANEL_ROWS = 3;

export const CostPanel = memo(function CostPanel({ view, width }: { view: StreamView | null; width: number }) {
  const theme = useTheme();
  const c = view?.report.cost ?? null;
  let lines: string[];
  if (!c) lines = ['Ingestion cost (estimate): waiting for Usage from Log Analytics', '', ''];
  else {
    const billable = c.tables.filter((t) => !t.free);
    const free = c.tables.filter((t) => t.free);
    const perDayGb = c.monthlyProjection ? c.monthlyProjection.gb / 30.4 : null;
    lines = [
      `Ingestion cost — ESTIMATE at ${c.pricePerGb} ${c.currency}/GB (Usage, ${c.completeDays.length} complete days): ${gb(perDayGb)} GB/day · ${money(c.averageDailyCost, c.currency)}/day · month ≈ ${money(c.monthlyProjection?.cost ?? null, c.currency)} (daily average × 30.4)`,
      billable.map((t) => `${t.table} ${gb(t.avgGbPerDay)} GB/d ${money(t.avgCostPerDay, c.currency)}/d`).join(' · '),
      `free (not billed): ${free.length ? free.map((t) => `${t.table} ${gb(t.avgGbPerDay)} GB/d`).join(' · ') : 'none in Usage'}`,
    ];
  }
  return (
    <Box flexDirection="column" height={COST_PANEL_ROWS}>
      {lines.map((l, i) => (
        <Text key={i} color={i === 0 ? theme.color('text.accent') : theme.color('text.dim')} wrap="truncate-end">
          {fit(l, width)}
        </Text>
      ))}
    </Box>
  );
});
