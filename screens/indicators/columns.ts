/** The table's columns (widths adapt: least important dropped first on narrow terminals). */
import { creatorOfRow, duplicateStateOfRow, formatRelativeExpiry, formatScope, type IndicatorIndex } from '../../src/domain/indicators/index.js';
import type { Column } from '../components/Table.js';

export function indicatorColumns(index: IndicatorIndex): Column<number>[] {
  const now = new Date(index.nowMs);
  const ind = (r: number) => index.indicators[r]!;
  return [
    { id: 'value', title: 'value', minWidth: 18, flex: 3, priority: 1, cell: (r) => ind(r).indicatorValue },
    { id: 'type', title: 'type', width: 11, priority: 3, cell: (r) => ind(r).indicatorType },
    { id: 'action', title: 'action', width: 9, priority: 1, cell: (r) => ind(r).action },
    {
      id: 'creator',
      title: 'creator',
      minWidth: 14,
      flex: 2,
      priority: 2,
      cell: (r) => {
        const c = creatorOfRow(index, r);
        return c.class === 'mdca' ? c.name : `${c.class}: ${c.name}`;
      },
    },
    { id: 'scope', title: 'scope', minWidth: 11, flex: 1, priority: 2, cell: (r) => formatScope(ind(r).rbacGroupNames) },
    { id: 'title', title: 'title', minWidth: 12, flex: 2, priority: 4, cell: (r) => ind(r).title },
    {
      id: 'expiry',
      title: 'expiry',
      width: 15,
      priority: 2,
      cell: (r) => {
        const e = formatRelativeExpiry(ind(r).expirationTime, now, index.expiringSoonDays);
        return (e.marker === 'expired' ? '✗ ' : e.marker === 'soon' ? '! ' : '') + e.text;
      },
      role: (r) => {
        const b = index.expiryBucket[r];
        return b === 1 ? 'status.fail' : b === 2 ? 'status.warn' : undefined;
      },
    },
    { id: 'lastUpdate', title: 'updated', width: 10, priority: 5, cell: (r) => (ind(r).lastUpdateTime ?? '—').slice(0, 10) },
    {
      id: 'flags',
      title: 'dup',
      width: 5,
      priority: 3,
      cell: (r) => {
        const d = duplicateStateOfRow(index, r);
        return d.conflict ? '!conf' : d.duplicate ? '=dup' : '';
      },
      role: (r) => (duplicateStateOfRow(index, r).conflict ? 'status.warn' : undefined),
    },
  ];
}
