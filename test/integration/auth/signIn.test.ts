/**
 * Sign-in through createCredential against the simulator over real HTTPS (its self-signed CA trusted only for
 * our connections): client secret, client certificate and device code, each token checked for its audience.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredential, type DeviceCodeInfo } from '../../../src/auth/index.js';
import { demoProfile, type ResolvedProfile } from '../../../src/config/index.js';
import { caBundleWith } from '../../../src/api/trust.js';
import { startSimulator, type StartedSimulator } from '../../../src/simulator/index.js';

let sim: StartedSimulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator({ seed: 7, deviceCodeIntervalSeconds: 1 });
  dir = mkdtempSync(join(tmpdir(), 'mdec-signin-'));
});
afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

function claims(jwt: string): { aud: string; tid: string; appid?: string; scp?: string; roles?: string[] } {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
}

function simPost(path: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request(`${sim.baseUrl}${path}`, { method: 'POST', ca: caBundleWith(sim.caCertPem), headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const withAuth = (auth: ResolvedProfile['auth']): ResolvedProfile => ({ ...demoProfile(sim), auth });

describe('createCredential against the simulator', () => {
  it('client secret: one token per audience, reused from the cache', async () => {
    const profile = demoProfile(sim);
    const cred = await createCredential(profile, { clientSecret: sim.identity.clientSecret });
    const graph = await cred.getToken(profile.scopes.graph);
    const mde = await cred.getToken(profile.scopes.mde);
    const la = await cred.getToken(profile.scopes.loganalytics);
    expect(claims(graph!.token)).toMatchObject({ aud: 'https://graph.microsoft.com', tid: sim.identity.tenantId, appid: sim.identity.clientId });
    expect(claims(mde!.token).aud).toBe('https://api.securitycenter.microsoft.com');
    expect(claims(la!.token).aud).toBe('https://api.loganalytics.io');
    expect((await cred.getToken(profile.scopes.graph))!.token).toBe(graph!.token);
  });

  it('a wrong secret fails with one line', async () => {
    const cred = await createCredential(demoProfile(sim), { clientSecret: 'not-the-secret' });
    const err = await cred.getToken(demoProfile(sim).scopes.arm).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/^sign-in \(client-secret\) failed for https:\/\/management\.azure\.com\/\.default: .*AADSTS/);
    expect((err as Error).message).not.toContain('\n');
  });

  it('client certificate', async () => {
    const pem = join(dir, 'app.pem');
    writeFileSync(pem, sim.clientCertificatePem, { mode: 0o600 });
    const cred = await createCredential(withAuth({ method: 'client-certificate', clientId: sim.identity.clientId, certificatePath: pem }));
    const token = await cred.getToken('https://management.azure.com/.default');
    expect(claims(token!.token)).toMatchObject({ aud: 'https://management.azure.com', appid: sim.identity.clientId });
  });

  it('device code: the code is shown, the simulator approves it, a delegated token arrives', async () => {
    const shown: DeviceCodeInfo[] = [];
    const cred = await createCredential(withAuth({ method: 'device-code', clientId: sim.identity.publicClientId }), {
      onDeviceCode: (info) => {
        shown.push(info);
        void simPost('/_sim/devicecode/approve', { user_code: info.userCode });
      },
    });
    const token = await cred.getToken('https://graph.microsoft.com/.default');
    expect(shown).toHaveLength(1);
    expect(shown[0]!.userCode).toMatch(/\S+/);
    expect(shown[0]!.message).toContain(shown[0]!.userCode);
    const c = claims(token!.token);
    expect(c.aud).toBe('https://graph.microsoft.com');
    expect(c.scp).toBeTruthy();
  });

  it('refreshes a token before it expires, mid-session', async () => {
    expect(await simPost('/_sim/token-lifetime', { seconds: 60 })).toBe(200);
    let now = Date.now();
    const profile = demoProfile(sim);
    const cred = await createCredential(profile, { clientSecret: sim.identity.clientSecret, cache: { now: () => now } });
    const first = await cred.getToken(profile.scopes.mde);
    expect((await cred.getToken(profile.scopes.mde))!.token).toBe(first!.token);
    now += 31_000; // past half of a 60 s token's life: the cache asks again
    const second = await cred.getToken(profile.scopes.mde);
    expect(second!.token).not.toBe(first!.token);
    expect(second!.expiresOnTimestamp).toBeGreaterThanOrEqual(first!.expiresOnTimestamp);
    await simPost('/_sim/token-lifetime', { seconds: 3599 });
  });
});
