import { describe, expect, it } from 'vitest';
import { MDCA_CREATOR } from '../../../../src/simulator/tenant/index.js';
import { IDENTITY, makeSim, makeTenant } from '../services/simFixtures.js';

const SI = `/subscriptions/${IDENTITY.subscriptionId}/resourceGroups/${IDENTITY.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${IDENTITY.workspaceName}/providers/Microsoft.SecurityInsights`;

async function snapshot(seed: number) {
  const sim = makeSim(makeTenant({ seed }));
  const ind = await sim.call('mde', 'GET', '/api/indicators');
  const mac = await sim.call('mde', 'GET', '/api/machines');
  const inc = await sim.call('graph', 'GET', '/v1.0/security/incidents?$top=50&$expand=alerts');
  const sen = await sim.call('arm', 'GET', `${SI}/incidents?api-version=2025-09-01&$top=100`);
  return JSON.stringify([ind.json, mac.json, inc.json, sen.json]);
}

describe('tenant determinism', () => {
  it('gives the same answers for the same seed and clock, different ones for another seed', async () => {
    const a = await snapshot(7);
    expect(await snapshot(7)).toBe(a);
    expect(await snapshot(8)).not.toBe(a);
  });

  it('evolves the same way whether polled often or once', async () => {
    const polled = makeSim(makeTenant());
    for (let i = 0; i < 12; i++) {
      polled.tenant.advanceClock(30);
      await polled.call('graph', 'GET', '/v1.0/security/incidents?$top=1');
    }
    const once = makeSim(makeTenant());
    once.tenant.advanceClock(360);
    const q = '/v1.0/security/incidents?$top=50';
    expect(JSON.stringify((await polled.call('graph', 'GET', q)).json)).toBe(JSON.stringify((await once.call('graph', 'GET', q)).json));
  });
});

describe('incident sync scenarios', () => {
  it('has pending incidents not yet in Sentinel that sync after the window', () => {
    const t = makeTenant();
    const pending = t.incidents.scenarios.pending.map((id) => t.incidents.defender.get(id)!);
    expect(pending.length).toBe(2);
    expect(pending.every((d) => d.sentinelName === null)).toBe(true);
    t.advanceClock(10);
    expect(pending.every((d) => d.sentinelName !== null)).toBe(true);
    const s = t.incidents.sentinel.get(pending[0]!.sentinelName!)!;
    expect(Date.parse(s.props.createdTimeUtc) - pending[0]!.createdMs).toBe(pending[0]!.lagMs - (pending[0]!.lagMs % 1000));
  });

  it('seeds missing copies, drift, merged incidents, duplicates and orphans', () => {
    const t = makeTenant();
    const sc = t.incidents.scenarios;
    expect(sc.missing.length).toBeGreaterThan(0);
    expect(sc.missing.every((id) => t.incidents.defender.get(id)!.sentinelName === null)).toBe(true);
    expect(sc.drift.length).toBeGreaterThan(0);
    for (const id of sc.drift) {
      const d = t.incidents.defender.get(id)!;
      expect(['resolved', 'redirected']).toContain(d.status);
      expect(t.incidents.sentinel.get(d.sentinelName!)!.props.status).not.toBe('Closed');
    }
    const merged = sc.merged.map((id) => t.incidents.defender.get(id)!).filter((d) => d.sync === 'normal' && d.sentinelName);
    expect(merged.length).toBeGreaterThan(0);
    const copy = t.incidents.sentinel.get(merged[0]!.sentinelName!)!;
    expect(copy.props.status).toBe('Closed');
    expect(copy.props.labels?.map((l) => l.labelName)).toContain('Redirected');
    expect(sc.duplicates.length).toBeGreaterThan(0);
    expect(sc.duplicates.every((n) => t.incidents.sentinel.get(n)!.props.providerName === 'Azure Sentinel')).toBe(true);
    expect(sc.orphans.length).toBeGreaterThan(0);
    const orphan = t.incidents.defender.get(sc.orphans[0]!)!;
    expect(t.incidents.visibleDefender().some((d) => d.id === orphan.id)).toBe(false);
    expect(t.incidents.sentinel.get(orphan.sentinelName!)!.props.providerIncidentId).toBe(orphan.id);
  });

  it('driftIncident, dropSentinelCopy and duplicateIncident return the affected ids and change the APIs', async () => {
    const sim = makeSim(makeTenant());
    const drift = sim.tenant.control('driftIncident', {});
    expect(drift.ok).toBe(true);
    const { defenderId, sentinelName } = drift.result as { defenderId: string; sentinelName: string };
    sim.tenant.advanceClock(30);
    expect((await sim.call('graph', 'GET', `/v1.0/security/incidents/${defenderId}`)).json.status).toBe('resolved');
    expect((await sim.call('arm', 'GET', `${SI}/incidents/${sentinelName}?api-version=2025-09-01`)).json.properties.status).not.toBe('Closed');

    const drop = sim.tenant.control('dropSentinelCopy', {});
    const dropped = (drop.result as { droppedSentinelName: string }).droppedSentinelName;
    expect((await sim.call('arm', 'GET', `${SI}/incidents/${dropped}?api-version=2025-09-01`)).status).toBe(404);

    const dup = sim.tenant.control('duplicateIncident', { id: defenderId });
    const dupName = (dup.result as { duplicateSentinelName: string }).duplicateSentinelName;
    const got = await sim.call('arm', 'GET', `${SI}/incidents/${dupName}?api-version=2025-09-01`);
    expect(got.json.properties.providerName).toBe('Azure Sentinel');
    expect(got.json.properties.title).toBe((await sim.call('graph', 'GET', `/v1.0/security/incidents/${defenderId}`)).json.displayName);

    expect(sim.tenant.control('nope', {})).toMatchObject({ ok: false, status: 404 });
    expect(sim.tenant.listActions()).toEqual(expect.arrayContaining(['advanceClock', 'unsanctionApp', 'sanctionApp', 'monitorApp', 'stopTable', 'resumeTable', 'raiseEventRate', 'setGroupNetworkProtection', 'enableIncidentCreationRule', 'driftIncident', 'dropSentinelCopy', 'duplicateIncident']));
  });

  it('keeps producing incidents as time moves', () => {
    const t = makeTenant();
    const before = t.incidents.defender.size;
    t.advanceClock(24 * 60);
    expect(t.incidents.defender.size).toBeGreaterThan(before + 20);
  });
});

describe('MDCA sanction changes', () => {
  it('unsanctionApp adds Block indicators with the MDCA creator after the sync delay; sanctionApp removes them', async () => {
    const sim = makeSim(makeTenant());
    const q = `/api/indicators?$filter=application eq 'Dropbox'`;
    expect((await sim.call('mde', 'GET', q)).json.value).toEqual([]);
    const r = sim.tenant.control('unsanctionApp', { app: 'Dropbox' });
    expect(r.ok).toBe(true);
    sim.tenant.advanceClock(4);
    expect((await sim.call('mde', 'GET', q)).json.value).toEqual([]);
    sim.tenant.advanceClock(1);
    const added = (await sim.call('mde', 'GET', q)).json.value as any[];
    expect(added.length).toBe(3);
    for (const i of added) {
      expect(i).toMatchObject({ action: 'Block', createdBy: MDCA_CREATOR.createdBy, createdBySource: MDCA_CREATOR.createdBySource, title: MDCA_CREATOR.blockTitle, generateAlert: true, application: 'Dropbox' });
    }
    sim.tenant.control('monitorApp', { app: 'Dropbox' });
    sim.tenant.advanceClock(5);
    const warned = (await sim.call('mde', 'GET', q)).json.value as any[];
    expect(warned.map((i) => i.action)).toEqual(['Warn', 'Warn', 'Warn']);
    expect(warned[0].title).toBe(MDCA_CREATOR.warnTitle);
    sim.tenant.control('sanctionApp', { app: 'Dropbox' });
    sim.tenant.advanceClock(5);
    expect((await sim.call('mde', 'GET', q)).json.value).toEqual([]);
    expect(sim.tenant.control('unsanctionApp', { app: 'NoSuchApp' })).toMatchObject({ ok: false, status: 404 });
  });

  it('lets indicators expire as the clock moves', async () => {
    const sim = makeSim(makeTenant());
    const q = '/api/indicators?$filter=expirationTime lt 2026-03-09T12:00:00Z and expirationTime gt 2026-03-02T12:00:00Z';
    const soon = (await sim.call('mde', 'GET', q)).json.value as any[];
    expect(soon.length).toBeGreaterThan(0);
    sim.tenant.advanceClock(7 * 24 * 60);
    const now = sim.tenant.now().getTime();
    expect(soon.every((i) => Date.parse(i.expirationTime) < now)).toBe(true);
  });
});
