/**
 * Fidelity with Microsoft's own client library: @azure/identity (MSAL underneath) signs in to
 * the simulator over real HTTPS, trusting the simulator's CA in-process through a pipeline
 * policy that sets `tlsSettings.ca` on each request — no NODE_TLS_REJECT_UNAUTHORIZED, no
 * global NODE_EXTRA_CA_CERTS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientCertificateCredential, ClientSecretCredential, DeviceCodeCredential, type DeviceCodeInfo } from '@azure/identity';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { startHarness, jwtPayload, type Harness } from '../../unit/simulator/platform/simHarness.js';

/** Makes an @azure/identity credential trust `caPem` for its own requests only. */
function trustSimulatorCa(caPem: string): PipelinePolicy {
  return {
    name: 'trustSimulatorCa',
    sendRequest(request, next) {
      request.tlsSettings = { ...request.tlsSettings, ca: caPem };
      return next(request);
    },
  };
}

let h: Harness;
let options: { authorityHost: string; disableInstanceDiscovery: true; additionalPolicies: Array<{ policy: PipelinePolicy; position: 'perCall' }> };
beforeAll(async () => {
  h = await startHarness({ clockMs: Date.now });
  options = { authorityHost: `${h.sim.baseUrl}/login`, disableInstanceDiscovery: true, additionalPolicies: [{ policy: trustSimulatorCa(h.sim.caCertPem), position: 'perCall' }] };
});
afterAll(async () => {
  await h.sim.close();
});

describe('@azure/identity against the simulator', () => {
  it('ClientSecretCredential gets an MDE token with the right aud, tid and roles', async () => {
    const cred = new ClientSecretCredential(h.identity.tenantId, h.identity.clientId, h.identity.clientSecret, options);
    const token = await cred.getToken('https://api.securitycenter.microsoft.com/.default');
    const claims = jwtPayload(token.token);
    expect(claims).toMatchObject({ aud: 'https://api.securitycenter.microsoft.com', tid: h.identity.tenantId, appid: h.identity.clientId });
    expect(claims.roles).toEqual(expect.arrayContaining(['Ti.ReadWrite.All', 'Machine.Read.All']));
    expect(token.expiresOnTimestamp - Date.now()).toBeGreaterThan(3500_000);
    // and the token opens the service it was issued for
    const r = await h.request('GET', '/mde/api/indicators', { headers: { authorization: `Bearer ${token.token}` } });
    expect(r.status).toBe(200);
  });

  it('ClientSecretCredential with a wrong secret fails with the AAD error', async () => {
    const cred = new ClientSecretCredential(h.identity.tenantId, h.identity.clientId, 'wrong', options);
    await expect(cred.getToken('https://graph.microsoft.com/.default')).rejects.toThrow(/AADSTS7000215/);
  });

  it('ClientCertificateCredential signs a client assertion the simulator verifies', async () => {
    const cred = new ClientCertificateCredential(h.identity.tenantId, h.identity.clientId, { certificate: h.sim.clientCertificatePem }, options);
    const token = await cred.getToken('https://graph.microsoft.com/.default');
    const claims = jwtPayload(token.token);
    expect(claims).toMatchObject({ aud: 'https://graph.microsoft.com', tid: h.identity.tenantId, appid: h.identity.clientId });
    expect(claims.roles).toContain('SecurityIncident.ReadWrite.All');
  });

  it('ClientCertificateCredential with an unregistered certificate is refused', async () => {
    const { generateSimulatorCertificates } = await import('../../../src/simulator/platform/index.js');
    const stranger = (await generateSimulatorCertificates()).clientApp;
    const cred = new ClientCertificateCredential(h.identity.tenantId, h.identity.clientId, { certificate: `${stranger.certPem}\n${stranger.privateKeyPem}` }, options);
    await expect(cred.getToken('https://graph.microsoft.com/.default')).rejects.toThrow(/AADSTS700027/);
  });

  it('DeviceCodeCredential waits for approval through /_sim/devicecode/approve, then gets a delegated token', async () => {
    let prompt: DeviceCodeInfo | undefined;
    const cred = new DeviceCodeCredential({
      ...options,
      tenantId: h.identity.tenantId,
      clientId: h.identity.publicClientId,
      userPromptCallback: (info) => {
        prompt = info;
        // Approve only after the client has been told authorization_pending at least once.
        const approveLater = async () => {
          while ((await h.request('GET', '/_sim/requests')).json.services.login.operations['POST /{tenant}/oauth2/v2.0/token'] === undefined);
          await h.request('POST', '/_sim/devicecode/approve', { body: { user_code: info.userCode } });
        };
        void approveLater();
      },
    });
    const token = await cred.getToken('https://api.loganalytics.io/.default');
    expect(prompt?.verificationUri).toBe(`${h.sim.baseUrl}/login/devicelogin`);
    expect(prompt?.userCode).toMatch(/^[A-Z2-9]{9}$/);
    const claims = jwtPayload(token.token);
    expect(claims).toMatchObject({ aud: 'https://api.loganalytics.io', tid: h.identity.tenantId, appid: h.identity.publicClientId, upn: 'soc.analyst@mdesim.onmicrosoft.com', scp: 'Data.Read' });
    expect(claims.roles).toBeUndefined();
    // at least one poll was answered authorization_pending before the approval
    const counts = (await h.request('GET', '/_sim/requests')).json;
    expect(counts.services.login.operations['POST /{tenant}/oauth2/v2.0/token']).toBeGreaterThanOrEqual(2);
    const r = await h.request('POST', '/loganalytics/v1/workspaces/w/query', { headers: { authorization: `Bearer ${token.token}` }, body: { query: 'Usage' } });
    expect(r.json.value[0].token).toMatchObject({ upn: 'soc.analyst@mdesim.onmicrosoft.com', scp: ['Data.Read'], roles: [] });
  });
});
