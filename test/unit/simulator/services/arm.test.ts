import { describe, expect, it } from 'vitest';
import { hubNameFor } from '../../../../src/simulator/tenant/index.js';
import { IDENTITY, makeSim, makeTenant } from './simFixtures.js';

const WS = `/subscriptions/${IDENTITY.subscriptionId}/resourceGroups/${IDENTITY.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${IDENTITY.workspaceName}`;
const SI = `${WS}/providers/Microsoft.SecurityInsights`;
const V = 'api-version=2025-09-01';

async function allSentinel(sim: ReturnType<typeof makeSim>, first: string) {
  const out: any[] = [];
  let r = await sim.call('arm', 'GET', first);
  for (;;) {
    expect(r.status).toBe(200);
    out.push(...r.json.value);
    if (!r.json.nextLink) return out;
    expect(r.json.nextLink).toContain('$skipToken=');
    r = await sim.follow('arm', r.json.nextLink);
  }
}

describe('ARM Sentinel', () => {
  it('requires api-version', async () => {
    const sim = makeSim(makeTenant());
    const r = await sim.call('arm', 'GET', `${SI}/incidents`);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('MissingApiVersionParameter');
  });

  it('pages incidents via opaque $skipToken to the exact count and orders by createdTimeUtc', async () => {
    const sim = makeSim(makeTenant());
    const all = await allSentinel(sim, `${SI}/incidents?${V}&$top=40&$orderby=properties/createdTimeUtc desc`);
    expect(all.length).toBe(sim.tenant.incidents.sentinel.size);
    expect(new Set(all.map((i) => i.name)).size).toBe(all.length);
    const t = all.map((i) => Date.parse(i.properties.createdTimeUtc));
    expect(t).toEqual([...t].sort((a, b) => b - a));
    const providers = new Set(all.map((i) => i.properties.providerName));
    expect(providers).toEqual(new Set(['Microsoft XDR', 'Microsoft 365 Defender', 'Azure Sentinel']));
    const numbers = all.map((i) => i.properties.incidentNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    const xdr = all.filter((i) => i.properties.providerName === 'Microsoft XDR');
    expect(xdr.every((i) => String(i.properties.incidentNumber) !== i.properties.providerIncidentId)).toBe(true);
    expect(xdr[0].properties.additionalData.providerIncidentUrl).toContain(`/incident2/${xdr[0].properties.providerIncidentId}/`);
    const native = await allSentinel(sim, `${SI}/incidents?${V}&$filter=properties/providerName eq 'Azure Sentinel'`);
    expect(native.length).toBe(all.filter((i) => i.properties.providerName === 'Azure Sentinel').length);
  });

  it('PUT honours etag, requires classification to close, persists and syncs to Defender', async () => {
    const sim = makeSim(makeTenant());
    const d = sim.tenant.incidents.visibleDefender().find((x) => x.sync === 'normal' && x.sentinelName && x.status === 'inProgress')!;
    const path = `${SI}/incidents/${d.sentinelName}?${V}`;
    const cur = (await sim.call('arm', 'GET', path)).json;
    const stale = await sim.call('arm', 'PUT', path, { etag: '"stale"', properties: { ...cur.properties, status: 'Closed', classification: 'FalsePositive' } });
    expect(stale.status).toBe(412);
    const noClass = await sim.call('arm', 'PUT', path, { etag: cur.etag, properties: { title: cur.properties.title, severity: cur.properties.severity, status: 'Closed' } });
    expect(noClass.status).toBe(400);
    const put = await sim.call('arm', 'PUT', path, { etag: cur.etag, properties: { title: cur.properties.title, severity: cur.properties.severity, status: 'Closed', classification: 'FalsePositive', classificationReason: 'IncorrectAlertLogic' } });
    expect(put.status).toBe(200);
    expect(put.json.etag).not.toBe(cur.etag);
    expect((await sim.call('arm', 'GET', path)).json.properties.status).toBe('Closed');
    sim.tenant.advanceClock(10);
    const g = await sim.call('graph', 'GET', `/v1.0/security/incidents/${d.id}`);
    expect(g.json).toMatchObject({ status: 'resolved', classification: 'falsePositive' });
  });

  it('lists data connectors and alert rules; enableIncidentCreationRule makes duplicates appear', async () => {
    const sim = makeSim(makeTenant());
    const dc = (await sim.call('arm', 'GET', `${SI}/dataConnectors?${V}`)).json.value;
    const mtp = dc.find((c: any) => c.kind === 'MicrosoftThreatProtection');
    expect(mtp.properties.dataTypes.incidents.state).toBe('Enabled');
    expect(mtp.properties.filteredProviders.alerts.length).toBeGreaterThan(0);
    expect(dc.some((c: any) => c.kind === 'MicrosoftDefenderAdvancedThreatProtection')).toBe(true);
    const rules = (await sim.call('arm', 'GET', `${SI}/alertRules?${V}`)).json.value;
    const mde = rules.find((r: any) => r.kind === 'MicrosoftSecurityIncidentCreation' && r.properties.productFilter === 'Microsoft Defender Advanced Threat Protection');
    expect(mde.properties.enabled).toBe(true);
    const mdca = rules.find((r: any) => r.kind === 'MicrosoftSecurityIncidentCreation' && r.properties.productFilter === 'Microsoft Cloud App Security');
    expect(mdca.properties.enabled).toBe(false);
    expect(rules.some((r: any) => r.kind === 'Scheduled') && rules.some((r: any) => r.kind === 'Fusion')).toBe(true);

    const c = sim.tenant.control('enableIncidentCreationRule', { productFilter: 'Microsoft Cloud App Security' });
    expect(c).toMatchObject({ ok: true, result: { ruleName: mdca.name, enabled: true } });
    expect((await sim.call('arm', 'GET', `${SI}/alertRules/${mdca.name}?${V}`)).json.properties.enabled).toBe(true);
    sim.tenant.advanceClock(24 * 60);
    const dups = await allSentinel(sim, `${SI}/incidents?${V}&$top=200&$filter=properties/providerName eq 'Azure Sentinel'`);
    expect(dups.some((i) => i.properties.relatedAnalyticRuleIds.includes(mdca.id))).toBe(true);
  });

  it('serves the workspace, tables with retention and the Event Hubs namespace', async () => {
    const sim = makeSim(makeTenant());
    const ws = await sim.call('arm', 'GET', `${WS}?api-version=2023-09-01`);
    expect(ws.json.properties).toMatchObject({ customerId: IDENTITY.workspaceId, retentionInDays: 90 });
    const tables = (await sim.call('arm', 'GET', `${WS}/tables?api-version=2022-10-01`)).json.value;
    expect(tables.some((t: any) => t.name.startsWith('Device') && t.properties.retentionInDays < 180)).toBe(true);
    expect(tables.some((t: any) => t.name.startsWith('Device') && t.properties.totalRetentionInDays >= 180)).toBe(true);
    const ns = await sim.call('arm', 'GET', `${IDENTITY.eventHubNamespaceId}?api-version=2024-01-01`);
    expect(ns.json.sku).toMatchObject({ name: 'Standard', tier: 'Standard', capacity: sim.tenant.events.throughputUnits });
    const hubs = (await sim.call('arm', 'GET', `${IDENTITY.eventHubNamespaceId}/eventhubs?api-version=2024-01-01`)).json.value;
    expect(hubs.length).toBe(10);
    expect(hubs.map((h: any) => h.name)).toContain('insights-logs-advancedhunting-deviceprocessevents');
    const missing = await sim.call('arm', 'GET', `/subscriptions/${IDENTITY.subscriptionId}/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/nope?${V}`);
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('ResourceNotFound');
  });
});

describe('ARM Event Hubs metrics', () => {
  const metricsPath = (names: string, extra = '') => `${IDENTITY.eventHubNamespaceId}/providers/Microsoft.Insights/metrics?api-version=2023-10-01&metricnames=${names}&interval=PT1M&aggregation=Total&timespan=2026-03-02T11:00:00Z/2026-03-02T11:30:00Z${extra}`;

  it('splits per hub with entityname metadata in the documented shape', async () => {
    const sim = makeSim(makeTenant());
    const r = await sim.call('arm', 'GET', metricsPath('IncomingMessages,IncomingBytes', "&$filter=EntityName eq '*'"));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ interval: 'PT1M', namespace: 'microsoft.eventhub/namespaces', timespan: '2026-03-02T11:00:00Z/2026-03-02T11:30:00Z' });
    const bytes = r.json.value.find((m: any) => m.name.value === 'IncomingBytes');
    expect(bytes.unit).toBe('Bytes');
    expect(bytes.errorCode).toBe('Success');
    expect(bytes.timeseries.length).toBe(10);
    const proc = bytes.timeseries.find((t: any) => t.metadatavalues[0].value === hubNameFor('DeviceProcessEvents'));
    expect(proc.metadatavalues[0].name.value).toBe('entityname');
    expect(proc.data.length).toBe(30);
    expect(proc.data.every((p: any) => p.total > 0)).toBe(true);
    // The stopped table (DeviceRegistryEvents, stopped since 2 h before start) shows zeros.
    const reg = bytes.timeseries.find((t: any) => t.metadatavalues[0].value === hubNameFor('DeviceRegistryEvents'));
    expect(reg.data.every((p: any) => p.total === 0)).toBe(true);
  });

  it('shows throttling when raiseEventRate pushes the namespace past its throughput units', async () => {
    const sim = makeSim(makeTenant());
    const throttled = async () => {
      const r = await sim.call('arm', 'GET', `${IDENTITY.eventHubNamespaceId}/providers/Microsoft.Insights/metrics?api-version=2023-10-01&metricnames=ThrottledRequests&interval=PT1M&timespan=PT10M`);
      return r.json.value[0].timeseries[0].data.reduce((s: number, p: any) => s + (p.total ?? 0), 0);
    };
    expect(await throttled()).toBe(0);
    expect(sim.tenant.control('raiseEventRate', { multiplier: 5 }).ok).toBe(true);
    sim.tenant.advanceClock(10);
    expect(await throttled()).toBeGreaterThan(0);
  });

  it('rejects unknown metric names and bad filters', async () => {
    const sim = makeSim(makeTenant());
    expect((await sim.call('arm', 'GET', metricsPath('Nope'))).status).toBe(400);
    expect((await sim.call('arm', 'GET', metricsPath('IncomingMessages', "&$filter=Foo eq 'x'"))).status).toBe(400);
  });
});
