/**
 * Turning an HTTP exchange into JSON the clients can trust, or into one ApiError.
 *
 * Every response body is parsed, sanitised (sanitize.ts) and only then handed to a schema; every
 * error carries the service's request id (x-ms-request-id / request-id / client-request-id headers,
 * MDE's error `target`, Graph's innerError request-id) so the one-line message can be quoted to support.
 */
import { createPipelineRequest } from '@azure/core-rest-pipeline';
import type { ZodType } from 'zod';
import type { BudgetWait } from './budget.js';
import { ApiError } from './errors.js';
import { getRequestMeta, requestIdFromHeaders, setRequestMeta, type ApiPipeline, type ResolvedOperation } from './pipeline.js';
import type { ApiServiceName } from './operations.js';
import { parseJsonSanitized, sanitizeDeep } from './sanitize.js';
import { parseWith } from './schemas/parse.js';

export interface RawExchange {
  service: ApiServiceName;
  operation: ResolvedOperation | undefined;
  method: string;
  url: string;
  status: number;
  headers: { get(name: string): string | undefined };
  bodyText: string | undefined;
}

export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
  requestId: string | undefined;
  headers: { get(name: string): string | undefined };
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

interface ErrorBody {
  error?: {
    code?: unknown;
    message?: unknown;
    target?: unknown;
    innerError?: { 'request-id'?: unknown; 'client-request-id'?: unknown };
    innererror?: { code?: unknown; message?: unknown };
  };
}

/** Parse, sanitise and check the status of one exchange. Throws ApiError on any failure. */
export function interpretExchange(x: RawExchange): JsonResponse {
  const headerId = requestIdFromHeaders(x.headers);
  const opId = x.operation?.id ?? `${x.method} ${pathOf(x.url)}`;
  const base = { service: x.service, operation: opId, method: x.method, path: pathOf(x.url), status: x.status };
  let body: unknown = undefined;
  const text = x.bodyText ?? '';
  if (text.trim() !== '') {
    try {
      body = parseJsonSanitized(text);
    } catch {
      if (x.status < 400) {
        throw new ApiError({ ...base, kind: 'malformed', requestId: headerId, message: `response is not valid JSON (${text.length} bytes starting "${safeSnippet(text)}")` });
      }
    }
  }
  if (x.status >= 200 && x.status < 300) return { status: x.status, body, requestId: headerId, headers: x.headers };

  const err = (body as ErrorBody | undefined)?.error;
  const bodyId = str(err?.innerError?.['request-id']) ?? str(err?.target);
  const code = str(err?.code) || undefined;
  let message = str(err?.message) ?? (text && body === undefined ? `error body is not JSON: "${safeSnippet(text)}"` : 'no error message');
  const inner = str(err?.innererror?.message);
  if (inner && inner !== message) message = `${message} (${inner})`;
  const retryAfterHeader = x.headers.get('retry-after');
  const retryAfter = retryAfterHeader !== undefined && Number.isFinite(Number(retryAfterHeader)) ? Number(retryAfterHeader) : undefined;
  const permission = x.status === 403 && x.operation?.permission ? x.operation.permission : undefined;
  throw new ApiError({
    ...base,
    kind: 'http',
    ...(code ? { code } : {}),
    message: code && !message.includes(code) ? `${code}: ${message}` : message,
    requestId: bodyId ?? headerId,
    ...(retryAfter !== undefined ? { retryAfter } : {}),
    ...(permission ? { missingPermission: permission } : {}),
  });
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function safeSnippet(text: string): string {
  return sanitizeDeep(text.slice(0, 40)).replace(/\s+/g, ' ');
}

export interface SendOptions {
  service: ApiServiceName;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  onBudgetWait?: (w: BudgetWait) => void;
}

/** Send one request through the shared pipeline and return its sanitised JSON body. */
export async function sendJson(api: ApiPipeline, opts: SendOptions): Promise<JsonResponse> {
  const request = createPipelineRequest({
    url: opts.url,
    method: opts.method,
    ...(opts.signal ? { abortSignal: opts.signal } : {}),
  });
  request.headers.set('Accept', 'application/json');
  for (const [k, v] of Object.entries(opts.headers ?? {})) request.headers.set(k, v);
  if (opts.body !== undefined) {
    // Log Analytics answers 200 with an EMPTY body when Content-Type is missing (api-contracts §d).
    request.headers.set('Content-Type', 'application/json');
    request.body = JSON.stringify(opts.body);
  }
  setRequestMeta(request, { service: opts.service, ...(opts.onBudgetWait ? { onBudgetWait: opts.onBudgetWait } : {}) });
  let response;
  try {
    response = await api.send(request);
  } catch (e) {
    throw toApiError(e, opts.service, opts.method, opts.url, getRequestMeta(request).operation);
  }
  return interpretExchange({
    service: opts.service,
    operation: getRequestMeta(request).operation,
    method: opts.method,
    url: opts.url,
    status: response.status,
    headers: response.headers,
    bodyText: response.bodyAsText ?? undefined,
  });
}

/** Like sendJson, then validate the body with a schema (errors name API, field path and request id). */
export async function sendParsed<T>(api: ApiPipeline, opts: SendOptions, schema: ZodType<T>): Promise<T> {
  const res = await sendJson(api, opts);
  return parseWith(schema, res.body, { service: opts.service, method: opts.method, url: opts.url, requestId: res.requestId });
}

/** Any failure below the client (network, abort, auth) as an ApiError with one clear line. */
export function toApiError(e: unknown, service: ApiServiceName, method: string, url: string, op?: ResolvedOperation): ApiError {
  if (e instanceof ApiError) return e;
  const base = { service, operation: op?.id ?? `${method} ${pathOf(url)}`, method, path: pathOf(url) };
  const name = (e as { name?: string } | null)?.name;
  if (name === 'AbortError') return new ApiError({ ...base, kind: 'aborted', message: 'cancelled' });
  const code = (e as { code?: string } | null)?.code;
  const msg = String((e as Error)?.message ?? e).split('\n')[0];
  return new ApiError({ ...base, kind: 'network', ...(code ? { code } : {}), message: `network error${code ? ' ' + code : ''}: ${msg} (check connectivity, proxy settings and the endpoint)` });
}
