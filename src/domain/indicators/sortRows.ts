/**
 * Sorting rows of an IndicatorIndex by a column. The full order of each column is computed once
 * per index (the first time that column is sorted) and cached; sorting any row subset is then a
 * single O(n) pass over that order, with no comparator per keystroke.
 */
import { CREATOR_CLASSES } from './creatorClass.js';
import { formatScope } from './expiry.js';
import type { IndicatorIndex } from './indicatorIndex.js';
import { normaliseValue, SEVERITIES } from './indicatorValues.js';

export type SortColumn = 'value' | 'type' | 'action' | 'creator' | 'scope' | 'title' | 'expiry' | 'lastUpdate' | 'severity';
export type SortDirection = 'asc' | 'desc';

export interface SortSpec {
  column: SortColumn;
  direction: SortDirection;
}

export const SORT_COLUMNS: readonly SortColumn[] = ['value', 'type', 'action', 'creator', 'scope', 'title', 'expiry', 'lastUpdate', 'severity'];

function stringOrder(n: number, key: (r: number) => string): Int32Array {
  const keys = new Array<string>(n);
  for (let r = 0; r < n; r++) keys[r] = key(r);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  // Ties keep row order, so the sort is stable and deterministic.
  return order.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    return ka < kb ? -1 : ka > kb ? 1 : a - b;
  });
}

function numberOrder(n: number, key: (r: number) => number): Int32Array {
  const keys = new Float64Array(n);
  for (let r = 0; r < n; r++) keys[r] = key(r);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  return order.sort((a, b) => keys[a]! - keys[b]! || a - b);
}

/**
 * Ascending orders. Expiry: soonest first, "never" last. Last update: oldest first, missing
 * first. Severity: Informational < Low < Medium < High, missing first. Creator: by class (in
 * CREATOR_CLASSES order), then name.
 */
function orderFor(ix: IndicatorIndex, column: SortColumn): Int32Array {
  const inds = ix.indicators;
  const n = ix.size;
  switch (column) {
    case 'value':
      return stringOrder(n, (r) => normaliseValue(inds[r]!.indicatorType, inds[r]!.indicatorValue));
    case 'type':
      return stringOrder(n, (r) => inds[r]!.indicatorType.toLowerCase());
    case 'action':
      return stringOrder(n, (r) => inds[r]!.action.toLowerCase());
    case 'creator':
      return stringOrder(n, (r) => {
        const c = ix.creators[ix.creatorOf[r]!]!;
        return `${CREATOR_CLASSES.indexOf(c.class)}\u0000${c.name.toLowerCase()}`;
      });
    case 'scope':
      return stringOrder(n, (r) => formatScope(inds[r]!.rbacGroupNames).toLowerCase());
    case 'title':
      return stringOrder(n, (r) => inds[r]!.title.toLowerCase());
    case 'expiry':
      return numberOrder(n, (r) => (Number.isNaN(ix.expiresAt[r]!) ? Number.POSITIVE_INFINITY : ix.expiresAt[r]!));
    case 'lastUpdate':
      return numberOrder(n, (r) => (Number.isNaN(ix.lastUpdate[r]!) ? Number.NEGATIVE_INFINITY : ix.lastUpdate[r]!));
    case 'severity':
      return numberOrder(n, (r) => (SEVERITIES as readonly string[]).indexOf(inds[r]!.severity ?? ''));
  }
}

/** The given rows in column order. Descending is the exact reverse of ascending. */
export function sortRows(index: IndicatorIndex, rows: ArrayLike<number>, spec: SortSpec): Int32Array {
  let order = index.sortOrders.get(spec.column);
  if (!order) {
    order = orderFor(index, spec.column);
    index.sortOrders.set(spec.column, order);
  }
  const keep = new Uint8Array(index.size);
  for (let i = 0; i < rows.length; i++) keep[rows[i]!] = 1;
  const out = new Int32Array(rows.length);
  let k = 0;
  if (spec.direction === 'asc') {
    for (let i = 0; i < order.length; i++) if (keep[order[i]!] === 1) out[k++] = order[i]!;
  } else {
    for (let i = order.length - 1; i >= 0; i--) if (keep[order[i]!] === 1) out[k++] = order[i]!;
  }
  return out.subarray(0, k);
}
