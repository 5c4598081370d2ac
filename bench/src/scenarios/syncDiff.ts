/**
 * Scenario 5, sync diff: matchIncidents (match + classify) on the incidents loadAndDiff.ts read at
 * --scale large (~50,000 per side), in a fresh process, against a floor of one Map join on
 * providerIncidentId over the same records — the least any matcher must do. Runs alternate.
 *
 * The records are first taken in as the console's sync store takes in a read (src/stores/sync/
 * syncSnapshot.ts): each prepared (prepareDefenderIncident / prepareSentinelIncident, one interner per
 * read), kept by id (Defender) and by resource name (Sentinel) — an item repeated where pages overlapped
 * is one record — and passed to matchIncidents in that order. That is paid once per record per read, not
 * per match, so it is outside the timed region and reported in the note; the timed region is what every
 * poll's match costs.
 *
 *   node bench/.build/scenarios/syncDiff.js <incidents.json> [--quick]
 */
import { readFileSync } from 'node:fs';
import type { DefenderIncident, SentinelIncident } from '../../../src/domain/types.js';
import {
  createInterner,
  matchIncidents,
  prepareDefenderIncident,
  prepareSentinelIncident,
  type SyncDefenderIncident,
  type SyncSentinelIncident,
} from '../../../src/domain/sync/index.js';
import { mergeIntoWindow } from '../../../src/stores/sync/syncSnapshot.js';
import { emit, floorOf, log, quick } from '../result.js';
import { summarize } from '../stats.js';

const DIFF_BUDGET_MS = 50;
const file = process.argv[2];
if (!file) throw new Error('usage: syncDiff.js <incidents.json>');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function load(): { now: Date; windowStart: Date; defender: SyncDefenderIncident[]; sentinel: SyncSentinelIncident[]; prepareMs: number; read: number } {
  const data = JSON.parse(readFileSync(file!, 'utf8')) as { now: string; defender: DefenderIncident[]; sentinel: SentinelIncident[] };
  let earliest = Infinity;
  for (const d of data.defender) earliest = Math.min(earliest, Date.parse(d.createdDateTime ?? ''));
  // The whole loaded window is compared (the screen's default is 7 days; this is the worst case).
  const windowStart = new Date(Number.isFinite(earliest) ? earliest : 0);
  const prepare = () => {
    const intern = createInterner();
    const defender = data.defender.map((d) => prepareDefenderIncident(d, intern));
    const sentinel = data.sentinel.map((s) => prepareSentinelIncident(s, intern));
    // Kept by key as the store keeps them; nothing is pruned (-Infinity): the same records as before.
    return {
      defender: [...mergeIntoWindow(undefined, defender, (d) => d.defenderId, -Infinity).values()],
      sentinel: [...mergeIntoWindow(undefined, sentinel, (s) => s.name, -Infinity).values()],
    };
  };
  // Warm-up (JIT) on a slice, then the whole read once: that is how often the console pays it.
  const warm = createInterner();
  for (const d of data.defender.slice(0, 2_000)) prepareDefenderIncident(d, warm);
  for (const s of data.sentinel.slice(0, 2_000)) prepareSentinelIncident(s, warm);
  gc();
  const t0 = performance.now();
  const prepared = prepare();
  const prepareMs = performance.now() - t0;
  return { now: new Date(data.now), windowStart, ...prepared, prepareMs, read: data.defender.length + data.sentinel.length };
}

// The wire objects go out of scope with load(): the heap then holds what the store holds.
const { now, windowStart, defender, sentinel, prepareMs, read } = load();
const opts = { now, windowStart };

function mapJoin(): number {
  const byProvider = new Map<string, SyncSentinelIncident>();
  for (const s of sentinel) {
    const p = s.properties?.providerIncidentId;
    if (p) byProvider.set(p, s);
  }
  let matched = 0;
  for (const d of defender) if (byProvider.has(d.id)) matched++;
  return matched;
}

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
log(
  `sync diff: matchIncidents p50 ${diff.median.toFixed(1)} ms (p95 ${diff.p95.toFixed(1)}), Map join ${join.median.toFixed(1)} ms; ` +
    `prepare ${prepareMs.toFixed(0)} ms for ${read} records; counts ${JSON.stringify(report.counts)}`,
);
emit({
  scenario: 'Sync diff',
  figure: `matchIncidents (match + classify) on prepared records, ${defender.length} Defender × ${sentinel.length} Sentinel incidents`,
  unit: 'ms',
  budget: `≤ ${DIFF_BUDGET_MS} ms (median)`,
  pass: diff.median <= DIFF_BUDGET_MS,
  floor: floorOf('one Map join on providerIncidentId over the same records', join),
  ratio: diff.median / join.median,
  runs: diff.runs,
  median: diff.median,
  p95: diff.p95,
  spread: diff.spread,
  note: `prepare ${prepareMs.toFixed(0)} ms for ${read} records read (kept by id: ${defender.length} + ${sentinel.length}), once per record per read, outside the timed match`,
});
