/**
 * One line of the results table and of bench/results.json. Scenario processes print each result
 * as `BENCH_RESULT <json>` on stdout; bench/run.mjs collects them, adds machine info, prints the
 * table and writes results.json.
 */
import type { Spread, Summary } from './stats.js';

export interface FloorFigure {
  /** What the subject is compared to, e.g. "minimal Ink app, same Node, same bundling". */
  what: string;
  runs: number;
  median: number;
  spread: Spread;
}

export interface BenchResult {
  scenario: string;
  /** What was measured, e.g. "first complete frame". */
  figure: string;
  unit: string;
  /** Human-readable budget, e.g. "≤ 1.5× floor", "p95 ≤ 16 ms". */
  budget: string;
  /** null = could not be measured in this build (see note). */
  pass: boolean | null;
  floor: FloorFigure | null;
  /** subject median / floor median, when the budget is relative. */
  ratio: number | null;
  runs: number;
  median: number;
  p95: number | null;
  spread: Spread;
  note?: string;
}

export function floorOf(what: string, s: Summary): FloorFigure {
  return { what, runs: s.runs, median: s.median, spread: s.spread };
}

export function emit(r: BenchResult): void {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(r)}\n`);
}

export function log(line: string): void {
  process.stderr.write(`  ${line}\n`);
}

export const quick = process.argv.includes('--quick');
