/**
 * Graph (through the Graph SDK with our middleware), ARM/Sentinel, Azure Monitor and Log Analytics
 * clients against a real HTTPS server.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClients, HostNotAllowedError, primaryRows, PERMISSIONS_TABLE, type RequestEvent } from '../../../src/api/index.js';
import { FakeClock, FakeCredential, incident, startTlsServer, testProfile, type TestServer } from './helpers/tls-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTlsServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function clients(opts: { write?: boolean; events?: RequestEvent[] } = {}) {
  const clock = new FakeClock();
  const credential = new FakeCredential(clock);
  const api = createApiClients({ profile: testProfile(server), credential, writeEnabled: opts.write ?? false, clock, retry: { baseDelayMs: 5, maxDelayMs: 20 }, onRequest: (e) => opts.events?.push(e) });
  return { api, clock, credential };
}

describe('Graph incidents', () => {
  it('pages every incident through @odata.nextLink with a Graph token and unknown enum members kept', async () => {
    const all = Array.from({ length: 7 }, (_, i) => incident(String(i + 1), i === 6 ? { status: 'awaitingAction', severity: 'critical' } : {}));
    server.handle((r) => {
      const u = new URL(r.url, server.origin);
      const top = Number(u.searchParams.get('$top'));
      const skip = Number(u.searchParams.get('$skip') ?? '0');
      const next = skip + top < all.length ? `${server.origin}/graph/v1.0/security/incidents?$top=${top}&$skip=${skip + top}` : undefined;
      return { status: 200, body: { '@odata.context': 'x', value: all.slice(skip, skip + top), ...(next ? { '@odata.nextLink': next } : {}) } };
    });
    const { api, credential } = clients();
    const res = await api.graph.listIncidents({ pageSize: 3, updatedAfter: '2025-05-01T00:00:00Z', expandAlerts: true });
    expect(res.complete).toBe(true);
    expect(res.items.map((i) => i.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(res.items[6]).toMatchObject({ status: 'awaitingAction', severity: 'critical' });
    expect(server.requests).toHaveLength(3);
    const first = new URL(server.requests[0]!.url, server.origin);
    expect(first.pathname).toBe('/graph/v1.0/security/incidents');
    expect(first.searchParams.get('$filter')).toBe('lastUpdateDateTime ge 2025-05-01T00:00:00Z');
    expect(first.searchParams.get('$expand')).toBe('alerts');
    expect(server.requests.every((r) => r.authorization?.startsWith('Bearer tok-'))).toBe(true);
    expect(server.requests[0]!.headers['prefer']).toBe('include-unknown-enum-members');
    expect(new Set(credential.calls)).toEqual(new Set(['https://graph.microsoft.com/.default']));
  });

  it('maps each page as it arrives (mapItem), before the next page is asked for', async () => {
    const all = Array.from({ length: 5 }, (_, i) => incident(String(i + 1)));
    server.handle((r) => {
      const u = new URL(r.url, server.origin);
      const top = Number(u.searchParams.get('$top'));
      const skip = Number(u.searchParams.get('$skip') ?? '0');
      const next = skip + top < all.length ? `${server.origin}/graph/v1.0/security/incidents?$top=${top}&$skip=${skip + top}` : undefined;
      return { status: 200, body: { value: all.slice(skip, skip + top), ...(next ? { '@odata.nextLink': next } : {}) } };
    });
    const { api } = clients();
    // Which request each item was mapped after: mapping per page means items 1–2 are mapped after request 1.
    const mappedAfter: number[] = [];
    const res = await api.graph.listIncidents({
      pageSize: 2,
      mapItem: (d) => {
        mappedAfter.push(server.requests.length);
        return { id: d.id, status: d.status };
      },
    });
    expect(res.complete).toBe(true);
    expect(res.items).toEqual(all.map((d) => ({ id: d.id, status: d.status })));
    expect(mappedAfter).toEqual([1, 1, 2, 2, 3]);
  });

  it('refuses a nextLink to another host before the SDK attaches a token', async () => {
    server.handle(() => ({ status: 200, body: { value: [incident('1')], '@odata.nextLink': `https://localhost:${server.port}/graph/v1.0/security/incidents?$skip=1` } }));
    const { api } = clients();
    const res = await api.graph.listIncidents();
    expect(res.items).toHaveLength(1);
    expect(res.error).toBeInstanceOf(HostNotAllowedError);
    expect(res.stoppedAt).toContain('localhost');
    expect(server.requests.filter((r) => r.host === 'localhost')).toHaveLength(0);
  });

  it('asks the credential again after a 401 and succeeds', async () => {
    server.handle((r) => (r.authorization === 'Bearer tok-1' ? { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired' } } } : { status: 200, body: incident('9') }));
    const { api, credential } = clients();
    const inc = await api.graph.getIncident('9');
    expect(inc.id).toBe('9');
    expect(credential.calls.length).toBe(2);
  });

  it('honours a fractional Retry-After on Graph 429 and reports the Graph request id on errors', async () => {
    let n = 0;
    server.handle(() =>
      n++ === 0
        ? { status: 429, headers: { 'retry-after': '1.5' }, body: { error: { code: 'TooManyRequests', message: 'Please retry again later.' } } }
        : { status: 403, body: { error: { code: 'Forbidden', message: 'no', innerError: { 'request-id': 'g-rid-1', date: 'x' } } } },
    );
    const { api, clock } = clients();
    const res = await api.graph.listIncidents();
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(1500);
    expect(String(res.error)).toBe('Microsoft Graph 403 Forbidden on GET /graph/v1.0/security/incidents: missing permission SecurityIncident.Read.All (request id g-rid-1)');
  });

  it('sends an incident update as PATCH when writes are enabled', async () => {
    server.handle((r) => ({ status: 200, body: incident('5', { status: JSON.parse(r.body).status }) }));
    const { api } = clients({ write: true });
    const inc = await api.graph.updateIncident('5', { status: 'resolved', classification: 'truePositive' });
    expect(server.requests[0]!.method).toBe('PATCH');
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ status: 'resolved', classification: 'truePositive' });
    expect(inc.status).toBe('resolved');
  });

  it('validates subscribedSkus and names the field that is wrong', async () => {
    server.handle(() => ({ status: 200, headers: { 'request-id': 'sku-rid' }, body: { value: [{ id: 'a', skuId: 'b', skuPartNumber: 'SPE_E5', capabilityStatus: 'Enabled', consumedUnits: '3', prepaidUnits: { enabled: 5 }, servicePlans: [] }] } }));
    const { api } = clients();
    await expect(api.graph.listSubscribedSkus()).rejects.toThrow(/Microsoft Graph .*value\[0\]\.consumedUnits expected number.*sku-rid/);
  });
});

describe('ARM: Sentinel, workspace, Event Hubs, metrics', () => {
  const sentinelIncident = (n: number) => ({
    id: `/subscriptions/sub1/.../incidents/g${n}`,
    name: `g${n}`,
    etag: '"0300bf09"',
    properties: { incidentNumber: n, title: `T${n}`, severity: 'High', status: 'New', createdTimeUtc: 'x', lastModifiedTimeUtc: 'y', providerName: 'Microsoft XDR', providerIncidentId: String(100 + n) },
  });

  it('follows ARM nextLink, sends api-version and the modifiedAfter filter', async () => {
    server.handle((r) =>
      r.url.includes('skipToken')
        ? { status: 200, body: { value: [sentinelIncident(2)] } }
        : { status: 200, body: { value: [sentinelIncident(1)], nextLink: `${server.origin}/arm/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.OperationalInsights/workspaces/ws1/providers/Microsoft.SecurityInsights/incidents?api-version=2024-09-01&$skipToken=H4sI` } },
    );
    const { api, credential } = clients();
    const res = await api.arm.listSentinelIncidents({ modifiedAfter: '2025-05-01T00:00:00Z', orderBy: 'properties/lastModifiedTimeUtc desc' });
    expect(res.complete).toBe(true);
    expect(res.items.map((i) => i.properties.providerIncidentId)).toEqual(['101', '102']);
    const u = new URL(server.requests[0]!.url, server.origin);
    expect(u.pathname).toBe('/arm/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.OperationalInsights/workspaces/ws1/providers/Microsoft.SecurityInsights/incidents');
    expect(u.searchParams.get('api-version')).toBe('2024-09-01');
    expect(u.searchParams.get('$filter')).toBe('properties/lastModifiedTimeUtc ge 2025-05-01T00:00:00Z');
    expect(credential.calls[0]).toBe('https://management.azure.com/.default');
  });

  it('updates a Sentinel incident with PUT and its etag', async () => {
    server.handle(() => ({ status: 200, body: sentinelIncident(3) }));
    const { api } = clients({ write: true });
    await api.arm.updateSentinelIncident('g3', sentinelIncident(3).properties, '"0300bf09"');
    expect(server.requests[0]!.method).toBe('PUT');
    expect(JSON.parse(server.requests[0]!.body)).toMatchObject({ etag: '"0300bf09"', properties: { status: 'New' } });
  });

  it('reads data connectors of kinds it does not know, and the metrics query parameters', async () => {
    server.handle((r) =>
      r.url.includes('metrics')
        ? { status: 200, body: { timespan: 'a/b', interval: 'PT1M', value: [{ name: { value: 'IncomingMessages' }, unit: 'Count', timeseries: [{ metadatavalues: [], data: [{ timeStamp: 't' }] }] }] } }
        : { status: 200, body: { value: [{ id: 'c1', name: 'c1', kind: 'MicrosoftThreatProtection', properties: { dataTypes: { incidents: { state: 'Enabled' } } } }, { id: 'c2', name: 'c2', properties: {} }] } },
    );
    const { api } = clients();
    const dc = await api.arm.listDataConnectors();
    expect(dc.items.map((c) => c.kind)).toEqual(['MicrosoftThreatProtection', 'Unknown']);
    const nsId = testProfile(server).eventHubNamespaceId!;
    const m = await api.monitor.getMetrics(nsId, { metricNames: ['IncomingMessages', 'OutgoingMessages'], timespan: 'a/b', interval: 'PT1M', aggregation: 'total', filter: "EntityName eq '*'" });
    expect(m.value[0]!.timeseries[0]!.data[0]).toEqual({ timeStamp: 't' });
    const u = new URL(server.requests[1]!.url, server.origin);
    expect(u.pathname).toBe(`/arm${nsId}/providers/Microsoft.Insights/metrics`);
    expect(u.searchParams.get('metricnames')).toBe('IncomingMessages,OutgoingMessages');
    expect(u.searchParams.get('$filter')).toBe("EntityName eq '*'");
  });

  it('says what is missing from the profile instead of calling a broken URL', async () => {
    const api = createApiClients({ profile: { ...testProfile(server), sentinel: undefined }, credential: new FakeCredential(), writeEnabled: false });
    await expect(api.arm.getWorkspace()).rejects.toThrow(/names no Sentinel workspace/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('Log Analytics', () => {
  it('posts the query with Content-Type and turns typed columns into row objects', async () => {
    server.handle(() => ({
      status: 200,
      body: {
        tables: [
          {
            name: 'PrimaryResult',
            columns: [
              { name: 'DataType', type: 'string' },
              { name: 'MB', type: 'real' },
              { name: 'Rows', type: 'long' },
              { name: 'IsBillable', type: 'bool' },
              { name: 'Extra', type: 'dynamic' },
            ],
            rows: [
              ['DeviceEvents', 12.5, '3', 'true', '{"a":"x\\u001b[2Jy"}'],
              ['Usage', '0.1', 4, false, { b: 1 }],
            ],
          },
        ],
        error: { code: 'PartialError', message: 'There were some errors when processing your query.' },
      },
    }));
    const { api } = clients();
    const res = await api.logs.query('Usage | summarize', 'PT12H');
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
    expect(server.requests[0]!.url).toBe('/la/v1/workspaces/11111111-2222-3333-4444-555555555555/query');
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ query: 'Usage | summarize', timespan: 'PT12H' });
    expect(res.error?.code).toBe('PartialError');
    expect(primaryRows(res)).toEqual([
      { DataType: 'DeviceEvents', MB: 12.5, Rows: 3, IsBillable: true, Extra: { a: 'xy' } },
      { DataType: 'Usage', MB: 0.1, Rows: 4, IsBillable: false, Extra: { b: 1 } },
    ]);
  });

  it('treats 204 (no data in the workspace) as an empty result', async () => {
    server.handle(() => ({ status: 204 }));
    const { api } = clients();
    expect(await api.logs.query('Usage')).toEqual({ tables: [] });
  });

  it('reports a KQL error as one line with the service message', async () => {
    server.handle(() => ({ status: 400, headers: { 'x-ms-request-id': 'la-1' }, body: { error: { code: 'BadArgumentError', message: 'The request had some invalid properties', innererror: { code: 'SyntaxError', message: "Query could not be parsed at 'x'" } } } }));
    const { api } = clients();
    await expect(api.logs.query('x y')).rejects.toThrow("Log Analytics API 400 Bad Request on POST /la/v1/workspaces/11111111-2222-3333-4444-555555555555/query: BadArgumentError: The request had some invalid properties (Query could not be parsed at 'x') (request id la-1)");
  });
});

describe('permissions table', () => {
  it('lists least-privilege permissions for reads and the write permission for writes', () => {
    const find = (op: string) => PERMISSIONS_TABLE.find((r) => r.operation === op);
    expect(find('List indicators')).toMatchObject({ write: false, permission: expect.stringContaining('Ti.Read.All') });
    expect(find('Delete up to 500 indicators')).toMatchObject({ write: true, permission: 'Ti.ReadWrite.All' });
    expect(find('Run an advanced hunting query')).toMatchObject({ write: false, permission: 'ThreatHunting.Read.All' });
    expect(find('List Sentinel incidents')?.permission).toContain('Microsoft Sentinel Reader');
  });
});
