/**
 * The simulator platform: one loopback HTTPS listener (plus optional plain HTTP) that routes by
 * path prefix (SERVICE_PREFIXES) to the login service, the tenant's service handlers and the
 * /_sim control API. For every service request it, in order:
 *   1. waits any injected latency,
 *   2. validates the bearer token (all but /login) → the service's real 401/403 body,
 *   3. applies the next counted injected fault (429, 5xx, failing nextLink),
 *   4. enforces the documented rate limits → the service's 429 + Retry-After,
 *   5. parses the body and calls the handler,
 *   6. adds the service's request-id headers, then writes — or breaks — the response
 *      (reset / malformed faults).
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { SERVICE_PREFIXES, type ServiceHandler, type ServiceName, type SimRequest, type SimResponse, type SimulatedTenantIdentity } from '../contract.js';
import { DEFAULT_DEVICE_CODE_UPN, defaultAppRoles, type ResourceService } from './appRegistry.js';
import { stableGuid } from './identity.js';
import { generateSimulatorCertificates, type SimulatorCertificates } from './certificates.js';
import { handleControl } from './controlApi.js';
import { DeviceCodeStore } from './deviceCodes.js';
import { FaultBoard, isPagedRequest, parseFaultSpec, type CountedEffect } from './faults.js';
import { createLoginService, type SimulatedUser } from './loginService.js';
import { operationName } from './operations.js';
import { createRateLimiter, type RateLimitConfig } from './rateLimits.js';
import { RequestCounter } from './requestCounter.js';
import { authFailureResponse, serverErrorResponse, serviceUnavailableResponse, throttledResponse, unparsableBodyResponse, type ErrorContext } from './serviceErrors.js';
import type { TenantPort } from './tenantPort.js';
import { checkBearer, createTokenMinter, DEFAULT_TOKEN_LIFETIME_SECONDS } from './tokens.js';

export interface PlatformOptions {
  identity: SimulatedTenantIdentity;
  tenant: TenantPort;
  services: Partial<Record<ResourceService, ServiceHandler>>;
  /** Default 127.0.0.1 (loopback only: the control API has no authentication). */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Also serve plain HTTP on this port (0 = pick one). */
  httpPort?: number;
  /** Fault spec applied at start (syntax in faults.ts). */
  faults?: string;
  autoApproveDeviceCodeMs?: number;
  /** Device-code polling interval sent to clients; default 5 s as Entra sends. */
  deviceCodeIntervalSeconds?: number;
  /**
   * Real-time clock (ms) for token times, rate-limit windows and device-code expiry. Not the
   * simulated tenant clock: quotas and token lifetimes are wall-clock for the client.
   */
  clockMs?: () => number;
  /** How latency faults wait (tests inject a recorder instead of sleeping). */
  sleep?: (ms: number) => Promise<void>;
  rateLimits?: RateLimitConfig & { enabled?: boolean };
  appRoles?: Partial<Record<ResourceService, string[]>>;
  tokenLifetimeSeconds?: number;
  user?: Partial<SimulatedUser>;
  /** Extra facts shown by GET /_sim/state (seed, scale, speed). */
  info?: Record<string, unknown>;
  /** Pre-generated key material (tests share one set to save start time). */
  certificates?: SimulatorCertificates;
}

export interface PlatformHandle {
  baseUrl: string;
  httpBaseUrl?: string;
  caCertPem: string;
  clientCertificatePem: string;
  serviceUrls: Record<ServiceName, string>;
  close(): Promise<void>;
}

/** Bodies above this are refused: the largest documented request (import of 500 indicators) is far smaller. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

const SERVICE_ORDER: readonly ServiceName[] = ['login', 'mde', 'graph', 'arm', 'loganalytics'];

const JSON_CT = 'application/json; charset=utf-8';
// MDE and Graph answer with OData JSON (fidelity checklist 6; graph responses).
const DEFAULT_HEADERS: Record<ServiceName, Record<string, string>> = {
  login: { 'Content-Type': JSON_CT },
  mde: { 'Content-Type': 'application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8', 'OData-Version': '4.0' },
  graph: { 'Content-Type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8', 'OData-Version': '4.0' },
  arm: { 'Content-Type': JSON_CT },
  loganalytics: { 'Content-Type': JSON_CT },
};

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startPlatform(opts: PlatformOptions): Promise<PlatformHandle> {
  const clockMs = opts.clockMs ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const host = opts.host ?? '127.0.0.1';
  const { identity, tenant } = opts;
  const certs = opts.certificates ?? (await generateSimulatorCertificates());

  const faults = new FaultBoard();
  if (opts.faults) faults.add(parseFaultSpec(opts.faults)); // throws FaultSpecError with a one-line message
  const appRoles = { ...defaultAppRoles(), ...opts.appRoles };
  const minter = createTokenMinter(identity.tenantId, certs.tokenSigning, clockMs, opts.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS);
  const user: SimulatedUser = { upn: DEFAULT_DEVICE_CODE_UPN, oid: stableGuid(`${identity.tenantId}:user:${DEFAULT_DEVICE_CODE_UPN}`), name: 'SOC Analyst', ...opts.user };
  const deviceCodes = new DeviceCodeStore(clockMs, user.upn, opts.autoApproveDeviceCodeMs);
  const counter = new RequestCounter(clockMs);
  const limiter = opts.rateLimits?.enabled === false ? undefined : createRateLimiter(clockMs, opts.rateLimits);
  const login = createLoginService({ identity, certs, minter, deviceCodes, clockMs, appRoles: () => appRoles, user, deviceCodeIntervalSeconds: opts.deviceCodeIntervalSeconds ?? 5 });

  let baseUrl = '';
  let httpBaseUrl: string | undefined;
  const serviceUrls = () => Object.fromEntries(SERVICE_ORDER.map((s) => [s, `${baseUrl}${SERVICE_PREFIXES[s]}`])) as Record<ServiceName, string>;

  const onRequest = (scheme: 'https' | 'http') => (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(scheme, req, res).catch((err: unknown) => {
      // A bug in a handler must not take the simulator down; one line, no stack (expected in tests that break things).
      process.stderr.write(`simulator: ${req.method} ${req.url} failed: ${err instanceof Error ? err.message : String(err)}\n`);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': JSON_CT });
        res.end(JSON.stringify({ error: { code: 'InternalServerError', message: 'The simulator failed to handle this request.' } }));
      } else res.destroy();
    });
  };

  async function handle(scheme: 'https' | 'http', req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const hostHeader = req.headers.host ?? `${hostForUrl(host)}:${(req.socket.localPort ?? 0).toString()}`;
    const origin = `${scheme}://${hostHeader}`;
    const url = new URL(req.url ?? '/', origin);
    const raw = await readBody(req);
    if (raw === 'too-large') return sendJson(res, 413, { error: { code: 'RequestEntityTooLarge', message: `Request body exceeds ${MAX_BODY_BYTES} bytes.` } });

    if (url.pathname === '/_sim' || url.pathname.startsWith('/_sim/')) {
      let body: unknown;
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          return sendJson(res, 400, { error: { code: 'BadRequest', message: 'control API bodies are JSON' } });
        }
      }
      const r = handleControl({ identity, tenant, faults, deviceCodes, counter, minter, appRoles, info: () => ({ ...opts.info, baseUrl, httpBaseUrl: httpBaseUrl ?? null, services: serviceUrls() }) }, { method: req.method ?? 'GET', path: url.pathname.slice('/_sim'.length), query: url.searchParams, body });
      return sendResponse(res, r, { 'Content-Type': JSON_CT });
    }

    const service = SERVICE_ORDER.find((s) => url.pathname === SERVICE_PREFIXES[s] || url.pathname.startsWith(SERVICE_PREFIXES[s] + '/'));
    if (!service) {
      return sendJson(res, 404, { error: { code: 'NotFound', message: `No simulated service at '${url.pathname}'. Services live under ${SERVICE_ORDER.map((s) => SERVICE_PREFIXES[s]).join(', ')}; the control API under /_sim.` } });
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.slice(SERVICE_PREFIXES[service].length) || '/';
    const operation = operationName(service, method, path);
    const requestId = randomUUID();
    const headers = lowerCaseHeaders(req.headers);
    const clientRequestId = headers['client-request-id'] ?? headers['x-ms-client-request-id'] ?? requestId;
    const errCtx: ErrorContext = { requestId, clientRequestId, nowMs: clockMs() };
    const idHeaders = requestIdHeaders(service, requestId, clientRequestId, headers);
    const send = (r: SimResponse, extra: Record<string, string> = {}, breakWith?: CountedEffect) => {
      counter.record(service, operation, breakWith?.kind === 'malformed' ? 200 : r.status);
      const merged = { ...DEFAULT_HEADERS[service], ...idHeaders, ...extra, ...r.headers };
      if (breakWith?.kind === 'reset') return sendThenReset(res, r, merged);
      if (breakWith?.kind === 'malformed') return sendTruncated(res, r, merged);
      return sendResponse(res, r, merged);
    };

    const latency = faults.latencyMs(service);
    if (latency > 0) await sleep(latency);

    let token: SimRequest['token'];
    if (service !== 'login') {
      const ctx = { tenantId: identity.tenantId, signingKey: certs.tokenSigning, nowMs: clockMs() };
      let check = checkBearer(headers.authorization, service, ctx);
      // The expired-token fault is consumed only by a request whose token would otherwise pass.
      if (check.kind === 'valid' && faults.takeExpiredToken(service)) check = checkBearer(headers.authorization, service, { ...ctx, forceExpired: true });
      if (check.kind !== 'valid') {
        const loginAuthority = `${origin}${SERVICE_PREFIXES.login}/${identity.tenantId}`;
        return send(authFailureResponse(service, check, errCtx), { 'WWW-Authenticate': `Bearer authorization_uri="${loginAuthority}", error="invalid_token"` });
      }
      token = check.claims;
    }

    const fault = faults.takeRequestFault(service, isPagedRequest(url.searchParams));
    if (fault?.kind === 'status') return send(fault.status === 429 ? throttledResponse(service, 1, errCtx, 'Injected fault.') : serverErrorResponse(service, fault.status, errCtx));
    if (fault?.kind === 'nextlink') return send(serverErrorResponse(service, 500, errCtx));

    let rateHeaders: Record<string, string> = {};
    if (limiter && service !== 'login' && token) {
      const decision = limiter.check(service, method, path, `${token.tid}:${token.appid}:${token.upn ?? ''}`);
      if (decision.kind === 'throttled') return send(throttledResponse(service, decision.retryAfterSeconds, errCtx, decision.detail), decision.headers);
      rateHeaders = decision.headers;
    }

    let body: unknown;
    if (raw.length > 0) {
      const text = raw.toString('utf8');
      if (service === 'login') body = Object.fromEntries(new URLSearchParams(text));
      else {
        try {
          body = JSON.parse(text);
        } catch {
          return send(unparsableBodyResponse(service, errCtx), rateHeaders);
        }
      }
    }

    const simReq: SimRequest = { service, method, path, query: url.searchParams, headers, body, requestId, serviceBaseUrl: `${origin}${SERVICE_PREFIXES[service]}` };
    if (token) simReq.token = token;
    const handler: ServiceHandler | undefined = service === 'login' ? login : opts.services[service];
    const response = handler ? await handler(simReq) : serviceUnavailableResponse(service as ResourceService, errCtx);
    return send(response, rateHeaders, fault);
  }

  const httpsServer = https.createServer({ key: certs.tls.privateKeyPem, cert: certs.tls.certPem }, onRequest('https'));
  const servers: Array<http.Server | https.Server> = [httpsServer];
  const port = await listen(httpsServer, opts.port ?? 0, host);
  baseUrl = `https://${hostForUrl(host)}:${port}`;
  if (opts.httpPort !== undefined) {
    const httpServer = http.createServer(onRequest('http'));
    servers.push(httpServer);
    try {
      httpBaseUrl = `http://${hostForUrl(host)}:${await listen(httpServer, opts.httpPort, host)}`;
    } catch (e) {
      await closeServer(httpsServer);
      throw e;
    }
  }

  return {
    baseUrl,
    ...(httpBaseUrl ? { httpBaseUrl } : {}),
    caCertPem: certs.tls.certPem,
    clientCertificatePem: `${certs.clientApp.certPem.trim()}\n${certs.clientApp.privateKeyPem.trim()}\n`,
    serviceUrls: serviceUrls(),
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}


function listen(server: http.Server | https.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      reject(new Error(e.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use; pick another with --port or use 0 for a free one` : `cannot listen on ${host}:${port}: ${e.message}`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server | https.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Keep-alive connections (MSAL, undici) would hold close() open indefinitely.
    server.closeAllConnections();
  });
}

function readBody(req: http.IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function lowerCaseHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Request-id headers per service: Graph request-id/client-request-id; ARM and LA x-ms-*; MDE puts its id in error bodies' target. */
function requestIdHeaders(service: ServiceName, requestId: string, clientRequestId: string, reqHeaders: Record<string, string>): Record<string, string> {
  switch (service) {
    case 'graph':
      return { 'request-id': requestId, 'client-request-id': clientRequestId };
    case 'arm': {
      const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z';
      return { 'x-ms-request-id': requestId, 'x-ms-correlation-request-id': reqHeaders['x-ms-correlation-request-id'] ?? clientRequestId, 'x-ms-routing-request-id': `SIMULATOR:${stamp}:${requestId}` };
    }
    case 'loganalytics':
      return { 'x-ms-request-id': requestId, 'x-ms-correlation-request-id': reqHeaders['x-ms-correlation-request-id'] ?? clientRequestId };
    case 'login':
      return { 'x-ms-request-id': requestId, 'client-request-id': clientRequestId };
    case 'mde':
      return {};
  }
}

function serialise(r: SimResponse): Buffer | undefined {
  if (r.body === undefined || r.status === 204 || r.status === 304) return undefined;
  return Buffer.from(typeof r.body === 'string' ? r.body : JSON.stringify(r.body), 'utf8');
}

function sendResponse(res: http.ServerResponse, r: SimResponse, headers: Record<string, string>): void {
  const payload = serialise(r);
  const h: Record<string, string> = { ...headers, ...r.headers };
  if (!payload) delete h['Content-Type'];
  else h['Content-Length'] = String(payload.length);
  res.writeHead(r.status, h);
  res.end(payload);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  sendResponse(res, { status, body }, { 'Content-Type': JSON_CT });
}

/** `reset` fault: the handler ran; half the response goes out, then the connection is destroyed. */
function sendThenReset(res: http.ServerResponse, r: SimResponse, headers: Record<string, string>): void {
  const payload = serialise(r) ?? Buffer.from('{}');
  res.writeHead(r.status, { ...headers, 'Content-Length': String(payload.length) });
  res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.socket?.destroy());
}

/** `malformed` fault: 200 with the handler's JSON cut in half (never parseable). */
function sendTruncated(res: http.ServerResponse, r: SimResponse, headers: Record<string, string>): void {
  const payload = serialise(r) ?? Buffer.from('{"value":[]}');
  const cut = payload.subarray(0, Math.max(1, Math.floor(payload.length / 2)));
  res.writeHead(200, { ...headers, 'Content-Length': String(cut.length) });
  res.end(cut);
}
