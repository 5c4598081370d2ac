/**
 * Faults against the real tenant handlers: a failing nextLink in the middle of Graph paging, and
 * fetch (undici) trusting the simulator CA through Node 24's tls.setDefaultCACertificates — the
 * route for clients that take no TLS options (the Graph JS client uses global fetch).
 */
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type StartedSimulator } from '../../../src/simulator/index.js';
import { simRequest } from '../../unit/simulator/platform/simHarness.js';

let sim: StartedSimulator;
let previousCas: string[];
let token = '';
beforeAll(async () => {
  sim = await startSimulator({ seed: 3, speed: 0, startTime: new Date('2025-03-01T12:00:00Z') });
  previousCas = tls.getCACertificates('default');
  tls.setDefaultCACertificates([...previousCas, sim.caCertPem]);
  const r = await simRequest(sim.baseUrl, sim.caCertPem, 'POST', `/login/${sim.identity.tenantId}/oauth2/v2.0/token`, {
    form: { grant_type: 'client_credentials', client_id: sim.identity.clientId, client_secret: sim.identity.clientSecret, scope: 'https://graph.microsoft.com/.default' },
  });
  token = r.json.access_token;
});
afterAll(async () => {
  tls.setDefaultCACertificates(previousCas);
  await sim?.close();
});

async function page(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

describe('faults on the composed simulator', () => {
  it('graph:nextlink fails the second page once; a retry of the same link continues to the exact count', async () => {
    await simRequest(sim.baseUrl, sim.caCertPem, 'POST', '/_sim/faults', { body: { spec: 'graph:nextlink:1' } });
    const first = await page(`${sim.serviceUrls.graph}/v1.0/security/incidents?$top=10`);
    expect(first.status).toBe(200);
    const next: string = first.body['@odata.nextLink'];
    expect(next.startsWith(`${sim.serviceUrls.graph}/`)).toBe(true);
    const failed = await page(next);
    expect([failed.status, failed.body.error.code]).toEqual([500, 'generalException']);
    let seen = first.body.value.length;
    let link: string | undefined = next;
    while (link) {
      const p = await page(link);
      expect(p.status).toBe(200);
      seen += p.body.value.length;
      link = p.body['@odata.nextLink'];
    }
    const all = await page(`${sim.serviceUrls.graph}/v1.0/security/incidents?$top=10&$count=true`);
    expect(seen).toBeGreaterThan(10);
    expect(seen).toBe(all.body['@odata.count']);
  });
});
