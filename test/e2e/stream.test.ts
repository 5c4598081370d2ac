/**
 * Streaming end to end against the simulator: its control API stops a table and pushes the event
 * rate past the namespace's capacity; the screen (built bin in a pty) and `stream --output json`
 * show the gap and the capacity finding, with the documented exit code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/args.js';
import { run } from '../../src/cli/commands/stream.js';
import { startConsole, type PtySession } from '../helpers/pty.js';
import { startSimWithProfile, type SimProfile } from '../helpers/simProfile.js';

let sp: SimProfile;
let session: PtySession | undefined;
let stoppedAt: string;

beforeAll(async () => {
  sp = await startSimWithProfile({ seed: 5 });
  stoppedAt = (await sp.control('stopTable', { table: 'DeviceProcessEvents' })).result.stoppedAt;
  // The demo namespace is sized at 2.5× its peak: 30× the rate is well past its throughput units.
  await sp.control('raiseEventRate', { multiplier: 30 });
  // Past the 15-minute gap threshold.
  await sp.advanceClock(20);
}, 30_000);

afterAll(async () => {
  session?.kill();
  await sp?.close();
});

async function runStream(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const inv = parseCli(['stream', ...sp.args, ...args]);
  if (inv.kind !== 'command') throw new Error(`not a command: ${JSON.stringify(inv)}`);
  const saved = Object.fromEntries(Object.keys(sp.env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, sp.env);
  let stdout = '';
  let stderr = '';
  try {
    const code = await run(inv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
    return { code, stdout, stderr };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('streaming on a broken tenant', () => {
  it('stream --output json shows the gap with when it stopped and the capacity finding, exit 2', async () => {
    const { code, stdout, stderr } = await runStream(['--output', 'json']);
    expect(stderr).toBe('');
    const json = JSON.parse(stdout);
    expect(json.schema).toBe('mde-console/stream-report@1');
    const gap = json.gaps.find((g: { table: string }) => g.table === 'DeviceProcessEvents');
    expect(gap.minutes).toBeGreaterThanOrEqual(16);
    expect(Math.abs(Date.parse(gap.stoppedAt) - Date.parse(stoppedAt))).toBeLessThanOrEqual(60_000);
    expect(json.tables.find((t: { table: string }) => t.table === 'DeviceProcessEvents').gap).toEqual({ stoppedAt: gap.stoppedAt, minutes: gap.minutes });
    const kinds = json.findings.map((f: { kind: string }) => f.kind);
    // The namespace refuses what is over its throughput units: throttled requests, and ingress at its ceiling.
    expect(kinds).toContain('throttled');
    expect(kinds).toContain('ingressNearCapacity');
    expect(json.namespace.throttledRequests).toBeGreaterThan(0);
    expect(json.namespace.utilisation).toBeGreaterThan(0.8);
    expect(code).toBe(2);
  });

  it('rejects a bad --window in one line with exit 2', async () => {
    await expect(runStream(['--window', 'soon'])).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--window must be a duration') });
  });

  it('screen 4 shows the STOPPED marker on the stopped table and the capacity finding', async () => {
    session = startConsole(sp.args, { env: sp.env, cols: 120, rows: 32 });
    await session.waitForText('[LIVE]');
    session.write('4');
    await session.waitForText('Ingestion cost');
    // Put the stopped tables first.
    session.write(':sort gap\r');
    // Sources arrive one by one (metrics first, then Log Analytics, then the namespace sku): wait for all.
    const screen = await session.waitFor(
      (s) => /DeviceProcessEvents.*✗ STOPPED (19|2\d)m/.test(s) && /2 table\(s\) stopped for more than 15 min/.test(s) && /Namespace evhns/.test(s) && /GB\/day/.test(s),
      'DeviceProcessEvents STOPPED with every source loaded',
    );
    expect(screen).toMatch(/✗ FAIL \d+ throttled request\(s\) on the namespace/);
    expect(screen).toMatch(/✗ FAIL 2 table\(s\) stopped for more than 15 min: .*DeviceProcessEvents/);
    expect(screen).toMatch(/✗ FAIL Namespace .* Standard 1 TU · ingress █+/);
    // Enter on the first row (the longest stopped): its detail says when it stopped.
    session.write('g\r');
    const detail = await session.waitForText('Esc back');
    expect(detail).toMatch(/STOPPED \d+m — no events since \d\d:\d\d UTC/);
    session.write('\x1b');
    await session.waitForText('LAST HOUR');
    session.write('q');
    expect(await session.exited).toBe(0);
  });
});
