/**
 * Scenarios 6–9 on the built console in a real pty (120×40) against a --scale large simulator in
 * its own process (speed 0.001 — the CLI's smallest kind of "frozen": the tenant barely changes, so what the console does is polling alone):
 *
 * 6. Memory: the console's resident memory (VmRSS) after all four screens were visited and loaded.
 * 7. Idle CPU: utime+stime from /proc/<pid>/stat over an idle window per screen (60 s; 15 s with --quick).
 * 8. Terminal output: bytes the console wrote during each idle window (per minute); bytes for one
 *    `j` on the Indicators list against a full redraw of the same screen.
 * 9. API cost: requests per minute per screen in that window (simulator's /_sim/requests),
 *    initial load excluded; the simulator enforces the documented rate limits, so any 429
 *    (`throttled`) means the console went above one.
 *
 * Floor, in the same windows: bench/fixtures/minimal-ink.tsx idling in its own pty.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { emit, log, quick } from '../result.js';
import { cpuShare, cpuTicksFromProcStat, rssBytesFromProcStatus } from '../stats.js';
import { startInPty, type BenchPty } from '../lib/pty.js';
import { startSimProcess } from '../lib/simProcess.js';
import { sleep } from '../lib/fakeTerminal.js';

const ROOT = process.cwd();
const BIN = resolve(ROOT, 'bin/mde-console.js');
const MINIMAL = resolve(ROOT, 'bench/.build/fixtures/minimal-ink.js');
const COLS = 120;
const ROWS = 40;
const WINDOW_MS = quick ? 15_000 : 60_000;
const LOAD_CAP_MS = 240_000;
/** A screen counts as loaded when the simulator saw no request for this long. */
const LOAD_QUIET_MS = 10_000;
const MEMORY_BUDGET_MB = 200;
const CPU_BUDGET = 0.01;
const BYTES_PER_MIN_BUDGET = 4096;
const REQUESTS_PER_MIN_BUDGET = 10;
const SCREENS = [
  { key: '1', id: 'health', title: 'Health' },
  { key: '2', id: 'indicators', title: 'Indicators' },
  { key: '3', id: 'sync', title: 'Sync' },
  { key: '4', id: 'stream', title: 'Streaming' },
] as const;

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim()) || 100;
} catch {
  // Linux's USER_HZ is 100 nearly everywhere.
}
const ticksOf = (pid: number) => cpuTicksFromProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
const rssOf = (pid: number) => rssBytesFromProcStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));

interface Counts {
  total: number;
  throttled: number;
  operations: Record<string, number>;
}
function flatten(snapshot: any): Counts {
  const out: Counts = { total: snapshot.total ?? 0, throttled: 0, operations: {} };
  for (const [svc, s] of Object.entries<any>(snapshot.services ?? {})) {
    out.throttled += s.throttled ?? 0;
    for (const [op, n] of Object.entries<number>(s.operations ?? {})) out.operations[`${svc} ${op}`] = n;
  }
  return out;
}
function diff(a: Counts, b: Counts): Counts {
  const operations: Record<string, number> = {};
  for (const [op, n] of Object.entries(b.operations)) if (n - (a.operations[op] ?? 0) > 0) operations[op] = n - (a.operations[op] ?? 0);
  return { total: b.total - a.total, throttled: b.throttled - a.throttled, operations };
}

const sim = await startSimProcess(BIN, { scale: 'large', seed: 1, speed: 0.001 });
log(`live: simulator ${sim.baseUrl} (pid ${sim.child.pid})`);
let consolePty: BenchPty | undefined;
let floorPty: BenchPty | undefined;
try {
  const env = { ...sim.env, NODE_ENV: 'production' };
  consolePty = startInPty([BIN, ...sim.args], { cols: COLS, rows: ROWS, env });
  floorPty = startInPty([MINIMAL], { cols: COLS, rows: ROWS, env });
  const c = consolePty;
  const f = floorPty;
  await c.frameWhere((s) => s.includes(sim.tenantId.slice(0, 8)), 60_000, 'the console connected (tenant id in the header)');
  await f.frameWhere((s) => s.includes('4 Streaming'), 30_000, 'the minimal Ink app');

  /**
 * Text a screen shows while it is still reading (screens/*): a quiet spell alone is not enough,
 * because the client's rate budget can pause a long load (Graph: 150 calls/min) for many seconds.
 */
const BUSY = /loading|reading Defender|refreshing…|waiting for API budget|waiting for the first/i;

/** Waits until the simulator saw no new request for LOAD_QUIET_MS, the screen shows no busy text and stopped changing. */
  async function waitLoaded(): Promise<{ ms: number; requests: number }> {
    const t0 = performance.now();
    const start = flatten(await sim.get('/requests'));
    let last = start.total;
    let quietSince = performance.now();
    while (performance.now() - t0 < LOAD_CAP_MS) {
      await sleep(500);
      const now = flatten(await sim.get('/requests')).total;
      if (now !== last) {
        last = now;
        quietSince = performance.now();
      } else if (performance.now() - quietSince >= LOAD_QUIET_MS && !BUSY.test(c.screen())) break;
    }
    await c.settle(1000, 10_000);
    return { ms: performance.now() - t0, requests: last - start.total };
  }

  const loaded: string[] = [];
  let throttledTotal = 0;
  for (const screen of SCREENS) {
    c.write(screen.key);
    const load = await waitLoaded();
    const rssAfter = rssOf(c.pid) / 2 ** 20;
    loaded.push(`${screen.title}: ${load.requests} requests in ${(load.ms / 1000).toFixed(0)} s, RSS after ${rssAfter.toFixed(0)} MB`);
    log(`live: ${screen.title} loaded (${load.requests} requests, ${(load.ms / 1000).toFixed(1)} s, RSS ${rssAfter.toFixed(0)} MB)`);

    // --- idle window -----------------------------------------------------------------------
    const req0 = flatten(await sim.get('/requests'));
    const t0 = performance.now();
    const cTicks0 = ticksOf(c.pid);
    const fTicks0 = ticksOf(f.pid);
    const screen0 = c.screen().split('\n');
    const cBytes0 = c.bytes();
    const fBytes0 = f.bytes();
    await sleep(WINDOW_MS);
    const wall = performance.now() - t0;
    const cTicks1 = ticksOf(c.pid);
    const fTicks1 = ticksOf(f.pid);
    const cBytes = c.bytes() - cBytes0;
    const fBytes = f.bytes() - fBytes0;
    const req = diff(req0, flatten(await sim.get('/requests')));
    // What changed on screen during the window (the cause of the idle bytes).
    const screen1 = c.screen().split('\n');
    const changedRows = screen1.map((line, i) => (line !== screen0[i] ? i + 1 : 0)).filter((i) => i > 0);
    throttledTotal += req.throttled;
    const minutes = wall / 60_000;
    const cpu = cpuShare(cTicks0, cTicks1, ticksPerSecond, wall);
    const floorCpu = cpuShare(fTicks0, fTicks1, ticksPerSecond, wall);
    const windowNote = `one ${Math.round(wall / 1000)} s window${quick ? ' (--quick)' : ''}; /proc ticks are 1/${ticksPerSecond} s`;
    log(`live: ${screen.title} idle: cpu ${(cpu * 100).toFixed(2)} % (floor ${(floorCpu * 100).toFixed(2)} %), ${cBytes} B (floor ${fBytes} B), ${req.total} requests ${JSON.stringify(req.operations)}`);
    const one = (value: number, floorValue: number) => ({ runs: 1, median: value, p95: null, spread: { kind: 'min-max' as const, low: value, high: value }, ratio: floorValue > 0 ? value / floorValue : null });
    emit({
      scenario: `Idle CPU: ${screen.title}`,
      figure: `console CPU while idle on ${screen.title} with default polling`,
      unit: '% of one core',
      budget: '≤ 1 % of one core',
      pass: cpu <= CPU_BUDGET,
      floor: { what: 'minimal Ink app idling in the same window', runs: 1, median: floorCpu * 100, spread: { kind: 'min-max', low: floorCpu * 100, high: floorCpu * 100 } },
      ...one(cpu * 100, floorCpu * 100),
      note: windowNote,
    });
    emit({
      scenario: `Terminal output: ${screen.title} idle`,
      figure: `bytes written to the terminal per idle minute on ${screen.title}`,
      unit: 'bytes',
      budget: '≤ 4 KB per idle minute',
      pass: cBytes / minutes <= BYTES_PER_MIN_BUDGET,
      floor: { what: 'minimal Ink app, same window', runs: 1, median: fBytes / minutes, spread: { kind: 'min-max', low: fBytes / minutes, high: fBytes / minutes } },
      ...one(cBytes / minutes, fBytes / minutes),
      note: `${windowNote}; ${changedRows.length} screen rows differ between the window's start and end${changedRows.length ? ` (${changedRows.slice(0, 4).map((r) => `row ${r}: "${screen1[r - 1]!.trim().slice(0, 60)}"`).join('; ')})` : ''}`,
    });
    emit({
      scenario: `API cost: ${screen.title}`,
      figure: `requests per minute in steady state on ${screen.title} (initial load excluded)`,
      unit: 'requests/min',
      budget: `≤ ${REQUESTS_PER_MIN_BUDGET}/min, no 429 at documented limits`,
      pass: req.total / minutes <= REQUESTS_PER_MIN_BUDGET && req.throttled === 0,
      floor: null,
      ...one(req.total / minutes, 0),
      ratio: null,
      note: `${windowNote}; operations ${JSON.stringify(req.operations)}; 429s ${req.throttled}; initial load ${load.requests} requests`,
    });

    if (screen.id === 'indicators') {
      // --- one cursor move vs a full redraw ------------------------------------------------
      const moves: number[] = [];
      for (let i = 0; i < 5; i++) {
        const b0 = c.bytes();
        c.write('j');
        await c.settle(300, 5000);
        moves.push(c.bytes() - b0);
      }
      // A width change makes Ink clear and draw the whole frame again.
      c.resize(COLS - 1, ROWS);
      await c.settle(400, 5000);
      const b0 = c.bytes();
      c.resize(COLS, ROWS);
      await c.settle(400, 5000);
      const full = c.bytes() - b0;
      moves.sort((a, b) => a - b);
      const move = moves[Math.floor(moves.length / 2)]!;
      log(`live: cursor move ${move} B vs full redraw ${full} B`);
      emit({
        scenario: 'Terminal output: cursor move',
        figure: 'bytes for one `j` on the Indicators list (median of 5)',
        unit: 'bytes',
        budget: 'rewrites only what changed (< 25 % of a full redraw)',
        pass: full > 0 && move < full * 0.25,
        floor: { what: 'full redraw of the same screen (after a width change)', runs: 1, median: full, spread: { kind: 'min-max', low: full, high: full } },
        ratio: full > 0 ? move / full : null,
        runs: moves.length,
        median: move,
        p95: null,
        spread: { kind: 'min-max', low: moves[0]!, high: moves[moves.length - 1]! },
      });
    }
  }

  // --- 6. memory, with everything loaded ------------------------------------------------------
  const rss = rssOf(c.pid) / 2 ** 20;
  const hwm = Number(/^VmHWM:\s+(\d+)/m.exec(readFileSync(`/proc/${c.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const floorRss = rssOf(f.pid) / 2 ** 20;
  log(`live: RSS ${rss.toFixed(0)} MB (peak ${hwm.toFixed(0)} MB), minimal Ink ${floorRss.toFixed(0)} MB; loads: ${loaded.join('; ')}`);
  emit({
    scenario: 'Memory',
    figure: 'console RSS after all four screens loaded at --scale large (simulator in its own process)',
    unit: 'MB',
    budget: `≤ ${MEMORY_BUDGET_MB} MB`,
    pass: rss <= MEMORY_BUDGET_MB,
    floor: { what: 'minimal Ink app RSS', runs: 1, median: floorRss, spread: { kind: 'min-max', low: floorRss, high: floorRss } },
    ratio: rss / floorRss,
    runs: 1,
    median: rss,
    p95: null,
    spread: { kind: 'min-max', low: rss, high: rss },
    note: `peak RSS (VmHWM) ${hwm.toFixed(0)} MB; loads: ${loaded.join('; ')}; 429s over all idle windows: ${throttledTotal}`,
  });
} finally {
  await consolePty?.kill();
  await floorPty?.kill();
  await sim.close();
}
process.exit(0);
