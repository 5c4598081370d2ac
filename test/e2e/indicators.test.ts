/**
 * End to end in a real pseudo-terminal against the simulator: with --write, filter by creator
 * Defender for Cloud Apps and by a device group, mark the rows, change their action (overriding
 * the ownership guard explicitly), confirm; then check through the API (the `indicators list
 * --output json` command on the same profile) that exactly those indicators changed, and that the
 * audit log holds the write. Build first: node esbuild.config.mjs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/indicators.js';
import { startConsole, type PtySession } from '../helpers/pty.js';
import { startSimWithProfile, type SimProfile } from '../helpers/simProfile.js';

let sp: SimProfile;
let pty: PtySession | undefined;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  sp = await startSimWithProfile();
  for (const [k, v] of Object.entries(sp.env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
});
afterAll(async () => {
  pty?.kill();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await sp?.close();
});

interface Row {
  id: string;
  action: string;
  creatorClass: string;
  scope: string[];
}

async function listAll(): Promise<Row[]> {
  let out = '';
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true } };
  const code = await run({ kind: 'command', name: 'indicators', global: { demo: false, profile: 'sim', write: false, color: false, debug: false }, values: { output: 'json' }, positionals: ['list'] }, io);
  expect(code).toBe(0);
  return JSON.parse(out).indicators as Row[];
}

describe('indicators screen end to end', () => {
  it('changes the action of exactly the filtered Defender for Cloud Apps indicators in one device group, and audits it', async () => {
    const before = await listAll();
    const target = before.filter((r) => r.creatorClass === 'mdca' && r.scope.some((g) => g.toLowerCase() === 'finance'));
    expect(target.length).toBeGreaterThan(0);

    pty = startConsole([...sp.args, '--write'], { env: sp.env, cols: 120, rows: 30 });
    await pty.waitForText('[WRITE]');
    pty.write('2');
    await pty.waitForText(/\d+ of \d+ shown/);
    pty.write('c');
    await pty.waitForText('Filter by creator');
    pty.write('\r'); // the first entry is the Defender for Cloud Apps class
    await pty.waitForText('creator: Defender for Cloud Apps');
    pty.write('o');
    await pty.waitForText('Filter by scope');
    pty.write('Finance');
    await pty.waitForText('filter: Finance');
    pty.write('\r');
    await pty.waitForText('scope: Finance');
    await pty.waitForText(`${target.length} of ${before.length} shown`);
    pty.write('v');
    await pty.waitForText(`${target.length} marked`);

    pty.write('b');
    await pty.waitForText(`Bulk action on ${target.length} marked`);
    expect(await pty.screen()).toContain('Defender for Cloud Apps indicators: skipped (choose to override)');
    pty.write('jjjjjjjj\r'); // one chunk: down to the last entry and choose it — the explicit override of the ownership guard
    await pty.waitForText('MDCA override ON');
    pty.write('\r'); // Change action…
    await pty.waitForText('New action');
    pty.write('Warn');
    await pty.waitForText('filter: Warn');
    pty.write('\r');
    const plan = await pty.waitForText('Plan — nothing is sent until you confirm');
    const word = /Type (\d+) and press Enter/.exec(plan)?.[1];
    expect(word).toBeDefined();
    const willChange = target.filter((r) => r.action !== 'Warn');
    expect(Number(word)).toBe(willChange.length);
    pty.write(`${word}`);
    await pty.waitForText('✓ Enter to run');
    pty.write('\r');
    const done = await pty.waitForText(/change action to Warn: \d+ done/, 20_000);
    expect(done).toContain(`change action to Warn: ${willChange.length} done · 0 failed`);
    pty.write('\x1b');
    await new Promise((r) => setTimeout(r, 60));
    pty.write('q');
    expect(await pty.exited).toBe(0);

    const after = await listAll();
    const beforeById = new Map(before.map((r) => [r.id, r.action]));
    const changed = after.filter((r) => beforeById.get(r.id) !== r.action).map((r) => r.id).sort();
    expect(changed).toEqual(willChange.map((r) => r.id).sort());
    expect(after.filter((r) => changed.includes(r.id)).every((r) => r.action === 'Warn')).toBe(true);

    const audit = readFileSync(join(sp.env.XDG_STATE_HOME!, 'mde-console', 'audit.jsonl'), 'utf8');
    const entries = audit.trim().split('\n').map((l) => JSON.parse(l));
    expect(entries.every((e) => e.action === 'indicators.setAction' && e.outcome === 'done' && e.profile === 'sim')).toBe(true);
    expect(entries.flatMap((e) => e.ids).sort()).toEqual(changed);
    expect(entries[0].before[0].action).not.toBe('Warn');
    expect(entries[0].after[0].action).toBe('Warn');
    expect(audit).not.toContain(sp.env.MDE_CONSOLE_TEST_SECRET!);
  }, 45_000);
});
