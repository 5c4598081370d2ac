/** Shared fixtures for handler tests: a tenant at a fixed clock and a request builder. */
import type { SimRequest, SimResponse, ServiceName, TokenClaims, SimulatedTenantIdentity } from '../../../../src/simulator/contract.js';
import { createTenant, type Tenant } from '../../../../src/simulator/tenant/index.js';
import { createServices } from '../../../../src/simulator/services/index.js';

export const IDENTITY: SimulatedTenantIdentity = {
  tenantId: '8c5a1f3e-2b4d-4e6f-9a1b-3c5d7e9f1a2b',
  clientId: '1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6',
  clientSecret: 'not-a-real-secret',
  publicClientId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
  subscriptionId: '3c1f0a2b-8d4e-4f6a-9b7c-2e5d8f1a3b6c',
  resourceGroup: 'rg-soc',
  workspaceName: 'law-sentinel',
  workspaceId: '63613592-b6f7-4c3d-a390-22ba13102111',
  eventHubNamespaceId: '/subscriptions/3c1f0a2b-8d4e-4f6a-9b7c-2e5d8f1a3b6c/resourceGroups/rg-soc/providers/Microsoft.EventHub/namespaces/ehns-mde-stream',
};

export const START = new Date('2026-03-02T12:00:00Z');

export function makeTenant(opts: { seed?: number; scale?: 'demo' | 'large' } = {}): Tenant {
  return createTenant({ seed: opts.seed ?? 42, scale: opts.scale ?? 'demo', speed: 0, startTime: START, identity: IDENTITY });
}

export const ALL_ROLES = ['Ti.ReadWrite.All', 'Machine.Read.All', 'SecurityIncident.ReadWrite.All', 'ThreatHunting.Read.All', 'LicenseAssignment.Read.All'];

export function token(roles: string[] = ALL_ROLES, appid = IDENTITY.clientId): TokenClaims {
  return { aud: 'https://api.securitycenter.microsoft.com', tid: IDENTITY.tenantId, appid, roles, scp: [], exp: 9_999_999_999 };
}

const BASE: Record<Exclude<ServiceName, 'login'>, string> = {
  mde: 'https://127.0.0.1:8443/mde',
  graph: 'https://127.0.0.1:8443/graph',
  arm: 'https://127.0.0.1:8443/arm',
  loganalytics: 'https://127.0.0.1:8443/loganalytics',
};

let counter = 0;

export interface Sim {
  tenant: Tenant;
  call(service: Exclude<ServiceName, 'login'>, method: string, pathAndQuery: string, body?: unknown, extra?: { roles?: string[]; appid?: string; headers?: Record<string, string> }): Promise<SimResponse & { json: any }>;
  /** Follows an absolute next link produced by a handler. */
  follow(service: Exclude<ServiceName, 'login'>, absolute: string, extra?: { roles?: string[]; headers?: Record<string, string> }): Promise<SimResponse & { json: any }>;
}

export function makeSim(tenant: Tenant): Sim {
  const services = createServices(tenant);
  const call: Sim['call'] = async (service, method, pathAndQuery, body, extra = {}) => {
    const [path = '', qs = ''] = pathAndQuery.split('?');
    const req: SimRequest = {
      service,
      method,
      path,
      query: new URLSearchParams(qs),
      headers: { 'content-type': 'application/json', ...(extra.headers ?? {}) },
      body,
      token: token(extra.roles, extra.appid),
      requestId: `req-${++counter}`,
      serviceBaseUrl: BASE[service],
    };
    const res = await services[service](req);
    const json = typeof res.body === 'string' ? (res.body === '' ? undefined : JSON.parse(res.body)) : res.body;
    return { ...res, json };
  };
  return {
    tenant,
    call,
    follow: (service, absolute, extra) => {
      if (!absolute.startsWith(BASE[service])) throw new Error(`next link ${absolute} is not under ${BASE[service]}`);
      return call(service, 'GET', absolute.slice(BASE[service].length), undefined, extra);
    },
  };
}
