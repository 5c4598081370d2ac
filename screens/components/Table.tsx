/**
 * The one table widget. Renders only the rows that are visible (Ink's frame cost grows with the
 * rows drawn, not with the data: tui-notes §6.1), one <Text> per row, the selected row in inverse
 * video (visible without colour), marked rows with a "●" in the gutter.
 */
import { Box, Text } from 'ink';
import { memo } from 'react';
import { useTheme, type Role } from '../theme.js';
import { layoutColumns, type ColumnSpec } from './tableLayout.js';
import { fit } from './text.js';

export interface Column<R> extends ColumnSpec {
  title: string;
  align?: 'left' | 'right';
  cell(row: R): string;
  /** Colour role of the cell (a status cell, an expired date); the text still says it. */
  role?(row: R): Role | undefined;
}

export interface TableProps<R> {
  columns: readonly Column<R>[];
  rowCount: number;
  rowAt(index: number): R;
  idAt(index: number): string;
  selectedIndex: number;
  scrollTop: number;
  /** Total height including the header line. */
  height: number;
  width: number;
  isMarked?(id: string): boolean;
  sort?: { column: string; direction: 'asc' | 'desc' };
  /** Shown when there are no rows. */
  emptyText?: string;
}

const GUTTER = 2;

function TableImpl<R>(props: TableProps<R>) {
  const theme = useTheme();
  const { columns, rowCount, rowAt, idAt, selectedIndex, scrollTop, height, width, isMarked, sort } = props;
  const widths = layoutColumns(columns, width, GUTTER);
  const shown = columns.filter((c) => widths.has(c.id));
  const visible = Math.max(0, height - 1);
  const end = Math.min(rowCount, scrollTop + visible);

  const header = shown
    .map((c) => {
      const arrow = sort?.column === c.id ? (sort.direction === 'asc' ? '↑' : '↓') : '';
      return fit(c.title.toUpperCase() + arrow, widths.get(c.id) ?? 0, c.align);
    })
    .join(' ');

  const rows = [];
  for (let i = scrollTop; i < end; i++) {
    const row = rowAt(i);
    const id = idAt(i);
    const selected = i === selectedIndex;
    const marked = isMarked?.(id) ?? false;
    rows.push(
      <Text key={id} inverse={selected} wrap="truncate-end">
        <Text color={theme.color('text.accent')}>{marked ? '● ' : '  '}</Text>
        {shown.map((c, ci) => {
          const text = fit(c.cell(row), widths.get(c.id) ?? 0, c.align) + (ci < shown.length - 1 ? ' ' : '');
          const role = c.role?.(row);
          return role ? (
            <Text key={c.id} color={theme.color(role)}>
              {text}
            </Text>
          ) : (
            text
          );
        })}
      </Text>,
    );
  }

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end" color={theme.color('text.dim')}>
        {'  '}
        {header}
      </Text>
      {rowCount === 0 ? (
        <Text color={theme.color('text.dim')} wrap="truncate-end">
          {'  '}
          {props.emptyText ?? 'nothing to show'}
        </Text>
      ) : (
        rows
      )}
    </Box>
  );
}

export const Table = memo(TableImpl) as typeof TableImpl;
