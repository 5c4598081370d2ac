/**
 * Rows of the Streaming screen's table, and their sort. Pure; `sortedStreamRows` remembers its last
 * answer so the screen's render and its key handlers (which run before React re-renders) share one
 * sorted list per (view, sort) instead of sorting on every render or key.
 */
import type { StreamView } from './composeStreamView.js';

export type StreamSortColumn = 'table' | 'via' | 'rate' | 'mbs' | 'perday' | 'share' | 'age' | 'gap';
export const SORT_COLUMNS: readonly StreamSortColumn[] = ['table', 'via', 'rate', 'mbs', 'perday', 'share', 'age', 'gap'];

export interface StreamSort {
  column: StreamSortColumn;
  direction: 'asc' | 'desc';
}

/** Busiest first: the "sorted by rate" (bytes, comparable across hub and Sentinel rows). */
export const DEFAULT_SORT: StreamSort = { column: 'mbs', direction: 'desc' };

export interface StreamRow {
  id: string;
  table: string;
  /** Where the rate comes from: the table's own Event Hub, or Sentinel (Log Analytics) only. */
  via: 'hub' | 'LA';
  hub: string;
  /** ISO start of the minute the rate is for. */
  minute: string | null;
  eventsPerSec: number | null;
  bytesPerSec: number | null;
  lastHour: (number | null)[];
  /** Records in Sentinel over the last 24 h. */
  perDay: number | null;
  share: number | null;
  ageMs: number | null;
  gap: { minutes: number; stoppedAt: string } | null;
}

export function streamRows(view: StreamView): StreamRow[] {
  const gaps = new Map(view.report.gaps.map((g) => [g.table, g]));
  return view.report.rates.tables.map((t) => {
    const gap = gaps.get(t.table);
    return {
      id: t.table,
      table: t.table,
      via: t.hub ? 'hub' : 'LA',
      hub: t.hub,
      minute: t.latest?.minute ?? null,
      eventsPerSec: t.latest?.eventsPerSec ?? null,
      bytesPerSec: t.latest?.bytesPerSec ?? null,
      lastHour: t.lastHour.map((p) => p.events),
      perDay: view.sentinel.get(t.table.toLowerCase())?.eventsLast24h ?? null,
      share: t.shareOfBytes,
      ageMs: t.newestEventAgeMs,
      gap: gap ? { minutes: gap.minutes, stoppedAt: gap.stoppedAt } : null,
    };
  });
}

const key = (r: StreamRow, c: StreamSortColumn): number | string | null => {
  switch (c) {
    case 'table':
      return r.table.toLowerCase();
    case 'via':
      return r.via;
    case 'rate':
      return r.eventsPerSec;
    case 'mbs':
      return r.bytesPerSec;
    case 'perday':
      return r.perDay;
    case 'share':
      return r.share;
    case 'age':
      return r.ageMs;
    case 'gap':
      return r.gap?.minutes ?? null;
  }
};

/** Unknown values sort last in both directions; ties by table name. */
export function sortStreamRows(rows: readonly StreamRow[], sort: StreamSort): StreamRow[] {
  const dir = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = key(a, sort.column);
    const y = key(b, sort.column);
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    if (x !== null && y !== null && x !== y) return (x < y ? -1 : 1) * dir;
    return a.table.localeCompare(b.table);
  });
}

let last: { view: StreamView; sort: StreamSort; rows: StreamRow[] } | null = null;

export function sortedStreamRows(view: StreamView | null, sort: StreamSort): StreamRow[] {
  if (!view) return [];
  if (last && last.view === view && last.sort.column === sort.column && last.sort.direction === sort.direction) return last.rows;
  const rows = sortStreamRows(streamRows(view), sort);
  last = { view, sort, rows };
  return rows;
}

export function nextSort(sort: StreamSort): StreamSort {
  const i = SORT_COLUMNS.indexOf(sort.column);
  const column = SORT_COLUMNS[(i + 1) % SORT_COLUMNS.length]!;
  // Names read best A→Z; figures busiest first.
  return { column, direction: column === 'table' || column === 'via' ? 'asc' : 'desc' };
}

/** `:sort COLUMN [asc|desc]`: the new sort, or a one-line error. */
export function parseSortArgs(args: readonly string[], current: StreamSort): StreamSort | string {
  const [col, dir] = args.map((a) => a.toLowerCase());
  if (!col) return `:sort needs a column: ${SORT_COLUMNS.join(', ')}`;
  const column = SORT_COLUMNS.find((c) => c === col || c.startsWith(col));
  if (!column) return `:sort: unknown column "${args[0]}" (columns: ${SORT_COLUMNS.join(', ')})`;
  if (dir !== undefined && dir !== 'asc' && dir !== 'desc') return `:sort: direction must be asc or desc (got "${args[1]}")`;
  const direction = dir ?? (column === current.column ? (current.direction === 'asc' ? 'desc' : 'asc') : column === 'table' || column === 'via' ? 'asc' : 'desc');
  return { column, direction };
}
