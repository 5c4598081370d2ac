/** Number and time formats of the Streaming screen: fixed widths so a refresh never shifts the layout. */

export const MB = 1_048_576;

export const hhmm = (iso: string | null): string => (iso ? iso.slice(11, 16) : '–');

export function rate(x: number | null): string {
  if (x === null) return '–';
  if (x >= 1000) return `${(x / 1000).toFixed(1)}k`;
  return x >= 100 ? x.toFixed(0) : x.toFixed(1);
}

export function mbs(bytesPerSec: number | null): string {
  return bytesPerSec === null ? '–' : (bytesPerSec / MB).toFixed(3);
}

export function count(x: number | null): string {
  if (x === null) return '–';
  if (x >= 1e9) return `${(x / 1e9).toFixed(1)}G`;
  if (x >= 1e6) return `${(x / 1e6).toFixed(1)}M`;
  if (x >= 1e4) return `${(x / 1e3).toFixed(0)}k`;
  return String(Math.round(x));
}

export const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

export function age(ms: number | null): string {
  if (ms === null) return '–';
  const m = Math.floor(ms / 60_000);
  if (m < 1) return `${Math.floor(ms / 1000)}s`;
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h` : `${Math.floor(h / 24)}d`;
}

export function money(x: number | null, currency: string): string {
  return x === null ? '–' : `${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
}

export const gb = (x: number | null): string => (x === null ? '–' : x.toFixed(2));

/** A bar of `width` cells; over 100 % the bar is full and the text says by how much. */
export function bar(ratio: number | null, width: number): string {
  if (ratio === null) return '·'.repeat(width);
  const filled = Math.max(0, Math.min(width, Math.round(ratio * width)));
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}
