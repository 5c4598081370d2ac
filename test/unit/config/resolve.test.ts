import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, demoProfile, hasCustomAuthority, resolveProfile, type LoadedConfig, type Profile } from '../../../src/config/index.js';

const base: Profile = { tenantId: 't1', cloud: 'public', auth: { method: 'device-code' } };
const loaded = (profiles: Record<string, Profile>, current?: string): LoadedConfig => ({
  path: '/cfg/config.json',
  exists: true,
  file: current ? { current, profiles } : { profiles },
  warnings: [],
});
const resolveOne = (p: Profile) => resolveProfile('p', { loaded: loaded({ p }) });
const sorted = (s: ReadonlySet<string>) => [...s].sort();

describe('endpoints, scopes and allowed hosts per cloud', () => {
  it('public: global hosts, regional MDE hosts allowed, documented scopes', () => {
    const r = resolveOne(base);
    expect(r.endpoints).toEqual({
      login: 'https://login.microsoftonline.com',
      graph: 'https://graph.microsoft.com',
      mde: 'https://api.securitycenter.microsoft.com',
      arm: 'https://management.azure.com',
      loganalytics: 'https://api.loganalytics.io',
    });
    expect(r.scopes).toEqual({
      graph: 'https://graph.microsoft.com/.default',
      mde: 'https://api.securitycenter.microsoft.com/.default',
      arm: 'https://management.azure.com/.default',
      loganalytics: 'https://api.loganalytics.io/.default',
    });
    expect(r.allowedHosts.has('eu.api.security.microsoft.com')).toBe(true);
    expect(r.allowedHosts.has('aea.api.security.microsoft.com')).toBe(true);
    expect(r.allowedHosts.has('login.microsoftonline.com')).toBe(false);
    expect(r.allowedHosts.has('graph.microsoft.us')).toBe(false);
  });

  it('public with mdeRegion uses the regional host', () => {
    expect(resolveOne({ ...base, mdeRegion: 'eu' }).endpoints.mde).toBe('https://eu.api.security.microsoft.com');
  });

  it('GCC: commercial login and Graph, GCC MDE host', () => {
    const r = resolveOne({ ...base, cloud: 'usgov-gcc' });
    expect(r.endpoints.login).toBe('https://login.microsoftonline.com');
    expect(r.endpoints.graph).toBe('https://graph.microsoft.com');
    expect(r.endpoints.mde).toBe('https://api-gcc.securitycenter.microsoft.us');
    expect(r.scopes.mde).toBe('https://api-gcc.securitycenter.microsoft.us/.default');
  });

  it('GCC High: .us login, Graph, ARM and Log Analytics', () => {
    const r = resolveOne({ ...base, cloud: 'usgov-gcchigh' });
    expect(r.endpoints).toEqual({
      login: 'https://login.microsoftonline.us',
      graph: 'https://graph.microsoft.us',
      mde: 'https://api-gov.securitycenter.microsoft.us',
      arm: 'https://management.usgovcloudapi.net',
      loganalytics: 'https://api.loganalytics.us',
    });
    expect(sorted(r.allowedHosts)).toEqual(['api-gov.securitycenter.microsoft.us', 'api.loganalytics.us', 'graph.microsoft.us', 'management.usgovcloudapi.net']);
  });

  it('DoD: dod-graph host and scope', () => {
    const r = resolveOne({ ...base, cloud: 'usgov-dod' });
    expect(r.endpoints.graph).toBe('https://dod-graph.microsoft.us');
    expect(r.scopes.graph).toBe('https://dod-graph.microsoft.us/.default');
    expect(r.allowedHosts.has('graph.microsoft.us')).toBe(false);
  });

  it('China: 21Vianet hosts, and MDE must be set explicitly', () => {
    expect(() => resolveOne({ ...base, cloud: 'china' })).toThrow(
      new ConfigError('/cfg/config.json: profiles.p.endpoints.mde: the china cloud has no documented Defender for Endpoint API host; set endpoints.mde to your API base URL'),
    );
    const r = resolveOne({ ...base, cloud: 'china', endpoints: { mde: 'https://mde.example.cn/' } });
    expect(r.endpoints.login).toBe('https://login.chinacloudapi.cn');
    expect(r.endpoints.graph).toBe('https://microsoftgraph.chinacloudapi.cn');
    expect(r.endpoints.arm).toBe('https://management.chinacloudapi.cn');
    expect(r.endpoints.loganalytics).toBe('https://api.loganalytics.azure.cn');
    expect(r.endpoints.mde).toBe('https://mde.example.cn');
    expect(r.allowedHosts.has('mde.example.cn')).toBe(true);
  });

  it('overrides replace base URLs and add only their hosts to the allow-list', () => {
    const r = resolveOne({ ...base, endpoints: { graph: 'https://graph-pe.corp.example:8443/', login: 'https://login.corp.example' } });
    expect(r.endpoints.graph).toBe('https://graph-pe.corp.example:8443');
    expect(r.allowedHosts.has('graph-pe.corp.example')).toBe(true);
    // The login host never receives bearer tokens.
    expect(r.allowedHosts.has('login.corp.example')).toBe(false);
    expect(hasCustomAuthority(r)).toBe(true);
    expect(hasCustomAuthority(resolveOne(base))).toBe(false);
  });
});

describe('defaults and selection', () => {
  it('applies documented thresholds and cost defaults, keeping overrides', () => {
    const r = resolveOne({ ...base, thresholds: { syncWindowMinutes: 20 }, cost: { currency: 'EUR' } });
    expect(r.thresholds).toEqual({ tableFreshnessMinutes: 60, syncWindowMinutes: 20, syncLookbackDays: 7, streamGapMinutes: 15, retentionPolicyDays: 180, expiringSoonDays: 7 });
    expect(r.cost).toEqual({ pricePerGb: 5.22, currency: 'EUR' });
  });

  it('picks the named, then current, then the only profile', () => {
    const two = loaded({ a: base, b: { ...base, tenantId: 't2' } }, 'b');
    expect(resolveProfile(undefined, { loaded: two }).tenantId).toBe('t2');
    expect(resolveProfile('a', { loaded: two }).name).toBe('a');
    expect(resolveProfile(undefined, { loaded: loaded({ only: base }) }).name).toBe('only');
    expect(() => resolveProfile(undefined, { loaded: loaded({ a: base, b: base }) })).toThrow(/current: no profile selected \(have: a, b\)/);
    expect(() => resolveProfile('zz', { loaded: two })).toThrow('/cfg/config.json: profiles.zz: no such profile (have: a, b)');
  });

  describe('caCertFile', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mdec-ca-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    it('is read into caCertPem, and a non-PEM file is refused', () => {
      const pem = join(dir, 'ca.pem');
      writeFileSync(pem, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
      expect(resolveOne({ ...base, caCertFile: pem }).caCertPem).toContain('BEGIN CERTIFICATE');
      writeFileSync(pem, 'hello');
      expect(() => resolveOne({ ...base, caCertFile: pem })).toThrow(`/cfg/config.json: profiles.p.caCertFile: ${pem} is not a PEM certificate`);
    });
  });
});

describe('demoProfile', () => {
  it('points every service at the simulator and allows only its host', () => {
    const r = demoProfile({
      baseUrl: 'https://127.0.0.1:9443',
      caCertPem: 'PEM',
      identity: {
        tenantId: 'tid', clientId: 'cid', clientSecret: 'shh', publicClientId: 'pub', subscriptionId: 'sub',
        resourceGroup: 'rg', workspaceName: 'ws', workspaceId: 'wsid', eventHubNamespaceId: '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns',
      },
    });
    expect(r.demo).toBe(true);
    expect(r.endpoints.mde).toBe('https://127.0.0.1:9443/mde');
    expect(r.endpoints.login).toBe('https://127.0.0.1:9443/login');
    expect(sorted(r.allowedHosts)).toEqual(['127.0.0.1']);
    expect(r.caCertPem).toBe('PEM');
    expect(r.sentinel?.workspaceId).toBe('wsid');
    expect(JSON.stringify(r.auth)).not.toContain('shh');
  });
});
