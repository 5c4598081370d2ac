/**
 * Screen 2, Indicators: every custom indicator of the tenant with the quota strip, filter chips,
 * mark count and a table that renders only visible rows. All state lives in the area's stores
 * (src/stores/indicators): this file renders it and maps keys to the model's actions.
 */
import { Box, Text } from 'ink';
import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { useScreenPolling } from '../../hooks/usePolledResource.js';
import { ALL_DEVICES, CREATOR_CLASS_LABELS, CREATOR_CLASSES, describeChip, quota as quotaOf, SEVERITIES, type FacetName } from '../../src/domain/indicators/index.js';
import type { Session } from '../../src/session/index.js';
import { perSession } from '../../src/session/resources.js';
import type { AppStore } from '../../src/stores/appStore.js';
import { createIndicatorsModel, cursorPosition, indicatorsData, INDICATORS_SCREEN, type IndicatorsModel } from '../../src/stores/indicators/index.js';
import type { Motion } from '../../src/stores/listCursor.js';
import type { ScreenDefinition } from '../App.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { DetailPane, type DetailLine } from '../components/DetailPane.js';
import { FilterBar } from '../components/FilterBar.js';
import { Picker, type PickerOption } from '../components/Picker.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { Table } from '../components/Table.js';
import { TextPrompt } from '../components/TextPrompt.js';
import { PRIORITY, useColonCommands, useCommands, useKeypress } from '../input/InputRouter.js';
import { listMotionCommands } from '../input/listMotions.js';
import { sessionScreen } from '../session.js';
import { useTheme } from '../theme.js';
import { indicatorColumns } from './columns.js';
import { detailLines } from './detailLines.js';
import { parseExpiryInput } from './parseExpiryInput.js';

/** One model per session: filters, marks and the last run survive switching screens. */
export const indicatorsModel = perSession((session) => createIndicatorsModel(session, indicatorsData(session)));

const HEAD_ROWS = 3;

function age(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min` : `${Math.floor(s / 3600)} h`;
}

function QuotaStrip({ session, width }: { session: Session; width: number }) {
  const theme = useTheme();
  const data = indicatorsData(session);
  const index = useStore(data.indexStore, (s) => s.index);
  const progress = useStore(data.indexStore, (s) => s.loadProgress);
  const q = useMemo(() => (index ? quotaOf(index) : undefined), [index]);
  if (!q) {
    return <Text wrap="truncate-end">{progress ? `Loading indicators… ${progress.items.toLocaleString('en-US')} read${progress.waitingMs ? ` · waiting for API budget ${age(progress.waitingMs)}` : ''}` : 'Loading indicators…'}</Text>;
  }
  const shares = CREATOR_CLASSES.filter((c) => q.byClass[c].count > 0)
    .map((c) => `${CREATOR_CLASS_LABELS[c]} ${Math.round(q.byClass[c].share * 100)}%`)
    .join(' · ');
  const warn = q.level !== 'ok';
  return (
    <Text wrap="truncate-end">
      <Text bold color={warn ? theme.color(q.level === 'full' ? 'status.fail' : 'status.warn') : undefined}>
        {warn ? (q.level === 'full' ? '✗ FULL ' : '! WARN ') : ''}quota {q.used.toLocaleString('en-US')} / {q.limit.toLocaleString('en-US')} ({Math.round(q.ratio * 100)}%)
      </Text>
      <Text color={theme.color('text.dim')}> · {shares}{progress ? ` · reloading ${progress.items.toLocaleString('en-US')}…` : ''}</Text>
    </Text>
  );
}

function StatusLine({ session, model, width }: { session: Session; model: IndicatorsModel; width: number }) {
  const theme = useTheme();
  const data = indicatorsData(session);
  const error = useStore(data.indicators, (s) => s.error);
  const lastSuccess = useStore(data.indicators, (s) => s.lastSuccess);
  const snapError = useStore(data.indicators, (s) => s.data?.error);
  const dialog = useStore(model.view, (s) => s.dialog);
  if (dialog.kind === 'running') {
    const p = dialog.progress;
    return (
      <Box width={width}>
        <ProgressBar label={`sending ${p.failed ? `(${p.failed} failed) ` : ''}${p.waitingMs ? `waiting for API budget ${age(p.waitingMs)} ` : ''}· x cancels`} done={p.done} total={p.total} width={width} />
      </Box>
    );
  }
  if (error) {
    return (
      <Text wrap="truncate-end" color={theme.color('status.fail')}>
        ✗ refresh failed: {error.message}
        {lastSuccess ? ` — showing data from ${age(Date.now() - lastSuccess)} ago` : ''}
      </Text>
    );
  }
  if (snapError) return <Text wrap="truncate-end" color={theme.color('status.warn')}>! list incomplete: {snapError}</Text>;
  if (!session.writeEnabled) return <Text wrap="truncate-end" color={theme.color('text.dim')}>read-only: bulk writes are refused — start with --write or use :write</Text>;
  return <Text> </Text>;
}

function pickerOptions(model: IndicatorsModel, facet: FacetName): PickerOption[] {
  const d = model.view.getState().dialog;
  if (d.kind !== 'picker') return [];
  return d.options.map((o) => ({ key: o.key, label: o.parent ? `  ${o.label}` : o.label, count: o.count }));
}

const BULK_MENU: PickerOption[] = [
  { key: 'setAction', label: 'Change action…' },
  { key: 'setExpiry', label: 'Set expiry…' },
  { key: 'extendExpiry', label: 'Extend expiry by N days…' },
  { key: 'setScope', label: 'Change scope (device groups)…' },
  { key: 'setSeverity', label: 'Change severity…' },
  { key: 'setTitle', label: 'Change title…' },
  { key: 'delete', label: 'Delete (backup first)' },
  { key: 'export', label: 'Export to CSV (portal import format)…' },
];

function Body({ session, width, height, store }: { session: Session; width: number; height: number; store: AppStore }) {
  const model = indicatorsModel(session);
  const { view, cursor, actions } = model;
  useScreenPolling(session.poller, INDICATORS_SCREEN);
  const theme = useTheme();
  const index = useStore(view, (s) => s.index);
  const rows = useStore(view, (s) => s.rows);
  const chips = useStore(view, (s) => s.chips);
  const sort = useStore(view, (s) => s.sort);
  const dialog = useStore(view, (s) => s.dialog);
  const overrideMdca = useStore(view, (s) => s.overrideMdca);
  const notice = useStore(view, (s) => s.notice);
  const marked = useStore(cursor, (s) => s.marked);
  const selectedId = useStore(cursor, (s) => s.selectedId);
  const scrollTop = useStore(cursor, (s) => s.scrollTop);
  const devices = useStore(indicatorsData(session).indexStore, (s) => s.devices);
  const devicesKnown = useStore(indicatorsData(session).devices, (s) => (s.data?.postures.length ?? 0) > 0);
  const columns = useMemo(() => (index ? indicatorColumns(index) : []), [index]);

  // Results and refusals go to the footer's notice line.
  useEffect(() => {
    if (notice) store.getState().actions.notify(notice.text, notice.level);
  }, [notice, store]);

  const mainHeight = Math.max(1, height - HEAD_ROWS);
  const visibleRows = Math.max(1, mainHeight - 1);
  const busy = () => view.getState().dialog.kind === 'running';
  const idle = () => view.getState().dialog.kind === 'none' || view.getState().dialog.kind === 'outcomes';
  const when = (fn: () => void) => () => {
    if (idle()) fn();
  };
  const moveBy = (motion: Motion) => {
    if (idle()) actions.moveCursor(motion, visibleRows);
  };

  // The `/` search reads and writes the model directly (not a mounted prompt), so "/abc" arriving
  // as one input chunk lands entirely in the search text.
  useKeypress(
    (e) => {
      if (view.getState().dialog.kind !== 'search') return false;
      const chip = view.getState().chips.find((c) => c.kind === 'text');
      const text = chip?.kind === 'text' ? chip.text : '';
      if (e.spec === 'enter') actions.closeDialog();
      else if (e.spec === 'escape') {
        actions.setText('');
        actions.closeDialog();
      } else if (e.spec === 'backspace' || e.spec === 'delete') actions.setText(text.slice(0, -1));
      else if (e.spec === 'ctrl+u') actions.setText('');
      else if (e.char) actions.setText(text + e.char);
      return true;
    },
    { priority: PRIORITY.prompt },
  );
  useCommands({
    ...listMotionCommands(moveBy),
    'list.open': when(actions.openDetail),
    'app.refresh': () => {
      if (busy()) return;
      store.getState().actions.notify('reloading every indicator…');
      void indicatorsData(session).reloadNow();
    },
    'indicators.search': when(() => actions.openDialog({ kind: 'search' })),
    'indicators.pickCreator': when(() => actions.openPicker('creator')),
    'indicators.pickScope': when(() => actions.openPicker('scope')),
    'indicators.pickType': when(() => actions.openPicker('type')),
    'indicators.pickAction': when(() => actions.openPicker('action')),
    'indicators.pickExpiry': when(() => actions.openPicker('expiry')),
    'indicators.popFilter': () => {
      const d = view.getState().dialog;
      if (d.kind === 'outcomes') return actions.closeDialog();
      if (d.kind !== 'none') return;
      if (!actions.popFilter()) store.getState().actions.clearNotice();
    },
    'indicators.sortNext': when(actions.nextSort),
    'indicators.sortReverse': when(actions.reverseSort),
    'indicators.mark': when(actions.toggleMark),
    'indicators.markAll': when(actions.markAllFiltered),
    'indicators.clearMarks': when(actions.clearMarks),
    'indicators.bulk': when(actions.openBulkMenu),
    'indicators.cancel': () => {
      if (busy()) {
        actions.cancelRun();
        store.getState().actions.notify('cancelling after the current call…');
      }
    },
    'indicators.retry': when(actions.retryFailed),
  });
  useColonCommands({
    filter: (args) => {
      if (args[0] !== 'clear') return store.getState().actions.notify('usage: :filter clear', 'error');
      actions.clearFilters();
    },
    sort: (args) => {
      const err = actions.sortBy(args);
      if (err) store.getState().actions.notify(err, 'error');
    },
    write: () => {
      if (session.writeEnabled) return store.getState().actions.notify('writes are already enabled');
      actions.openDialog({ kind: 'writeConfirm' });
    },
  });

  const textChip = chips.find((c) => c.kind === 'text');
  // One typed-array search per render (native indexOf), not an id array per filter key.
  const selIndex = useMemo(() => cursorPosition({ rows, index }, selectedId), [rows, index, selectedId]);
  const extra = ` · ${marked.size} marked · ${rows.length.toLocaleString('en-US')}${index ? ` of ${index.size.toLocaleString('en-US')}` : ''} shown${overrideMdca ? ' · MDCA override ON' : ''}`;

  let main;
  switch (dialog.kind) {
    case 'picker':
      main = (
        <Picker
          key={dialog.facet}
          title={`Filter by ${dialog.facet}`}
          options={pickerOptions(model, dialog.facet)}
          initial={dialog.chosen}
          onApply={(keys) => actions.applyPicker(dialog.facet, keys)}
          onCancel={actions.closeDialog}
          width={width}
          height={mainHeight}
        />
      );
      break;
    case 'detail': {
      const row = index?.rowOfId.get(dialog.id);
      const lines: DetailLine[] = index && row !== undefined ? detailLines(index, row, devices, devicesKnown) : [{ value: 'this indicator is gone (deleted or refreshed away)' }];
      main = <DetailPane title={`Indicator ${dialog.id}`} lines={lines} onClose={actions.closeDialog} width={width} height={mainHeight} />;
      break;
    }
    case 'bulkMenu':
      main = (
        <Picker
          key={`bulk-${overrideMdca}`}
          title={`Bulk action on ${marked.size} marked`}
          options={[...BULK_MENU, { key: 'override', label: overrideMdca ? 'Defender for Cloud Apps indicators: INCLUDED (choose to skip them again)' : 'Defender for Cloud Apps indicators: skipped (choose to override)' }]}
          onApply={(keys) => actions.chooseBulk(keys[0] as Parameters<typeof actions.chooseBulk>[0])}
          onCancel={actions.closeDialog}
          width={width}
          height={mainHeight}
        />
      );
      break;
    case 'bulkPicker': {
      const options: PickerOption[] =
        dialog.step === 'setAction'
          ? ['Allowed', 'Audit', 'Warn', 'Block', 'BlockAndRemediate'].map((a) => ({ key: a, label: a }))
          : dialog.step === 'setSeverity'
            ? SEVERITIES.map((s) => ({ key: s, label: s }))
            : [{ key: ALL_DEVICES, label: 'All devices' }, ...(index?.groups ?? []).map((g) => ({ key: g, label: g }))];
      main = (
        <Picker
          key={dialog.step}
          title={dialog.step === 'setAction' ? 'New action' : dialog.step === 'setSeverity' ? 'New severity' : 'New scope (Space to choose several groups)'}
          options={options}
          onApply={(keys) => {
            if (dialog.step === 'setAction') actions.plan({ kind: 'setAction', to: keys[0] as 'Warn' });
            else if (dialog.step === 'setSeverity') actions.plan({ kind: 'setSeverity', to: keys[0] as 'High' });
            else actions.plan({ kind: 'setScope', groups: keys.includes(ALL_DEVICES) ? [] : keys });
          }}
          onCancel={actions.closeDialog}
          width={width}
          height={mainHeight}
        />
      );
      break;
    }
    case 'confirm':
      main = <ConfirmDialog title="Plan — nothing is sent until you confirm" lines={dialog.lines} confirmWord={dialog.word} onConfirm={() => void actions.run()} onCancel={actions.closeDialog} width={width} height={mainHeight} />;
      break;
    case 'writeConfirm':
      main = (
        <ConfirmDialog
          title="Enable writes for this session"
          lines={['Bulk actions will change the tenant. Every write still shows its plan and asks for its own confirmation,', 'and every write is appended to the local audit log.']}
          confirmWord="write"
          onConfirm={() => {
            actions.enableWrites();
            store.getState().actions.setMode({ write: true });
          }}
          onCancel={actions.closeDialog}
          width={width}
          height={mainHeight}
        />
      );
      break;
    case 'outcomes': {
      const lines: DetailLine[] = [
        { heading: true, value: dialog.summary },
        ...dialog.outcomes.map((o): DetailLine =>
          o.outcome === 'done'
            ? { label: '✓ done', value: o.value, role: 'status.ok' }
            : o.outcome === 'failed'
              ? { label: '✗ failed', value: `${o.value}: ${o.reason}`, role: 'status.fail' }
              : { label: '– skipped', value: `${o.value}: ${o.reason}`, role: 'text.dim' },
        ),
        { value: 'R retries the failed items only' },
      ];
      main = <DetailPane title="Outcome of the last bulk action" lines={lines} onClose={actions.closeDialog} width={width} height={mainHeight} />;
      break;
    }
    default:
      main = index ? (
        <Table
          columns={columns}
          rowCount={rows.length}
          rowAt={(i) => rows[i]!}
          idAt={(i) => index.indicators[rows[i]!]!.id}
          selectedIndex={selIndex}
          scrollTop={Math.min(scrollTop, Math.max(0, rows.length - visibleRows))}
          height={mainHeight}
          width={width}
          isMarked={(id) => marked.has(id)}
          sort={{ column: sort.column, direction: sort.direction }}
          emptyText={chips.length > 0 ? 'no indicator matches these filters (Esc clears the last one)' : 'no indicators'}
        />
      ) : (
        <Text color={theme.color('text.dim')}>waiting for the first page of indicators…</Text>
      );
  }

  let bottom = <StatusLine session={session} model={model} width={width} />;
  if (dialog.kind === 'search') {
    bottom = (
      <Text wrap="truncate-start">
        <Text bold color={theme.color('text.accent')}>/</Text>
        {textChip?.kind === 'text' ? textChip.text : ''}
        <Text inverse> </Text>
        <Text color={theme.color('text.dim')}>  Enter keeps · Esc clears</Text>
      </Text>
    );
  } else if (dialog.kind === 'bulkPrompt') {
    const label =
      dialog.step === 'setExpiry' ? 'expiry (YYYY-MM-DD, ISO time or never): ' : dialog.step === 'extendExpiry' ? 'extend by days: ' : dialog.step === 'setTitle' ? 'new title: ' : 'export marked to file: ';
    const initial = dialog.step === 'export' ? `indicators-export-${new Date().toISOString().slice(0, 10)}.csv` : '';
    bottom = (
      <TextPrompt
        label={label}
        initial={initial}
        onSubmit={(text) => {
          if (dialog.step === 'export') return actions.exportMarked(text.trim());
          if (dialog.step === 'setTitle') return actions.plan({ kind: 'setTitle', to: text });
          if (dialog.step === 'extendExpiry') {
            const days = Number(text.trim());
            if (!Number.isInteger(days) || days <= 0) return actions.notify(`extend by a whole number of days, got "${text}"`, 'error');
            return actions.plan({ kind: 'extendExpiry', days });
          }
          const at = parseExpiryInput(text);
          if (at === undefined) return actions.notify(`not a date: "${text}" (use YYYY-MM-DD, an ISO time, or never)`, 'error');
          actions.plan({ kind: 'setExpiry', at });
        }}
        onCancel={actions.closeDialog}
        width={width}
      />
    );
  }

  return (
    <Box flexDirection="column" width={width} height={height}>
      <QuotaStrip session={session} width={width} />
      <FilterBar chips={chips.map(describeChip)} extra={extra} />
      <Box height={mainHeight} flexDirection="column" overflow="hidden">
        {main}
      </Box>
      {bottom}
    </Box>
  );
}


export const screen: ScreenDefinition = sessionScreen('Indicators', Body);
