/**
 * Summary statistics for benchmark samples. Pure, no clock: the scenarios time, this summarises.
 *
 * Medians and quantiles use linear interpolation between order statistics (the "R-7" definition
 * used by numpy and spreadsheets), so small run counts give the figures a reader would compute.
 */

/** Sorted copy; NaN samples are dropped (a run that produced no figure is not a zero). */
function sortedFinite(samples: readonly number[]): number[] {
  return samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
}

/** q in [0, 1]; NaN for no samples. */
export function quantile(samples: readonly number[], q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be between 0 and 1, got ${q}`);
  const s = sortedFinite(samples);
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);

export interface Spread {
  /** "iqr" from 5 samples up; below that the quartiles say little, so min–max. */
  kind: 'iqr' | 'min-max';
  low: number;
  high: number;
}

export interface Summary {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  spread: Spread;
}

export function summarize(samples: readonly number[]): Summary {
  const s = sortedFinite(samples);
  const runs = s.length;
  const iqr = runs >= 5;
  return {
    runs,
    median: quantile(s, 0.5),
    p95: quantile(s, 0.95),
    min: runs ? s[0]! : Number.NaN,
    max: runs ? s[runs - 1]! : Number.NaN,
    spread: iqr ? { kind: 'iqr', low: quantile(s, 0.25), high: quantile(s, 0.75) } : { kind: 'min-max', low: runs ? s[0]! : Number.NaN, high: runs ? s[runs - 1]! : Number.NaN },
  };
}

/**
 * Subject/floor ratio from interleaved runs: the ratio of medians. Pairing run i of each side
 * would let one slow run on either side swing the figure; medians of each side resist that.
 */
export function ratioOfMedians(subject: readonly number[], floor: readonly number[]): number {
  const f = median(floor);
  const s = median(subject);
  return f > 0 ? s / f : Number.NaN;
}

/** CPU share of one core from /proc/<pid>/stat tick deltas over a wall-clock window. */
export function cpuShare(ticksBefore: number, ticksAfter: number, ticksPerSecond: number, wallMs: number): number {
  if (wallMs <= 0) return Number.NaN;
  return (ticksAfter - ticksBefore) / ticksPerSecond / (wallMs / 1000);
}

/** utime + stime (clock ticks) from the text of /proc/<pid>/stat; the command name may hold spaces and parentheses. */
export function cpuTicksFromProcStat(stat: string): number {
  const close = stat.lastIndexOf(')');
  if (close < 0) throw new Error('not a /proc/<pid>/stat line');
  // Fields after "pid (comm)": state is field 3, utime field 14, stime field 15 (proc(5)).
  const rest = stat.slice(close + 2).trim().split(/\s+/);
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error('no utime/stime in /proc/<pid>/stat');
  return utime + stime;
}

/** Resident set size in bytes from /proc/<pid>/status ("VmRSS:   123456 kB"). */
export function rssBytesFromProcStatus(status: string): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!m) throw new Error('no VmRSS in /proc/<pid>/status');
  return Number(m[1]) * 1024;
}
