/**
 * Each service's real response envelope and error body.
 */
import type { SimRequest, SimResponse } from '../contract.js';

/** MDE: OData v4 JSON (api-contracts §a "Hosts / versioning"; fidelity checklist 6). */
export const MDE_HEADERS = {
  'content-type': 'application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8',
  'odata-version': '4.0',
} as const;

/** MDE error body: {"error":{"code","message","target":<correlation id>}} (common-errors). */
export function mdeError(req: SimRequest, status: number, code: string, message: string): SimResponse {
  return { status, headers: { ...MDE_HEADERS }, body: { error: { code, message, target: req.requestId } } };
}

const GRAPH_HEADERS = { 'content-type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8', 'odata-version': '4.0' } as const;

export function graphOk(body: unknown, status = 200): SimResponse {
  return { status, headers: { ...GRAPH_HEADERS }, body };
}

/** Graph error body with innerError date/request-id/client-request-id (graph/errors). */
export function graphError(req: SimRequest, status: number, code: string, message: string): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': req.requestId, 'client-request-id': req.headers['client-request-id'] ?? req.requestId },
      },
    },
  };
}

export function armOk(req: SimRequest, body: unknown, status = 200): SimResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': req.requestId, 'x-ms-correlation-request-id': req.requestId }, body };
}

/** ARM CloudError: {"error":{"code","message"}}. */
export function armError(req: SimRequest, status: number, code: string, message: string): SimResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': req.requestId, 'x-ms-correlation-request-id': req.requestId }, body: { error: { code, message } } };
}

/** Log Analytics ErrorInfo: {"error":{"message","code","innererror"?}} (logs/api/errors). */
export function laError(status: number, code: string, message: string, inner?: { code: string; message: string }): SimResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: { error: inner ? { message, code, innererror: inner } : { message, code } } };
}

/** Does the token carry any of these application roles or delegated scopes? */
export function hasPermission(req: SimRequest, anyOf: readonly string[]): boolean {
  const t = req.token;
  if (!t) return false;
  return anyOf.some((p) => t.roles.includes(p) || t.scp.includes(p));
}

/** Builds an absolute next link from the service base URL, keeping the other query parameters. */
export function nextLink(req: SimRequest, set: Record<string, string>, drop: readonly string[] = []): string {
  const q = new URLSearchParams(req.query);
  for (const d of drop) q.delete(d);
  for (const [k, v] of Object.entries(set)) q.set(k, v);
  // OData system query options keep their literal "$" (clients and docs show "?$skip=").
  const qs = q.toString().replace(/%24/g, '$');
  return `${req.serviceBaseUrl}${req.path}?${qs}`;
}
