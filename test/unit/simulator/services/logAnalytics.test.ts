import { describe, expect, it } from 'vitest';
import { tableFreshnessQuery, tableRatesQuery, usageByDayQuery } from '../../../../src/api/queries.js';
import { IDENTITY, makeSim, makeTenant } from './simFixtures.js';

const Q = `/v1/workspaces/${IDENTITY.workspaceId}/query`;
const rowsOf = (r: any) => {
  const t = r.json.tables[0];
  return t.rows.map((row: unknown[]) => Object.fromEntries(t.columns.map((c: any, i: number) => [c.name, row[i]])));
};

describe('Log Analytics query API', () => {
  it('answers freshness per table and shows a stopped table', async () => {
    const sim = makeSim(makeTenant());
    const q = tableFreshnessQuery(['DeviceProcessEvents', 'DeviceRegistryEvents', 'EmailEvents'], 24);
    const r = await sim.call('loganalytics', 'POST', Q, { query: q });
    expect(r.status).toBe(200);
    expect(r.json.tables[0].columns).toEqual([{ name: 'Table', type: 'string' }, { name: 'Count', type: 'long' }, { name: 'LastTime', type: 'datetime' }]);
    const rows = rowsOf(r);
    const proc = rows.find((x: any) => x.Table === 'DeviceProcessEvents');
    const reg = rows.find((x: any) => x.Table === 'DeviceRegistryEvents');
    const now = Date.parse('2026-03-02T12:00:00Z');
    expect(now - Date.parse(proc.LastTime)).toBeLessThan(5 * 60_000);
    // Stopped since 2 h before start: its newest row is ~2 h old.
    expect(now - Date.parse(reg.LastTime)).toBeGreaterThanOrEqual(2 * 3600_000);
    expect(reg.Count).toBeGreaterThan(0);

    sim.tenant.control('stopTable', { table: 'EmailEvents' });
    sim.tenant.advanceClock(60);
    const after = rowsOf(await sim.call('loganalytics', 'GET', `${Q}?query=${encodeURIComponent(q)}`));
    const email = after.find((x: any) => x.Table === 'EmailEvents');
    expect(Date.parse('2026-03-02T13:00:00Z') - Date.parse(email.LastTime)).toBeGreaterThanOrEqual(59 * 60_000);
    sim.tenant.control('resumeTable', { table: 'EmailEvents' });
    sim.tenant.advanceClock(10);
    const resumed = rowsOf(await sim.call('loganalytics', 'POST', Q, { query: q }));
    expect(Date.parse('2026-03-02T13:10:00Z') - Date.parse(resumed.find((x: any) => x.Table === 'EmailEvents').LastTime)).toBeLessThan(5 * 60_000);
  });

  it('answers Usage per DataType per day with free SecurityAlert/SecurityIncident', async () => {
    const sim = makeSim(makeTenant());
    const r = await sim.call('loganalytics', 'POST', Q, { query: usageByDayQuery(3), timespan: 'P3D' });
    const rows = rowsOf(r);
    expect(rows.find((x: any) => x.DataType === 'SecurityAlert').IsBillable).toBe(false);
    expect(rows.find((x: any) => x.DataType === 'DeviceProcessEvents').IsBillable).toBe(true);
    expect(new Set(rows.map((x: any) => x.Day)).size).toBeGreaterThanOrEqual(3);
    const today = rows.filter((x: any) => x.Day === '2026-03-02T00:00:00.000Z');
    // DeviceRegistryEvents stopped at 10:00: today it has at most 10 hours of data, unlike its peers.
    const reg = today.find((x: any) => x.DataType === 'DeviceRegistryEvents');
    const yesterdayReg = rows.find((x: any) => x.DataType === 'DeviceRegistryEvents' && x.Day === '2026-03-01T00:00:00.000Z');
    expect(reg.Quantity).toBeLessThan(yesterdayReg.Quantity / 2);
  });

  it('per-minute rates match Event Hubs IncomingBytes for the same minute', async () => {
    const sim = makeSim(makeTenant());
    const rates = rowsOf(await sim.call('loganalytics', 'POST', Q, { query: tableRatesQuery(['DeviceProcessEvents'], 60) }));
    expect(rates.length).toBeGreaterThan(50);
    const row = rates[10];
    const minute = Date.parse(row.TimeGenerated);
    const span = `${new Date(minute).toISOString().slice(0, 19)}Z/${new Date(minute + 60_000).toISOString().slice(0, 19)}Z`;
    const m = await sim.call('arm', 'GET', `${IDENTITY.eventHubNamespaceId}/providers/Microsoft.Insights/metrics?api-version=2023-10-01&metricnames=IncomingBytes&interval=PT1M&timespan=${span}&$filter=EntityName eq 'insights-logs-advancedhunting-deviceprocessevents'`);
    expect(m.json.value[0].timeseries[0].data[0].total).toBe(row.Bytes);
  });

  it('returns the real error shapes', async () => {
    const sim = makeSim(makeTenant());
    const bad = await sim.call('loganalytics', 'POST', Q, { query: 'SecurityEvent | take 5' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('BadArgumentError');
    expect(bad.json.error.innererror.code).toBe('SemanticError');
    const unknownTable = await sim.call('loganalytics', 'POST', Q, { query: tableFreshnessQuery(['NoSuchTable'], 1) });
    expect(unknownTable.status).toBe(400);
    const ws = await sim.call('loganalytics', 'POST', '/v1/workspaces/00000000-0000-0000-0000-000000000000/query', { query: usageByDayQuery(1) });
    expect(ws.status).toBe(404);
    const path = await sim.call('loganalytics', 'GET', '/v1/nothing');
    expect(path.json.error.code).toBe('PathNotFoundError');
    const noType = await sim.call('loganalytics', 'POST', Q, { query: usageByDayQuery(1) }, { headers: { 'content-type': '' } });
    expect(noType.status).toBe(200);
    expect(noType.body).toBe('');
  });
});

describe('Log Analytics SecurityIncident', () => {
  it('returns the latest state of each Sentinel incident changed in the window, matching ARM', async () => {
    const { sentinelIncidentsQuery } = await import('../../../../src/api/queries.js');
    const sim = makeSim(makeTenant());
    const rows = rowsOf(await sim.call('loganalytics', 'POST', Q, { query: sentinelIncidentsQuery(1) }));
    expect(rows.length).toBeGreaterThan(0);
    const now = Date.parse('2026-03-02T12:00:00Z');
    expect(rows.every((r: any) => now - Date.parse(r.LastModifiedTime) <= 86_400_000)).toBe(true);
    const s = sim.tenant.incidents.sentinel.get(rows[0].IncidentName)!;
    expect(rows[0]).toMatchObject({ IncidentNumber: s.props.incidentNumber, Status: s.props.status, ProviderName: s.props.providerName });
  });
});
