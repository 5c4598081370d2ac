/**
 * The sync data layer against the simulator (real HTTPS, a profile pointing at it): a full first read,
 * then incremental reads that ask only for changed incidents and merge them by id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from '../../../src/session/index.js';
import { collectSyncSnapshot, INCREMENTAL_OVERLAP_MS, readSyncSnapshot, syncWindowStart, type SyncSnapshot } from '../../../src/stores/sync/index.js';
import { startSimWithProfile, type SimProfile } from '../../helpers/simProfile.js';

let sp: SimProfile;
let session: Session;
const savedEnv = { ...process.env };

beforeAll(async () => {
  sp = await startSimWithProfile({ seed: 11 });
  Object.assign(process.env, sp.env);
  session = await openSession({ demo: false, profile: 'sim', write: false });
}, 30_000);

afterAll(async () => {
  await session?.close();
  await sp?.close();
  process.env = savedEnv;
});

function incremental(previous: SyncSnapshot, since: Date) {
  const now = new Date();
  return readSyncSnapshot(session.api, {
    windowStart: syncWindowStart(session, now),
    syncWindowMinutes: 10,
    tenantId: session.profile.tenantId,
    previous,
    since,
  });
}

describe('readSyncSnapshot', () => {
  let first: SyncSnapshot;
  let firstStarted: Date;

  it('reads both sides in full first, XDR copies under both provider names matched by providerIncidentId', async () => {
    firstStarted = new Date();
    first = await collectSyncSnapshot(session);
    expect(first.lastRead.kind).toBe('full');
    expect(first.defender.size).toBeGreaterThan(10);
    const providers = new Set([...first.sentinel.values()].map((s) => s.properties.providerName));
    expect(providers).toContain('Microsoft XDR');
    expect(providers).toContain('Microsoft 365 Defender');
    // Copies of both provider names land in sync with their Defender incident (matched by id, not number).
    const inSyncProviders = new Set(first.report.entries.flatMap((e) => (e.state === 'inSync' ? [e.sentinel.incident.properties.providerName] : [])));
    expect(inSyncProviders).toEqual(new Set(['Microsoft XDR', 'Microsoft 365 Defender']));
    for (const e of first.report.entries) {
      if (e.state === 'inSync') expect(e.sentinel.incident.properties.providerIncidentId?.trim()).toBe(e.defenderId);
    }
    expect(first.rules?.length).toBeGreaterThan(0);
  });

  it('an incident changed on the Defender side after the first read shows up drifted after an incremental read', async () => {
    const drift = await sp.control('driftIncident');
    const id: string = drift.result?.defenderId ?? drift.defenderId;
    expect(first.report.entries.find((e) => e.defenderId === id)?.state).toBe('inSync');
    const next = await incremental(first, firstStarted);
    expect(next.lastRead.kind).toBe('incremental');
    // Only changed incidents came back, not the whole window.
    expect(next.lastRead.defender).toBeLessThan(first.defender.size);
    expect(next.lastRead.defender).toBeGreaterThanOrEqual(1);
    const entry = next.report.entries.find((e) => e.defenderId === id);
    expect(entry?.state).toBe('drifted');
    if (entry?.state === 'drifted') expect(entry.differences.map((d) => d.field)).toContain('status');
    // The merge keeps everything else from the previous read.
    expect(next.defender.size).toBe(first.defender.size);
    first = next;
  });

  it('a Sentinel incident created after the last read (a second copy) shows up duplicated after an incremental read', async () => {
    const started = new Date();
    const before = first;
    const dup = await sp.control('duplicateIncident');
    const id: string = dup.result?.defenderId ?? dup.defenderId;
    const next = await incremental(before, started);
    expect(next.lastRead.kind).toBe('incremental');
    expect(next.lastRead.sentinel).toBeLessThan(before.sentinel.size);
    expect(next.sentinel.size).toBe(before.sentinel.size + 1);
    const entry = next.report.entries.find((e) => e.defenderId === id);
    expect(entry?.state).toBe('duplicated');
    if (entry?.state === 'duplicated') expect(entry.copies.length + entry.ruleIncidents.length).toBe(2);
  });

  it('asks Graph for updatedAfter and ARM for modifiedAfter (since the last read, minus the overlap) only on incremental reads', async () => {
    const seen: { graph: unknown[]; arm: unknown[] } = { graph: [], arm: [] };
    const recording = {
      graph: { ...session.api.graph, listIncidents: (o?: object) => (seen.graph.push(o), session.api.graph.listIncidents(o)) },
      arm: { ...session.api.arm, listSentinelIncidents: (o?: object) => (seen.arm.push(o), session.api.arm.listSentinelIncidents(o)) },
    } as unknown as Session['api'];
    const since = new Date(Date.now() - 5 * 60_000);
    const windowStart = syncWindowStart(session, new Date());
    const full = await readSyncSnapshot(recording, { windowStart, syncWindowMinutes: 10 });
    await readSyncSnapshot(recording, { windowStart, syncWindowMinutes: 10, previous: full, since });
    expect(seen.graph[0]).not.toHaveProperty('updatedAfter');
    expect(seen.arm[0]).not.toHaveProperty('modifiedAfter');
    expect((seen.graph[1] as { updatedAfter: Date }).updatedAfter.getTime()).toBe(since.getTime() - INCREMENTAL_OVERLAP_MS);
    expect((seen.arm[1] as { modifiedAfter: Date }).modifiedAfter.getTime()).toBe(since.getTime() - INCREMENTAL_OVERLAP_MS);
    expect(seen.graph[1]).toMatchObject({ createdAfter: windowStart, expandAlerts: true });
    // Each page is prepared as it arrives: no wire object outlives its page.
    for (const o of [...seen.graph, ...seen.arm]) expect(typeof (o as { mapItem?: unknown }).mapItem).toBe('function');
  });

  it('keeps prepared records whose derived fields are those of their wire fields', async () => {
    for (const d of first.defender.values()) {
      expect(Object.is(d.createdMs, Date.parse(d.createdDateTime))).toBe(true);
      expect(Object.is(d.lastUpdateMs, Date.parse(d.lastUpdateDateTime))).toBe(true);
      expect(d.defenderId).toBe(d.id.trim());
    }
    for (const s of first.sentinel.values()) expect(Object.is(s.createdMs, Date.parse(s.properties.createdTimeUtc))).toBe(true);
  });

  it('does a full read again once the last full read is older than fullReadEveryMs (deletions are not in a change feed)', async () => {
    const started = new Date();
    const target = first.report.entries.find((e) => e.state === 'inSync')!.defenderId;
    const dropped = await sp.control('dropSentinelCopy', { id: target });
    const id: string = dropped.result?.defenderId ?? dropped.defenderId;
    const stillIncremental = await incremental(first, started);
    // An incremental read cannot see the deleted copy …
    expect(stillIncremental.report.entries.find((e) => e.defenderId === id)?.state).not.toBe('missing');
    // … the periodic full read does.
    const full = await readSyncSnapshot(session.api, {
      windowStart: syncWindowStart(session, new Date()),
      syncWindowMinutes: 10,
      previous: stillIncremental,
      since: started,
      fullReadEveryMs: 0,
    });
    expect(full.lastRead.kind).toBe('full');
    expect(id).toBe(target);
    expect(full.report.entries.find((e) => e.defenderId === id)?.state).toBe('missing');
  });
});
