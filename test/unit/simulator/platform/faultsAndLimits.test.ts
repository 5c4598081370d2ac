import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FaultBoard, isPagedRequest, parseFaultSpec, FaultSpecError } from '../../../../src/simulator/platform/faults.js';
import { createRateLimiter } from '../../../../src/simulator/platform/rateLimits.js';
import { startHarness, simRequest, type Harness } from './simHarness.js';

describe('fault spec', () => {
  it('parses every kind and refuses malformed items with one line naming the item', () => {
    expect(parseFaultSpec('mde:429:5, graph:503:2,arm:latency:300,*:expired-token:1,loganalytics:malformed:1,graph:nextlink:1,mde:reset:1')).toEqual([
      { service: 'mde', effect: { kind: 'status', status: 429 }, count: 5 },
      { service: 'graph', effect: { kind: 'status', status: 503 }, count: 2 },
      { service: 'arm', effect: { kind: 'latency', ms: 300 }, count: 0 },
      { service: '*', effect: { kind: 'expired-token' }, count: 1 },
      { service: 'loganalytics', effect: { kind: 'malformed' }, count: 1 },
      { service: 'graph', effect: { kind: 'nextlink' }, count: 1 },
      { service: 'mde', effect: { kind: 'reset' }, count: 1 },
    ]);
    for (const bad of ['mde:429', 'storage:429:1', 'mde:404:1', 'mde:boom:1', 'mde:429:0', 'mde:429:x', 'login:expired-token:1']) {
      expect(() => parseFaultSpec(bad)).toThrow(FaultSpecError);
    }
    expect(() => parseFaultSpec('mde:429:1,graph:teapot:2')).toThrow(/"graph:teapot:2"/);
  });

  it('counts faults down, earliest first, and applies nextlink only to paged requests', () => {
    const board = new FaultBoard();
    board.add(parseFaultSpec('graph:nextlink:1,*:500:1,graph:429:2'));
    expect(board.takeRequestFault('graph', false)).toEqual({ kind: 'status', status: 500 });
    expect(board.takeRequestFault('graph', false)).toEqual({ kind: 'status', status: 429 });
    expect(board.takeRequestFault('graph', true)).toEqual({ kind: 'nextlink' });
    expect(board.takeRequestFault('mde', true)).toBeUndefined();
    expect(board.list().map((f) => f.spec)).toEqual(['graph:429:1']);
    expect(isPagedRequest(new URLSearchParams('$skip=0&$top=50'))).toBe(false);
    expect(isPagedRequest(new URLSearchParams('$skip=50'))).toBe(true);
    expect(isPagedRequest(new URLSearchParams('api-version=2025-09-01&$skipToken=abc'))).toBe(true);
  });
});

describe('documented rate limits (injected clock)', () => {
  it('lets 100 indicator list calls through per minute, then 429 with Retry-After until the oldest leaves the window', () => {
    const clock = { ms: 0 };
    const limiter = createRateLimiter(() => clock.ms);
    for (let i = 0; i < 100; i++) {
      expect(limiter.check('mde', 'GET', '/api/indicators', 'a').kind).toBe('allowed');
      clock.ms += 100; // 100 calls in 10 s
    }
    const denied = limiter.check('mde', 'GET', '/api/indicators', 'a');
    expect(denied).toMatchObject({ kind: 'throttled', retryAfterSeconds: 50 });
    // Another app of the tenant, and another operation, have their own quota.
    expect(limiter.check('mde', 'GET', '/api/indicators', 'b').kind).toBe('allowed');
    expect(limiter.check('mde', 'POST', '/api/indicators', 'a').kind).toBe('allowed');
    clock.ms = 60_000; // the first call has left the window
    expect(limiter.check('mde', 'GET', '/api/v1.0/indicators', 'a').kind).toBe('allowed');
    expect(limiter.check('mde', 'GET', '/api/indicators', 'a').kind).toBe('throttled');
  });

  it('limits import to 30 per minute and the hourly 1,500 on machines', () => {
    const clock = { ms: 0 };
    const limiter = createRateLimiter(() => clock.ms);
    for (let i = 0; i < 30; i++) expect(limiter.check('mde', 'POST', '/api/indicators/import', 'a').kind).toBe('allowed');
    expect(limiter.check('mde', 'POST', '/api/indicators/import', 'a')).toMatchObject({ kind: 'throttled', retryAfterSeconds: 60 });
    for (let i = 0; i < 1500; i++) {
      expect(limiter.check('mde', 'GET', '/api/machines', 'a').kind).toBe('allowed');
      clock.ms += 2_000; // 30/min: never the per-minute limit
    }
    const hourly = limiter.check('mde', 'GET', '/api/machines', 'a');
    expect(hourly.kind).toBe('throttled');
    expect(hourly.kind === 'throttled' && hourly.detail).toMatch(/1500 calls per hour/);
  });

  it('gives Graph fractional Retry-After, a configurable /security limit and 45/min for hunting', () => {
    const clock = { ms: 0 };
    const limiter = createRateLimiter(() => clock.ms, { graphSecurityPerMinute: 3 });
    for (let i = 0; i < 3; i++) limiter.check('graph', 'GET', '/v1.0/security/incidents', 'a');
    clock.ms = 1_500;
    expect(limiter.check('graph', 'GET', '/v1.0/security/alerts_v2', 'a')).toMatchObject({ kind: 'throttled', retryAfterSeconds: 58.5 });
    expect(limiter.check('graph', 'GET', '/v1.0/subscribedSkus', 'a').kind).toBe('allowed');
    for (let i = 0; i < 45; i++) expect(limiter.check('graph', 'POST', '/v1.0/security/runHuntingQuery', 'a').kind).toBe('allowed');
    expect(limiter.check('graph', 'POST', '/v1.0/security/runHuntingQuery', 'a').kind).toBe('throttled');
  });

  it('runs ARM reads as a 250 token bucket refilling 25 per second, and Log Analytics at 200 per 30 s', () => {
    const clock = { ms: 0 };
    const limiter = createRateLimiter(() => clock.ms);
    const remaining: string[] = [];
    for (let i = 0; i < 250; i++) {
      const d = limiter.check('arm', 'GET', '/subscriptions/s1/resourceGroups/rg', 'a');
      expect(d.kind).toBe('allowed');
      remaining.push(d.headers['x-ms-ratelimit-remaining-subscription-reads']!);
    }
    expect(remaining.slice(0, 3)).toEqual(['249', '248', '247']);
    expect(limiter.check('arm', 'GET', '/subscriptions/s1/resourceGroups/rg', 'a')).toMatchObject({ kind: 'throttled', retryAfterSeconds: 1 });
    clock.ms += 1_000; // 25 tokens back
    for (let i = 0; i < 25; i++) expect(limiter.check('arm', 'GET', '/subscriptions/s1/x', 'a').kind).toBe('allowed');
    expect(limiter.check('arm', 'GET', '/subscriptions/s1/x', 'a').kind).toBe('throttled');
    for (let i = 0; i < 200; i++) expect(limiter.check('loganalytics', 'POST', '/v1/workspaces/w/query', 'a').kind).toBe('allowed');
    expect(limiter.check('loganalytics', 'POST', '/v1/workspaces/w/query', 'a').kind).toBe('throttled');
  });
});

describe('over HTTPS', () => {
  let h: Harness;
  let mde: Record<string, string>;
  let graph: Record<string, string>;
  beforeAll(async () => {
    h = await startHarness();
    mde = { authorization: `Bearer ${await h.token('mde')}` };
    graph = { authorization: `Bearer ${await h.token('graph')}` };
  });
  afterAll(async () => {
    await h.sim.close();
  });
  afterEach(async () => {
    await h.request('DELETE', '/_sim/faults');
  });

  it('answers the 101st indicators list call within a minute with the MDE 429 and Retry-After; import at 30/min', async () => {
    for (let i = 0; i < 100; i++) expect((await h.request('GET', '/mde/api/indicators', { headers: mde })).status).toBe(200);
    const r = await h.request('GET', '/mde/api/indicators', { headers: mde });
    expect(r.status).toBe(429);
    expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(r.json.error.code).toBe('TooManyRequests');
    expect(r.json.error.target).toMatch(/^[0-9a-f-]{36}$/);
    for (let i = 0; i < 30; i++) expect((await h.request('POST', '/mde/api/indicators/import', { headers: mde, body: { Indicators: [] } })).status).toBe(200);
    const imp = await h.request('POST', '/mde/api/indicators/import', { headers: mde, body: { Indicators: [] } });
    expect([imp.status, imp.headers['retry-after']]).toEqual([429, '60']);
    h.clock.ms += 61_000;
    expect((await h.request('GET', '/mde/api/indicators', { headers: mde })).status).toBe(200);
    const counts = (await h.request('GET', '/_sim/requests')).json;
    expect(counts.services.mde.operations['GET /api/indicators']).toBe(102);
    expect(counts.services.mde.operations['POST /api/indicators/import']).toBe(31);
    expect(counts.services.mde.throttled).toBe(2);
  });

  it('429 fault: the next N requests get the service’s 429 body with Retry-After 1', async () => {
    await h.request('POST', '/_sim/faults', { body: { spec: 'graph:429:2' } });
    for (let i = 0; i < 2; i++) {
      const r = await h.request('GET', '/graph/v1.0/subscribedSkus', { headers: graph });
      expect([r.status, r.headers['retry-after']]).toEqual([429, '1']);
      expect(r.json.error.innerError).toMatchObject({ code: '429', status: '429', message: 'Please retry after' });
    }
    expect((await h.request('GET', '/graph/v1.0/subscribedSkus', { headers: graph })).status).toBe(200);
  });

  it('5xx fault uses the given status and the service’s error body', async () => {
    await h.request('POST', '/_sim/faults', { body: { spec: 'mde:503:1' } });
    const r = await h.request('GET', '/mde/api/machines', { headers: mde });
    expect([r.status, r.json.error.code]).toEqual([503, 'InternalServerError']);
    expect((await h.request('GET', '/mde/api/machines', { headers: mde })).status).toBe(200);
  });

  it('latency fault delays every request of the service until cleared', async () => {
    await h.request('POST', '/_sim/faults', { body: { spec: 'graph:latency:300' } });
    h.sleeps.length = 0;
    await h.request('GET', '/graph/v1.0/subscribedSkus', { headers: graph });
    await h.request('GET', '/graph/v1.0/subscribedSkus', { headers: graph });
    await h.request('GET', '/mde/api/machines', { headers: mde });
    expect(h.sleeps).toEqual([300, 300]);
    await h.request('DELETE', '/_sim/faults?service=graph');
    await h.request('GET', '/graph/v1.0/subscribedSkus', { headers: graph });
    expect(h.sleeps).toEqual([300, 300]);
  });

  it('reset fault runs the request, then destroys the connection mid-response', async () => {
    await h.request('POST', '/_sim/faults', { body: { spec: 'mde:reset:1' } });
    await expect(h.request('GET', '/mde/api/machines', { headers: mde })).rejects.toThrow(/aborted|ECONNRESET|socket hang up/i);
    expect((await h.request('GET', '/mde/api/machines', { headers: mde })).status).toBe(200);
  });

  it('malformed fault answers 200 with truncated JSON', async () => {
    await h.request('POST', '/_sim/faults', { body: { spec: 'loganalytics:malformed:1' } });
    const la = { authorization: `Bearer ${await h.token('loganalytics')}` };
    const r = await h.request('POST', '/loganalytics/v1/workspaces/w/query', { headers: la, body: { query: 'Usage' } });
    expect(r.status).toBe(200);
    expect(r.text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(r.text)).toThrow();
    const ok = await h.request('POST', '/loganalytics/v1/workspaces/w/query', { headers: la, body: { query: 'Usage' } });
    expect(ok.json.value).toHaveLength(1);
  });

  it('nextlink fault fails the next paged request only', async () => {
    await h.request('POST', '/_sim/faults', { body: { spec: 'graph:nextlink:1' } });
    expect((await h.request('GET', '/graph/v1.0/security/incidents?$top=50', { headers: graph })).status).toBe(200);
    const page2 = await h.request('GET', '/graph/v1.0/security/incidents?$top=50&$skip=50', { headers: graph });
    expect([page2.status, page2.json.error.code]).toEqual([500, 'generalException']);
    expect((await h.request('GET', '/graph/v1.0/security/incidents?$top=50&$skip=50', { headers: graph })).status).toBe(200);
  });

  it('expired-token fault answers the next authenticated request 401 as expired, on any service with *', async () => {
    await h.request('POST', '/_sim/faults', { body: { spec: '*:expired-token:1' } });
    expect((await h.request('GET', '/graph/v1.0/subscribedSkus')).status).toBe(401); // no token: not consumed
    const r = await h.request('GET', '/mde/api/machines', { headers: mde });
    expect(r.status).toBe(401);
    expect(r.json.error.message).toMatch(/expired/);
    expect((await h.request('GET', '/mde/api/machines', { headers: mde })).status).toBe(200);
  });

  it('lists, adds and clears faults through /_sim/faults and shows them in /_sim/state', async () => {
    const added = await h.request('POST', '/_sim/faults', { body: { spec: 'arm:500:2,arm:latency:50' } });
    expect(added.status).toBe(201);
    const listed = await h.request('GET', '/_sim/faults');
    expect(listed.json.value.map((f: { spec: string }) => f.spec)).toEqual(['arm:500:2', 'arm:latency:50']);
    expect((await h.request('GET', '/_sim/state')).json.faults).toHaveLength(2);
    const bad = await h.request('POST', '/_sim/faults', { body: { spec: 'arm:explode:1' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/bad fault "arm:explode:1"/);
    expect((await h.request('DELETE', '/_sim/faults')).json).toEqual({ cleared: 2 });
    expect((await h.request('GET', '/_sim/faults')).json.value).toEqual([]);
  });

  it('applies faults given at start', async () => {
    const other = await startHarness({ faults: 'mde:500:1' });
    try {
      const headers = { authorization: `Bearer ${await other.token('mde')}` };
      expect((await other.request('GET', '/mde/api/machines', { headers })).status).toBe(500);
      expect((await other.request('GET', '/mde/api/machines', { headers })).status).toBe(200);
    } finally {
      await other.sim.close();
    }
  });
});

describe('control API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ httpPort: 0, info: { seed: 42, speed: 60 } });
  });
  afterAll(async () => {
    await h.sim.close();
  });

  it('reports state, advances the tenant clock and runs tenant actions', async () => {
    const state = (await h.request('GET', '/_sim/state')).json;
    expect(state).toMatchObject({ seed: 42, speed: 60, identity: { tenantId: h.identity.tenantId }, now: '2025-03-01T12:00:00.000Z', tokenLifetimeSeconds: 3599 });
    expect(state.services.graph).toBe(`${h.sim.baseUrl}/graph`);
    const adv = await h.request('POST', '/_sim/clock/advance', { body: { minutes: 90 } });
    expect(adv.json.now).toBe('2025-03-01T13:30:00.000Z');
    expect((await h.request('POST', '/_sim/clock/advance', { body: { minutes: 'soon' } })).status).toBe(400);
    expect((await h.request('GET', '/_sim/actions')).json.value).toEqual(['unsanctionApp', 'stopTable']);
    const ok = await h.request('POST', '/_sim/actions/unsanctionApp', { body: { app: 'Dropbox' } });
    expect(ok.json).toEqual({ ok: true, result: { action: 'unsanctionApp' } });
    expect(h.tenant.calls.at(-1)).toEqual({ action: 'unsanctionApp', params: { app: 'Dropbox' } });
    const failed = await h.request('POST', '/_sim/actions/unsanctionApp', { body: { fail: true } });
    expect([failed.status, failed.json.error.message]).toEqual([409, 'app already unsanctioned']);
    expect((await h.request('POST', '/_sim/actions/formatDisk', { body: {} })).status).toBe(404);
  });

  it('counts requests per service and operation and resets them', async () => {
    await h.request('DELETE', '/_sim/requests');
    const headers = { authorization: `Bearer ${await h.token('mde')}` };
    await h.request('GET', '/mde/api/machines/0123456789abcdef0123456789abcdef01234567', { headers });
    await h.request('GET', '/mde/api/machines/fedcba9876543210fedcba9876543210fedcba98', { headers });
    await h.request('GET', '/arm/subscriptions/abc/resourceGroups/rg1/providers/Microsoft.OperationalInsights/workspaces/ws1/providers/Microsoft.SecurityInsights/incidents?api-version=x');
    const counts = (await h.request('GET', '/_sim/requests')).json;
    expect(counts.services.mde.operations).toEqual({ 'GET /api/machines/{id}': 2 });
    expect(counts.services.login.operations).toEqual({ 'POST /{tenant}/oauth2/v2.0/token': 1 });
    expect(Object.keys(counts.services.arm.operations)).toEqual(['GET /subscriptions/{id}/resourceGroups/{id}/providers/Microsoft.OperationalInsights/workspaces/{id}/providers/Microsoft.SecurityInsights/incidents']);
    expect(counts.total).toBe(4);
    expect((await h.request('DELETE', '/_sim/requests')).status).toBe(204);
    expect((await h.request('GET', '/_sim/requests')).json.total).toBe(0);
  });

  it('serves the same routes over the optional plain HTTP listener', async () => {
    expect(h.sim.httpBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await simRequest(h.sim.httpBaseUrl!, '', 'GET', '/_sim/state');
    expect(r.json.identity.clientId).toBe(h.identity.clientId);
  });

  it('narrows the app’s roles per resource', async () => {
    await h.request('POST', '/_sim/app-roles', { body: { service: 'mde', roles: ['Ti.ReadWrite'] } });
    const r = await h.request('GET', '/mde/api/indicators', { headers: { authorization: `Bearer ${await h.token('mde')}` } });
    expect(r.json.value[0].token.roles).toEqual(['Ti.ReadWrite']);
    expect((await h.request('POST', '/_sim/app-roles', { body: { service: 'kusto', roles: [] } })).status).toBe(400);
  });
});
