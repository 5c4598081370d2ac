/**
 * Microsoft Graph client (security incidents, advanced hunting, subscribedSkus) through the official
 * `@microsoft/microsoft-graph-client` with a TokenCredential auth provider.
 *
 * Its middleware chain is ours: guard (host allowlist + read-only, BEFORE a token can be attached;
 * one retry after a 401 so the credential is asked again) → bearer (the token, asked of the
 * credential per request) → a transport that sends through the shared pipeline (retry/429, budget,
 * request ids, proxy, CA trust). Responses come back RAW and go through the same interpret →
 * sanitise → schema path as every other service.
 *
 * Nothing in the chain touches the fetch globals (`Request`, `Headers`, `Response`): in Node the
 * first read of any of them loads Node's fetch implementation (undici), ~3 MB of heap the console
 * never uses (issue 9). The SDK's AuthenticationHandler reads `typeof Request` on every call, so
 * the bearer middleware below does its job (the same header, the same per-request token).
 */
import { Client, ResponseType, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { createPipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';
import type { DefenderIncident, HuntingQueryResult, SubscribedSku } from '../../domain/types.js';
import type { BudgetWait } from '../budget.js';
import { interpretExchange, toApiError } from '../http.js';
import { collectPages, withQuery, type MapItems, type PageOptions, type PageResult } from '../pager.js';
import { guardRequest, setRequestMeta, type ApiPipeline, type RequestEvent, type RequestMeta } from '../pipeline.js';
import { parseWith } from '../schemas/parse.js';
import { huntingResultSchema, incidentSchema, subscribedSkuSchema } from '../schemas/graph.js';
import { odataPage } from '../schemas/mde.js';
import { joinUrl, odataDate } from './common.js';

/** Documented maximum $top for /security/incidents: "The limit of '50' for Top query has been exceeded". */
export const GRAPH_INCIDENTS_MAX_PAGE = 50;

export interface ListIncidentsOptions extends PageOptions {
  /** Only incidents created at or after this time. */
  createdAfter?: Date | string;
  /** Only incidents updated at or after this time (incremental refresh). */
  updatedAfter?: Date | string;
  expandAlerts?: boolean;
  /** Extra OData $filter, and-ed with the above. */
  filter?: string;
  pageSize?: number;
}

/** Fields PATCH /security/incidents/{id} accepts. */
export interface IncidentPatch {
  assignedTo?: string | null;
  classification?: string;
  determination?: string;
  status?: string;
  customTags?: string[];
  displayName?: string;
  description?: string;
  severity?: string;
  resolvingComment?: string;
  summary?: string;
}

export interface GraphClient {
  listIncidents<R = DefenderIncident>(opts?: ListIncidentsOptions & MapItems<DefenderIncident, R>): Promise<PageResult<R>>;
  getIncident(id: string, opts?: { expandAlerts?: boolean; signal?: AbortSignal }): Promise<DefenderIncident>;
  updateIncident(id: string, patch: IncidentPatch, opts?: { signal?: AbortSignal }): Promise<DefenderIncident>;
  listSubscribedSkus(opts?: { signal?: AbortSignal }): Promise<SubscribedSku[]>;
  /** Read-only POST: allowed while writes are off. `timespan` e.g. "P30D" (default 30 days server-side). */
  runHuntingQuery(kql: string, timespan?: string, opts?: { signal?: AbortSignal; onBudgetWait?: (w: BudgetWait) => void }): Promise<HuntingQueryResult>;
}

/** Per-call state the middlewares share with the caller (Graph passes unknown fetch options through). */
interface CallState {
  meta: RequestMeta;
  error?: unknown;
  onBudgetWait?: (w: BudgetWait) => void;
  signal?: AbortSignal;
  /** The pipeline's answer to the last attempt, body text and headers as received (set by the transport). */
  response?: PipelineResponse;
}

const CALL_KEY = 'mdeCall';

function callOf(context: Context): CallState {
  const opts = context.options as Record<string, unknown> | undefined;
  const call = opts?.[CALL_KEY] as CallState | undefined;
  if (!call) throw new Error('internal: Graph request sent without call state');
  return call;
}

function urlOf(context: Context): string {
  return typeof context.request === 'string' ? context.request : context.request.url;
}

function headerRecord(h: unknown): Record<string, string> {
  if (!h) return {};
  // A Headers object, told apart without reading the `Headers` global (see the module comment).
  if (typeof (h as { entries?: unknown }).entries === 'function' && !Array.isArray(h)) return Object.fromEntries((h as { entries(): Iterable<[string, string]> }).entries());
  if (Array.isArray(h)) return Object.fromEntries(h as [string, string][]);
  return { ...(h as Record<string, string>) };
}

class GuardMiddleware implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly ctx: { profile: ApiPipeline['profile']; writeEnabled: boolean; onRequest?: (e: RequestEvent) => void }) {}
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    const call = callOf(context);
    try {
      const method = (context.options?.method ?? 'GET').toUpperCase();
      guardRequest(this.ctx, method, urlOf(context), call.meta);
      await this.next!.execute(context);
      if (context.response?.status === 401) {
        // Expired or revoked token: ask the credential again (the auth handler calls getToken per request).
        const headers = headerRecord(context.options?.headers);
        delete headers['Authorization'];
        delete headers['authorization'];
        context.options = { ...context.options, headers };
        await this.next!.execute(context);
      }
    } catch (e) {
      call.error = e;
      throw e;
    }
  }
}

/**
 * Attaches `Authorization: Bearer <token>`, asking the credential on every request (it caches and
 * renews). Only requests the guard let through get here: hosts of the configured cloud, over TLS.
 */
class BearerMiddleware implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly token: () => Promise<string>) {}
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    const headers = headerRecord(context.options?.headers);
    headers['Authorization'] = `Bearer ${await this.token()}`;
    context.options = { ...context.options, headers };
    await this.next!.execute(context);
  }
}

/** Terminal middleware: send through the shared pipeline instead of global fetch. */
class PipelineTransport implements Middleware {
  constructor(private readonly api: ApiPipeline) {}
  async execute(context: Context): Promise<void> {
    const call = callOf(context);
    const options = context.options ?? {};
    const request = createPipelineRequest({
      url: urlOf(context),
      method: (options.method ?? 'GET').toUpperCase() as 'GET',
      ...(call.signal ? { abortSignal: call.signal } : {}),
    });
    for (const [k, v] of Object.entries(headerRecord(options.headers))) request.headers.set(k, v);
    if (typeof options.body === 'string') request.body = options.body;
    else if (options.body != null) request.body = JSON.stringify(options.body);
    setRequestMeta(request, { ...call.meta, service: 'graph', authorizedBySdk: true, ...(call.onBudgetWait ? { onBudgetWait: call.onBudgetWait } : {}) });
    const res = await this.api.send(request);
    // The SDK (ResponseType.RAW) and the guard only read the status. The body and headers go to the
    // caller as received: wrapped in the Response they were encoded to UTF-8 and decoded back, and the
    // headers copied, on every page (~1,000 per full load of a large tenant).
    call.response = res;
    // The SDK reads only the status of a RAW response (and the guard only the status), so a plain
    // object stands in for a fetch Response (see the module comment).
    context.response = { status: res.status, ok: res.status >= 200 && res.status < 300 } as Response;
  }
}

export function createGraphClient(api: ApiPipeline, credential: TokenCredential, onRequest?: (e: RequestEvent) => void): GraphClient {
  const profile = api.profile;
  const base = profile.endpoints.graph;
  // What the SDK's TokenCredentialAuthenticationProvider does (ask the credential on every request),
  // without the error object (and stack trace) it builds before every call in case it fails.
  const accessToken = async () => {
    const token = await credential.getToken([profile.scopes.graph]);
    if (!token) throw new Error(`the credential returned no token for ${profile.scopes.graph}`);
    return token.token;
  };
  const guard = new GuardMiddleware({ profile, writeEnabled: api.writeEnabled, ...(onRequest ? { onRequest } : {}) });
  const auth = new BearerMiddleware(accessToken);
  const transport = new PipelineTransport(api);
  guard.setNext(auth);
  auth.setNext(transport);
  const client = Client.initWithMiddleware({
    middleware: guard,
    baseUrl: base.replace(/\/+$/, '') + '/',
    defaultVersion: 'v1.0',
    // The SDK attaches tokens only to Graph hosts and these; the guard has already refused anything
    // outside profile.allowedHosts. Hostnames only (no scheme or port), as the SDK requires.
    customHosts: new Set([...profile.allowedHosts]),
  });

  /** One Graph request; returns the sanitised JSON body or throws ApiError. */
  async function call(method: 'GET' | 'POST' | 'PATCH', url: string, body: unknown, opts: { signal?: AbortSignal; onBudgetWait?: (w: BudgetWait) => void; headers?: Record<string, string> } = {}) {
    const state: CallState = { meta: { service: 'graph' }, ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onBudgetWait ? { onBudgetWait: opts.onBudgetWait } : {}) };
    let req = client.api(url).responseType(ResponseType.RAW).option(CALL_KEY, state);
    for (const [k, v] of Object.entries(opts.headers ?? {})) req = req.header(k, v);
    try {
      await (method === 'GET' ? req.get() : method === 'POST' ? req.post(body) : req.patch(body));
    } catch (e) {
      throw toApiError(state.error ?? e, 'graph', method, url, state.meta.operation);
    }
    const response = state.response;
    if (!response) throw new Error('internal: Graph request finished without a response from the transport');
    return interpretExchange({
      service: 'graph',
      operation: state.meta.operation,
      method,
      url,
      status: response.status,
      headers: response.headers,
      bodyText: response.bodyAsText ?? '',
    });
  }

  const v1 = (path: string) => joinUrl(base, `/v1.0${path}`);
  const incidentPage = odataPage(incidentSchema);
  const skuPage = odataPage(subscribedSkuSchema);
  // Without this header Graph hides evolvable enum members (awaitingAction) as unknownFutureValue.
  const preferUnknownEnums = { Prefer: 'include-unknown-enum-members' };

  return {
    async listIncidents<R = DefenderIncident>(opts: ListIncidentsOptions & MapItems<DefenderIncident, R> = {}) {
      const filters: string[] = [];
      if (opts.createdAfter) filters.push(`createdDateTime ge ${odataDate(opts.createdAfter)}`);
      if (opts.updatedAfter) filters.push(`lastUpdateDateTime ge ${odataDate(opts.updatedAfter)}`);
      if (opts.filter) filters.push(`(${opts.filter})`);
      const top = Math.min(GRAPH_INCIDENTS_MAX_PAGE, Math.max(1, opts.pageSize ?? GRAPH_INCIDENTS_MAX_PAGE));
      const first = withQuery(v1('/security/incidents'), {
        $top: top,
        $filter: filters.length ? filters.join(' and ') : undefined,
        $expand: opts.expandAlerts ? 'alerts' : undefined,
      });
      return collectPages<DefenderIncident, R>(
        first,
        async (url, ctx) => {
          const res = await call('GET', url, undefined, { ...ctx, headers: preferUnknownEnums });
          const page = parseWith(incidentPage, res.body, { service: 'graph', method: 'GET', url, requestId: res.requestId });
          return { items: page.value, next: page['@odata.nextLink'] ?? undefined };
        },
        opts,
      );
    },

    async getIncident(id, opts = {}) {
      const url = withQuery(v1(`/security/incidents/${encodeURIComponent(id)}`), { $expand: opts.expandAlerts ? 'alerts' : undefined });
      const res = await call('GET', url, undefined, { ...opts, headers: preferUnknownEnums });
      return parseWith(incidentSchema, res.body, { service: 'graph', method: 'GET', url, requestId: res.requestId });
    },

    async updateIncident(id, patch, opts = {}) {
      const url = v1(`/security/incidents/${encodeURIComponent(id)}`);
      const res = await call('PATCH', url, patch, { ...opts, headers: preferUnknownEnums });
      return parseWith(incidentSchema, res.body, { service: 'graph', method: 'PATCH', url, requestId: res.requestId });
    },

    async listSubscribedSkus(opts = {}) {
      const result = await collectPages(
        v1('/subscribedSkus'),
        async (url, ctx) => {
          const res = await call('GET', url, undefined, ctx);
          const page = parseWith(skuPage, res.body, { service: 'graph', method: 'GET', url, requestId: res.requestId });
          return { items: page.value, next: page['@odata.nextLink'] ?? undefined };
        },
        opts,
      );
      if (result.error) throw result.error;
      return result.items;
    },

    async runHuntingQuery(kql, timespan, opts = {}) {
      const url = v1('/security/runHuntingQuery');
      // Body keys are PascalCase in the documented request (samples/graph-runhuntingquery-request.json).
      const body = timespan ? { Query: kql, Timespan: timespan } : { Query: kql };
      const res = await call('POST', url, body, opts);
      return parseWith(huntingResultSchema, res.body, { service: 'graph', method: 'POST', url, requestId: res.requestId });
    },
  };
}
