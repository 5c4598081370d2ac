import { describe, expect, it } from 'vitest';
import { networkProtectionEventsQuery, networkProtectionFromContext, networkProtectionQuery, usageByDayQuery } from '../../../../src/api/queries.js';
import { makeSim, makeTenant } from './simFixtures.js';

describe('Graph security incidents', () => {
  it('pages every incident via absolute @odata.nextLink, newest first, to the exact count', async () => {
    const sim = makeSim(makeTenant());
    const expected = sim.tenant.incidents.visibleDefender().length;
    const seen: any[] = [];
    let r = await sim.call('graph', 'GET', '/v1.0/security/incidents?$top=50&$count=true');
    expect(r.json['@odata.count']).toBe(expected);
    for (;;) {
      seen.push(...r.json.value);
      const link = r.json['@odata.nextLink'];
      if (!link) break;
      expect(link.startsWith('https://127.0.0.1:8443/graph/v1.0/security/incidents?')).toBe(true);
      r = await sim.follow('graph', link);
    }
    expect(seen.length).toBe(expected);
    expect(new Set(seen.map((i) => i.id)).size).toBe(expected);
    const times = seen.map((i) => Date.parse(i.createdDateTime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('rejects $top above 50 with the exact message', async () => {
    const sim = makeSim(makeTenant());
    const r = await sim.call('graph', 'GET', '/v1.0/security/incidents?$top=100');
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('');
    expect(r.json.error.message).toBe("The query specified in the URI is not valid. The limit of '50' for Top query has been exceeded. The value from the incoming request is '100'.");
    expect(r.json.error.innerError['request-id']).toMatch(/^req-/);
  });

  it('filters by status, severity and dates, and expands alerts', async () => {
    const sim = makeSim(makeTenant());
    const all = sim.tenant.incidents.visibleDefender();
    const r = await sim.call('graph', 'GET', "/v1.0/security/incidents?$filter=status eq 'redirected' or (severity eq 'high' and createdDateTime ge 2026-03-01T00:00:00Z)&$top=50");
    const want = all.filter((d) => d.status === 'redirected' || (d.severity === 'high' && d.createdMs >= Date.parse('2026-03-01T00:00:00Z')));
    expect(r.json.value.length).toBe(Math.min(50, want.length));
    expect(r.json.value.filter((i: any) => i.status === 'redirected').every((i: any) => i.redirectIncidentId !== null)).toBe(true);
    const x = await sim.call('graph', 'GET', '/v1.0/security/incidents?$top=5&$expand=alerts');
    expect(x.json['@odata.context']).toContain('#security/incidents(alerts())');
    for (const inc of x.json.value) {
      expect(inc.alerts.length).toBeGreaterThan(0);
      expect(inc.alerts.every((a: any) => a.incidentId === inc.id && a.serviceSource.startsWith('microsoftDefenderFor'))).toBe(true);
    }
  });

  it('PATCH persists, returns the full entity and syncs to Sentinel after the lag', async () => {
    const sim = makeSim(makeTenant());
    const target = sim.tenant.incidents.visibleDefender().find((d) => d.sync === 'normal' && d.sentinelName && d.status !== 'resolved' && d.status !== 'redirected')!;
    const r = await sim.call('graph', 'PATCH', `/v1.0/security/incidents/${target.id}`, { status: 'Resolved', classification: 'TruePositive', determination: 'malware', assignedTo: 'x@contoso.com', customTags: ['ok'] });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: target.id, status: 'resolved', classification: 'truePositive', assignedTo: 'x@contoso.com', customTags: ['ok'] });
    expect(r.json['@odata.context']).toContain('#security/incidents/$entity');
    expect(r.json.lastModifiedBy).toMatch(/^API-App:/);
    const again = await sim.call('graph', 'GET', `/v1.0/security/incidents/${target.id}`);
    expect(again.json.status).toBe('resolved');
    const armPath = `/subscriptions/${sim.tenant.identity.subscriptionId}/resourceGroups/${sim.tenant.identity.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${sim.tenant.identity.workspaceName}/providers/Microsoft.SecurityInsights/incidents/${target.sentinelName}?api-version=2025-09-01`;
    sim.tenant.advanceClock(10);
    const s = await sim.call('arm', 'GET', armPath);
    expect(s.json.properties).toMatchObject({ status: 'Closed', classification: 'TruePositive' });
    const bad = await sim.call('graph', 'PATCH', `/v1.0/security/incidents/${target.id}`, { status: 'done' });
    expect(bad.status).toBe(400);
    const ro = await sim.call('graph', 'PATCH', `/v1.0/security/incidents/${target.id}`, { status: 'active' }, { roles: ['SecurityIncident.Read.All'] });
    expect(ro.status).toBe(403);
    expect(ro.json.error.message).toContain('SecurityIncident.ReadWrite.All');
  });

  it('lists subscribedSkus with real service plan names', async () => {
    const sim = makeSim(makeTenant());
    const r = await sim.call('graph', 'GET', '/v1.0/subscribedSkus');
    const plans = r.json.value.flatMap((s: any) => s.servicePlans.map((p: any) => p.servicePlanName));
    for (const p of ['WINDEFATP', 'MTP', 'THREAT_INTELLIGENCE', 'ATA', 'ADALLOM_S_STANDALONE']) expect(plans).toContain(p);
    expect(r.json.value.map((s: any) => s.skuPartNumber)).toEqual(['IDENTITY_THREAT_PROTECTION', 'WIN_DEF_ATP']);
  });
});

describe('Graph runHuntingQuery', () => {
  it('answers the scid-96 view and reflects setGroupNetworkProtection', async () => {
    const sim = makeSim(makeTenant());
    const ask = () => sim.call('graph', 'POST', '/v1.0/security/runHuntingQuery', { Query: networkProtectionQuery() });
    const before = await ask();
    expect(before.status).toBe(200);
    expect(before.json.schema.map((c: any) => c.name)).toEqual(['DeviceId', 'DeviceName', 'OSPlatform', 'IsApplicable', 'IsCompliant', 'Context', 'Timestamp']);
    const finance = new Set(sim.tenant.devices.filter((d) => d.machine.rbacGroupName === 'Finance').map((d) => d.machine.id));
    const modes = (res: any) => res.json.results.filter((r: any) => finance.has(r.DeviceId)).map((r: any) => networkProtectionFromContext(r.Context));
    expect(modes(before)).toContain('block');
    const c = sim.tenant.control('setGroupNetworkProtection', { group: 'Finance', mode: 'audit' });
    expect(c.ok).toBe(true);
    const after = await ask();
    const m = modes(after);
    expect(m.length).toBeGreaterThan(0);
    expect(m.every((x: string) => x === 'audit')).toBe(true);
    expect(after.json.results.filter((r: any) => finance.has(r.DeviceId)).every((r: any) => r.IsCompliant === 0)).toBe(true);
  });

  it('counts network protection events per group and rejects other queries with the real 400 shape', async () => {
    const sim = makeSim(makeTenant());
    const r = await sim.call('graph', 'POST', '/v1.0/security/runHuntingQuery', { Query: networkProtectionEventsQuery(7), Timespan: 'P7D' });
    const kioskAudited = r.json.results.find((x: any) => x.MachineGroup === 'Kiosk' && x.ActionType === 'ExploitGuardNetworkProtectionAudited');
    expect(kioskAudited.Count).toBeGreaterThan(0);
    sim.tenant.control('setGroupNetworkProtection', { group: 'Kiosk', mode: 'off' });
    const off = await sim.call('graph', 'POST', '/v1.0/security/runHuntingQuery', { Query: networkProtectionEventsQuery(7) });
    expect(off.json.results.some((x: any) => x.MachineGroup === 'Kiosk')).toBe(false);
    const other = await sim.call('graph', 'POST', '/v1.0/security/runHuntingQuery', { Query: 'DeviceProcessEvents | take 10' });
    expect(other.status).toBe(400);
    expect(other.json.error.code).toBe('BadRequest');
    expect(other.json.error.innerError).toBeDefined();
    const la = await sim.call('graph', 'POST', '/v1.0/security/runHuntingQuery', { Query: usageByDayQuery(3) });
    expect(la.status).toBe(400);
    const noRole = await sim.call('graph', 'POST', '/v1.0/security/runHuntingQuery', { Query: networkProtectionQuery() }, { roles: ['SecurityIncident.Read.All'] });
    expect(noRole.status).toBe(403);
    expect(noRole.json.error.message).toContain('ThreatHunting.Read.All');
  });
});

describe('Graph evolvable enums', () => {
  it('sends awaitingAction only with Prefer: include-unknown-enum-members', async () => {
    const sim = makeSim(makeTenant());
    const waiting = sim.tenant.incidents.visibleDefender().find((d) => d.status === 'awaitingAction')!;
    expect(waiting).toBeDefined();
    const plain = await sim.call('graph', 'GET', `/v1.0/security/incidents/${waiting.id}`);
    expect(plain.json.status).toBe('unknownFutureValue');
    const opted = await sim.call('graph', 'GET', `/v1.0/security/incidents/${waiting.id}`, undefined, { headers: { prefer: 'include-unknown-enum-members' } });
    expect(opted.json.status).toBe('awaitingAction');
  });
});
