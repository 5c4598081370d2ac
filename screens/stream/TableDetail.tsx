/** `Enter` on a table: its figures, hub, Sentinel ingestion, gap, cost, and its history per minute (newest first). */
import { Box, Text } from 'ink';
import { memo } from 'react';
import { sparkline } from '../../src/domain/streaming/index.js';
import type { StreamView } from '../../src/stores/stream/index.js';
import { STATUS_ROLE, STATUS_SYMBOL, useTheme } from '../theme.js';
import { fit } from '../components/text.js';
import { age, count, gb, hhmm, MB, money, pct, rate } from './format.js';

export const TableDetail = memo(function TableDetail({ view, table, width, height }: { view: StreamView; table: string; width: number; height: number }) {
  const theme = useTheme();
  const t = view.report.rates.tables.find((x) => x.table === table);
  const s = view.sentinel.get(table.toLowerCase());
  const gap = view.report.gaps.find((g) => g.table === table);
  const cost = view.report.cost?.tables.find((x) => x.table.toLowerCase() === table.toLowerCase());
  const unit = t?.hub ? 'hub events' : 'records';
  const head: { text: string; role?: Parameters<typeof theme.color>[0] }[] = [
    { text: `${table} · ${t?.hub ? `hub ${t.hub}` : 'no Event Hub: Sentinel (Log Analytics) only'} · Esc back`, role: 'text.accent' },
    {
      text: t?.latest
        ? `Minute ${hhmm(t.latest.minute)} UTC: ${count(t.latest.events)} ${unit} (${rate(t.latest.eventsPerSec)}/s) · ${t.latest.bytes === null ? '–' : (t.latest.bytes / MB).toFixed(2)} MB (${t.latest.bytesPerSec === null ? '–' : (t.latest.bytesPerSec / MB).toFixed(3)} MB/s)`
        : 'No minute with data in the window',
    },
    { text: `Last hour: ${count(t?.eventsLastHour ?? null)} ${unit}, ${t ? (t.bytesLastHour / MB).toFixed(1) : '–'} MB, ${pct(t?.shareOfBytes ?? null)} of all bytes${t?.hub ? ` · out ${count(t.outgoingEventsLastHour)} events · throttled ${t.throttledRequests} · server errors ${t.serverErrors}` : ''}` },
    { text: `Sentinel: ${count(s?.eventsLast24h ?? null)} records in 24 h · newest ${s?.newestEventAt ? `${s.newestEventAt.slice(11, 19)} UTC (${age(t?.newestEventAgeMs ?? null)} ago)` : '–'} · latest minute ${s?.series ? (() => { const p = [...s.series].reverse().find((x) => x.events !== null); return p ? `${hhmm(p.minute)} ${count(p.events)} records` : '–'; })() : 'not read'}` },
    gap
      ? { text: `${STATUS_SYMBOL.FAIL} STOPPED ${gap.minutes}m — no events since ${gap.stoppedAt.slice(11, 16)} UTC (threshold ${view.report.gapMinutes} min)`, role: STATUS_ROLE.FAIL }
      : { text: `${STATUS_SYMBOL.OK} flowing (no gap over ${view.report.gapMinutes} min)`, role: STATUS_ROLE.OK },
    { text: cost ? `Cost (estimate): ${gb(cost.avgGbPerDay)} GB/day · ${cost.free ? 'free (not billed)' : `${money(cost.avgCostPerDay, view.report.cost!.currency)}/day`}` : 'Cost (estimate): no Usage rows for this table' },
    { text: `Last hour ${sparkline(t?.lastHour.map((p) => p.events) ?? [], Math.max(10, Math.min(60, width - 12)))}` },
    { text: `${'minute'.padEnd(7)}${unit.padStart(12)}${'MB'.padStart(10)}${'Sentinel'.padStart(12)}`, role: 'text.dim' },
  ];
  const rows = Math.max(0, height - head.length);
  const series = t?.series ?? [];
  const laByMinute = new Map((s?.series ?? []).map((p) => [p.minute, p.events]));
  const history: string[] = [];
  for (let i = series.length - 1; i >= 0 && history.length < rows; i--) {
    const p = series[i]!;
    const la = laByMinute.get(p.minute);
    history.push(`${hhmm(p.minute).padEnd(7)}${count(p.events).padStart(12)}${(p.bytes === null ? '–' : (p.bytes / MB).toFixed(2)).padStart(10)}${(t?.hub ? count(la ?? null) : '').padStart(12)}`);
  }
  while (history.length < rows) history.push('');
  return (
    <Box flexDirection="column" width={width} height={height}>
      {head.map((l, i) => (
        <Text key={`h${i}`} color={l.role ? theme.color(l.role) : undefined} wrap="truncate-end">
          {fit(l.text, width)}
        </Text>
      ))}
      {history.map((l, i) => (
        <Text key={`r${i}`} wrap="truncate-end">
          {fit(l, width)}
        </Text>
      ))}
    </Box>
  );
});
