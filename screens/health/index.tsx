/**
 * Screen 1, Integration health: a summary line, then every check grouped by integration area (the
 * worst area first), each with its status symbol and word, title, one-line finding and the age of
 * the data it judged. Inputs poll on their own intervals (src/stores/health/inputs.ts) while the
 * screen is shown; a check whose input is being fetched shows a static "⟳" marker (no animation
 * timer), and a failed refresh keeps the last verdict with its age and one line saying what failed.
 */
import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { STATUS_SYMBOL, type CheckArea, type CheckStatus } from '../../src/domain/health/index.js';
import type { Session } from '../../src/session/index.js';
import { perSession } from '../../src/session/resources.js';
import { createListCursor, selectedIndex, type Motion } from '../../src/stores/listCursor.js';
import { formatAgeCoarse, healthData, HEALTH_SCREEN_ID, HEALTH_INPUTS, type HealthRow } from '../../src/stores/health/index.js';
import { useScreenPolling } from '../../hooks/usePolledResource.js';
import type { ScreenDefinition } from '../App.js';
import { DetailPane } from '../components/DetailPane.js';
import { Table, type Column } from '../components/Table.js';
import { useColonCommands, useCommands } from '../input/InputRouter.js';
import { listMotionCommands } from '../input/listMotions.js';
import { sessionScreen } from '../session.js';
import { STATUS_ROLE, useTheme } from '../theme.js';
import { detailLines } from './detailLines.js';
import { useAgeClock } from './useAgeClock.js';
// Leaf modules, not the areas' barrels (which reach the api barrel before the first frame).
import { DEVICES_POLL_MS, INDICATORS_POLL_ON_HEALTH_MS } from '../../src/stores/indicators/indicatorsData.js';
import { SYNC_POLL_ON_HEALTH_MS } from '../../src/stores/sync/syncData.js';

export const AREA_LABEL: Record<CheckArea, string> = {
  licences: 'Licences',
  mdca: 'Cloud Apps',
  'network-protection': 'Network protection',
  devices: 'Devices',
  'office-identity': 'Office & Identity',
  sentinel: 'Sentinel',
  streaming: 'Streaming API',
  retention: 'Retention',
  'incident-sync': 'Incident sync',
};

/** The cursor survives leaving and re-entering the screen (one per session). */
const cursorFor = perSession(() => createListCursor());

/** Lines above the table: the summary and the status/error line. */
const CHROME_ROWS = 2;

interface DisplayRow {
  id: string;
  row: HealthRow;
  /** Area label on the first row of its group only, so the groups read as groups. */
  areaLabel: string;
}

function toDisplayRows(rows: readonly HealthRow[]): DisplayRow[] {
  let prev: CheckArea | undefined;
  return rows.map((row) => {
    const area = row.result.area;
    const label = area === prev ? '' : AREA_LABEL[area];
    prev = area;
    return { id: row.result.id, row, areaLabel: label };
  });
}

function statusCell(r: HealthRow): string {
  if (r.pending) return '⟳ running';
  return `${STATUS_SYMBOL[r.result.status]} ${r.result.status}${r.running ? ' ⟳' : ''}`;
}

function HealthBody({ session, width, height }: { session: Session; width: number; height: number }) {
  const theme = useTheme();
  const data = healthData(session);
  useScreenPolling(session.poller, HEALTH_SCREEN_ID);
  const view = useStore(data.view);
  // Re-render only when a shown age would change its text (5-minute steps), so ages stay honest
  // between polls without a fixed tick redrawing the screen.
  const nowMs = useAgeClock(useMemo(() => view.rows.map((r) => r.dataAt), [view.rows]));
  const cursor = cursorFor(session);
  const cur = useStore(cursor);
  const [detailId, setDetailId] = useState<string | null>(null);
  const rows = useMemo(() => toDisplayRows(view.rows), [view.rows]);
  const ids = useMemo(() => rows.map((r) => r.id), [rows]);
  const tableHeight = Math.max(2, height - CHROME_ROWS);

  // Key handlers read the rows from the store, not from this render (several keys may arrive in one chunk).
  const currentIds = () => data.view.getState().rows.map((r) => r.result.id);
  const moveBy = (motion: Motion) => cursor.getState().actions.move(currentIds(), motion, tableHeight - 1);
  const openSelected = () => {
    const list = currentIds();
    const i = selectedIndex(cursor.getState(), list);
    if (i >= 0) setDetailId(list[i]!);
  };
  useCommands(
    {
      ...listMotionCommands(moveBy),
      'list.open': openSelected,
      'app.refresh': () => void data.refreshAll(),
    },
    detailId === null,
  );
  useColonCommands({ rerun: () => void data.refreshAll() });

  const detailRow = detailId === null ? undefined : view.rows.find((r) => r.result.id === detailId);
  if (detailRow) {
    return (
      <DetailPane
        title={`${detailRow.result.title} — ${AREA_LABEL[detailRow.result.area]}`}
        lines={detailLines(detailRow, Math.max(20, width - 29), Date.now())}
        onClose={() => setDetailId(null)}
        width={width}
        height={height}
      />
    );
  }

  const columns: Column<DisplayRow>[] = [
    { id: 'status', title: 'Status', width: 11, cell: (d) => statusCell(d.row), role: (d) => (d.row.pending ? 'text.dim' : STATUS_ROLE[d.row.result.status]) },
    { id: 'area', title: 'Area', width: 18, priority: 3, cell: (d) => d.areaLabel },
    { id: 'check', title: 'Check', minWidth: 22, flex: 1, priority: 2, cell: (d) => d.row.result.title },
    { id: 'finding', title: 'Finding', minWidth: 24, flex: 3, cell: (d) => (d.row.pending ? 'waiting for the first data…' : d.row.result.finding) },
    {
      id: 'age',
      title: 'Age',
      width: 9,
      align: 'right',
      priority: 2,
      cell: (d) => (d.row.dataAt === undefined ? '–' : formatAgeCoarse(nowMs - d.row.dataAt) + (d.row.refreshErrors.length ? '!' : '')),
      role: (d) => (d.row.refreshErrors.length ? 'status.warn' : undefined),
    },
  ];
  const sel = selectedIndex(cur, ids);

  return (
    <Box flexDirection="column" width={width} height={height}>
      <SummaryLine counts={view.summary} pending={view.pending} running={view.running} width={width} />
      {view.errorLine ? (
        <Text color={theme.color('status.warn')} wrap="truncate-end">
          {view.errorLine}
        </Text>
      ) : (
        <Text color={theme.color('text.dim')} wrap="truncate-end">
          {REFRESH_NOTE}
        </Text>
      )}
      <Table
        columns={columns}
        rowCount={rows.length}
        rowAt={(i) => rows[i]!}
        idAt={(i) => ids[i]!}
        selectedIndex={sel}
        scrollTop={cur.scrollTop}
        height={tableHeight}
        width={width}
        emptyText="no checks"
      />
    </Box>
  );
}

/**
 * How often the inputs refresh on their own, read from where each interval is defined so it cannot
 * drift: Health's own inputs table, and the intervals at which the Indicators and Sync data Health
 * shares are read while only Health is up (inputSources.ts, `intervalByScreen`).
 */
const minutes = (key: (typeof HEALTH_INPUTS)[number]['key']) => (HEALTH_INPUTS.find((s) => s.key === key)?.intervalMs ?? 0) / 60_000;
const REFRESH_NOTE = `Enter evidence · r re-run all · auto refresh: streaming ${minutes('streaming')}m, Sentinel ${minutes('connectors')}m, sync ${
  SYNC_POLL_ON_HEALTH_MS / 60_000
}m, indicators ${INDICATORS_POLL_ON_HEALTH_MS / 60_000}m, devices ${DEVICES_POLL_MS / 60_000}m, retention ${minutes('workspace')}m, licences ${minutes('skus')}m`;

const ORDER: readonly CheckStatus[] = ['FAIL', 'WARN', 'UNKNOWN', 'OK'];

function SummaryLine({ counts, pending, running, width }: { counts: Record<CheckStatus, number>; pending: number; running: number; width: number }) {
  const theme = useTheme();
  const extra = [pending ? `${pending} waiting for data` : '', running ? `⟳ ${running} running` : ''].filter(Boolean).join(' · ');
  return (
    <Box width={width}>
      <Text wrap="truncate-end">
        <Text bold>Integration health </Text>
        {ORDER.map((s) => (
          <Text key={s} color={theme.color(STATUS_ROLE[s])}>
            {` ${STATUS_SYMBOL[s]} ${counts[s]} ${s} `}
          </Text>
        ))}
        <Text color={theme.color('text.dim')}>{extra ? ` · ${extra}` : ''}</Text>
      </Text>
    </Box>
  );
}


export const screen: ScreenDefinition = sessionScreen('Integration health', HealthBody);
