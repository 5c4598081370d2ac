/**
 * The composed simulator (platform + tenant + service handlers) as a client sees it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientSecretCredential } from '@azure/identity';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { startSimulator, type StartedSimulator } from '../../../src/simulator/index.js';
import { deriveTenantIdentity } from '../../../src/simulator/platform/index.js';
import { simRequest } from '../../unit/simulator/platform/simHarness.js';

const trustCa = (ca: string): PipelinePolicy => ({ name: 'trustSimulatorCa', sendRequest: (req, next) => ((req.tlsSettings = { ...req.tlsSettings, ca }), next(req)) });

let sim: StartedSimulator;
let startMs = 0;
beforeAll(async () => {
  const t0 = performance.now();
  sim = await startSimulator({ seed: 7, startTime: new Date('2025-03-01T12:00:00Z'), speed: 0 });
  startMs = performance.now() - t0;
});
afterAll(async () => {
  await sim?.close();
});

async function bearer(resource: string): Promise<Record<string, string>> {
  const cred = new ClientSecretCredential(sim.identity.tenantId, sim.identity.clientId, sim.identity.clientSecret, {
    authorityHost: sim.serviceUrls.login,
    disableInstanceDiscovery: true,
    additionalPolicies: [{ policy: trustCa(sim.caCertPem), position: 'perCall' }],
  });
  return { authorization: `Bearer ${(await cred.getToken(`${resource}/.default`)).token}` };
}

describe('startSimulator', () => {
  it('starts at scale demo in well under a second with the seed-derived identity', () => {
    // Not a timing assertion on behaviour: the brief's start-up budget, with CI headroom.
    expect(startMs).toBeLessThan(3_000);
    expect(sim.identity).toEqual(deriveTenantIdentity(7));
    expect(sim.now().toISOString()).toBe('2025-03-01T12:00:00.000Z');
    expect(sim.serviceUrls.graph).toBe(`${sim.baseUrl}/graph`);
  });

  it('answers MDE indicators with a token from @azure/identity, and counts the request', async () => {
    const headers = await bearer('https://api.securitycenter.microsoft.com');
    const r = await simRequest(sim.baseUrl, sim.caCertPem, 'GET', '/mde/api/indicators?$top=5', { headers });
    expect(r.status).toBe(200);
    expect(r.json.value.length).toBeGreaterThan(0);
    const counts = await simRequest(sim.baseUrl, sim.caCertPem, 'GET', '/_sim/requests');
    expect(counts.json.services.mde.operations['GET /api/indicators']).toBe(1);
  });

  it('routes control actions to the tenant', async () => {
    const actions = await simRequest(sim.baseUrl, sim.caCertPem, 'GET', '/_sim/actions');
    expect(actions.json.value).toEqual(expect.arrayContaining(['unsanctionApp']));
    const adv = await simRequest(sim.baseUrl, sim.caCertPem, 'POST', '/_sim/clock/advance', { body: { minutes: 30 } });
    expect(adv.json.now).toBe('2025-03-01T12:30:00.000Z');
  });
});
