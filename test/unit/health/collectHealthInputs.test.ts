/**
 * Health input collection against the simulator (real HTTPS, real sign-in through a profile): an input
 * that cannot be collected turns only the checks that read it UNKNOWN, with the reason (a 403 names
 * the permission); the others are judged as usual.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUnavailable, runAllChecks, type CheckResult } from '../../../src/domain/health/index.js';
import type { DevicePosture } from '../../../src/domain/types.js';
import { openSession, type Session } from '../../../src/session/index.js';
import { collectHealthInputs, collectSkus, runHealthChecks } from '../../../src/stores/health/index.js';
import { startSimWithProfile, type SimProfile } from '../../helpers/simProfile.js';

let sp: SimProfile;
const savedEnv = { ...process.env };

beforeAll(async () => {
  sp = await startSimWithProfile();
  Object.assign(process.env, sp.env);
});
afterAll(async () => {
  process.env = savedEnv;
  await sp?.close();
});

function setAppRoles(service: string, roles: string[]): Promise<void> {
  const body = JSON.stringify({ service, roles });
  return new Promise((resolve, reject) => {
    const req = request(new URL(`${sp.sim.baseUrl}/_sim/app-roles`), { method: 'POST', ca: sp.sim.caCertPem, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => ((res.statusCode ?? 500) < 300 ? resolve() : reject(new Error(`app-roles ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A fresh session, so its tokens carry the app roles set just before. */
async function withSession<T>(fn: (s: Session) => Promise<T>): Promise<T> {
  const s = await openSession({ demo: false, profile: 'sim', write: false });
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

const byId = (results: CheckResult[]) => new Map(results.map((r) => [r.id, r]));

describe('collectHealthInputs', () => {
  it('collects every input on a working tenant, so no check is UNKNOWN', async () => {
    await withSession(async (s) => {
      const inputs = await collectHealthInputs(s);
      const keys = Object.keys(inputs).sort();
      expect(keys).toEqual(['alertRules', 'connectors', 'incidentSync', 'indicators', 'machines', 'postures', 'skus', 'streaming', 'tableFreshness', 'tables', 'workspace']);
      for (const [k, v] of Object.entries(inputs)) expect(isUnavailable(v), `${k}: ${isUnavailable(v) ? v.reason : ''}`).toBe(false);
      const results = runAllChecks(inputs, { now: new Date() });
      expect(results.filter((r) => r.status === 'UNKNOWN')).toEqual([]);
      // Postures join advanced hunting (network protection) with deviceavinfo (platform, passive mode).
      const postures = inputs.postures as readonly DevicePosture[];
      expect(postures.some((p) => p.networkProtection === 'audit')).toBe(true);
      expect(postures.some((p) => p.avMode === '1')).toBe(true);
      expect(postures.filter((p) => p.antimalwarePlatformVersion !== null).length).toBeGreaterThan(0);
    });
  });

  it('collects only the inputs the --only areas need', async () => {
    await withSession(async (s) => {
      const inputs = await collectHealthInputs(s, { only: ['retention'] });
      expect(Object.keys(inputs).sort()).toEqual(['tables', 'workspace']);
    });
  });

  it('a Graph 403 on licences makes the licence checks UNKNOWN naming the permission, and nothing else', async () => {
    await setAppRoles('graph', ['SecurityIncident.ReadWrite.All', 'ThreatHunting.Read.All']);
    try {
      const results = await withSession((s) => runHealthChecks(s));
      const r = byId(results);
      for (const id of ['licences', 'office-identity']) {
        const c = r.get(id)!;
        expect(c.status).toBe('UNKNOWN');
        expect(c.status === 'UNKNOWN' && c.unknownReason).toMatch(/^missing permission LicenseAssignment\.Read\.All, Organization\.Read\.All or Directory\.Read\.All \(Microsoft Graph 403 on GET /);
      }
      expect(results.filter((x) => x.status === 'UNKNOWN').map((x) => x.id).sort()).toEqual(['licences', 'office-identity']);
      // The hunting query on the same service still works: network protection is judged.
      expect(r.get('network-protection')!.status).toBe('FAIL');
    } finally {
      await setAppRoles('graph', ['SecurityIncident.ReadWrite.All', 'SecurityAlert.ReadWrite.All', 'ThreatHunting.Read.All', 'Organization.Read.All']);
    }
  });

  it('an MDE 403 on machines makes the device checks UNKNOWN; the indicator check is still judged', async () => {
    await setAppRoles('mde', ['Ti.ReadWrite.All', 'AdvancedQuery.Read.All']);
    try {
      const results = await withSession((s) => runHealthChecks(s, { only: ['mdca', 'network-protection', 'devices'] }));
      const r = byId(results);
      expect(r.get('devices')!.status).toBe('UNKNOWN');
      expect(r.get('devices')!.finding).toContain('missing permission Machine.Read.All');
      expect(r.get('network-protection')!.status).toBe('UNKNOWN');
      expect(r.get('mdca')!.status).toBe('OK');
    } finally {
      await setAppRoles('mde', ['Ti.ReadWrite.All', 'Machine.Read.All', 'Machine.ReadWrite.All', 'AdvancedQuery.Read.All']);
    }
  });

  it('a profile without a Sentinel workspace or Event Hubs namespace: those checks say so, the Defender ones are judged', async () => {
    const original = readFileSync(sp.configPath, 'utf8');
    const config = JSON.parse(original);
    delete config.profiles.sim.sentinel;
    delete config.profiles.sim.eventHubNamespaceId;
    writeFileSync(sp.configPath, JSON.stringify(config));
    try {
      const results = await withSession((s) => runHealthChecks(s));
      const r = byId(results);
      for (const id of ['sentinel-connector', 'sentinel-rules', 'sentinel-freshness', 'retention', 'incident-sync']) {
        const c = r.get(id)!;
        expect(c.status, id).toBe('UNKNOWN');
        expect(c.status === 'UNKNOWN' && c.unknownReason, id).toContain('no Sentinel workspace in the profile');
      }
      const streaming = r.get('streaming')!;
      expect(streaming.status === 'UNKNOWN' && streaming.unknownReason).toContain('no Event Hubs namespace in the profile');
      expect(r.get('licences')!.status).toBe('OK');
      expect(r.get('devices')!.status).toBe('FAIL');
    } finally {
      writeFileSync(sp.configPath, original);
    }
  });

  it('a collector returns unavailable instead of throwing when the service fails', async () => {
    await withSession(async (s) => {
      await s.close();
      // Closing the session aborts its requests: the collector still resolves, with the reason.
      const v = await collectSkus(s);
      expect(isUnavailable(v)).toBe(true);
    });
  });
});
