/**
 * Scenario 5, sync diff: matchIncidents (match + classify) on the incidents loadAndDiff.ts read at
 * --scale large (~50,000 per side), in a fresh process, against a floor of one Map join on
 * providerIncidentId over the same arrays — the least any matcher must do. Runs alternate.
 *
 *   node bench/.build/scenarios/syncDiff.js <incidents.json> [--quick]
 */
import { readFileSync } from 'node:fs';
import type { DefenderIncident, SentinelIncident } from '../../../src/domain/types.js';
import { matchIncidents } from '../../../src/domain/sync/index.js';
import { emit, floorOf, log, quick } from '../result.js';
import { summarize } from '../stats.js';

const DIFF_BUDGET_MS = 50;
const file = process.argv[2];
if (!file) throw new Error('usage: syncDiff.js <incidents.json>');
const data = JSON.parse(readFileSync(file, 'utf8')) as { now: string; defender: DefenderIncident[]; sentinel: SentinelIncident[] };
const { defender, sentinel } = data;
let earliest = Infinity;
for (const d of defender) earliest = Math.min(earliest, Date.parse(d.createdDateTime ?? ''));
// The whole loaded window is compared (the screen's default is 7 days; this is the worst case).
const opts = { now: new Date(data.now), windowStart: new Date(Number.isFinite(earliest) ? earliest : 0) };

function mapJoin(): number {
  const byProvider = new Map<string, SentinelIncident>();
  for (const s of sentinel) {
    const p = s.properties?.providerIncidentId;
    if (p) byProvider.set(p, s);
  }
  let matched = 0;
  for (const d of defender) if (byProvider.has(d.id)) matched++;
  return matched;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const runs = quick ? 9 : 21;
const diffMs: number[] = [];
const joinMs: number[] = [];
// Warm-up (JIT) is not measured.
let report = matchIncidents(defender, sentinel, opts);
mapJoin();
// Bounded by count and by time: a slow matcher must not hold the suite for minutes.
const capAt = performance.now() + 30_000;
for (let i = 0; i < runs && (i < 3 || performance.now() < capAt); i++) {
  gc();
  let t0 = performance.now();
  report = matchIncidents(defender, sentinel, opts);
  diffMs.push(performance.now() - t0);
  gc();
  t0 = performance.now();
  mapJoin();
  joinMs.push(performance.now() - t0);
}
const diff = summarize(diffMs);
const join = summarize(joinMs);
log(`sync diff: matchIncidents p50 ${diff.median.toFixed(1)} ms (p95 ${diff.p95.toFixed(1)}), Map join ${join.median.toFixed(1)} ms; counts ${JSON.stringify(report.counts)}`);
emit({
  scenario: 'Sync diff',
  figure: `matchIncidents (match + classify), ${defender.length} Defender × ${sentinel.length} Sentinel incidents`,
  unit: 'ms',
  budget: `≤ ${DIFF_BUDGET_MS} ms (median)`,
  pass: diff.median <= DIFF_BUDGET_MS,
  floor: floorOf('one Map join on providerIncidentId over the same arrays', join),
  ratio: diff.median / join.median,
  runs: diff.runs,
  median: diff.median,
  p95: diff.p95,
  spread: diff.spread,
});
