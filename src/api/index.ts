/**
 * The data plane's API clients: one shared pipeline (guard → retry → budget → bearer → proxy),
 * typed clients per service, schemas and sanitising at the boundary.
 *
 *   const api = createApiClients({ profile, credential, writeEnabled: flags.write });
 *   const { items, complete, error } = await api.mde.listIndicators({ onProgress });
 *
 * Read-only unless `writeEnabled`: every call that changes the tenant is refused here, before it
 * leaves the process (ReadOnlyError), whichever screen or command asks.
 */
import type { TokenCredential } from '@azure/identity';
import type { ResolvedProfile } from '../config/types.js';
import { RateBudget, systemClock, type Clock } from './budget.js';
import { createArmClient, createMonitorClient, type ArmClient, type MonitorClient } from './clients/arm.js';
import { createGraphClient, type GraphClient } from './clients/graph.js';
import { createLogsClient, type LogsClient } from './clients/logs.js';
import { createMdeClient, type MdeClient } from './clients/mde.js';
import { createApiPipeline, type ApiPipeline, type PipelineOptions, type RequestEvent, type RetryOptions } from './pipeline.js';
import type { HttpClient } from '@azure/core-rest-pipeline';

export interface CreateApiClientsOptions {
  profile: ResolvedProfile;
  credential: TokenCredential;
  /** False = read-only run: writes are refused with ReadOnlyError. */
  writeEnabled: boolean;
  /** Cancels every request made by these clients (e.g. on quit). Per-call signals also work. */
  signal?: AbortSignal;
  /** Activity feed: responses, retries, budget waits, refusals. Never carries a token. */
  onRequest?: (e: RequestEvent) => void;
  /** Tests: virtual time for budget windows and Retry-After waits. */
  clock?: Clock;
  retry?: Partial<RetryOptions>;
  /** Tests: a custom transport. Default trusts profile.caCertPem. */
  httpClient?: HttpClient;
  /** Tests: who hears of each large response (default: the process's reclaimer). */
  reclaimer?: PipelineOptions['reclaimer'];
}

export interface ApiClients {
  mde: MdeClient;
  graph: GraphClient;
  arm: ArmClient;
  logs: LogsClient;
  monitor: MonitorClient;
  /** The shared pipeline (raw requests still pass every guard). */
  pipeline: ApiPipeline;
  budget: RateBudget;
}

export function createApiClients(opts: CreateApiClientsOptions): ApiClients {
  const clock = opts.clock ?? systemClock;
  const budget = new RateBudget(clock);
  const pipeline = createApiPipeline({
    profile: opts.profile,
    credential: opts.credential,
    writeEnabled: opts.writeEnabled,
    clock,
    budget,
    ...(opts.onRequest ? { onRequest: opts.onRequest } : {}),
    ...(opts.retry ? { retry: opts.retry } : {}),
    ...(opts.httpClient ? { httpClient: opts.httpClient } : {}),
    ...(opts.reclaimer ? { reclaimer: opts.reclaimer } : {}),
  });
  const api = opts.signal ? withGlobalSignal(pipeline, opts.signal) : pipeline;
  return {
    mde: createMdeClient(api),
    graph: createGraphClient(api, opts.credential, opts.onRequest),
    arm: createArmClient(api),
    logs: createLogsClient(api),
    monitor: createMonitorClient(api),
    pipeline: api,
    budget,
  };
}

/** Combine the clients' lifetime signal with each request's own. */
function withGlobalSignal(api: ApiPipeline, signal: AbortSignal): ApiPipeline {
  return {
    ...api,
    send(request) {
      const own = request.abortSignal as AbortSignal | undefined;
      request.abortSignal = own ? AbortSignal.any([own, signal]) : signal;
      return api.send(request);
    },
  };
}

export { ApiError, ReadOnlyError, HostNotAllowedError, isApiError, type ApiErrorKind } from './errors.js';
export { PERMISSIONS_TABLE, OPERATIONS, SERVICE_LABELS, classifyRequest, type PermissionRow, type OperationSpec, type ApiServiceName } from './operations.js';
export { sanitizeDeep, sanitizeString, singleLine } from './sanitize.js';
export { createHttpClient, trustOptions, caBundleWith } from './trust.js';
export { RateBudget, systemClock, type Clock, type BudgetWait } from './budget.js';
export type { PageResult, PageProgress, PageOptions, MapItems } from './pager.js';
export type { RequestEvent, RetryOptions, ApiPipeline } from './pipeline.js';
export { tableRows, primaryRows, type LogsClient } from './clients/logs.js';
export type { MdeClient, IndicatorInput, ListOptions } from './clients/mde.js';
export type { GraphClient, IncidentPatch, ListIncidentsOptions } from './clients/graph.js';
export type { ArmClient, MonitorClient, MetricsQuery, SentinelListOptions } from './clients/arm.js';
export type { DeviceAvInfo, ImportResult } from './schemas/mde.js';
export type { ArmResource } from './schemas/arm.js';
