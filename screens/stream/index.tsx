/**
 * Screen `4`: Streaming throughput. Tables sorted by rate with last-hour sparklines, gap markers, the
 * namespace capacity bar with its findings and the cost estimate; Enter opens a table's history.
 *
 * Views draw and take keys; data comes from src/stores/stream (polled outside React). Every region has
 * a fixed height and every cell a fixed width, so a refresh rewrites only the lines whose text changed.
 */
import { Box } from 'ink';
import { useCallback, useMemo } from 'react';
import { useStore } from 'zustand';
import type { ScreenDefinition } from '../App.js';
import { listMotionCommands } from '../input/listMotions.js';
import { sessionScreen } from '../session.js';
import { Table, type Column } from '../components/Table.js';
import { useColonCommands, useCommands } from '../input/InputRouter.js';
import { useScreenPolling } from '../../hooks/usePolledResource.js';
import type { Session } from '../../src/session/index.js';
import { perSession } from '../../src/session/resources.js';
import { sparkline } from '../../src/domain/streaming/index.js';
import { streamData } from '../../src/stores/stream/index.js';
import { nextSort, parseSortArgs, sortedStreamRows, type StreamRow } from '../../src/stores/stream/rows.js';
import { createStreamScreenState } from '../../src/stores/stream/screenState.js';
import { selectedIndex, type Motion } from '../../src/stores/listCursor.js';
import type { AppStore } from '../../src/stores/appStore.js';
import { STATUS_SYMBOL } from '../theme.js';
import { CapacityPanel, COST_PANEL_ROWS, CostPanel, FindingsPanel, StatusLine } from './Panels.js';
import { TableDetail } from './TableDetail.js';
import { age, count, hhmm, mbs, pct, rate } from './format.js';

const SPARK_WIDTH = 20;

const COLUMNS: readonly Column<StreamRow>[] = [
  { id: 'table', title: 'table', minWidth: 18, flex: 1, priority: 1, cell: (r) => r.table },
  { id: 'via', title: 'via', width: 3, priority: 5, cell: (r) => r.via },
  { id: 'minute', title: 'min', width: 5, priority: 4, cell: (r) => hhmm(r.minute) },
  { id: 'rate', title: 'ev/s', width: 7, align: 'right', priority: 1, cell: (r) => rate(r.eventsPerSec) },
  { id: 'mbs', title: 'MB/s', width: 7, align: 'right', priority: 1, cell: (r) => mbs(r.bytesPerSec) },
  { id: 'spark', title: 'last hour', width: SPARK_WIDTH, priority: 3, cell: (r) => sparkline(r.lastHour, SPARK_WIDTH) },
  { id: 'perday', title: 'per day', width: 7, align: 'right', priority: 4, cell: (r) => count(r.perDay) },
  { id: 'share', title: 'share', width: 6, align: 'right', priority: 3, cell: (r) => pct(r.share) },
  { id: 'age', title: 'age', width: 4, align: 'right', priority: 2, cell: (r) => age(r.ageMs) },
  {
    id: 'gap',
    title: 'gap',
    width: 13,
    priority: 1,
    cell: (r) => (r.gap ? `${STATUS_SYMBOL.FAIL} STOPPED ${age(r.gap.minutes * 60_000)}` : ''),
    role: (r) => (r.gap ? 'status.fail' : undefined),
  },
];

const screenState = perSession(() => createStreamScreenState());

/** status 1 + capacity 1 + findings 2 above the list, the cost panel below it. */
const FIXED_ROWS = 4 + COST_PANEL_ROWS;

function StreamBody({ session, width, height, store }: { session: Session; width: number; height: number; store: AppStore }) {
  useScreenPolling(session.poller, 'stream');
  const data = streamData(session);
  const { screen, cursor } = screenState(session);
  const view = useStore(data.view, (s) => s.view);
  const problems = useStore(data.view, (s) => s.problems);
  const sort = useStore(screen, (s) => s.sort);
  const detail = useStore(screen, (s) => s.detail);
  const cursorState = useStore(cursor, (s) => s);
  const rows = useMemo(() => sortedStreamRows(view, sort), [view, sort]);
  // Stable per row list, so the memoised Table skips renders that change nothing it draws.
  const rowAt = useCallback((i: number) => rows[i]!, [rows]);
  const idAt = useCallback((i: number) => rows[i]!.id, [rows]);
  const listHeight = Math.max(2, height - FIXED_ROWS);

  // Key handlers run before React re-renders: read stores, never the values above.
  const current = () => sortedStreamRows(data.view.getState().view, screen.getState().sort);
  const ids = () => current().map((r) => r.id);
  const moveBy = (motion: Motion) => cursor.getState().actions.move(ids(), motion, listHeight - 1);
  useCommands({
    ...listMotionCommands(moveBy),
    'list.open': () => {
      const list = current();
      const row = list[selectedIndex(cursor.getState(), list.map((r) => r.id))];
      if (row) screen.getState().actions.openDetail(row.id);
    },
    'stream.back': () => {
      if (screen.getState().detail !== null) screen.getState().actions.closeDetail();
      else store.getState().actions.clearNotice();
    },
    'stream.sortNext': () => screen.getState().actions.setSort(nextSort(screen.getState().sort)),
    'stream.sortReverse': () => {
      const s = screen.getState().sort;
      screen.getState().actions.setSort({ ...s, direction: s.direction === 'asc' ? 'desc' : 'asc' });
    },
    'app.refresh': () => {
      store.getState().actions.notify('refreshing streaming figures…');
      void data.refresh();
    },
  });
  useColonCommands({
    sort: (args) => {
      const next = parseSortArgs(args, screen.getState().sort);
      if (typeof next === 'string') store.getState().actions.notify(next, 'error');
      else screen.getState().actions.setSort(next);
    },
  });

  const index = selectedIndex(cursorState, rows.map((r) => r.id));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <StatusLine view={view} problems={problems} width={width} />
      <CapacityPanel view={view} width={width} />
      <FindingsPanel view={view} width={width} />
      {detail !== null && view ? (
        <TableDetail view={view} table={detail} width={width} height={listHeight} />
      ) : (
        <Table
          columns={COLUMNS}
          rowCount={rows.length}
          rowAt={rowAt}
          idAt={idAt}
          selectedIndex={index}
          scrollTop={cursorState.scrollTop}
          height={listHeight}
          width={width}
          sort={sort}
          emptyText={view ? 'no streaming tables in the data' : problems.length ? 'no data yet (see the line above)' : 'loading streaming figures…'}
        />
      )}
      <CostPanel view={view} width={width} />
    </Box>
  );
}


export const screen: ScreenDefinition = sessionScreen('Streaming throughput', StreamBody);
