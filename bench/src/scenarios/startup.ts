/**
 * Scenario 1, start-up: from process start to the first complete frame (header and tab line on
 * screen) of `mde-console --demo`, against the same moment for bench/fixtures/minimal-ink.tsx.
 * Both run in a real pty with the same Node; runs alternate so machine noise hits both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { emit, floorOf, log, quick } from '../result.js';
import { ratioOfMedians, summarize } from '../stats.js';
import { startInPty } from '../lib/pty.js';

const ROOT = process.cwd();
// BENCH_CONSOLE_BIN: another build of the console (e.g. a copy of the tree before a fix) for before/after figures.
const CONSOLE = [resolve(ROOT, process.env.BENCH_CONSOLE_BIN ?? 'bin/mde-console.js'), '--demo'];
const MINIMAL = [resolve(ROOT, 'bench/.build/fixtures/minimal-ink.js')];
const BUDGET_RATIO = 1.5;

/** The first complete frame: the header's name and every tab. */
const firstFrame = (s: string) => s.includes('mde-console') && s.includes('1 Health') && s.includes('4 Streaming');

async function timeFirstFrame(args: string[], env: Record<string, string>): Promise<number> {
  const p = startInPty(args, { cols: 100, rows: 30, env });
  try {
    const at = await p.frameWhere(firstFrame, 20_000, `first frame of ${args.join(' ')}`);
    return at - p.spawnedAt;
  } finally {
    await p.kill();
  }
}

const runs = quick ? 6 : 12;
const stateDir = mkdtempSync(join(tmpdir(), 'mde-bench-startup-'));
const env = { NODE_ENV: 'production', XDG_STATE_HOME: stateDir, MDE_CONSOLE_CONFIG: join(stateDir, 'none.json') };
const consoleMs: number[] = [];
const minimalMs: number[] = [];
try {
  // One unmeasured run of each warms the page cache for both.
  await timeFirstFrame(CONSOLE, env);
  await timeFirstFrame(MINIMAL, env);
  const capAt = performance.now() + 120_000;
  for (let i = 0; i < runs && performance.now() < capAt; i++) {
    // Alternate which goes first so neither always follows the other's teardown.
    const order = i % 2 === 0 ? ['console', 'minimal'] : ['minimal', 'console'];
    for (const which of order) {
      if (which === 'console') consoleMs.push(await timeFirstFrame(CONSOLE, env));
      else minimalMs.push(await timeFirstFrame(MINIMAL, env));
    }
  }
} finally {
  rmSync(stateDir, { recursive: true, force: true });
}
const subject = summarize(consoleMs);
const floor = summarize(minimalMs);
const ratio = ratioOfMedians(consoleMs, minimalMs);
log(`start-up: console ${subject.median.toFixed(0)} ms, minimal Ink ${floor.median.toFixed(0)} ms, ratio ${ratio.toFixed(2)}`);
emit({
  scenario: 'Start-up',
  figure: 'process start → first complete frame (header + tabs) of mde-console --demo',
  unit: 'ms',
  budget: `≤ ${BUDGET_RATIO}× minimal Ink app`,
  pass: ratio <= BUDGET_RATIO,
  floor: floorOf('minimal Ink app (bench/fixtures/minimal-ink.tsx), same bundling, same Node', floor),
  ratio,
  runs: subject.runs,
  median: subject.median,
  p95: subject.p95,
  spread: subject.spread,
});
process.exit(0);
