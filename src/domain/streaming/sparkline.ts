/**
 * Text sparklines for the Streaming screen and `stream` text output. No colour (the screen applies
 * semantic colours); a missing point is a blank, so "no data" never looks like "zero".
 */

/** Eight block heights; zero is the lowest bar, not a blank. */
const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/** For fonts or terminals without block glyphs (btop's "tty" graph idea, tui-notes §1.3). */
const ASCII = ['_', '.', '-', '~', '=', '+', '*', '#'];

export interface SparklineOptions {
  symbols?: 'blocks' | 'ascii';
  /** Scale bounds; default 0 … max of the values. */
  min?: number;
  max?: number;
}

/**
 * Render `values` (oldest first) into exactly `width` cells. More values than cells: consecutive values
 * share a cell and the cell shows their maximum (a spike is never averaged away; a cell is blank only
 * when all its values are missing). Fewer values than cells: right-aligned, padded with blanks.
 */
export function sparkline(values: readonly (number | null | undefined)[], width: number, opts: SparklineOptions = {}): string {
  const cells = Math.max(0, Math.floor(width));
  if (cells === 0) return '';
  const symbols = opts.symbols === 'ascii' ? ASCII : BLOCKS;

  let buckets: (number | null)[];
  if (values.length <= cells) {
    buckets = [...new Array<null>(cells - values.length).fill(null), ...values.map((v) => (v == null || Number.isNaN(v) ? null : v))];
  } else {
    buckets = [];
    for (let c = 0; c < cells; c++) {
      const from = Math.floor((c * values.length) / cells);
      const to = Math.floor(((c + 1) * values.length) / cells);
      let m: number | null = null;
      for (let i = from; i < to; i++) {
        const v = values[i];
        if (v != null && !Number.isNaN(v)) m = m === null ? v : Math.max(m, v);
      }
      buckets.push(m);
    }
  }

  const present = buckets.filter((v): v is number => v !== null);
  const min = opts.min ?? 0;
  const max = opts.max ?? (present.length ? Math.max(...present) : 0);
  const span = max - min;
  const top = symbols.length - 1;
  return buckets
    .map((v) => {
      if (v === null) return ' ';
      if (span <= 0) return symbols[0];
      const level = Math.round(((Math.min(Math.max(v, min), max) - min) / span) * top);
      return symbols[level];
    })
    .join('');
}
