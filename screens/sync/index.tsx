/**
 * The Sentinel incident sync screen (`3`, issue 7): counters per state, lag against the 10-minute target,
 * per-hour charts, and the list of everything not in sync — filterable (f state picker, / search, Esc
 * clears the last filter), sortable (s/S), Enter shows both sides with portal links, `a` aligns a drifted
 * Sentinel incident's status with Defender when writes are on.
 *
 * Data comes from the polled SyncSnapshot (src/stores/sync); rows are derived once per (report, view).
 */
import { Box, Text } from 'ink';
import { useCallback, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import type { ScreenDefinition, ScreenProps } from '../App.js';
import type { Session } from '../../src/session/index.js';
import { listMotionCommands } from '../input/listMotions.js';
import { sessionScreen } from '../session.js';
import { Table, type Column } from '../components/Table.js';
import { Picker } from '../components/Picker.js';
import { DetailPane } from '../components/DetailPane.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { FilterBar } from '../components/FilterBar.js';
import { PRIORITY, useCommands, useColonCommands, useKeypress } from '../input/InputRouter.js';
import { usePolledResource, useScreenPolling } from '../../hooks/usePolledResource.js';
import { createListCursor, selectedIndex, type Motion } from '../../src/stores/listCursor.js';
import { useTheme } from '../theme.js';
import { formatDuration } from '../../src/domain/sync/index.js';
import { SyncSummary, SUMMARY_ROWS } from './SyncSummary.js';
import { detailLines } from './detailLines.js';
import { listDuration } from './listDuration.js';
import { openAuditLog, auditWho } from '../../src/audit/index.js';
import {
  applyAlignment,
  applyView,
  clearFilters,
  clearLastFilter,
  createSyncViewStore,
  describePlan,
  LISTED_STATES,
  nextSortColumn,
  parseSyncStates,
  planAlignment,
  reverseSort,
  setStates,
  setText,
  stateCounts,
  STATE_LABEL,
  STATE_SYMBOL,
  syncData,
  syncRows,
  viewChips,
  type ListedState,
  type SortColumn,
  type SyncRow,
} from '../../src/stores/sync/index.js';

const COLUMNS: readonly Column<SyncRow>[] = [
  { id: 'state', title: 'state', width: 12, cell: (r) => `${STATE_SYMBOL[r.state]} ${STATE_LABEL[r.state]}`, role: (r) => (r.state === 'missing' || r.state === 'duplicated' ? 'status.fail' : 'status.warn') },
  { id: 'defenderId', title: 'defender id', width: 11, cell: (r) => r.defenderId ?? '–' },
  { id: 'sentinel', title: 'sentinel #', width: 12, priority: 3, cell: (r) => r.sentinelNumbers },
  { id: 'duration', title: 'for', width: 8, align: 'right', priority: 2, cell: (r) => listDuration(r.durationMs) },
  { id: 'problem', title: 'problem', minWidth: 20, flex: 2, cell: (r) => r.problem },
  { id: 'title', title: 'title', minWidth: 12, flex: 1, priority: 2, cell: (r) => r.title },
];

const SORT_ALIASES: Record<string, SortColumn> = { state: 'state', duration: 'duration', for: 'duration', id: 'defenderId', defender: 'defenderId', title: 'title', sentinel: 'sentinel' };

const clock = (ms: number | undefined) => (ms === undefined ? '--:--:--' : new Date(ms).toISOString().slice(11, 19) + 'Z');

function SyncBody({ session, width, height, store }: ScreenProps & { session: Session }) {
  const theme = useTheme();
  const data = syncData(session);
  useScreenPolling(session.poller, 'sync');
  const snapshot = usePolledResource(data.store, (s) => s.data);
  const error = usePolledResource(data.store, (s) => s.error);
  const lastSuccess = usePolledResource(data.store, (s) => s.lastSuccess);
  const viewStore = useMemo(() => createSyncViewStore(), []);
  const cursor = useMemo(() => createListCursor(), []);
  const view = useStore(viewStore, (s) => s.view);
  const dialog = useStore(viewStore, (s) => s.dialog);
  const cursorState = useStore(cursor, (s) => s);

  const report = snapshot?.report;
  const allRows = useMemo(() => (report ? syncRows(report) : []), [report]);
  const rows = useMemo(() => applyView(allRows, view), [allRows, view]);
  // Key handlers run before React re-renders: they read the rows through this ref, refreshed per render.
  const live = useRef({ rows, allRows });
  live.current = { rows, allRows };

  const headerRows = 2; // status line + filter bar
  const listHeight = Math.max(2, height - SUMMARY_ROWS - headerRows - 1);
  const ids = useMemo(() => rows.map((r) => r.id), [rows]);
  // Stable per row list / marks, so the memoised Table skips renders that change nothing it draws.
  const rowAt = useCallback((i: number) => rows[i]!, [rows]);
  const idAt = useCallback((i: number) => rows[i]!.id, [rows]);
  const marked = cursorState.marked;
  const isMarked = useCallback((id: string) => marked.has(id), [marked]);
  const index = selectedIndex(cursorState, ids);
  const notify = store.getState().actions.notify;

  const currentRow = (): SyncRow | undefined => {
    const { rows: now } = live.current;
    const i = selectedIndex(cursor.getState(), now.map((r) => r.id));
    return i >= 0 ? now[i] : undefined;
  };
  const moveBy = (motion: Motion) =>
    cursor.getState().actions.move(live.current.rows.map((r) => r.id), motion, listHeight - 1);

  const startAlign = (): void => {
    const snap = data.store.getState().data;
    if (!snap) return notify('nothing to align yet: the incidents are still loading', 'error');
    const marked = [...cursor.getState().marked].filter((id) => id.startsWith('d:')).map((id) => id.slice(2));
    const target = marked.length ? marked : currentRow()?.defenderId ? [currentRow()!.defenderId!] : [];
    const plan = planAlignment(snap.report, target);
    if (plan.entries.length === 0) return notify('align works on drifted incidents: select or mark one (state ≠ drifted here)', 'error');
    if (!session.writeEnabled) return notify('read-only: start with --write, or type :write, to align Sentinel status', 'error');
    if (plan.puts.length === 0) return notify(`nothing to write: ${plan.skipped.map((s) => `${s.defenderId} ${s.reason}`).join('; ')}`, 'error');
    viewStore.getState().actions.open({ kind: 'confirmAlign', defenderIds: plan.entries.map((e) => e.defenderId) });
  };

  const runAlign = async (defenderIds: string[]): Promise<void> => {
    const snap = data.store.getState().data;
    if (!snap) return;
    const plan = planAlignment(snap.report, defenderIds);
    viewStore.getState().actions.open({ kind: 'aligning', count: plan.puts.length });
    const outcomes = await applyAlignment(session.api.arm, plan, { log: openAuditLog(), who: auditWho(session.profile), profile: session.profile.name, tenant: session.profile.tenantId });
    viewStore.getState().actions.open({ kind: 'outcome', outcomes });
    cursor.getState().actions.clearMarks();
    void data.refresh();
  };

  // The `/` search is typed here rather than in a separately mounted prompt: "/1234⏎" often arrives as
  // one input chunk, before React has rendered anything, so the dialog state is read from the store.
  useKeypress(
    (e) => {
      if (viewStore.getState().dialog.kind !== 'search') return false;
      const { setView, close } = viewStore.getState().actions;
      const text = viewStore.getState().view.text;
      if (e.spec === 'escape') {
        setView((v) => setText(v, ''));
        close();
      } else if (e.spec === 'enter') close();
      else if (e.spec === 'backspace' || e.spec === 'delete') {
        if (text === '') close();
        else setView((v) => setText(v, text.slice(0, -1)));
      } else if (e.spec === 'ctrl+u') setView((v) => setText(v, ''));
      else if (e.char) setView((v) => setText(v, text + e.char));
      return true;
    },
    { priority: PRIORITY.prompt },
  );

  const dialogOpen = () => viewStore.getState().dialog.kind !== 'none';

  useCommands(
    {
      ...listMotionCommands(moveBy),
      'list.open': () => {
        const row = currentRow();
        if (row) viewStore.getState().actions.open({ kind: 'detail', rowId: row.id });
      },
      'app.refresh': () => {
        void data.refresh();
        notify('refreshing incident sync…');
      },
      'sync.filterState': () => viewStore.getState().actions.open({ kind: 'statePicker' }),
      'sync.search': () => viewStore.getState().actions.open({ kind: 'search' }),
      'sync.clearFilter': () => {
        if (viewStore.getState().view.order.length === 0) return store.getState().actions.clearNotice();
        viewStore.getState().actions.setView(clearLastFilter);
      },
      'sync.sort': () => viewStore.getState().actions.setView(nextSortColumn),
      'sync.sortReverse': () => viewStore.getState().actions.setView(reverseSort),
      'sync.mark': () => {
        const row = currentRow();
        if (row) cursor.getState().actions.toggleMark(row.id);
        moveBy({ kind: 'by', delta: 1 });
      },
      'sync.align': startAlign,
    },
    !dialogOpen(),
  );

  useColonCommands({
    filter: (args) => {
      const text = args.join(',');
      if (text === '' || text === 'clear') return viewStore.getState().actions.setView(clearFilters);
      const parsed = parseSyncStates(text);
      if ('error' in parsed) return notify(parsed.error, 'error');
      const states = parsed.states.filter((s): s is ListedState => s !== 'inSync');
      viewStore.getState().actions.setView((v) => setStates(v, states));
    },
    sort: (args) => {
      const column = SORT_ALIASES[(args[0] ?? '').toLowerCase()];
      if (!column) return notify(`:sort needs one of ${Object.keys(SORT_ALIASES).join(', ')}`, 'error');
      const direction = (args[1] ?? 'asc').toLowerCase() === 'desc' ? 'desc' : 'asc';
      viewStore.getState().actions.setView((v) => ({ ...v, sort: { column, direction } }));
    },
    write: () => {
      if (session.writeEnabled) return notify('writes are already on for this run');
      viewStore.getState().actions.open({ kind: 'confirmWrite' });
    },
    align: () => startAlign(),
  });

  const close = () => viewStore.getState().actions.close();

  if (dialog.kind === 'statePicker') {
    const counts = stateCounts(allRows, view);
    return (
      <Picker
        title="Show sync states"
        width={width}
        height={height}
        initial={view.states}
        options={LISTED_STATES.map((s) => ({ key: s, label: `${STATE_SYMBOL[s]} ${STATE_LABEL[s]}`, count: counts[s] }))}
        onApply={(keys) => {
          viewStore.getState().actions.setView((v) => setStates(v, keys as ListedState[]));
          close();
        }}
        onCancel={close}
      />
    );
  }
  if (dialog.kind === 'detail') {
    const row = allRows.find((r) => r.id === dialog.rowId);
    if (row) return <DetailPane title={`Incident sync — ${STATE_LABEL[row.state]} — Defender ${row.defenderId ?? '–'}`} lines={detailLines(row, width)} onClose={close} width={width} height={height} />;
  }
  if (dialog.kind === 'confirmWrite') {
    return (
      <ConfirmDialog
        title="Allow writes for the rest of this run"
        lines={['Changes to the tenant will be allowed (each one is still planned and confirmed).', `Profile ${session.profile.name}, tenant ${session.profile.tenantId}.`]}
        confirmWord="write"
        width={width}
        height={height}
        onCancel={close}
        onConfirm={() => {
          session.enableWrites();
          store.getState().actions.setMode({ write: true });
          notify('writes allowed for this run');
          close();
        }}
      />
    );
  }
  if (dialog.kind === 'confirmAlign' && snapshot) {
    const plan = planAlignment(snapshot.report, dialog.defenderIds);
    return (
      <ConfirmDialog
        title={`Align Sentinel status with Defender: ${plan.puts.length} PUT${plan.puts.length === 1 ? '' : 's'}`}
        lines={describePlan(plan)}
        confirmWord={String(plan.puts.length)}
        width={width}
        height={height}
        onCancel={close}
        onConfirm={() => void runAlign(dialog.defenderIds)}
      />
    );
  }
  if (dialog.kind === 'aligning' || dialog.kind === 'outcome') {
    const lines =
      dialog.kind === 'aligning'
        ? [`Sending ${dialog.count} PUT request(s) to Sentinel…`]
        : dialog.outcomes.map((o) => `${o.outcome === 'done' ? '✓ done  ' : '✗ failed'} Defender ${o.defenderId} → Sentinel ${o.sentinelName}: ${o.message}`);
    return <DetailPane title="Align Sentinel status — outcome (recorded in the audit log)" lines={lines.map((value) => ({ value }))} onClose={close} width={width} height={height} />;
  }

  const readLine = snapshot
    ? `Defender read ${clock(snapshot.defenderReadAt)} · Sentinel read ${clock(snapshot.sentinelReadAt)} (${snapshot.lastRead.kind}: ${snapshot.lastRead.defender}+${snapshot.lastRead.sentinel} incidents) · window from ${snapshot.report.windowStart.slice(0, 16)}Z`
    : 'reading Defender and Sentinel incidents…';
  const sortLabel = `sort ${view.sort.column}${view.sort.direction === 'asc' ? '↑' : '↓'} · ${rows.length}/${allRows.length} not in sync`;

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate-end">
        <Text bold>Sentinel incident sync </Text>
        {/* No spinner around each poll: it would rewrite this line twice a minute on an idle screen; the
            header shows the refresh time, `r` says "refreshing…", and the first read says so here. */}
        <Text color={theme.color('text.dim')}>{readLine}</Text>
      </Text>
      {report ? <SyncSummary report={report} width={width} /> : <Box height={SUMMARY_ROWS} />}
      {error ? (
        <Text wrap="truncate-end" color={theme.color('status.fail')}>
          ✗ refresh failed: {error.message /* an ApiError's one line names a missing permission (403) */}
          {lastSuccess ? ` — showing data from ${formatDuration(Date.now() - lastSuccess)} ago` : ''}
        </Text>
      ) : snapshot?.rulesWarning ? (
        <Text wrap="truncate-end" color={theme.color('status.warn')}>
          ! {snapshot.rulesWarning} — rule-made duplicates recognised by product names only
        </Text>
      ) : (
        <Text> </Text>
      )}
      {dialog.kind === 'search' ? (
        <Text wrap="truncate-start">
          <Text bold color={theme.color('text.accent')}>/</Text>
          {view.text}
          <Text inverse> </Text>
          <Text color={theme.color('text.dim')}>  Enter keeps · Esc clears</Text>
        </Text>
      ) : (
        <FilterBar chips={viewChips(view)} extra={`  ${sortLabel}`} />
      )}
      <Table
        columns={COLUMNS}
        rowCount={rows.length}
        rowAt={rowAt}
        idAt={idAt}
        selectedIndex={index}
        scrollTop={Math.min(cursorState.scrollTop, Math.max(0, rows.length - (listHeight - 1)))}
        height={listHeight}
        width={width}
        isMarked={isMarked}
        sort={view.sort}
        emptyText={!report ? 'loading…' : allRows.length === 0 ? '✓ every Defender incident in the window is in sync' : 'no incident matches the filters (Esc clears the last one)'}
      />
    </Box>
  );
}


export const screen: ScreenDefinition = sessionScreen('Sentinel incident sync', SyncBody);
