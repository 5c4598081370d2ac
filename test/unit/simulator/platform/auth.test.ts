import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIENCE, jwtPayload, startHarness, type Harness } from './simHarness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.sim.close();
});

const paths = { mde: '/mde/api/indicators', graph: '/graph/v1.0/security/incidents', arm: '/arm/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w/providers/Microsoft.SecurityInsights/incidents?api-version=2025-09-01', loganalytics: '/loganalytics/v1/workspaces/w/query' } as const;

describe('client-credentials tokens', () => {
  it('carry the requested audience, tenant, app and the app roles', async () => {
    const claims = jwtPayload(await h.token('mde'));
    expect(claims.aud).toBe(AUDIENCE.mde);
    expect(claims.tid).toBe(h.identity.tenantId);
    expect(claims.appid).toBe(h.identity.clientId);
    expect(claims.roles).toContain('Ti.ReadWrite.All');
    expect(claims.exp - claims.iat).toBe(3599);
    expect(claims.iss).toBe(`${h.sim.baseUrl}/login/${h.identity.tenantId}/v2.0`);
  });

  it('hand the handler complete claims', async () => {
    const r = await h.request('GET', '/graph/v1.0/security/incidents?$top=5', { headers: { authorization: `Bearer ${await h.token('graph')}` } });
    expect(r.status).toBe(200);
    const seen = r.json.value[0];
    expect(seen.path).toBe('/v1.0/security/incidents');
    expect(seen.query).toEqual({ $top: '5' });
    expect(seen.serviceBaseUrl).toBe(`${h.sim.baseUrl}/graph`);
    expect(seen.token).toMatchObject({ aud: AUDIENCE.graph, tid: h.identity.tenantId, appid: h.identity.clientId, scp: [] });
    expect(seen.token.roles).toContain('SecurityIncident.ReadWrite.All');
  });

  it('rejects a wrong secret, an unknown resource, a non-.default scope and an unknown tenant with AAD error JSON', async () => {
    const tokenUrl = `/login/${h.identity.tenantId}/oauth2/v2.0/token`;
    const base = { grant_type: 'client_credentials', client_id: h.identity.clientId, client_secret: h.identity.clientSecret, scope: `${AUDIENCE.graph}/.default` };
    const badSecret = await h.request('POST', tokenUrl, { form: { ...base, client_secret: 'nope' } });
    expect(badSecret.status).toBe(401);
    expect(badSecret.json).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    expect(badSecret.json.error_description).toMatch(/^AADSTS7000215: /);
    expect(badSecret.json.trace_id).toEqual(expect.any(String));
    expect(badSecret.json.correlation_id).toEqual(expect.any(String));
    expect(badSecret.json.timestamp).toEqual(expect.any(String));

    const unknownResource = await h.request('POST', tokenUrl, { form: { ...base, scope: 'https://vault.azure.net/.default' } });
    expect(unknownResource.status).toBe(400);
    expect(unknownResource.json).toMatchObject({ error: 'invalid_resource', error_codes: [500011] });

    const namedScope = await h.request('POST', tokenUrl, { form: { ...base, scope: `${AUDIENCE.graph}/User.Read` } });
    expect(namedScope.json).toMatchObject({ error: 'invalid_scope', error_codes: [1002012] });

    const otherTenant = await h.request('POST', '/login/00000000-0000-0000-0000-000000000001/oauth2/v2.0/token', { form: base });
    expect(otherTenant.status).toBe(400);
    expect(otherTenant.json.error_codes).toEqual([90002]);
  });

  it('publishes discovery with every endpoint absolute on the simulator host', async () => {
    const r = await h.request('GET', `/login/${h.identity.tenantId}/v2.0/.well-known/openid-configuration`);
    const login = `${h.sim.baseUrl}/login/${h.identity.tenantId}`;
    expect(r.json).toMatchObject({
      token_endpoint: `${login}/oauth2/v2.0/token`,
      authorization_endpoint: `${login}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${login}/oauth2/v2.0/devicecode`,
      jwks_uri: `${login}/discovery/v2.0/keys`,
      issuer: `${login}/v2.0`,
    });
    const keys = await h.request('GET', new URL(r.json.jwks_uri).pathname);
    const token = await h.token('mde');
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
    expect(header.alg).toBe('RS256');
    expect(keys.json.keys.map((k: { kid: string }) => k.kid)).toContain(header.kid);
  });
});

describe('token validation on each service', () => {
  it('answers no token with each service’s real status and body', async () => {
    const mde = await h.request('GET', paths.mde);
    expect(mde.status).toBe(401);
    expect(mde.json.error.code).toBe('Unauthorized');
    expect(mde.json.error.target).toMatch(/^[0-9a-f-]{36}$/);

    const graph = await h.request('GET', paths.graph, { headers: { 'client-request-id': 'c-1' } });
    expect(graph.status).toBe(401);
    expect(graph.json.error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token is empty.' });
    expect(graph.json.error.innerError).toMatchObject({ 'request-id': graph.headers['request-id'], 'client-request-id': 'c-1' });
    expect(graph.json.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);

    const arm = await h.request('GET', paths.arm);
    expect(arm.status).toBe(401);
    expect(arm.json.error.code).toBe('AuthenticationFailed');
    expect(arm.headers['x-ms-request-id']).toBeTruthy();

    const la = await h.request('POST', paths.loganalytics, { body: { query: 'Usage' } });
    expect(la.status).toBe(401);
    expect(la.json.error.code).toBe('AuthenticationFailed');
  });

  it('answers a token for another audience', async () => {
    const bearer = { authorization: `Bearer ${await h.token('arm')}` };
    const graphBearer = { authorization: `Bearer ${await h.token('graph')}` };
    const mde = await h.request('GET', paths.mde, { headers: bearer });
    expect([mde.status, mde.json.error.code]).toEqual([401, 'Unauthorized']);
    const graph = await h.request('GET', paths.graph, { headers: bearer });
    expect([graph.status, graph.json.error.code]).toEqual([401, 'InvalidAuthenticationToken']);
    expect(graph.json.error.message).toMatch(/Invalid audience/);
    const arm = await h.request('GET', paths.arm, { headers: graphBearer });
    expect([arm.status, arm.json.error.code]).toEqual([401, 'InvalidAuthenticationTokenAudience']);
    expect(arm.json.error.message).toContain("'https://graph.microsoft.com'");
    const la = await h.request('POST', paths.loganalytics, { headers: bearer, body: { query: 'Usage' } });
    expect([la.status, la.json.error.code]).toEqual([403, 'InvalidAuthenticationTokenAudience']);
  });

  it('answers an expired token', async () => {
    const tokens = { mde: await h.token('mde'), graph: await h.token('graph'), arm: await h.token('arm'), loganalytics: await h.token('loganalytics') };
    h.clock.ms += 3600 * 1000;
    try {
      const mde = await h.request('GET', paths.mde, { headers: { authorization: `Bearer ${tokens.mde}` } });
      expect([mde.status, mde.json.error.code]).toEqual([401, 'Unauthorized']);
      const graph = await h.request('GET', paths.graph, { headers: { authorization: `Bearer ${tokens.graph}` } });
      expect([graph.status, graph.json.error.message]).toEqual([401, 'Access token has expired or is not yet valid.']);
      const arm = await h.request('GET', paths.arm, { headers: { authorization: `Bearer ${tokens.arm}` } });
      expect([arm.status, arm.json.error.code]).toEqual([401, 'ExpiredAuthenticationToken']);
      expect(arm.json.error.message).toMatch(/is earlier than current UTC time/);
      const la = await h.request('POST', paths.loganalytics, { headers: { authorization: `Bearer ${tokens.loganalytics}` }, body: {} });
      expect(la.status).toBe(401);
    } finally {
      h.clock.ms -= 3600 * 1000;
    }
  });

  it('rejects a token whose signature does not verify', async () => {
    const [head, payload] = (await h.token('graph')).split('.');
    const forged = `${head}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    const graph = await h.request('GET', paths.graph, { headers: { authorization: `Bearer ${forged}` } });
    expect([graph.status, graph.json.error.message]).toEqual([401, 'Access token validation failure.']);
    const la = await h.request('POST', paths.loganalytics, { headers: { authorization: `Bearer ${forged}` }, body: {} });
    expect([la.status, la.json.error.code]).toEqual([403, 'InvalidAuthenticationToken']);
  });

  it('honours a shortened token lifetime set through the control API', async () => {
    const set = await h.request('POST', '/_sim/token-lifetime', { body: { seconds: 60 } });
    expect(set.status).toBe(200);
    try {
      const claims = jwtPayload(await h.token('mde'));
      expect(claims.exp - claims.iat).toBe(60);
    } finally {
      await h.request('POST', '/_sim/token-lifetime', { body: { seconds: 3599 } });
    }
  });
});

describe('request ids and routing', () => {
  it('sets each service’s request-id headers and decrements ARM remaining reads', async () => {
    const armBearer = { authorization: `Bearer ${await h.token('arm')}` };
    const first = await h.request('GET', paths.arm, { headers: armBearer });
    const second = await h.request('GET', paths.arm, { headers: { ...armBearer, 'x-ms-correlation-request-id': 'corr-7' } });
    expect(first.headers['x-ms-request-id']).not.toBe(second.headers['x-ms-request-id']);
    expect(second.headers['x-ms-correlation-request-id']).toBe('corr-7');
    expect(Number(first.headers['x-ms-ratelimit-remaining-subscription-reads']) - Number(second.headers['x-ms-ratelimit-remaining-subscription-reads'])).toBe(1);

    const graph = await h.request('GET', paths.graph, { headers: { authorization: `Bearer ${await h.token('graph')}`, 'client-request-id': 'mine' } });
    expect(graph.headers['client-request-id']).toBe('mine');
    expect(graph.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const mde = await h.request('GET', paths.mde, { headers: { authorization: `Bearer ${await h.token('mde')}` } });
    expect(mde.headers['content-type']).toBe('application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8');
    expect(mde.headers['odata-version']).toBe('4.0');
  });

  it('answers paths outside every service with a JSON 404', async () => {
    const r = await h.request('GET', '/storage/containers');
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('NotFound');
  });
});

describe('device code flow (raw protocol, injected clock)', () => {
  const start = async (hh: Harness) => {
    const r = await hh.request('POST', `/login/organizations/oauth2/v2.0/devicecode`, { form: { client_id: hh.identity.publicClientId, scope: 'https://graph.microsoft.com/.default openid profile offline_access' } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ expires_in: 900, verification_uri: `${hh.sim.baseUrl}/login/devicelogin` });
    return r.json as { device_code: string; user_code: string };
  };
  const poll = (hh: Harness, deviceCode: string) =>
    hh.request('POST', `/login/${hh.identity.tenantId}/oauth2/v2.0/token`, { form: { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: hh.identity.publicClientId, device_code: deviceCode } });

  it('is pending until approved, redeems once, refreshes, and expires after expires_in', async () => {
    const code = await start(h);
    const pending = await poll(h, code.device_code);
    expect([pending.status, pending.json.error, pending.json.error_codes]).toEqual([400, 'authorization_pending', [70016]]);
    expect((await h.request('POST', '/_sim/devicecode/approve', { body: { user_code: 'NOTACODE1' } })).status).toBe(404);
    expect((await h.request('POST', '/_sim/devicecode/approve', { body: { user_code: code.user_code } })).json.approved).toEqual([code.user_code]);
    const ok = await poll(h, code.device_code);
    expect(ok.status).toBe(200);
    expect(jwtPayload(ok.json.access_token)).toMatchObject({ aud: 'https://graph.microsoft.com', upn: 'soc.analyst@mdesim.onmicrosoft.com' });
    expect(jwtPayload(ok.json.id_token).aud).toBe(h.identity.publicClientId);
    expect((await poll(h, code.device_code)).json.error).toBe('invalid_grant');

    // a refresh token from a device-code login gets a token for another resource
    const refreshed = await h.request('POST', `/login/${h.identity.tenantId}/oauth2/v2.0/token`, { form: { grant_type: 'refresh_token', client_id: h.identity.publicClientId, refresh_token: ok.json.refresh_token, scope: 'https://management.azure.com/.default' } });
    expect(jwtPayload(refreshed.json.access_token)).toMatchObject({ aud: 'https://management.azure.com', scp: 'user_impersonation' });

    const late = await start(h);
    h.clock.ms += 901_000;
    try {
      const expired = await poll(h, late.device_code);
      expect([expired.status, expired.json.error]).toEqual([400, 'expired_token']);
    } finally {
      h.clock.ms -= 901_000;
    }
  });

  it('approves automatically after autoApproveDeviceCodeMs', async () => {
    const auto = await startHarness({ autoApproveDeviceCodeMs: 3_000 });
    try {
      const code = await start(auto);
      expect((await poll(auto, code.device_code)).json.error).toBe('authorization_pending');
      auto.clock.ms += 3_000;
      expect((await poll(auto, code.device_code)).status).toBe(200);
    } finally {
      await auto.sim.close();
    }
  });

  it('refuses device code for the confidential app and unknown clients', async () => {
    const conf = await h.request('POST', `/login/${h.identity.tenantId}/oauth2/v2.0/devicecode`, { form: { client_id: h.identity.clientId, scope: 'https://graph.microsoft.com/.default' } });
    expect(conf.json.error_codes).toEqual([7000218]);
    const unknown = await h.request('POST', `/login/${h.identity.tenantId}/oauth2/v2.0/devicecode`, { form: { client_id: '11111111-1111-4111-8111-111111111111', scope: 'https://graph.microsoft.com/.default' } });
    expect(unknown.json.error_codes).toEqual([700016]);
  });
});
