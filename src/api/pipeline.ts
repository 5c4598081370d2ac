/**
 * The ONE HTTP pipeline every service call goes through (MDE API, ARM, Azure Monitor, Log Analytics
 * directly; Microsoft Graph via its SDK's middleware, whose transport is this pipeline too).
 *
 * Policy order (outermost first) and why:
 *  1. guard      — resolve the operation; refuse a host outside the profile's cloud and any write
 *                  while read-only. First, so nothing below (token, budget, network) ever runs for
 *                  a refused request: a nextLink to another host cannot leak a token.
 *  2. retry      — 429 honours Retry-After (the budget is also held until then); 5xx and network
 *                  errors back off exponentially with jitter, for idempotent requests only.
 *  3. budget     — every attempt, retries included, takes from the documented rate limits.
 *  4. bearer     — token per audience, refreshed before expiry and once after a 401.
 *  5. request id — a client-request-id on every call, for support cases.
 *  6. transfer gate — responses of `large` operations are read one at a time (transferGate.ts).
 *  7. decompress, proxy (HTTPS_PROXY / NO_PROXY) — from @azure/core-rest-pipeline.
 * There is deliberately no redirect policy: following a redirect would carry the token elsewhere.
 */
import {
  createEmptyPipeline,
  decompressResponsePolicy,
  proxyPolicy,
  isRestError,
  RestError,
  type HttpClient,
  type Pipeline,
  type PipelinePolicy,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import type { AccessToken, TokenCredential } from '@azure/identity';
import type { ResolvedProfile } from '../config/types.js';
import { RateBudget, systemClock, type BudgetWait, type Clock } from './budget.js';
import { ApiError, HostNotAllowedError, ReadOnlyError } from './errors.js';
import { classifyRequest, type ApiServiceName, type OperationSpec, type UnknownOperation } from './operations.js';
import { BURST_STEP_BYTES, processReclaimer, type MemoryReclaimer } from './memoryReclaim.js';
import { TransferGate } from './transferGate.js';
import { createHttpClient } from './trust.js';

/** What the transfer gate tells about large responses (memoryReclaim.ts). */
export type LargeResponseListener = Pick<MemoryReclaimer, 'noteLargeResponse' | 'largeTransferProgress'>;

export type ResolvedOperation = OperationSpec | UnknownOperation;

/** What the console's activity log / status line may see about a request. Never a token. */
export type RequestEvent =
  | { type: 'response'; service: ApiServiceName; operation: string; method: string; url: string; status: number; requestId?: string; attempt: number; durationMs: number; headers: Record<string, string> }
  | { type: 'retry'; service: ApiServiceName; operation: string; method: string; url: string; attempt: number; delayMs: number; reason: string }
  | { type: 'budget-wait'; service: ApiServiceName; operation: string; waitMs: number; limitKey: string }
  | { type: 'refused'; operation: string; method: string; url: string; reason: 'read-only' | 'host-not-allowed' };

/** Per-request information the callers attach (service, progress listener). */
export interface RequestMeta {
  service?: ApiServiceName;
  onBudgetWait?: (w: BudgetWait) => void;
  /** Set by the Graph transport: the Graph SDK's auth provider already attached the token. */
  authorizedBySdk?: boolean;
  /** Filled in by the guard policy. */
  operation?: ResolvedOperation;
  relPath?: string;
}

const META = new WeakMap<PipelineRequest, RequestMeta>();

export function setRequestMeta(request: PipelineRequest, meta: RequestMeta): void {
  META.set(request, meta);
}
export function getRequestMeta(request: PipelineRequest): RequestMeta {
  let m = META.get(request);
  if (!m) {
    m = {};
    META.set(request, m);
  }
  return m;
}

export interface RetryOptions {
  /** Retries for 5xx and network errors (idempotent requests only). */
  maxRetries: number;
  /** Retries after 429. */
  maxThrottleRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 3, maxThrottleRetries: 5, baseDelayMs: 800, maxDelayMs: 30_000 };

export interface PipelineOptions {
  profile: ResolvedProfile;
  credential: TokenCredential;
  writeEnabled: boolean;
  onRequest?: (e: RequestEvent) => void;
  clock?: Clock;
  budget?: RateBudget;
  retry?: Partial<RetryOptions>;
  /** Transport; default: trusts profile.caCertPem. */
  httpClient?: HttpClient;
  /** Told the size of each large response (default: the process's reclaimer, memoryReclaim.ts). */
  reclaimer?: LargeResponseListener;
}

/** One large response at a time: see transferGate.ts for the memory this saves. */
export const LARGE_TRANSFER_SLOTS = 1;

export interface ApiPipeline {
  pipeline: Pipeline;
  httpClient: HttpClient;
  budget: RateBudget;
  clock: Clock;
  profile: ResolvedProfile;
  writeEnabled: boolean;
  /** Send through every policy. */
  send(request: PipelineRequest): Promise<PipelineResponse>;
}

const SERVICES: ApiServiceName[] = ['mde', 'graph', 'arm', 'loganalytics'];

interface ServiceBase {
  service: ApiServiceName;
  origin: string;
  basePath: string;
}

/** The profile's endpoints parsed once per endpoints object, not for every request (twice per Graph request). */
const serviceBases = new WeakMap<ResolvedProfile['endpoints'], readonly ServiceBase[]>();

function serviceBasesOf(endpoints: ResolvedProfile['endpoints']): readonly ServiceBase[] {
  let bases = serviceBases.get(endpoints);
  if (!bases) {
    const parsed: ServiceBase[] = [];
    for (const service of SERVICES) {
      const raw = endpoints[service];
      if (!raw) continue;
      try {
        const base = new URL(raw);
        parsed.push({ service, origin: base.origin, basePath: base.pathname.replace(/\/+$/, '') });
      } catch {
        continue;
      }
    }
    bases = parsed;
    serviceBases.set(endpoints, bases);
  }
  return bases;
}

/** Which of the profile's services a URL belongs to, and its path relative to that service. */
export function resolveService(profile: ResolvedProfile, url: URL, hint?: ApiServiceName): { service: ApiServiceName; relPath: string } | null {
  let best: { service: ApiServiceName; relPath: string; len: number } | null = null;
  for (const { service: svc, origin, basePath } of serviceBasesOf(profile.endpoints)) {
    if (origin !== url.origin) continue;
    if (url.pathname !== basePath && !url.pathname.startsWith(basePath + '/')) continue;
    if (!best || basePath.length > best.len) best = { service: svc, relPath: url.pathname.slice(basePath.length) || '/', len: basePath.length };
  }
  let resolved = best ? { service: best.service, relPath: best.relPath } : hint ? { service: hint, relPath: url.pathname } : null;
  if (resolved?.service === 'graph') resolved = { ...resolved, relPath: resolved.relPath.replace(/^\/(v1\.0|beta)(?=\/|$)/i, '') || '/' };
  return resolved;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** Decide whether this request may leave the process at all. Shared by the pipeline and the Graph middleware. */
export function guardRequest(ctx: { profile: ResolvedProfile; writeEnabled: boolean; onRequest?: (e: RequestEvent) => void }, method: string, rawUrl: string, meta: RequestMeta): void {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new HostNotAllowedError({ service: meta.service ?? 'unknown', operation: 'unknown', method, path: rawUrl, host: rawUrl, reason: `refused: "${rawUrl}" is not a valid URL` });
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const resolved = resolveService(ctx.profile, url, meta.service);
  const service = resolved?.service ?? meta.service ?? 'unknown';
  const operation = resolved ? classifyRequest(resolved.service, method, resolved.relPath) : undefined;
  const opId = operation?.id ?? `${method} ${url.pathname}`;
  if (url.protocol !== 'https:' || !ctx.profile.allowedHosts.has(host) || !resolved) {
    ctx.onRequest?.({ type: 'refused', operation: opId, method, url: url.origin + url.pathname, reason: 'host-not-allowed' });
    throw new HostNotAllowedError({
      service,
      operation: opId,
      method,
      path: url.pathname,
      host,
      ...(url.protocol !== 'https:' ? { reason: `refused: ${url.origin} is not HTTPS, and tokens are only sent over TLS` } : {}),
      ...(ctx.profile.allowedHosts.has(host) && url.protocol === 'https:' && !resolved ? { reason: `refused: ${url.origin + url.pathname} belongs to none of this profile's API endpoints` } : {}),
    });
  }
  if (operation!.write && !ctx.writeEnabled) {
    ctx.onRequest?.({ type: 'refused', operation: opId, method, url: url.origin + url.pathname, reason: 'read-only' });
    throw new ReadOnlyError({ service, operation: opId, method, path: url.pathname });
  }
  meta.service = resolved.service;
  meta.relPath = resolved.relPath;
  meta.operation = operation!;
}

function guardPolicy(opts: PipelineOptions): PipelinePolicy {
  return {
    name: 'mdeGuard',
    async sendRequest(request, next) {
      guardRequest(opts, request.method, request.url, getRequestMeta(request));
      return next(request);
    },
  };
}

/** Seconds from Retry-After (fractional seconds per Graph docs, or an HTTP date), or retry-after-ms headers. */
export function parseRetryAfterMs(headers: { get(name: string): string | undefined }, now: number): number | undefined {
  for (const h of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const v = headers.get(h);
    if (v && Number.isFinite(Number(v))) return Math.max(0, Number(v));
  }
  const ra = headers.get('retry-after');
  if (!ra) return undefined;
  const secs = Number(ra.trim());
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const date = Date.parse(ra);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET', 'REQUEST_SEND_ERROR']);

function isNetworkError(e: unknown): boolean {
  if (e instanceof ApiError) return false;
  // A connection cut while the body streams in surfaces from the HTTP client as PARSE_ERROR
  // ("Error reading response as text: aborted"): the transport failed, not the JSON, so it is retried
  // like any other network error. (Our own aborts are told apart by isAbort before this is asked.)
  if (isRestError(e) && e.code === 'PARSE_ERROR' && /aborted|ECONNRESET|socket hang up/i.test(e.message)) return true;
  if (isRestError(e)) return e.statusCode === undefined && (e.code === undefined || NETWORK_CODES.has(e.code) || e.code === 'REQUEST_SEND_ERROR');
  const code = (e as { code?: string } | null)?.code;
  return typeof code === 'string' && NETWORK_CODES.has(code);
}

function isAbort(e: unknown, request: PipelineRequest): boolean {
  return request.abortSignal?.aborted === true || (e as { name?: string } | null)?.name === 'AbortError';
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

function retryPolicy(opts: PipelineOptions, clock: Clock, budget: RateBudget, retry: RetryOptions): PipelinePolicy {
  const backoff = (attempt: number) => {
    const exp = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
    // "Full jitter" between half and all of the exponential delay: spreads synchronised clients.
    return Math.round(exp / 2 + Math.random() * (exp / 2));
  };
  return {
    name: 'mdeRetry',
    async sendRequest(request, next) {
      const meta = getRequestMeta(request);
      const op = meta.operation;
      const idempotent = ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'].includes(request.method) || (op !== undefined && !op.write);
      let errorRetries = 0;
      let throttleRetries = 0;
      for (let attempt = 0; ; attempt++) {
        let response: PipelineResponse | undefined;
        let failure: unknown;
        try {
          response = await next(request);
        } catch (e) {
          if (isAbort(e, request) || !isNetworkError(e) || !idempotent || errorRetries >= retry.maxRetries) throw e;
          failure = e;
        }
        let delayMs: number;
        let reason: string;
        if (response) {
          if (response.status === 429 && throttleRetries < retry.maxThrottleRetries) {
            throttleRetries++;
            const ra = parseRetryAfterMs(response.headers, clock.now());
            // Wait at least what the service asked; without Retry-After fall back to backoff.
            delayMs = ra !== undefined ? Math.ceil(ra) : backoff(throttleRetries);
            // Everyone else calling this operation waits too (service counts per app + tenant).
            if (op) budget.blockUntil(op.limits, clock.now() + delayMs);
            reason = `429 throttled, Retry-After ${ra !== undefined ? (ra / 1000).toString() + ' s' : 'absent'}`;
          } else if (RETRYABLE_STATUS.has(response.status) && idempotent && errorRetries < retry.maxRetries) {
            errorRetries++;
            const ra = parseRetryAfterMs(response.headers, clock.now());
            delayMs = Math.max(ra ?? 0, backoff(errorRetries));
            reason = `${response.status} from service`;
          } else {
            return response;
          }
        } else {
          errorRetries++;
          delayMs = backoff(errorRetries);
          reason = `network error: ${(failure as { code?: string }).code ?? (failure as Error).message}`;
        }
        opts.onRequest?.({ type: 'retry', service: meta.service!, operation: op?.id ?? request.method, method: request.method, url: stripQuery(request.url), attempt: attempt + 1, delayMs, reason });
        await clock.sleep(delayMs, request.abortSignal as AbortSignal | undefined);
      }
    },
  };
}

function budgetPolicy(opts: PipelineOptions, budget: RateBudget): PipelinePolicy {
  return {
    name: 'mdeBudget',
    async sendRequest(request, next) {
      const meta = getRequestMeta(request);
      const op = meta.operation;
      if (op) {
        await budget.acquire(op.id, op.limits, {
          signal: request.abortSignal as AbortSignal | undefined,
          onWait: (w) => {
            meta.onBudgetWait?.(w);
            opts.onRequest?.({ type: 'budget-wait', service: meta.service!, operation: w.operation, waitMs: w.waitMs, limitKey: w.limitKey });
          },
        });
      }
      return next(request);
    },
  };
}

/** Tokens per scope, refreshed 5 minutes before expiry (or at the credential's refreshAfter). */
export class TokenCache {
  private readonly tokens = new Map<string, AccessToken>();
  private readonly inflight = new Map<string, Promise<AccessToken>>();
  constructor(private readonly credential: TokenCredential, private readonly clock: Clock) {}

  private fresh(t: AccessToken | undefined): t is AccessToken {
    if (!t) return false;
    const refreshAt = t.refreshAfterTimestamp ?? t.expiresOnTimestamp - 5 * 60_000;
    return this.clock.now() < refreshAt;
  }

  async get(scope: string, signal?: AbortSignal, force = false): Promise<string> {
    const cached = this.tokens.get(scope);
    if (!force && this.fresh(cached)) return cached.token;
    let p = this.inflight.get(scope);
    if (!p) {
      p = (async () => {
        const t = await this.credential.getToken(scope, signal ? { abortSignal: signal } : {});
        if (!t) throw new Error(`the credential returned no token for ${scope}`);
        return t;
      })();
      this.inflight.set(scope, p);
      p.finally(() => this.inflight.delete(scope)).catch(() => undefined);
    }
    const t = await p;
    this.tokens.set(scope, t);
    return t.token;
  }

  invalidate(scope: string, token: string): void {
    if (this.tokens.get(scope)?.token === token) this.tokens.delete(scope);
  }
}

function bearerPolicy(opts: PipelineOptions, tokens: TokenCache): PipelinePolicy {
  return {
    name: 'mdeBearer',
    async sendRequest(request, next) {
      const meta = getRequestMeta(request);
      if (meta.authorizedBySdk) return next(request);
      const service = meta.service;
      if (!service) throw new Error('internal: bearer policy reached without a resolved service');
      const scope = opts.profile.scopes[service];
      const signal = request.abortSignal as AbortSignal | undefined;
      const authorize = async (force: boolean) => {
        try {
          const token = await tokens.get(scope, signal, force);
          request.headers.set('Authorization', `Bearer ${token}`);
          return token;
        } catch (e) {
          if (isAbort(e, request)) throw e;
          const first = String((e as Error)?.message ?? e).split('\n')[0];
          throw new ApiError({ kind: 'auth', service, operation: meta.operation?.id ?? request.method, method: request.method, path: pathOf(request.url), message: `sign-in failed for ${scope}: ${first}` });
        }
      };
      const token = await authorize(false);
      const response = await next(request);
      if (response.status !== 401) return response;
      // The service rejected the token (expired early, revoked, clock skew): ask the credential
      // again once. A second 401 is reported to the caller.
      tokens.invalidate(scope, token);
      await authorize(true);
      return next(request);
    },
  };
}

function requestIdPolicy(): PipelinePolicy {
  return {
    name: 'mdeRequestId',
    async sendRequest(request, next) {
      if (!request.headers.has('client-request-id')) request.headers.set('client-request-id', request.requestId);
      request.headers.set('return-client-request-id', 'true');
      return next(request);
    },
  };
}

const SAFE_HEADERS = new Set(['accept', 'content-type', 'client-request-id', 'prefer', 'consistencylevel', 'user-agent', 'if-match']);

/** Header view for logging: anything not known to be harmless is redacted (Authorization, cookies …). */
export function redactHeaders(headers: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of headers) out[k.toLowerCase()] = SAFE_HEADERS.has(k.toLowerCase()) ? v : 'REDACTED';
  return out;
}

function stripQuery(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? url : url.slice(0, i);
}

/** Any status: the body of a large response is read by `readBodyAsText`, never by the HTTP client. */
const STREAM_ANY_STATUS = new Set([Number.POSITIVE_INFINITY]);

function transferGatePolicy(gate: TransferGate, reclaimer: LargeResponseListener): PipelinePolicy {
  return {
    name: 'mdeTransferGate',
    sendRequest(request, next) {
      const op = getRequestMeta(request).operation;
      if (!op || !('large' in op) || !op.large) return next(request);
      request.streamResponseStatusCodes = STREAM_ANY_STATUS;
      // The slot is held until the whole body has been read.
      return gate.run(async () => {
        const response = await next(request);
        const stream = response.readableStreamBody;
        if (stream) {
          response.readableStreamBody = undefined;
          response.bodyAsText = await readBodyAsText(stream, () => reclaimer.largeTransferProgress());
          reclaimer.noteLargeResponse(response.bodyAsText.length);
        }
        return response;
      }, request.abortSignal as AbortSignal | undefined);
    },
  };
}

/**
 * A body decoded chunk by chunk as it arrives, instead of the HTTP client's way (every chunk kept,
 * then one Buffer.concat and one toString). Each socket chunk is garbage as soon as it is decoded,
 * so it is freed by the next young-generation GC. Kept until the end, the chunks of a 10 MB page
 * survived into the old generation and, with the joined copy and the string Node makes of a body
 * over ~1 MB (allocated outside the JavaScript heap), waited for a full GC — tens of MB of C heap
 * at the high-water mark that the allocator then keeps (issue 9). Every BURST_STEP_BYTES decoded
 * is reported, so a burst of large reads can keep the young generation small (memoryReclaim.ts).
 * Errors read like the client's, so a cut connection is still retried as a network error.
 */
function readBodyAsText(stream: NodeJS.ReadableStream, onStep: () => void): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const parts: string[] = [];
    let length = 0;
    let nextStep = BURST_STEP_BYTES;
    stream.setEncoding('utf8');
    stream.on('data', (part: string) => {
      parts.push(part);
      length += part.length;
      if (length >= nextStep) {
        nextStep += BURST_STEP_BYTES;
        onStep();
      }
    });
    stream.on('end', () => resolve(parts.join('')));
    stream.on('error', (e: Error) => {
      if (e?.name === 'AbortError') reject(e);
      else reject(new RestError(`Error reading response as text: ${e.message}`, { code: RestError.PARSE_ERROR }));
    });
  });
}

function observePolicy(opts: PipelineOptions, clock: Clock): PipelinePolicy {
  let attempts = new WeakMap<PipelineRequest, number>();
  return {
    name: 'mdeObserve',
    async sendRequest(request, next) {
      const start = clock.now();
      const attempt = (attempts.get(request) ?? 0) + 1;
      attempts.set(request, attempt);
      const response = await next(request);
      const meta = getRequestMeta(request);
      opts.onRequest?.({
        type: 'response',
        service: meta.service!,
        operation: meta.operation?.id ?? request.method,
        method: request.method,
        url: stripQuery(request.url),
        status: response.status,
        requestId: requestIdFromHeaders(response.headers),
        attempt,
        durationMs: clock.now() - start,
        headers: redactHeaders(request.headers),
      });
      return response;
    },
  };
}

/** The service's correlation id from response headers (ARM, Graph, MDE, Log Analytics). */
export function requestIdFromHeaders(headers: { get(name: string): string | undefined }): string | undefined {
  return headers.get('x-ms-request-id') ?? headers.get('request-id') ?? headers.get('x-ms-correlation-request-id') ?? headers.get('client-request-id') ?? undefined;
}

export function createApiPipeline(opts: PipelineOptions): ApiPipeline {
  const clock = opts.clock ?? systemClock;
  const budget = opts.budget ?? new RateBudget(clock);
  const retry = { ...DEFAULT_RETRY, ...opts.retry };
  const httpClient = opts.httpClient ?? createHttpClient(opts.profile);
  const tokens = new TokenCache(opts.credential, clock);
  const pipeline = createEmptyPipeline();
  pipeline.addPolicy(guardPolicy(opts));
  pipeline.addPolicy(retryPolicy(opts, clock, budget, retry));
  pipeline.addPolicy(budgetPolicy(opts, budget));
  pipeline.addPolicy(bearerPolicy(opts, tokens));
  pipeline.addPolicy(requestIdPolicy());
  pipeline.addPolicy(observePolicy(opts, clock));
  pipeline.addPolicy(transferGatePolicy(new TransferGate(LARGE_TRANSFER_SLOTS), opts.reclaimer ?? processReclaimer));
  pipeline.addPolicy(decompressResponsePolicy());
  pipeline.addPolicy(proxyPolicy());
  return {
    pipeline,
    httpClient,
    budget,
    clock,
    profile: opts.profile,
    writeEnabled: opts.writeEnabled,
    send: (request) => pipeline.sendRequest(httpClient, request),
  };
}
