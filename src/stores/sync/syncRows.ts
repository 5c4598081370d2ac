/**
 * The Sync screen's list: every Defender incident that is not in sync plus the orphaned Sentinel copies,
 * as flat rows, filtered by state and text and sorted — pure functions, memoised by the screen per
 * (report, view) so a render never re-scans the report.
 */
import { formatDuration, SYNC_STATES_WORST_FIRST, type SyncEntry, type SyncReport, type SyncStateName } from '../../domain/sync/index.js';

export type ListedState = Exclude<SyncStateName, 'inSync'>;
export const LISTED_STATES: readonly ListedState[] = ['duplicated', 'missing', 'drifted', 'orphaned', 'pending'];

export const STATE_LABEL: Record<SyncStateName, string> = {
  inSync: 'in sync',
  pending: 'pending',
  missing: 'missing',
  drifted: 'drifted',
  duplicated: 'duplicated',
  orphaned: 'orphaned',
};

/** Symbol + word for each state (status is never colour alone). */
export const STATE_SYMBOL: Record<SyncStateName, string> = {
  inSync: '✓',
  pending: '…',
  missing: '✗',
  drifted: '≠',
  duplicated: '⧉',
  orphaned: '?',
};

export interface SyncRow {
  /** Stable row id: "d:<Defender id>" or "s:<Sentinel name>" (orphans). */
  id: string;
  state: ListedState;
  defenderId: string | null;
  /** Sentinel's own incidentNumber(s), display only. */
  sentinelNumbers: string;
  title: string;
  /** What is wrong, one short phrase. */
  problem: string;
  /** How long the problem has lasted (ms): drift since divergence, age of pending/missing, time since the copy. */
  durationMs: number;
  entry: SyncEntry;
}

export type SortColumn = 'state' | 'defenderId' | 'title' | 'duration' | 'sentinel';
export const SORT_COLUMNS: readonly SortColumn[] = ['state', 'duration', 'defenderId', 'title', 'sentinel'];

export interface SyncView {
  states: readonly ListedState[];
  text: string;
  /** Order the filters were set in: Esc clears the last one. */
  order: readonly ('states' | 'text')[];
  sort: { column: SortColumn; direction: 'asc' | 'desc' };
}

export const DEFAULT_VIEW: SyncView = { states: [], text: '', order: [], sort: { column: 'state', direction: 'asc' } };

function rowOf(e: SyncEntry, now: number): SyncRow {
  if (e.state === 'orphaned') {
    const p = e.sentinel.incident.properties;
    return {
      id: `s:${e.sentinel.name}`,
      state: 'orphaned',
      defenderId: e.providerIncidentId,
      sentinelNumbers: `#${e.sentinel.number}`,
      title: p.title ?? '',
      problem: `Defender ${e.providerIncidentId ?? '(none)'} not found`,
      durationMs: Math.max(0, now - Date.parse(p.createdTimeUtc)),
      entry: e,
    };
  }
  const base = { id: `d:${e.defenderId}`, defenderId: e.defenderId as string, title: e.defender.displayName ?? '', entry: e };
  switch (e.state) {
    case 'pending':
      return { ...base, state: 'pending', sentinelNumbers: '–', problem: `not in Sentinel yet, due ${e.dueAt.slice(11, 16)}Z`, durationMs: e.ageMs };
    case 'missing':
      return { ...base, state: 'missing', sentinelNumbers: '–', problem: `not in Sentinel, overdue ${formatDuration(e.overdueMs)}`, durationMs: e.ageMs };
    case 'drifted':
      return {
        ...base,
        state: 'drifted',
        sentinelNumbers: `#${e.sentinel.number}`,
        problem: e.differences.map((d) => `${d.field} ${d.defender ?? '–'}≠${d.sentinel ?? '–'}`).join(', ') + (e.withinTolerance ? ' (within tolerance)' : ''),
        durationMs: e.driftMs,
      };
    case 'duplicated': {
      const all = [...e.copies, ...e.ruleIncidents];
      return {
        ...base,
        state: 'duplicated',
        sentinelNumbers: all.map((s) => `#${s.number}`).join(','),
        problem: `${all.length} Sentinel incidents (${e.reason === 'multipleCopies' ? 'several copies' : e.reason === 'incidentCreationRule' ? 'incident-creation rule' : 'copies + rule'})`,
        durationMs: Math.max(0, now - Date.parse(e.defender.createdDateTime)),
      };
    }
    case 'inSync':
      throw new Error('internal: in-sync entries are not listed');
  }
}

/** All listed rows of a report, worst state first (the report's own order within a state). */
export function syncRows(report: SyncReport): SyncRow[] {
  const now = Date.parse(report.generatedAt);
  const rows: SyncRow[] = [];
  for (const e of report.entries) if (e.state !== 'inSync') rows.push(rowOf(e, now));
  for (const o of report.orphaned) rows.push(rowOf(o, now));
  return rows;
}

const stateRank = new Map(SYNC_STATES_WORST_FIRST.map((s, i) => [s, i]));

function compare(a: SyncRow, b: SyncRow, column: SortColumn): number {
  switch (column) {
    case 'state':
      return (stateRank.get(a.state) ?? 9) - (stateRank.get(b.state) ?? 9) || b.durationMs - a.durationMs;
    case 'duration':
      return a.durationMs - b.durationMs;
    case 'defenderId': {
      // Defender ids are numeric strings: compare as numbers when both are.
      const x = Number(a.defenderId);
      const y = Number(b.defenderId);
      return Number.isFinite(x) && Number.isFinite(y) ? x - y : (a.defenderId ?? '').localeCompare(b.defenderId ?? '');
    }
    case 'title':
      return a.title.localeCompare(b.title);
    case 'sentinel':
      return a.sentinelNumbers.localeCompare(b.sentinelNumbers, undefined, { numeric: true });
  }
}

export function applyView(rows: readonly SyncRow[], view: SyncView): SyncRow[] {
  const states = view.states.length ? new Set(view.states) : null;
  const text = view.text.trim().toLowerCase();
  const out = rows.filter(
    (r) => (!states || states.has(r.state)) && (!text || (r.defenderId ?? '').toLowerCase().includes(text) || r.title.toLowerCase().includes(text) || r.sentinelNumbers.includes(text)),
  );
  const dir = view.sort.direction === 'asc' ? 1 : -1;
  return out.sort((a, b) => dir * compare(a, b, view.sort.column) || a.id.localeCompare(b.id));
}

/** Counts per listed state among rows that pass the text filter (the picker's counts follow other filters). */
export function stateCounts(rows: readonly SyncRow[], view: SyncView): Record<ListedState, number> {
  const counts: Record<ListedState, number> = { duplicated: 0, missing: 0, drifted: 0, orphaned: 0, pending: 0 };
  const text = view.text.trim().toLowerCase();
  for (const r of rows) if (!text || (r.defenderId ?? '').toLowerCase().includes(text) || r.title.toLowerCase().includes(text)) counts[r.state]++;
  return counts;
}

/** Filter chips in the order they were set. */
export function viewChips(view: SyncView): string[] {
  return view.order.map((k) => (k === 'states' ? `state: ${view.states.map((s) => STATE_LABEL[s]).join('|')}` : `"${view.text}"`));
}

export function setStates(view: SyncView, states: readonly ListedState[]): SyncView {
  const order = view.order.filter((k) => k !== 'states');
  return { ...view, states, order: states.length ? [...order, 'states'] : order };
}

export function setText(view: SyncView, text: string): SyncView {
  const order = view.order.filter((k) => k !== 'text');
  return { ...view, text, order: text.trim() ? [...order, 'text'] : order };
}

/** Esc: remove the most recently set filter. */
export function clearLastFilter(view: SyncView): SyncView {
  const last = view.order[view.order.length - 1];
  if (last === 'states') return setStates(view, []);
  if (last === 'text') return setText(view, '');
  return view;
}

export function clearFilters(view: SyncView): SyncView {
  return { ...view, states: [], text: '', order: [] };
}

/** `s`: next sort column (ascending); `S`: reverse the direction. */
export function nextSortColumn(view: SyncView): SyncView {
  const i = SORT_COLUMNS.indexOf(view.sort.column);
  return { ...view, sort: { column: SORT_COLUMNS[(i + 1) % SORT_COLUMNS.length]!, direction: 'asc' } };
}

export function reverseSort(view: SyncView): SyncView {
  return { ...view, sort: { ...view.sort, direction: view.sort.direction === 'asc' ? 'desc' : 'asc' } };
}

/** `--state` / `:filter` values: comma-separated state names, case and separators ignored ("in-sync" = inSync). */
export function parseSyncStates(text: string): { states: SyncStateName[] } | { error: string } {
  const out: SyncStateName[] = [];
  for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const norm = raw.toLowerCase().replace(/[\s_-]/g, '');
    const hit = (Object.keys(STATE_LABEL) as SyncStateName[]).find((s) => s.toLowerCase() === norm);
    if (!hit) return { error: `unknown state "${raw}" — use ${(Object.keys(STATE_LABEL) as SyncStateName[]).join(', ')}` };
    if (!out.includes(hit)) out.push(hit);
  }
  return { states: out };
}
