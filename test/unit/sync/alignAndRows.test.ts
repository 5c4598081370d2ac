/** List rows/filters, --since parsing, and status alignment end to end on the simulator (write session, audit log). */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from '../../../src/session/index.js';
import { openAuditLog, auditWho } from '../../../src/audit/index.js';
import {
  applyAlignment, applyView, clearLastFilter, collectSyncSnapshot, DEFAULT_VIEW, parseDuration, parseSyncStates,
  planAlignment, setStates, setText, syncRows,
} from '../../../src/stores/sync/index.js';
import { startSimWithProfile, type SimProfile } from '../../helpers/simProfile.js';

describe('parseDuration / parseSyncStates', () => {
  it('reads m, h and d and refuses anything else in one line', () => {
    expect(parseDuration('30m')).toEqual({ ms: 30 * 60_000 });
    expect(parseDuration('24h')).toEqual({ ms: 24 * 3_600_000 });
    expect(parseDuration('7d')).toEqual({ ms: 7 * 86_400_000 });
    expect(parseDuration('1.5h')).toHaveProperty('error');
    expect(parseDuration('0d')).toHaveProperty('error');
    expect(parseSyncStates('Missing, in-sync')).toEqual({ states: ['missing', 'inSync'] });
    expect(parseSyncStates('lost')).toEqual({ error: expect.stringContaining('unknown state "lost"') });
  });
});

let sp: SimProfile;
let session: Session;
const savedEnv = { ...process.env };
beforeAll(async () => {
  sp = await startSimWithProfile({ seed: 31 });
  Object.assign(process.env, sp.env);
  session = await openSession({ demo: false, profile: 'sim', write: true });
}, 30_000);
afterAll(async () => {
  await session?.close();
  await sp?.close();
  process.env = savedEnv;
});

describe('rows and filters', () => {
  it('lists every state but in sync, filters by state and text, and Esc removes the last filter', async () => {
    const { report } = await collectSyncSnapshot(session);
    const rows = syncRows(report);
    const notInSync = report.entries.filter((e) => e.state !== 'inSync').length + report.orphaned.length;
    expect(rows).toHaveLength(notInSync);
    const missing = applyView(rows, setStates(DEFAULT_VIEW, ['missing']));
    expect(missing.length).toBe(report.counts.missing);
    const one = rows.find((r) => r.defenderId)!;
    const both = setText(setStates(DEFAULT_VIEW, [one.state]), one.defenderId!);
    expect(applyView(rows, both).map((r) => r.id)).toContain(one.id);
    expect(applyView(rows, both).every((r) => r.state === one.state)).toBe(true);
    const back = clearLastFilter(both);
    expect(back.text).toBe('');
    expect(back.states).toEqual([one.state]);
  });
});

describe('status alignment', () => {
  it('closes the drifted Sentinel copy with the planned PUT body and appends the audit log', async () => {
    const snap0 = await collectSyncSnapshot(session);
    const open = snap0.report.entries.find((e) => e.state === 'inSync' && (e.defender.status === 'active' || e.defender.status === 'inProgress'))!;
    const drift = (await sp.control('driftIncident', { id: open.defenderId })).result;
    const { report } = await collectSyncSnapshot(session);
    const plan = planAlignment(report, [drift.defenderId]);
    expect(plan.puts).toHaveLength(1);
    expect(plan.puts[0]!.body.properties).toMatchObject({ status: 'Closed', classification: 'FalsePositive' });
    const dir = mkdtempSync(join(tmpdir(), 'sync-audit-'));
    const log = openAuditLog(join(dir, 'audit.jsonl'));
    const outcomes = await applyAlignment(session.api.arm, plan, { log, who: auditWho(session.profile), profile: session.profile.name, tenant: session.profile.tenantId });
    expect(outcomes).toEqual([expect.objectContaining({ defenderId: drift.defenderId, sentinelName: drift.sentinelName, outcome: 'done' })]);
    const after = await collectSyncSnapshot(session);
    expect(after.report.entries.find((e) => e.defenderId === drift.defenderId)?.state).toBe('inSync');
    const lines = readFileSync(log.path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ action: 'sync.alignStatus', ids: [drift.defenderId, drift.sentinelName], outcome: 'done', before: [{ status: expect.stringMatching(/New|Active/) }], after: [{ status: 'Closed' }] });
    // A second PUT with the old etag is refused (412), recorded as failed, not overwritten.
    const stale = await applyAlignment(session.api.arm, plan, { log, who: auditWho(session.profile), profile: session.profile.name, tenant: session.profile.tenantId });
    expect(stale[0]!.outcome).toBe('failed');
    expect(readFileSync(log.path, 'utf8').trim().split('\n')).toHaveLength(2);
  });
});
