/** Column widths for a terminal width: drop the least important columns first, then share the rest. */

export interface ColumnSpec {
  id: string;
  /** Fixed width in cells (not flexible). */
  width?: number;
  /** Smallest useful width of a flexible column. */
  minWidth?: number;
  /** Share of the spare width a flexible column takes. */
  flex?: number;
  /** 1 = always shown; larger numbers are dropped first when the terminal is narrow. */
  priority?: number;
}

const GAP = 1;

/** Widths per column id; columns that do not fit are absent. `gutter` cells are reserved at the left. */
export function layoutColumns(columns: readonly ColumnSpec[], width: number, gutter = 0): Map<string, number> {
  const base = (c: ColumnSpec) => c.width ?? c.minWidth ?? 8;
  let shown = [...columns];
  const need = (cols: ColumnSpec[]) => cols.reduce((sum, c) => sum + base(c), 0) + GAP * Math.max(0, cols.length - 1) + gutter;
  while (shown.length > 1 && need(shown) > width) {
    // Drop the column with the largest priority number (least important), the rightmost on ties.
    let drop = shown.length - 1;
    for (let i = shown.length - 1; i >= 0; i--) {
      if ((shown[i]?.priority ?? 1) > (shown[drop]?.priority ?? 1)) drop = i;
    }
    shown = shown.filter((_, i) => i !== drop);
  }
  const widths = new Map<string, number>();
  let spare = Math.max(0, width - need(shown));
  const flexTotal = shown.reduce((s, c) => s + (c.width === undefined ? (c.flex ?? 1) : 0), 0);
  for (const c of shown) {
    if (c.width !== undefined || flexTotal === 0) {
      widths.set(c.id, base(c));
    } else {
      widths.set(c.id, base(c) + Math.floor((spare * (c.flex ?? 1)) / flexTotal));
    }
  }
  // Rounding leftovers go to the last flexible column so rows fill the width exactly.
  const used = [...widths.values()].reduce((a, b) => a + b, 0) + GAP * Math.max(0, shown.length - 1) + gutter;
  const lastFlex = [...shown].reverse().find((c) => c.width === undefined);
  if (lastFlex && used < width) widths.set(lastFlex.id, (widths.get(lastFlex.id) ?? 0) + (width - used));
  spare = 0;
  return widths;
}
