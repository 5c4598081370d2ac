/**
 * A small HTTPS server each test controls: self-signed certificate for 127.0.0.1 and localhost,
 * a swappable handler, and a log of what arrived (host, method, url, authorization).
 */
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import type { AccessToken, TokenCredential } from '@azure/identity';
import type { ResolvedProfile } from '../../../../src/config/types.js';
import type { Clock } from '../../../../src/api/budget.js';

export interface SeenRequest {
  host: string;
  method: string;
  url: string;
  authorization: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
}

/** 'reset': the socket is destroyed before any response; 'cut-body': a 200 whose body stops half-way. */
export type Reply = { status: number; headers?: Record<string, string>; body?: unknown } | 'reset' | { cutBody: string };
export type Handler = (req: SeenRequest) => Reply | Promise<Reply>;

export interface TestServer {
  origin: string;
  port: number;
  caPem: string;
  requests: SeenRequest[];
  handle(h: Handler): void;
  close(): Promise<void>;
}

let certPromise: Promise<{ cert: string; key: string }> | undefined;
function cert() {
  certPromise ??= generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  } as never).then((p) => ({ cert: p.cert, key: p.private }));
  return certPromise;
}

export async function startTlsServer(): Promise<TestServer> {
  const { cert: certPem, key } = await cert();
  let handler: Handler = () => ({ status: 404, body: { error: { code: 'NotFound', message: 'no handler' } } });
  const requests: SeenRequest[] = [];
  const server = https.createServer({ cert: certPem, key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen: SeenRequest = {
        host: (req.headers.host ?? '').replace(/:\d+$/, ''),
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        authorization: req.headers.authorization,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      Promise.resolve(handler(seen)).then((reply) => {
        if (reply === 'reset') {
          req.socket.destroy();
          return;
        }
        if ('cutBody' in reply) {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(reply.cutBody) * 2) });
          res.write(reply.cutBody, () => setTimeout(() => req.socket.destroy(), 10));
          return;
        }
        const headers = { 'content-type': 'application/json', ...(reply.headers ?? {}) };
        const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        res.writeHead(reply.status, headers);
        res.end(body);
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `https://127.0.0.1:${port}`,
    port,
    caPem: certPem,
    requests,
    handle(h) {
      handler = h;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function testProfile(server: Pick<TestServer, 'origin' | 'caPem'>): ResolvedProfile {
  const o = server.origin;
  return {
    name: 'test',
    demo: false,
    tenantId: '00000000-0000-0000-0000-000000000001',
    cloud: 'public',
    auth: { method: 'client-secret' },
    sentinel: { subscriptionId: 'sub1', resourceGroup: 'rg1', workspaceName: 'ws1', workspaceId: '11111111-2222-3333-4444-555555555555' },
    eventHubNamespaceId: '/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.EventHub/namespaces/ns1',
    endpoints: { login: `${o}/login`, mde: `${o}/mde`, graph: `${o}/graph`, arm: `${o}/arm`, loganalytics: `${o}/la` },
    scopes: {
      mde: 'https://api.securitycenter.microsoft.com/.default',
      graph: 'https://graph.microsoft.com/.default',
      arm: 'https://management.azure.com/.default',
      loganalytics: 'https://api.loganalytics.io/.default',
    },
    allowedHosts: new Set(['127.0.0.1']),
    caCertPem: server.caPem,
    thresholds: { tableFreshnessMinutes: 60, syncWindowMinutes: 10, syncLookbackDays: 7, streamGapMinutes: 30, retentionPolicyDays: 180, expiringSoonDays: 7 },
    cost: { pricePerGb: 5, currency: 'USD' },
    creatorRules: [],
  };
}

/** A credential that hands out numbered tokens per scope and counts how often it was asked. */
export class FakeCredential implements TokenCredential {
  calls: string[] = [];
  constructor(private readonly clock: { now(): number } = { now: () => Date.now() }, private readonly lifetimeMs = 3_600_000) {}
  async getToken(scopes: string | string[]): Promise<AccessToken> {
    const scope = Array.isArray(scopes) ? scopes.join(' ') : scopes;
    this.calls.push(scope);
    return { token: `tok-${this.calls.length}`, expiresOnTimestamp: this.clock.now() + this.lifetimeMs };
  }
}

/** Virtual time: sleeping advances it instantly and is recorded. Starts at a fixed instant. */
export class FakeClock implements Clock {
  t = Date.parse('2025-06-01T12:00:00Z');
  sleeps: number[] = [];
  now(): number {
    return this.t;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.t += Math.max(0, ms);
    await Promise.resolve();
  }
}

export function indicator(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    indicatorValue: `evil${id}.example.com`,
    indicatorType: 'DomainName',
    action: 'Block',
    title: `Indicator ${id}`,
    description: 'test',
    application: null,
    severity: 'High',
    recommendedActions: null,
    rbacGroupNames: [],
    rbacGroupIds: [],
    generateAlert: true,
    createdBySource: 'PublicApi',
    createdBy: 'app-id',
    createdByDisplayName: 'Some App',
    lastUpdatedBy: null,
    creationTimeDateTimeUtc: '2025-05-01T10:00:00.1234567Z',
    expirationTime: null,
    lastUpdateTime: '2025-05-01T10:00:00.1234567Z',
    category: 1,
    historicalDetection: false,
    ...extra,
  };
}

export function incident(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    tenantId: 't',
    displayName: `Incident ${id}`,
    status: 'active',
    severity: 'medium',
    classification: 'unknown',
    determination: 'unknown',
    assignedTo: null,
    createdDateTime: '2025-05-01T10:00:00Z',
    lastUpdateDateTime: '2025-05-02T10:00:00Z',
    incidentWebUrl: `https://security.microsoft.com/incident2/${id}/overview?tid=t`,
    redirectIncidentId: null,
    customTags: [],
    systemTags: [],
    ...extra,
  };
}
