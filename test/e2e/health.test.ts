/**
 * Integration health end to end against the simulator: break an integration through its control API
 * and watch the check turn — on screen (the built console in a pty) and in `check --output json`
 * with the monitoring exit code (the command's run() in this process, on the same profile).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/commands/check.js';
import { parseCli } from '../../src/cli/args.js';
import type { CheckReportJson } from '../../src/domain/health/index.js';
import { startConsole, type PtySession } from '../helpers/pty.js';
import { startSimWithProfile, type SimProfile } from '../helpers/simProfile.js';

let sp: SimProfile;
let pty: PtySession | undefined;
const savedEnv = { ...process.env };

beforeAll(async () => {
  sp = await startSimWithProfile();
  Object.assign(process.env, sp.env);
});
afterAll(async () => {
  pty?.kill();
  process.env = savedEnv;
  await sp?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

async function check(...args: string[]): Promise<{ code: number; json: CheckReportJson; stderr: string }> {
  const inv = parseCli(['check', ...sp.args, '--output', 'json', ...args], process.env);
  if (inv.kind !== 'command') throw new Error(`not a command: ${JSON.stringify(inv)}`);
  let out = '';
  let err = '';
  const code = await run(inv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, json: JSON.parse(out) as CheckReportJson, stderr: err };
}

const checkOf = (json: CheckReportJson, id: string) => {
  const c = json.checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id} in ${json.checks.map((x) => x.id).join(', ')}`);
  return c;
};
const evidence = (c: CheckReportJson['checks'][number], label: string) => c.evidence.find((e) => e.label === label)?.value;

describe('check --output json as integrations break', () => {
  it('incident-creation rule: OK once disabled, FAIL naming the rule when one is enabled again', async () => {
    await sp.control('disableIncidentCreationRule', { productFilter: 'Microsoft Defender Advanced Threat Protection' });
    const before = await check('--only', 'sentinel');
    expect(checkOf(before.json, 'sentinel-rules').status).toBe('OK');

    await sp.control('enableIncidentCreationRule', { productFilter: 'Microsoft Cloud App Security' });
    const after = await check('--only', 'sentinel');
    const rules = checkOf(after.json, 'sentinel-rules');
    expect(rules.status).toBe('FAIL');
    expect(rules.finding).toMatch(/^Duplicate incidents: 1 enabled Microsoft incident-creation rule .*\(Microsoft Cloud App Security\)$/);
    expect(after.code).toBe(2);
    expect(after.json.exitCode).toBe(2);
    await sp.control('disableIncidentCreationRule', { productFilter: 'Microsoft Cloud App Security' });
  });

  it('network protection: a group moved to audit mode under Block indicators FAILs, naming the group and its devices', async () => {
    for (const group of ['Finance', 'Servers-Tier0', 'Kiosk', 'Developers', '']) await sp.control('setGroupNetworkProtection', { group, mode: 'block' });
    const before = await check('--only', 'network-protection');
    // Every device with a known mode blocks; macOS/Linux report no scid-96 mode, which is a WARN, not a FAIL.
    expect(before.json.checks[0]!.status).not.toBe('FAIL');

    await sp.control('setGroupNetworkProtection', { group: 'Kiosk', mode: 'audit' });
    const after = await check('--only', 'network-protection');
    const np = after.json.checks[0]!;
    expect(np.status).toBe('FAIL');
    expect(np.finding).toMatch(/^Group "Kiosk": (\d+) of \1 devices not in block mode while \d+ Block\/Warn network indicators apply \(audit mode only logs\) — e\.g\. kiosk-/);
    expect(evidence(np, 'Kiosk')).toMatch(/^(\d+) devices: block 0, audit \1, off 0/);
    expect(after.code).toBe(2);
  });

  it('a stopped table and an unsanctioned app, after the simulated clock moves past the gap and the sync delay', async () => {
    const start = Date.now();
    await sp.control('stopTable', { table: 'DeviceProcessEvents' });
    const apps = await check('--only', 'mdca');
    const blockBefore = Number(/\((\d+) block/.exec(checkOf(apps.json, 'mdca').finding)?.[1]);
    await sp.control('unsanctionApp', { app: 'Dropbox' });

    // Move the simulated tenant's clock and this process's Date (the command's "now") by the same 65 minutes.
    await sp.advanceClock(65);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start + 65 * 60_000);
    const { code, json } = await check('--only', 'sentinel,streaming,mdca');

    const fresh = checkOf(json, 'sentinel-freshness');
    expect(fresh.status).toBe('FAIL');
    expect(fresh.finding).toContain('DeviceProcessEvents (newest ');
    expect(evidence(fresh, 'DeviceProcessEvents')).toMatch(/— STALE$/);
    const streaming = checkOf(json, 'streaming');
    expect(streaming.status).toBe('FAIL');
    expect(streaming.finding).toMatch(/DeviceProcessEvents \(last message [^)]+, 1 h \d+ min ago\)/);
    expect(evidence(streaming, 'DeviceProcessEvents')).toMatch(/— STOPPED$/);

    // Defender for Cloud Apps synced Block indicators for Dropbox's three domains: the count says so.
    const mdca = checkOf(json, 'mdca');
    expect(mdca.status).toBe('OK');
    expect(Number(/\((\d+) block/.exec(mdca.finding)?.[1])).toBe(blockBefore + 3);
    expect(code).toBe(2);
    expect(json.summary.FAIL).toBeGreaterThanOrEqual(2);
  });

  it('exits 3 with one line when --only names an unknown area', async () => {
    const inv = parseCli(['check', ...sp.args, '--only', 'sentinel,firewall'], process.env);
    if (inv.kind !== 'command') throw new Error('not a command');
    let err = '';
    const code = await run(inv, { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) } });
    expect(code).toBe(3);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('unknown area "firewall"');
  });
});

describe('the Health screen in a pty', () => {
  it('shows a check turn to FAIL after r, with its evidence on Enter', { timeout: 30_000 }, async () => {
    await sp.control('disableIncidentCreationRule', { productFilter: 'Microsoft Defender Advanced Threat Protection' });
    pty = startConsole(sp.args, { env: sp.env, cols: 120, rows: 32 });
    await pty.waitForText(/✓ OK\s+Sentinel: Microsoft incident/);

    await sp.control('enableIncidentCreationRule', { productFilter: 'Microsoft Defender Advanced Threat Protection' });
    pty.write('r');
    const screen = await pty.waitForText(/✗ FAIL\s+(Sentinel\s+)?Sentinel: Microsoft incident/);
    expect(screen).toMatch(/Integration health\s+✗ \d+ FAIL/);

    // Walk down the list opening each row until the rules check's detail shows: rows may re-order
    // while other inputs land, so positions read from an earlier screen are not trusted.
    pty.write('g');
    let detail = '';
    for (let i = 0; i < 15 && !detail; i++) {
      pty.write('\r');
      const shown = await pty.waitForText(/Esc closes/);
      if (/Microsoft incident-creation rules/.test(shown.split('\n').slice(2, 4).join('\n'))) {
        detail = await pty.waitForText('XDR incident sync');
      } else {
        pty.write('\x1b');
        await pty.waitForText('STATUS');
        pty.write('j');
      }
    }
    expect(detail).not.toBe('');
    expect(detail).toContain('Create incidents based on Microsoft Defender Advanced Threat Protection alerts');
    expect(detail).toContain('Microsoft Sentinel Reader');
    expect(detail).toContain('learn.microsoft.com');
    pty.write('\x1b');
    await pty.waitForText('STATUS');
    pty.write('q');
    expect(await pty.exited).toBe(0);
  });
});
