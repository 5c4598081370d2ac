/**
 * The shared pipeline and the MDE client against a real HTTPS server (self-signed CA trusted
 * through the profile, not through process-wide settings).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import https from 'node:https';
import { createPipelineRequest } from '@azure/core-rest-pipeline';
import { createApiClients, createHttpClient, ApiError, HostNotAllowedError, ReadOnlyError, type RequestEvent } from '../../../src/api/index.js';
import { FakeClock, FakeCredential, indicator, startTlsServer, testProfile, type TestServer } from './helpers/tls-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTlsServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function clients(opts: { write?: boolean; clock?: FakeClock; credential?: FakeCredential; events?: RequestEvent[] } = {}) {
  const clock = opts.clock ?? new FakeClock();
  const credential = opts.credential ?? new FakeCredential(clock);
  const api = createApiClients({
    profile: testProfile(server),
    credential,
    writeEnabled: opts.write ?? false,
    clock,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    onRequest: (e) => opts.events?.push(e),
  });
  return { api, clock, credential };
}

const page = (items: unknown[], extra: Record<string, unknown> = {}) => ({ status: 200, body: { '@odata.context': 'x#Indicators', value: items, ...extra } });

describe('TLS trust', () => {
  it('reaches a server with a self-signed certificate only because the profile trusts its CA', async () => {
    server.handle(() => page([indicator('1')]));
    const { api } = clients();
    const ok = await api.mde.listIndicators();
    expect(ok.complete).toBe(true);
    const untrusting = createApiClients({ profile: { ...testProfile(server), caCertPem: undefined }, credential: new FakeCredential(), writeEnabled: false, retry: { maxRetries: 0 } });
    const res = await untrusting.mde.listIndicators();
    expect(res.complete).toBe(false);
    expect(res.error?.kind).toBe('network');
  });

  it('keys its connection pool without the CA bundle, so a request does not rebuild a ~400 KB pool key', async () => {
    server.handle(() => page([]));
    const http = createHttpClient({ caCertPem: server.caPem });
    const first = createPipelineRequest({ url: `${server.origin}/api/indicators` });
    expect((await http.sendRequest(first)).status).toBe(200);
    const agent = first.agent as https.Agent;
    // Trust comes from one prebuilt secure context; https.Agent.getName() would concatenate a `ca` option into every key.
    expect(agent.options.ca).toBeUndefined();
    expect(agent.options.secureContext).toBeDefined();
    expect(agent.getName({ host: 'localhost', port: 443 }).length).toBeLessThan(200);
    const second = createPipelineRequest({ url: `${server.origin}/api/indicators` });
    expect((await http.sendRequest(second)).status).toBe(200);
    expect(second.agent).toBe(agent);
  });
});

describe('paging MDE indicators', () => {
  it('pages with $top/$skip until a short page and reports progress', async () => {
    const all = Array.from({ length: 5 }, (_, i) => indicator(String(i + 1)));
    server.handle((r) => {
      const u = new URL(r.url, server.origin);
      const top = Number(u.searchParams.get('$top'));
      const skip = Number(u.searchParams.get('$skip'));
      return page(all.slice(skip, skip + top));
    });
    const { api } = clients();
    const progress: unknown[] = [];
    const res = await api.mde.listIndicators({ pageSize: 2, filter: "action eq 'Block'", onProgress: (p) => progress.push(p) });
    expect(res.complete).toBe(true);
    expect(res.items.map((i) => i.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(server.requests.map((r) => new URL(r.url, server.origin).searchParams.get('$skip'))).toEqual(['0', '2', '4']);
    expect(new URL(server.requests[0]!.url, server.origin).searchParams.get('$filter')).toBe("action eq 'Block'");
    expect(progress.at(-1)).toEqual({ state: 'reading', items: 5, pages: 3 });
  });

  it('keeps what was read when the connection resets mid-paging and says where it stopped', async () => {
    server.handle((r) => {
      const skip = Number(new URL(r.url, server.origin).searchParams.get('$skip'));
      return skip === 0 ? page([indicator('1'), indicator('2')]) : 'reset';
    });
    const { api, clock } = clients();
    const res = await api.mde.listIndicators({ pageSize: 2 });
    expect(res.complete).toBe(false);
    expect(res.items.map((i) => i.id)).toEqual(['1', '2']);
    expect(res.error?.kind).toBe('network');
    expect(res.stoppedAt).toContain('$skip=2');
    // The failing page was retried (3 retries, backoff) before giving up.
    expect(server.requests.length).toBe(1 + 4);
    expect(clock.sleeps.length).toBe(3);
  });

  it('follows @odata.nextLink but refuses one pointing outside the cloud before a token is attached', async () => {
    const foreign = `https://localhost:${server.port}/mde/api/indicators?$skip=2`;
    server.handle(() => page([indicator('1')], { '@odata.nextLink': foreign }));
    const events: RequestEvent[] = [];
    const { api, credential } = clients({ events });
    const res = await api.mde.listIndicators({ pageSize: 10 });
    expect(res.items).toHaveLength(1);
    expect(res.complete).toBe(false);
    expect(res.error).toBeInstanceOf(HostNotAllowedError);
    expect(res.stoppedAt).toBe(foreign);
    expect(server.requests.every((r) => r.host === '127.0.0.1')).toBe(true);
    expect(server.requests).toHaveLength(1);
    expect(credential.calls).toHaveLength(1);
    expect(events.some((e) => e.type === 'refused' && e.reason === 'host-not-allowed')).toBe(true);
  });

  it('stops when aborted and returns what it has', async () => {
    const ac = new AbortController();
    server.handle(() => page([indicator('1'), indicator('2')]));
    const { api } = clients();
    const res = await api.mde.listIndicators({ pageSize: 2, signal: ac.signal, onProgress: () => ac.abort() });
    expect(res.complete).toBe(false);
    expect(res.items).toHaveLength(2);
    expect(res.error?.kind).toBe('aborted');
  });
});

describe('throttling and retries', () => {
  it('waits at least Retry-After (fractional seconds) after a 429, then succeeds', async () => {
    let n = 0;
    server.handle(() => (n++ === 0 ? { status: 429, headers: { 'retry-after': '2.128' }, body: { error: { code: 'TooManyRequests', message: 'slow down', target: 'abc' } } } : page([indicator('1')])));
    const events: RequestEvent[] = [];
    const { api, clock } = clients({ events });
    const res = await api.mde.listIndicators();
    expect(res.complete).toBe(true);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(2128);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ reason: expect.stringContaining('429') });
  });

  it('really waits on the wall clock with the system clock (small Retry-After)', async () => {
    const arrivals: number[] = [];
    server.handle(() => {
      arrivals.push(Date.now());
      return arrivals.length === 1 ? { status: 429, headers: { 'retry-after': '0.3' }, body: { error: { code: 'TooManyRequests', message: 'x' } } } : page([]);
    });
    const api = createApiClients({ profile: testProfile(server), credential: new FakeCredential(), writeEnabled: false });
    const res = await api.mde.listIndicators();
    expect(res.complete).toBe(true);
    expect((arrivals[1] as number) - (arrivals[0] as number)).toBeGreaterThanOrEqual(300);
  });

  it('retries 5xx with backoff for reads', async () => {
    let n = 0;
    server.handle(() => (n++ < 2 ? { status: 503, body: { error: { code: 'ServiceUnavailable', message: 'busy' } } } : page([indicator('1')])));
    const { api, clock } = clients();
    const res = await api.mde.listIndicators();
    expect(res.items).toHaveLength(1);
    expect(server.requests).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
    expect(clock.sleeps[1]! >= 10).toBe(true);
  });

  it('does not retry a non-idempotent write on 500 (it may have been applied)', async () => {
    server.handle(() => ({ status: 500, body: { error: { code: 'InternalServerError', message: 'oops', target: 'corr-1' } } }));
    const { api } = clients({ write: true });
    const err = await api.mde.submitIndicator({ indicatorValue: 'a.example', indicatorType: 'DomainName', action: 'Block', title: 't', description: 'd' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(server.requests).toHaveLength(1);
    expect((err as ApiError).requestId).toBe('corr-1');
  });

  it('keeps the import budget: the 31st import in a minute waits instead of hitting 429', async () => {
    const clock = new FakeClock();
    const arrivals: number[] = [];
    server.handle(() => {
      arrivals.push(clock.now());
      return { status: 200, body: { value: [] } };
    });
    const events: RequestEvent[] = [];
    const { api } = clients({ write: true, clock, events });
    const one = [{ indicatorValue: 'a.example', indicatorType: 'DomainName', action: 'Block', title: 't', description: 'd' }];
    for (let i = 0; i < 31; i++) await api.mde.importIndicators(one);
    expect(arrivals).toHaveLength(31);
    expect((arrivals[30] as number) - (arrivals[0] as number)).toBeGreaterThanOrEqual(60_000);
    expect(events.filter((e) => e.type === 'budget-wait')).toHaveLength(1);
  });
});

describe('read-only guard', () => {
  const input = { indicatorValue: 'a.example', indicatorType: 'DomainName', action: 'Block', title: 't', description: 'd' };

  it('refuses every MDE write before it leaves the process', async () => {
    server.handle(() => ({ status: 200, body: {} }));
    const { api, credential } = clients();
    const attempts: [string, () => Promise<unknown>][] = [
      ['mde.indicators.submit', () => api.mde.submitIndicator(input)],
      ['mde.indicators.import', () => api.mde.importIndicators([input])],
      ['mde.indicators.batchDelete', () => api.mde.batchDeleteIndicators(['1', '2'])],
      ['mde.indicators.delete', () => api.mde.deleteIndicator('1')],
      ['graph.incidents.update', () => api.graph.updateIncident('7', { status: 'resolved' })],
      ['arm.sentinel.incidents.update', () => api.arm.updateSentinelIncident('guid', { incidentNumber: 1, title: 't', severity: 'Low', status: 'Closed', createdTimeUtc: 'x', lastModifiedTimeUtc: 'x' }, '"e"')],
    ];
    for (const [op, call] of attempts) {
      const err = await call().catch((e: unknown) => e);
      expect(err, op).toBeInstanceOf(ReadOnlyError);
      expect(String(err)).toContain(op);
      expect(String(err)).toContain('--write');
    }
    expect(server.requests).toHaveLength(0);
    expect(credential.calls).toHaveLength(0);
  });

  it('refuses a raw write sent straight through the pipeline, and lets a raw read through', async () => {
    server.handle(() => page([]));
    const { api } = clients();
    const post = createPipelineRequest({ url: `${server.origin}/mde/api/indicators/BatchDelete`, method: 'POST' });
    await expect(api.pipeline.send(post)).rejects.toBeInstanceOf(ReadOnlyError);
    const patch = createPipelineRequest({ url: `${server.origin}/graph/v1.0/security/incidents/1`, method: 'PATCH' });
    await expect(api.pipeline.send(patch)).rejects.toBeInstanceOf(ReadOnlyError);
    expect(server.requests).toHaveLength(0);
    const get = createPipelineRequest({ url: `${server.origin}/mde/api/indicators`, method: 'GET' });
    const res = await api.pipeline.send(get);
    expect(res.status).toBe(200);
    expect(server.requests[0]!.authorization).toBe('Bearer tok-1');
  });

  it('allows the read-only POSTs on the explicit allowlist (hunting, Log Analytics query)', async () => {
    server.handle((r) =>
      r.url.includes('runHuntingQuery')
        ? { status: 200, body: { schema: [{ name: 'DeviceId', type: 'String' }], results: [{ DeviceId: 'd1' }] } }
        : { status: 200, body: { tables: [{ name: 'PrimaryResult', columns: [{ name: 'n', type: 'long' }], rows: [[1]] }] } },
    );
    const { api } = clients();
    const hunt = await api.graph.runHuntingQuery('DeviceInfo | take 1', 'P1D');
    expect(hunt.results).toEqual([{ DeviceId: 'd1' }]);
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ Query: 'DeviceInfo | take 1', Timespan: 'P1D' });
    const la = await api.logs.query('Usage | count');
    expect(la.tables[0]!.rows).toEqual([[1]]);
  });

  it('sends writes when the run was started with writes enabled', async () => {
    server.handle(() => ({ status: 204 }));
    const { api } = clients({ write: true });
    await api.mde.batchDeleteIndicators(['1', '2']);
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ IndicatorIds: ['1', '2'] });
    await expect(api.mde.batchDeleteIndicators(Array.from({ length: 501 }, (_, i) => String(i)))).rejects.toThrow(/at most 500/);
  });
});

describe('responses: schema, sanitising, errors', () => {
  it('fails a malformed JSON body with one clear line', async () => {
    server.handle(() => ({ status: 200, headers: { 'x-ms-request-id': 'rid-9' }, body: '{"value": [ {"id": ' }));
    const { api } = clients();
    const res = await api.mde.listIndicators();
    expect(res.error?.kind).toBe('malformed');
    expect(String(res.error)).toMatch(/^MDE API 200 on GET \/mde\/api\/indicators: response is not valid JSON .*\(request id rid-9\)$/);
  });

  it('names the API, the field path and the request id when a relied-on field is missing', async () => {
    const bad = indicator('2');
    delete bad['indicatorValue'];
    server.handle(() => ({ status: 200, headers: { 'x-ms-request-id': 'rid-42' }, body: { value: [indicator('1'), bad] } }));
    const { api } = clients();
    const res = await api.mde.listIndicators();
    expect(res.complete).toBe(false);
    expect(res.error?.kind).toBe('schema');
    const line = String(res.error);
    expect(line).toContain('MDE API');
    expect(line).toContain('value[1].indicatorValue');
    expect(line).toContain('rid-42');
    expect(line.includes('\n')).toBe(false);
  });

  it('fails a mistyped field (numeric id) the same way', async () => {
    server.handle(() => page([indicator('1', { id: 5 })]));
    const { api } = clients();
    const res = await api.mde.listIndicators();
    expect(String(res.error)).toMatch(/value\[0\]\.id expected string/);
  });

  it('keeps unknown enum values, and drops fields the schema does not declare (intended: see DeclaresAll)', async () => {
    server.handle(() => page([indicator('1', { action: 'QuarantineEverything', indicatorType: 'WebCategory', brandNewField: { x: 1 } })]));
    const { api } = clients();
    const res = await api.mde.listIndicators();
    expect(res.items[0]).toMatchObject({ action: 'QuarantineEverything', indicatorType: 'WebCategory' });
    expect(res.items[0]).not.toHaveProperty('brandNewField');
  });

  it('strips terminal control sequences from every string before anything can print it', async () => {
    const hostile = 'Pay\u001b[2Jroll \u001b]52;c;cm0gLXJmIH4=\u0007update\u202Efdp.exe';
    server.handle(() => page([indicator('1', { title: hostile, description: 'a\u009b31mb', rbacGroupNames: ['\u001b[5mgroup'] })]));
    const { api } = clients();
    const res = await api.mde.listIndicators();
    expect(res.items[0]!.title).toBe('Payroll updatefdp.exe');
    expect(res.items[0]!.description).toBe('ab');
    expect(res.items[0]!.rbacGroupNames).toEqual(['group']);
  });

  it('maps 403 to the permission the operation needs, with the MDE correlation id', async () => {
    server.handle(() => ({ status: 403, body: { error: { code: 'Forbidden', message: 'Missing application roles', target: '7d1f-corr' } } }));
    const { api } = clients();
    const res = await api.mde.listMachines();
    expect(res.error?.missingPermission).toBe('Machine.Read.All');
    expect(String(res.error)).toBe('MDE API 403 Forbidden on GET /mde/api/machines: missing permission Machine.Read.All (request id 7d1f-corr)');
  });
});

describe('tokens', () => {
  it('asks the credential again near expiry and after a 401', async () => {
    const clock = new FakeClock();
    const credential = new FakeCredential(clock, 10 * 60_000);
    server.handle((r) => (r.authorization === 'Bearer tok-2' ? { status: 401, body: { error: { code: 'Unauthorized', message: 'expired' } } } : page([])));
    const { api } = clients({ clock, credential });
    await api.mde.listIndicators();
    await api.mde.listIndicators();
    expect(credential.calls).toHaveLength(1);
    // 6 minutes later the token is within 5 minutes of expiry: refreshed before use.
    clock.t += 6 * 60_000;
    const res = await api.mde.listIndicators();
    expect(res.complete).toBe(true);
    // tok-2 was rejected with 401, so the credential was asked again (tok-3) and the call succeeded.
    expect(credential.calls).toHaveLength(3);
    expect(server.requests.map((r) => r.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2', 'Bearer tok-3']);
    expect(credential.calls.every((s) => s === 'https://api.securitycenter.microsoft.com/.default')).toBe(true);
  });

  it('never puts the token in activity events', async () => {
    server.handle(() => page([]));
    const events: RequestEvent[] = [];
    const { api } = clients({ events });
    await api.mde.listIndicators();
    expect(JSON.stringify(events)).not.toContain('tok-1');
    const resp = events.find((e) => e.type === 'response');
    expect(resp && resp.type === 'response' && resp.headers['authorization']).toBe('REDACTED');
  });
});
