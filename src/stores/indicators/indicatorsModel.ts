/**
 * The Indicators screen's view state and what its keys do: filter chips, sort, list cursor and
 * marks, the open dialog, a bulk run's progress and outcomes. A vanilla zustand store (no React):
 * key handlers call these actions synchronously, so several keys in one input chunk compose; the
 * screen only renders the state.
 *
 * Filtered + sorted rows are recomputed here when the index, the chips or the sort change — never
 * in render. A keystroke allocates at most the sorted result (none when nothing is filtered: the
 * result is then the index's cached column order): the filter writes into one reused buffer, a
 * sort-only change does not filter again, typing one more search character only re-tests the rows
 * that matched before, and row ids are read from the index for the rows drawn or the cursor's row
 * only (no 15,000-element id array per key).
 */
import { writeFileSync } from 'node:fs';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { auditWho, backupDir, openAuditLog, writeDeleteBackup, type AuditLog } from '../../audit/index.js';
import {
  applyOutcomes,
  clearFilters,
  expiryFilterForKey,
  facetCounts,
  filterRowsInto,
  formatIndicatorCsv,
  indicatorsAt,
  planBulkAction,
  popFilter,
  retryFailed,
  setFilterChip,
  sortRows,
  SORT_COLUMNS,
  type BulkAction,
  type CallOutcome,
  type FacetEntry,
  type FacetName,
  type FilterChip,
  type IndicatorIndex,
  type ItemOutcome,
  type Plan,
  type SortColumn,
  type SortSpec,
} from '../../domain/indicators/index.js';
import type { Session } from '../../session/session.js';
import { createListCursor, scrollFor, type ListCursorStore, type Motion } from '../listCursor.js';
import { executePlan, type RunProgress } from './executePlan.js';
import type { IndicatorsData } from './indicatorsData.js';
import { confirmWordFor, describeAction, planLines } from './planText.js';

export type BulkStep = 'setAction' | 'setExpiry' | 'extendExpiry' | 'setScope' | 'setSeverity' | 'setTitle' | 'delete' | 'export';

export type Dialog =
  | { kind: 'none' }
  | { kind: 'search' }
  | { kind: 'picker'; facet: FacetName; options: FacetEntry[]; chosen: string[] }
  | { kind: 'detail'; id: string }
  | { kind: 'bulkMenu' }
  | { kind: 'bulkPicker'; step: 'setAction' | 'setSeverity' | 'setScope' }
  | { kind: 'bulkPrompt'; step: 'setExpiry' | 'extendExpiry' | 'setTitle' | 'export' }
  | { kind: 'confirm'; plan: Plan; lines: string[]; word: string }
  | { kind: 'writeConfirm' }
  | { kind: 'running'; plan: Plan; progress: RunProgress }
  | { kind: 'outcomes'; plan: Plan; outcomes: ItemOutcome[]; summary: string };

export interface LastRun {
  plan: Plan;
  calls: CallOutcome[];
}

export interface IndicatorsViewState {
  chips: FilterChip[];
  sort: SortSpec;
  /** Filtered, sorted row positions in the current index. Read-only: it may be the index's cached order. */
  rows: Int32Array;
  index: IndicatorIndex | undefined;
  dialog: Dialog;
  /** Include indicators Defender for Cloud Apps owns in bulk edits/deletes (explicit override). */
  overrideMdca: boolean;
  lastRun: LastRun | undefined;
  /** One line for the status row (errors and results). */
  notice: { level: 'info' | 'error'; text: string } | undefined;
}

export interface IndicatorsModel {
  view: StoreApi<IndicatorsViewState>;
  cursor: StoreApi<ListCursorStore>;
  actions: {
    setText(text: string): void;
    /** j/k/g/G/PgUp/PgDn on the list: moves the cursor (kept by id) over the rows as they are now. */
    moveCursor(motion: Motion, height: number): void;
    openDialog(d: Dialog): void;
    closeDialog(): void;
    openPicker(facet: FacetName): void;
    applyPicker(facet: FacetName, keys: string[]): void;
    /** Esc with no dialog: drops the last chip; false when there was none. */
    popFilter(): boolean;
    clearFilters(): void;
    nextSort(): void;
    reverseSort(): void;
    /** `:sort COLUMN [asc|desc]`; returns an error line or undefined. */
    sortBy(args: string[]): string | undefined;
    toggleMark(): void;
    markAllFiltered(): void;
    clearMarks(): void;
    openDetail(): void;
    openBulkMenu(): void;
    chooseBulk(step: BulkStep | 'override'): void;
    /** Plans `action` on the marked rows and opens the confirmation (or the outcome when nothing would change). */
    plan(action: BulkAction): void;
    /** Confirmed: back up (deletes), send, collect outcomes. */
    run(): Promise<void>;
    cancelRun(): void;
    retryFailed(): void;
    exportMarked(path: string): void;
    enableWrites(): void;
    notify(text: string, level?: 'info' | 'error'): void;
  };
}

const DEFAULT_SORT: SortSpec = { column: 'lastUpdate', direction: 'desc' };

type RowsView = Pick<IndicatorsViewState, 'rows' | 'index'>;

/** Id of the i-th shown row. */
export function rowIdAt(state: RowsView, i: number): string | undefined {
  const r = state.rows[i];
  return r === undefined || !state.index ? undefined : state.index.indicators[r]?.id;
}

/** Ids of every shown row, in order (built on demand: bulk marking, tests). */
export function* rowIdsOf(state: RowsView): Generator<string> {
  for (let i = 0; i < state.rows.length; i++) yield state.index!.indicators[state.rows[i]!]!.id;
}

/** Position of the row with this id among the shown rows; -1 when filtered out or gone. */
export function positionOfId(state: RowsView, id: string | null): number {
  if (id === null || !state.index) return -1;
  const r = state.index.rowOfId.get(id);
  return r === undefined ? -1 : state.rows.indexOf(r);
}

/** Where the cursor is: -1 for an empty list, 0 when its row is gone (as listCursor.selectedIndex). */
export function cursorPosition(state: RowsView, selectedId: string | null): number {
  if (state.rows.length === 0) return -1;
  return Math.max(0, positionOfId(state, selectedId));
}

function sameExceptText(a: readonly FilterChip[], b: readonly FilterChip[]): boolean {
  const ra = a.filter((c) => c.kind !== 'text');
  const rb = b.filter((c) => c.kind !== 'text');
  return ra.length === rb.length && ra.every((c, i) => c === rb[i]);
}

function searchTextOf(chips: readonly FilterChip[]): string {
  const c = chips.find((x) => x.kind === 'text');
  return c?.kind === 'text' ? c.text.trim().toLowerCase() : '';
}

export function createIndicatorsModel(session: Session, data: IndicatorsData, opts: { audit?: AuditLog; now?: () => Date; backupDir?: string } = {}): IndicatorsModel {
  const now = opts.now ?? (() => new Date());
  const cursor = createListCursor();
  const view = createStore<IndicatorsViewState>()(() => ({
    chips: [],
    sort: DEFAULT_SORT,
    rows: new Int32Array(0),
    index: data.indexStore.getState().index,
    dialog: { kind: 'none' },
    overrideMdca: false,
    lastRun: undefined,
    notice: undefined,
  }));
  let controller: AbortController | undefined;

  // The filter result, kept between keys in one buffer per index: a sort change reuses it as is.
  let filtered: { index: IndicatorIndex; chips: readonly FilterChip[]; buf: Int32Array; count: number } | undefined;
  const filterFor = (index: IndicatorIndex, chips: readonly FilterChip[]): Int32Array => {
    const f = filtered;
    if (f && f.index === index && f.chips === chips) return f.buf.subarray(0, f.count);
    if (f && f.index === index) {
      // One more character of search text (other chips unchanged) can only narrow: re-test the
      // rows that matched before, in place.
      const before = searchTextOf(f.chips);
      const now = searchTextOf(chips);
      const narrows = before !== '' && now.includes(before) && sameExceptText(f.chips, chips);
      f.count = filterRowsInto(index, chips, f.buf, narrows ? f.buf.subarray(0, f.count) : undefined);
      f.chips = chips;
      return f.buf.subarray(0, f.count);
    }
    const buf = new Int32Array(index.size);
    filtered = { index, chips, buf, count: filterRowsInto(index, chips, buf) };
    return buf.subarray(0, filtered.count);
  };
  const recompute = (patch: Partial<IndicatorsViewState> = {}) => {
    const s = { ...view.getState(), ...patch };
    const index = s.index;
    if (!index) {
      filtered = undefined;
      return view.setState({ ...patch, rows: new Int32Array(0) });
    }
    view.setState({ ...patch, rows: sortRows(index, filterFor(index, s.chips), s.sort) });
  };
  recompute();
  data.indexStore.subscribe((s, prev) => {
    if (s.index !== prev.index) {
      recompute({ index: s.index });
      // Marks of indicators that no longer exist (deleted) are dropped; others survive a refresh.
      const ix = s.index;
      if (ix) cursor.getState().actions.retainMarks((id) => ix.rowOfId.has(id));
    }
  });

  const setChips = (chips: FilterChip[]) => recompute({ chips });
  const notify = (text: string, level: 'info' | 'error' = 'info') => view.setState({ notice: { level, text } });

  const markedIndicators = () => {
    const { index } = view.getState();
    if (!index) return [];
    const rows: number[] = [];
    for (const id of cursor.getState().marked) {
      const r = index.rowOfId.get(id);
      if (r !== undefined) rows.push(r);
    }
    return indicatorsAt(index, rows);
  };

  const selectedId = () => rowIdAt(view.getState(), cursorPosition(view.getState(), cursor.getState().selectedId));

  const showOutcomes = (plan: Plan, calls: CallOutcome[], extra?: string) => {
    const outcomes = applyOutcomes(plan, calls);
    const c = { done: 0, failed: 0, skipped: 0 };
    for (const o of outcomes) c[o.outcome]++;
    const summary = `${describeAction(plan.action)}: ${c.done} done · ${c.failed} failed · ${c.skipped} skipped${extra ? ` · ${extra}` : ''}`;
    view.setState({ dialog: { kind: 'outcomes', plan, outcomes, summary }, lastRun: { plan, calls }, notice: { level: c.failed > 0 ? 'error' : 'info', text: summary } });
  };

  const actions: IndicatorsModel['actions'] = {
    notify,
    setText: (text) => setChips(setFilterChip(view.getState().chips, { kind: 'text', text })),
    moveCursor(motion, height) {
      // listCursor.move's rules, over row positions: only the target row's id is looked up.
      const state = view.getState();
      const count = state.rows.length;
      const cur = cursor.getState();
      if (count === 0) return cursor.setState({ selectedId: null, scrollTop: 0 });
      const current = cursorPosition(state, cur.selectedId);
      const wanted =
        motion.kind === 'by' ? current + motion.delta : motion.kind === 'top' ? 0 : motion.kind === 'bottom' ? count - 1 : current + motion.direction * Math.max(1, height - 1);
      const next = Math.max(0, Math.min(count - 1, wanted));
      cursor.setState({ selectedId: rowIdAt(state, next) ?? null, scrollTop: scrollFor(next, cur.scrollTop, height, count) });
    },
    openDialog: (dialog) => view.setState({ dialog }),
    closeDialog: () => view.setState({ dialog: { kind: 'none' } }),
    openPicker(facet) {
      const { index, chips } = view.getState();
      if (!index) return notify('indicators are still loading', 'error');
      const current = chips.find((c) => c.kind === facet);
      const chosen = !current ? [] : current.kind === 'expiry' ? [] : 'values' in current ? [...current.values] : [];
      view.setState({ dialog: { kind: 'picker', facet, options: facetCounts(index, chips, facet), chosen } });
    },
    applyPicker(facet, keys) {
      const chips = view.getState().chips;
      let chip: FilterChip;
      if (facet === 'expiry') {
        const expiry = keys.length > 0 ? expiryFilterForKey(keys[keys.length - 1]!) : undefined;
        if (!expiry) {
          setChips(chips.filter((c) => c.kind !== 'expiry'));
          return view.setState({ dialog: { kind: 'none' } });
        }
        chip = { kind: 'expiry', expiry };
      } else chip = { kind: facet, values: keys };
      setChips(setFilterChip(chips, chip));
      view.setState({ dialog: { kind: 'none' } });
    },
    popFilter() {
      const chips = view.getState().chips;
      if (chips.length === 0) return false;
      setChips(popFilter(chips));
      return true;
    },
    clearFilters: () => setChips(clearFilters()),
    nextSort() {
      const { sort } = view.getState();
      const next = SORT_COLUMNS[(SORT_COLUMNS.indexOf(sort.column) + 1) % SORT_COLUMNS.length]!;
      recompute({ sort: { column: next, direction: 'asc' } });
    },
    reverseSort() {
      const { sort } = view.getState();
      recompute({ sort: { column: sort.column, direction: sort.direction === 'asc' ? 'desc' : 'asc' } });
    },
    sortBy(args) {
      const [col, dir] = args;
      const column = SORT_COLUMNS.find((c) => c.toLowerCase() === (col ?? '').toLowerCase());
      if (!column) return `usage: :sort COLUMN [asc|desc] — columns: ${SORT_COLUMNS.join(', ')}`;
      if (dir !== undefined && dir !== 'asc' && dir !== 'desc') return `sort direction must be asc or desc, got "${dir}"`;
      recompute({ sort: { column, direction: (dir as 'asc' | 'desc' | undefined) ?? 'asc' } });
      return undefined;
    },
    toggleMark() {
      const id = selectedId();
      if (id) cursor.getState().actions.toggleMark(id);
    },
    markAllFiltered: () => cursor.getState().actions.markAll(rowIdsOf(view.getState())),
    clearMarks: () => cursor.getState().actions.clearMarks(),
    openDetail() {
      const id = selectedId();
      if (id) view.setState({ dialog: { kind: 'detail', id } });
    },
    openBulkMenu() {
      if (cursor.getState().marked.size === 0) return notify('mark rows first: space marks one, v marks everything the filter shows', 'error');
      view.setState({ dialog: { kind: 'bulkMenu' } });
    },
    chooseBulk(step) {
      if (step === 'override') {
        view.setState({ overrideMdca: !view.getState().overrideMdca, dialog: { kind: 'bulkMenu' } });
        return;
      }
      if (step === 'delete') return actions.plan({ kind: 'delete' });
      if (step === 'setAction' || step === 'setSeverity' || step === 'setScope') return view.setState({ dialog: { kind: 'bulkPicker', step } });
      view.setState({ dialog: { kind: 'bulkPrompt', step } });
    },
    plan(action) {
      const selected = markedIndicators();
      if (selected.length === 0) return notify('no marked indicators', 'error');
      const plan = planBulkAction(selected, action, { rules: session.profile.creatorRules, now: now(), overrideMdcaOwnership: view.getState().overrideMdca });
      if (plan.calls.length === 0 && action.kind !== 'export') {
        showOutcomes(plan, [], 'nothing to change');
        return;
      }
      const lines = planLines(plan, { writeEnabled: session.writeEnabled, backupDir: opts.backupDir ?? backupDir() });
      view.setState({ dialog: { kind: 'confirm', plan, lines, word: confirmWordFor(plan) } });
    },
    async run() {
      const d = view.getState().dialog;
      if (d.kind !== 'confirm') return;
      const plan = d.plan;
      let backup: string | undefined;
      // Back up before the first delete. A read-only run is refused by the client, so nothing is deleted and no backup is needed.
      if (plan.counts.delete > 0 && session.writeEnabled) {
        try {
          backup = writeDeleteBackup(
            plan.items.filter((i) => i.kind === 'delete').map((i) => i.before),
            { now: now(), ...(opts.backupDir ? { dir: opts.backupDir } : {}) },
          );
        } catch (e) {
          view.setState({ dialog: { kind: 'none' } });
          return notify((e as Error).message, 'error');
        }
      }
      controller = new AbortController();
      view.setState({ dialog: { kind: 'running', plan, progress: { done: 0, total: plan.calls.length, failed: 0 } } });
      const result = await executePlan(session.api, plan, {
        signal: controller.signal,
        onProgress: (progress) => {
          const cur = view.getState().dialog;
          if (cur.kind === 'running') view.setState({ dialog: { ...cur, progress } });
        },
        audit: {
          log: opts.audit ?? openAuditLog(),
          who: auditWho(session.profile),
          profile: session.profile.name,
          tenant: session.profile.tenantId,
          action: `indicators.${plan.action.kind}`,
          ...(backup ? { backup } : {}),
        },
      });
      controller = undefined;
      if (result.status === 'refused') {
        // The API client refused the first write: nothing was sent.
        view.setState({ dialog: { kind: 'none' }, notice: { level: 'error', text: `nothing sent — ${result.message}` } });
        return;
      }
      const deleted = applyOutcomes(plan, result.outcomes).filter((o) => o.outcome === 'done' && plan.items.find((i) => i.id === o.id)?.kind === 'delete').map((o) => o.id);
      if (result.outcomes.length > 0) data.afterWrite([], deleted);
      showOutcomes(plan, result.outcomes, [result.status === 'cancelled' ? 'cancelled' : '', backup ? `backup ${backup}` : ''].filter(Boolean).join(' · ') || undefined);
    },
    cancelRun() {
      controller?.abort();
    },
    retryFailed() {
      const last = view.getState().lastRun;
      if (!last) return notify('nothing to retry', 'error');
      const again = retryFailed(last.plan, last.calls, now());
      if (again.items.length === 0) return notify('no failed items to retry');
      const lines = planLines(again, { writeEnabled: session.writeEnabled, backupDir: opts.backupDir ?? backupDir() });
      view.setState({ dialog: { kind: 'confirm', plan: again, lines: ['retry of the failed items only', ...lines], word: confirmWordFor(again) } });
    },
    exportMarked(path) {
      const selected = markedIndicators();
      try {
        writeFileSync(path, formatIndicatorCsv(selected), { mode: 0o600 });
        view.setState({ dialog: { kind: 'none' } });
        notify(`exported ${selected.length} indicators to ${path} (portal CSV import format)`);
      } catch (e) {
        view.setState({ dialog: { kind: 'none' } });
        notify(`export failed: ${(e as Error).message.split('\n')[0]}`, 'error');
      }
    },
    enableWrites() {
      session.enableWrites();
      view.setState({ dialog: { kind: 'none' } });
      notify('writes enabled for this session: every bulk write still shows its plan and asks for confirmation');
    },
  };
  return { view, cursor, actions };
}
