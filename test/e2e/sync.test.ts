/**
 * Issue 7 end to end against the simulator: its control API makes one incident drift, drops another's
 * Sentinel copy and duplicates a third; `sync --output json` and the Sync screen (built bin in a pty) report
 * exactly those, with links built from the right ids, and the command exits 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/sync.js';
import type { CommandInvocation } from '../../src/cli/commands/types.js';
import { startConsole, type PtySession } from '../helpers/pty.js';
import { startSimWithProfile, type SimProfile } from '../helpers/simProfile.js';

let sp: SimProfile;
let pty: PtySession | undefined;
const savedEnv = { ...process.env };

interface Item { state: string; defenderId: string | null; defender: { link: string; status: string } | null; sentinel: { name: string; link: string; incidentNumber: number }[] }
interface Json { exitCode: number; counts: Record<string, number>; items: Item[] }

async function syncJson(values: Record<string, string> = {}): Promise<{ code: number; json: Json; stderr: string }> {
  let out = '';
  let err = '';
  const inv = { kind: 'command', name: 'sync', global: { demo: false, profile: 'sim', write: false, debug: false }, values: { output: 'json', ...values }, positionals: [] } as unknown as CommandInvocation;
  const code = await run(inv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, json: JSON.parse(out) as Json, stderr: err };
}

const keyOf = (i: Item) => `${i.state}:${i.defenderId}`;

let drifted: { defenderId: string; sentinelName: string };
let dropped: { defenderId: string; droppedSentinelName: string };
let duplicated: { defenderId: string; duplicateSentinelName: string; incidentNumber: number };
let baseline: Set<string>;

beforeAll(async () => {
  sp = await startSimWithProfile({ seed: 23 });
  Object.assign(process.env, sp.env);
  const before = await syncJson({ state: 'inSync,pending,missing,drifted,duplicated,orphaned' });
  baseline = new Set(before.json.items.map(keyOf));
  // Three different incidents that are in sync now; the one to drift is still open in Defender.
  const inSync = before.json.items.filter((i) => i.state === 'inSync');
  const open = inSync.find((i) => i.defender!.status === 'active' || i.defender!.status === 'inProgress')!;
  drifted = (await sp.control('driftIncident', { id: open.defenderId })).result;
  const others = inSync.filter((i) => i.defenderId !== drifted.defenderId);
  dropped = (await sp.control('dropSentinelCopy', { id: others[0]!.defenderId })).result;
  duplicated = (await sp.control('duplicateIncident', { id: others[1]!.defenderId })).result;
}, 30_000);

afterAll(async () => {
  pty?.kill();
  await sp?.close();
  process.env = savedEnv;
});

describe('mde-console sync --output json', () => {
  it('reports exactly the drifted, missing and duplicated incidents the control API made, with links, and exits 2', async () => {
    const { code, json } = await syncJson();
    expect(code).toBe(2);
    expect(json.exitCode).toBe(2);
    const fresh = json.items.filter((i) => !baseline.has(keyOf(i))).map(keyOf).sort();
    expect(fresh).toEqual([`drifted:${drifted.defenderId}`, `duplicated:${duplicated.defenderId}`, `missing:${dropped.defenderId}`].sort());

    const d = json.items.find((i) => i.state === 'drifted' && i.defenderId === drifted.defenderId)!;
    expect(d.defender!.link).toContain(`/incident2/${drifted.defenderId}/overview`);
    expect(d.sentinel[0]!.name).toBe(drifted.sentinelName);
    expect(d.sentinel[0]!.link).toMatch(new RegExp(`^https://portal\\.azure\\.com/#asset/Microsoft_Azure_Security_Insights/Incident/subscriptions/.+/providers/Microsoft\\.SecurityInsights/incidents/${drifted.sentinelName}$`));

    const dup = json.items.find((i) => i.state === 'duplicated' && i.defenderId === duplicated.defenderId)!;
    const extra = dup.sentinel.find((s) => s.name === duplicated.duplicateSentinelName)!;
    expect(extra.incidentNumber).toBe(duplicated.incidentNumber);
    // Linked by its resource name, never by the incident number.
    expect(extra.link.endsWith(`/incidents/${duplicated.duplicateSentinelName}`)).toBe(true);

    const miss = json.items.find((i) => i.state === 'missing' && i.defenderId === dropped.defenderId)!;
    expect(miss.sentinel).toEqual([]);
    expect(miss.defender!.link).toContain(`/incident2/${dropped.defenderId}/`);
  });

  it('--state narrows the listed items, and a bad --since is one line with exit 2', async () => {
    const { json } = await syncJson({ state: 'missing' });
    expect(new Set(json.items.map((i) => i.state))).toEqual(new Set(['missing']));
    await expect(syncJson({ since: '7x' })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--since "7x" is not a duration') });
  });
});

describe('the Sync screen in a pty', () => {
  it('shows the counters and the rows, and Enter shows both sides with the right links', { timeout: 20_000 }, async () => {
    pty = startConsole(sp.args, { env: sp.env, cols: 140, rows: 40 });
    await pty.waitForText('[LIVE]');
    pty.write('3');
    const screen = await pty.waitForText(/≠ drifted [1-9]/);
    expect(screen).toMatch(/✗ missing [1-9]/);
    expect(screen).toMatch(/⧉ duplicated [1-9]/);
    expect(screen).toContain('creation lag, window:');
    // Rows for the three ids (search narrows the list to one each).
    for (const [id, word] of [[dropped.defenderId, 'missing'], [duplicated.defenderId, 'duplicated'], [drifted.defenderId, 'drifted']] as const) {
      pty.write('/' + id + '\r');
      await pty.waitFor((s) => s.includes(`"${id}"`) && new RegExp(`${word}\\s+${id}\\b`).test(s), `row ${word} ${id}`);
      pty.write('\x1b'); // Esc clears the search
      await pty.waitFor((s) => !s.includes(`"${id}"`), 'search cleared');
    }
    pty.write('/' + drifted.defenderId + '\r');
    await pty.waitFor((s) => s.includes(`"${drifted.defenderId}"`), 'search applied');
    pty.write('\r');
    const detail = await pty.waitForText('Links');
    expect(detail).toContain(`Defender ${drifted.defenderId}`);
    expect(detail).toContain(`${drifted.sentinelName} (Sentinel's own #`);
    expect(detail).toMatch(/status\s+resolved\s+│ (New|Active)/);
    expect(detail).toContain(`/incident2/${drifted.defenderId}/overview`);
    expect(detail).toContain('#asset/Microsoft_Azure_Security_Insights/Incident/subscriptions/');
    expect(detail.replace(/\s+/g, '')).toContain(`incidents/${drifted.sentinelName}`);
    pty.write('\x1b');
    await pty.waitForText('creation lag, window:');
    pty.write('q');
    expect(await pty.exited).toBe(0);
  });
});
