/**
 * Test harness for the simulator platform: starts it with a small fake tenant and echo handlers,
 * an injectable real-time clock and a recording sleep, and talks to it over real HTTPS trusting
 * the generated CA (no NODE_TLS_REJECT_UNAUTHORIZED).
 */
import https from 'node:https';
import http from 'node:http';
import type { ServiceHandler } from '../../../../src/simulator/contract.js';
import { deriveTenantIdentity, startPlatform, type PlatformHandle, type PlatformOptions, type ResourceService, type TenantPort } from '../../../../src/simulator/platform/index.js';

export interface FakeTenant extends TenantPort {
  advancedMinutes: number;
  calls: Array<{ action: string; params: Record<string, unknown> }>;
}

export function fakeTenant(start = new Date('2025-03-01T12:00:00Z')): FakeTenant {
  const t: FakeTenant = {
    advancedMinutes: 0,
    calls: [],
    now: () => new Date(start.getTime() + t.advancedMinutes * 60_000),
    advanceClock: (m) => {
      t.advancedMinutes += m;
    },
    listActions: () => ['unsanctionApp', 'stopTable'],
    control: (action, params) => {
      t.calls.push({ action, params });
      return params.fail ? { ok: false, status: 409, error: 'app already unsanctioned' } : { ok: true, result: { action } };
    },
  };
  return t;
}

/** Echoes what the platform handed the handler, as a paged OData-ish list. */
export const echoHandler: ServiceHandler = (req) => ({
  status: 200,
  body: { value: [{ path: req.path, method: req.method, token: req.token ?? null, serviceBaseUrl: req.serviceBaseUrl, body: req.body ?? null, query: Object.fromEntries(req.query) }] },
});

export interface Harness {
  sim: PlatformHandle;
  tenant: FakeTenant;
  identity: ReturnType<typeof deriveTenantIdentity>;
  clock: { ms: number };
  sleeps: number[];
  request(method: string, path: string, opts?: { headers?: Record<string, string>; body?: unknown; form?: Record<string, string> }): Promise<SimResult>;
  token(service: ResourceService | string): Promise<string>;
}

export interface SimResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

export const AUDIENCE: Record<ResourceService, string> = {
  mde: 'https://api.securitycenter.microsoft.com',
  graph: 'https://graph.microsoft.com',
  arm: 'https://management.azure.com',
  loganalytics: 'https://api.loganalytics.io',
};

export async function startHarness(overrides: Partial<PlatformOptions> = {}): Promise<Harness> {
  const identity = deriveTenantIdentity(42);
  const tenant = fakeTenant();
  const clock = { ms: Date.parse('2025-03-01T12:00:00Z') };
  const sleeps: number[] = [];
  const sim = await startPlatform({
    identity,
    tenant,
    services: { mde: echoHandler, graph: echoHandler, arm: echoHandler, loganalytics: echoHandler },
    clockMs: () => clock.ms,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    deviceCodeIntervalSeconds: 0.01,
    ...overrides,
  });
  const request: Harness['request'] = (method, path, opts = {}) => simRequest(sim.baseUrl, sim.caCertPem, method, path, opts);
  return {
    sim,
    tenant,
    identity,
    clock,
    sleeps,
    request,
    async token(service) {
      const resource = service in AUDIENCE ? AUDIENCE[service as ResourceService] : service;
      const r = await request('POST', `/login/${identity.tenantId}/oauth2/v2.0/token`, {
        form: { grant_type: 'client_credentials', client_id: identity.clientId, client_secret: identity.clientSecret, scope: `${resource}/.default` },
      });
      if (r.status !== 200) throw new Error(`token request failed: ${r.text}`);
      return r.json.access_token as string;
    },
  };
}

export function simRequest(baseUrl: string, ca: string, method: string, path: string, opts: { headers?: Record<string, string>; body?: unknown; form?: Record<string, string> } = {}): Promise<SimResult> {
  const url = new URL(path, baseUrl);
  let payload: string | undefined;
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.form) {
    payload = new URLSearchParams(opts.form).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  } else if (opts.body !== undefined) {
    payload = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method, headers, ca, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export function jwtPayload(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}
