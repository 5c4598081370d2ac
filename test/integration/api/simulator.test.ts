/**
 * The API clients against the tenant simulator over real TLS, signed in with @azure/identity's
 * ClientSecretCredential, trusting the simulator's CA only through `trustOptions(profile)`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientSecretCredential } from '@azure/identity';
import { startSimulator, type StartedSimulator } from '../../../src/simulator/index.js';
import { createApiClients, ReadOnlyError, trustOptions, type RequestEvent } from '../../../src/api/index.js';
import type { ResolvedProfile } from '../../../src/config/types.js';

let sim: StartedSimulator;
let profile: ResolvedProfile;
let credential: ClientSecretCredential;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7 });
  const u = sim.serviceUrls;
  profile = {
    name: 'sim',
    demo: true,
    tenantId: sim.identity.tenantId,
    cloud: 'public',
    auth: { method: 'client-secret', clientId: sim.identity.clientId },
    sentinel: { subscriptionId: sim.identity.subscriptionId, resourceGroup: sim.identity.resourceGroup, workspaceName: sim.identity.workspaceName, workspaceId: sim.identity.workspaceId },
    eventHubNamespaceId: sim.identity.eventHubNamespaceId,
    endpoints: { login: u.login, mde: u.mde, graph: u.graph, arm: u.arm, loganalytics: u.loganalytics },
    scopes: {
      mde: 'https://api.securitycenter.microsoft.com/.default',
      graph: 'https://graph.microsoft.com/.default',
      arm: 'https://management.azure.com/.default',
      loganalytics: 'https://api.loganalytics.io/.default',
    },
    allowedHosts: new Set([new URL(sim.baseUrl).hostname]),
    caCertPem: sim.caCertPem,
    thresholds: { tableFreshnessMinutes: 60, syncWindowMinutes: 10, syncLookbackDays: 7, streamGapMinutes: 30, retentionPolicyDays: 180, expiringSoonDays: 7 },
    cost: { pricePerGb: 5, currency: 'USD' },
    creatorRules: [],
  };
  credential = new ClientSecretCredential(sim.identity.tenantId, sim.identity.clientId, sim.identity.clientSecret, {
    authorityHost: `${sim.baseUrl}/login`,
    disableInstanceDiscovery: true,
    ...trustOptions(profile),
  });
});
afterAll(() => sim?.close());

async function fault(spec: string) {
  const api = createApiClients({ profile, credential, writeEnabled: false });
  // The control API is not one of the profile's services: post to it with the same trusted transport.
  const { createPipelineRequest } = await import('@azure/core-rest-pipeline');
  const req = createPipelineRequest({ url: `${sim.baseUrl}/_sim/faults`, method: 'POST', body: JSON.stringify({ spec }) });
  req.headers.set('content-type', 'application/json');
  const res = await api.pipeline.httpClient.sendRequest(req);
  expect(res.status).toBeLessThan(300);
}

async function simCall(path: string, method: string): Promise<unknown> {
  const api = createApiClients({ profile, credential, writeEnabled: false });
  const { createPipelineRequest } = await import('@azure/core-rest-pipeline');
  const res = await api.pipeline.httpClient.sendRequest(createPipelineRequest({ url: `${sim.baseUrl}/_sim${path}`, method: method as 'GET' }));
  return res.bodyAsText ? JSON.parse(res.bodyAsText) : undefined;
}
const simGet = (path: string) => simCall(path, 'GET');
const simDelete = (path: string) => simCall(path, 'DELETE');

describe('API clients against the simulator', () => {
  it('signs in and lists every indicator with schema-valid, sanitised rows', async () => {
    const api = createApiClients({ profile, credential, writeEnabled: false });
    const res = await api.mde.listIndicators();
    expect(res.error).toBeUndefined();
    expect(res.complete).toBe(true);
    expect(res.items.length).toBeGreaterThan(0);
    for (const i of res.items) expect(/[\u001b\u009b\u202e]/.test(JSON.stringify(i))).toBe(false);
  });

  it('honours the simulator 429 with Retry-After and still completes', async () => {
    await fault('mde:429:1');
    const events: RequestEvent[] = [];
    const api = createApiClients({ profile, credential, writeEnabled: false, onRequest: (e) => events.push(e) });
    const res = await api.mde.listMachines();
    expect(res.complete).toBe(true);
    const retry = events.find((e) => e.type === 'retry');
    expect(retry && retry.type === 'retry' && retry.delayMs).toBeGreaterThanOrEqual(1000);
  });

  it('refuses writes in a read-only run before the simulator sees them', async () => {
    const api = createApiClients({ profile, credential, writeEnabled: false });
    const before = await simGet('/requests');
    await expect(api.mde.deleteIndicator('1')).rejects.toBeInstanceOf(ReadOnlyError);
    await expect(api.mde.batchDeleteIndicators(['1', '2'])).rejects.toBeInstanceOf(ReadOnlyError);
    const after = await simGet('/requests');
    // Not one request reached the simulator for either call.
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
  });

  it('retries a 5xx on a later page and still reads every indicator', async () => {
    const api = createApiClients({ profile, credential, writeEnabled: false, retry: { baseDelayMs: 10, maxDelayMs: 50 } });
    const all = await api.mde.listIndicators();
    await fault('mde:nextlink:2');
    const events: RequestEvent[] = [];
    const paged = await createApiClients({ profile, credential, writeEnabled: false, retry: { baseDelayMs: 10, maxDelayMs: 50 }, onRequest: (e) => events.push(e) }).mde.listIndicators({ pageSize: 100 });
    expect(paged.complete).toBe(true);
    expect(paged.items.map((i) => i.id).sort()).toEqual(all.items.map((i) => i.id).sort());
    expect(events.filter((e) => e.type === 'retry').length).toBe(2);
  });

  it('keeps the pages already read when a later page keeps failing, and says where it stopped', async () => {
    await fault('mde:nextlink:10');
    const api = createApiClients({ profile, credential, writeEnabled: false, retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 50 } });
    const res = await api.mde.listIndicators({ pageSize: 100 });
    expect(res.complete).toBe(false);
    expect(res.items.length).toBe(100);
    expect(res.error?.status).toBe(500);
    expect(res.stoppedAt).toContain('$skip=100');
    await simDelete('/faults');
  });

  it('retries a request whose connection the simulator cut mid-response', async () => {
    await fault('mde:reset:1');
    const events: RequestEvent[] = [];
    const api = createApiClients({ profile, credential, writeEnabled: false, retry: { baseDelayMs: 10, maxDelayMs: 50 }, onRequest: (e) => events.push(e) });
    const res = await api.mde.listIndicators({ pageSize: 200 });
    expect(res.complete).toBe(true);
    expect(events.some((e) => e.type === 'retry')).toBe(true);
  });

  it('names the API and request id when the body is malformed JSON', async () => {
    await fault('loganalytics:malformed:1');
    const api = createApiClients({ profile, credential, writeEnabled: false });
    const err = await api.logs.query('Usage | take 1').then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeDefined();
    expect(String(err)).toMatch(/Log Analytics/);
  });

  it("pages all Graph incidents with Microsoft's own PageIterator", async () => {
    const { Client, PageIterator } = await import('@microsoft/microsoft-graph-client');
    const { TokenCredentialAuthenticationProvider } = await import('@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js');
    const tls = await import('node:tls');
    // The SDK fetches with the global fetch, which takes no CA option: trust the simulator's CA process-wide here.
    tls.setDefaultCACertificates([...tls.getCACertificates('default'), sim.caCertPem]);
    const client = Client.initWithMiddleware({
      authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: ['https://graph.microsoft.com/.default'] }),
      baseUrl: `${sim.serviceUrls.graph}/`,
      defaultVersion: 'v1.0',
      customHosts: new Set([new URL(sim.baseUrl).hostname]),
    });
    const first = await client.api('/security/incidents').top(50).get();
    const ids: string[] = [];
    await new PageIterator(client, first, (incident: { id: string }) => {
      ids.push(incident.id);
      return true;
    }).iterate();
    const ours = await createApiClients({ profile, credential, writeEnabled: false }).graph.listIncidents();
    expect(ours.complete).toBe(true);
    expect(ids.length).toBe(ours.items.length);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refreshes the token after the simulator rejects it as expired', async () => {
    await fault('mde:expired-token:1');
    const api = createApiClients({ profile, credential, writeEnabled: false });
    const res = await api.mde.listIndicators();
    expect(res.complete).toBe(true);
  });
});
