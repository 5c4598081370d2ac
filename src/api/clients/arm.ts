/**
 * Azure Resource Manager client: Microsoft Sentinel (incidents, data connectors, analytics rules),
 * the Log Analytics workspace and its tables, the Event Hubs namespace, and Azure Monitor metrics
 * (api-contracts §c, §d, §e). `api-version` is mandatory on every ARM call.
 */
import type { AlertRule, DataConnector, MetricsResponse, SentinelIncident, SentinelIncidentProperties, Workspace, WorkspaceTable } from '../../domain/types.js';
import type { BudgetWait } from '../budget.js';
import { sendJson, sendParsed } from '../http.js';
import { collectPages, withQuery, type MapItems, type PageOptions, type PageResult } from '../pager.js';
import type { ApiPipeline } from '../pipeline.js';
import { parseWith } from '../schemas/parse.js';
import { alertRuleSchema, armPage, armResourceSchema, dataConnectorSchema, metricsResponseSchema, sentinelIncidentSchema, workspaceSchema, workspaceTableSchema, type ArmResource } from '../schemas/arm.js';
import type { z } from 'zod';
import { andFilters, joinUrl, notConfigured, odataDate } from './common.js';

/** Stable api-versions (azure-rest-api-specs). */
export const API_VERSIONS = {
  sentinel: '2024-09-01',
  workspace: '2023-09-01',
  tables: '2022-10-01',
  eventHub: '2024-01-01',
  metrics: '2023-10-01',
} as const;

/** A Sentinel incident PUT body's properties: title, severity and status are required by the API. */
export type SentinelIncidentWrite = Pick<SentinelIncidentProperties, 'title' | 'severity' | 'status'> & Partial<SentinelIncidentProperties>;

export interface SentinelListOptions extends PageOptions {
  filter?: string;
  /** e.g. "properties/lastModifiedTimeUtc desc". */
  orderBy?: string;
  /** Only incidents modified at or after this time (incremental refresh). */
  modifiedAfter?: Date | string;
  /** $top per page; Sentinel's maximum is undocumented, clients commonly use 1000. */
  pageSize?: number;
}

export interface ArmClient {
  listSentinelIncidents<R = SentinelIncident>(opts?: SentinelListOptions & MapItems<SentinelIncident, R>): Promise<PageResult<R>>;
  getSentinelIncident(name: string, opts?: { signal?: AbortSignal }): Promise<SentinelIncident>;
  /**
   * PUT with the etag read earlier: ARM answers 412 if someone changed the incident meanwhile. The body
   * carries the writable fields (title, severity, status required); read-only ones (incidentNumber,
   * created/modified times) may be passed but are not needed.
   */
  updateSentinelIncident(name: string, properties: SentinelIncidentWrite, etag: string | null | undefined, opts?: { signal?: AbortSignal }): Promise<SentinelIncident>;
  listDataConnectors(opts?: PageOptions): Promise<PageResult<DataConnector>>;
  listAlertRules(opts?: PageOptions): Promise<PageResult<AlertRule>>;
  getWorkspace(opts?: { signal?: AbortSignal }): Promise<Workspace>;
  listWorkspaceTables(opts?: PageOptions): Promise<PageResult<WorkspaceTable>>;
  getEventHubNamespace(opts?: { signal?: AbortSignal }): Promise<ArmResource>;
  listEventHubs(opts?: PageOptions): Promise<PageResult<ArmResource>>;
}

export interface MetricsQuery {
  /** e.g. ["IncomingMessages", "OutgoingMessages"]. */
  metricNames: string[];
  /**
   * ISO 8601 interval "start/end". Omitted: Azure Monitor answers the last hour ending at its own clock
   * and echoes that interval in the response's `timespan` (the Streaming screen reads "now" from it).
   */
  timespan?: string;
  /** e.g. "PT1M", "PT1H", "FULL". */
  interval?: string;
  /** e.g. "total" or "total,average". */
  aggregation?: string;
  /** e.g. "EntityName eq '*'" to split by event hub. */
  filter?: string;
  metricNamespace?: string;
  top?: number;
  orderBy?: string;
}

export interface MonitorClient {
  getMetrics(resourceId: string, query: MetricsQuery, opts?: { signal?: AbortSignal; onBudgetWait?: (w: BudgetWait) => void }): Promise<MetricsResponse>;
}

export function createArmClient(api: ApiPipeline): ArmClient {
  const base = api.profile.endpoints.arm;
  const profile = api.profile;

  function workspacePath(operation: string): string {
    const s = profile.sentinel;
    if (!s) throw notConfigured('arm', operation, `profile "${profile.name}" names no Sentinel workspace; add sentinel.subscriptionId, resourceGroup and workspaceName to it`);
    return `/subscriptions/${encodeURIComponent(s.subscriptionId)}/resourceGroups/${encodeURIComponent(s.resourceGroup)}/providers/Microsoft.OperationalInsights/workspaces/${encodeURIComponent(s.workspaceName)}`;
  }
  const sentinelPath = (operation: string) => `${workspacePath(operation)}/providers/Microsoft.SecurityInsights`;

  function eventHubPath(operation: string): string {
    const id = profile.eventHubNamespaceId;
    if (!id) throw notConfigured('arm', operation, `profile "${profile.name}" names no Event Hubs namespace; add eventHubNamespaceId (its ARM resource id) to it`);
    return id.startsWith('/') ? id : `/${id}`;
  }

  function listAll<T, R = T>(firstUrl: string, item: z.ZodType<T>, opts: PageOptions & MapItems<T, R>): Promise<PageResult<R>> {
    const schema = armPage(item);
    return collectPages<T, R>(
      firstUrl,
      async (url, ctx) => {
        const res = await sendJson(api, { service: 'arm', method: 'GET', url, ...ctx });
        // 204/empty body on an empty collection: treat as no items.
        const page = parseWith(schema, res.body ?? { value: [] }, { service: 'arm', method: 'GET', url, requestId: res.requestId });
        return { items: page.value as T[], next: page.nextLink ?? undefined };
      },
      opts,
    );
  }

  const url = (path: string, apiVersion: string, query: Record<string, string | number | undefined> = {}) =>
    withQuery(joinUrl(base, path), { 'api-version': apiVersion, ...query });

  return {
    async listSentinelIncidents<R = SentinelIncident>(opts: SentinelListOptions & MapItems<SentinelIncident, R> = {}) {
      const filter = andFilters(opts.filter, opts.modifiedAfter ? `properties/lastModifiedTimeUtc ge ${odataDate(opts.modifiedAfter)}` : undefined);
      const first = url(`${sentinelPath('arm.sentinel.incidents.list')}/incidents`, API_VERSIONS.sentinel, {
        $filter: filter,
        $orderby: opts.orderBy,
        $top: opts.pageSize ?? 1000,
      });
      return listAll<SentinelIncident, R>(first, sentinelIncidentSchema, opts);
    },

    async getSentinelIncident(name, opts = {}) {
      const u = url(`${sentinelPath('arm.sentinel.incidents.get')}/incidents/${encodeURIComponent(name)}`, API_VERSIONS.sentinel);
      return sendParsed(api, { service: 'arm', method: 'GET', url: u, ...opts }, sentinelIncidentSchema);
    },

    async updateSentinelIncident(name, properties, etag, opts = {}) {
      const u = url(`${sentinelPath('arm.sentinel.incidents.update')}/incidents/${encodeURIComponent(name)}`, API_VERSIONS.sentinel);
      const body = etag ? { etag, properties } : { properties };
      return sendParsed(api, { service: 'arm', method: 'PUT', url: u, body, ...opts }, sentinelIncidentSchema);
    },

    async listDataConnectors(opts = {}) {
      return listAll(url(`${sentinelPath('arm.sentinel.dataConnectors.list')}/dataConnectors`, API_VERSIONS.sentinel), dataConnectorSchema, opts) as Promise<PageResult<DataConnector>>;
    },

    async listAlertRules(opts = {}) {
      return listAll(url(`${sentinelPath('arm.sentinel.alertRules.list')}/alertRules`, API_VERSIONS.sentinel), alertRuleSchema, opts) as Promise<PageResult<AlertRule>>;
    },

    async getWorkspace(opts = {}) {
      return sendParsed(api, { service: 'arm', method: 'GET', url: url(workspacePath('arm.workspace.get'), API_VERSIONS.workspace), ...opts }, workspaceSchema);
    },

    async listWorkspaceTables(opts = {}) {
      return listAll(url(`${workspacePath('arm.workspace.tables.list')}/tables`, API_VERSIONS.tables), workspaceTableSchema, opts);
    },

    async getEventHubNamespace(opts = {}) {
      return sendParsed(api, { service: 'arm', method: 'GET', url: url(eventHubPath('arm.eventhub.namespace.get'), API_VERSIONS.eventHub), ...opts }, armResourceSchema);
    },

    async listEventHubs(opts = {}) {
      return listAll(url(`${eventHubPath('arm.eventhub.hubs.list')}/eventhubs`, API_VERSIONS.eventHub), armResourceSchema, opts);
    },
  };
}

export function createMonitorClient(api: ApiPipeline): MonitorClient {
  const base = api.profile.endpoints.arm;
  return {
    async getMetrics(resourceId, q, opts = {}) {
      const id = resourceId.startsWith('/') ? resourceId : `/${resourceId}`;
      const u = withQuery(joinUrl(base, `${id}/providers/Microsoft.Insights/metrics`), {
        'api-version': API_VERSIONS.metrics,
        metricnames: q.metricNames.join(','),
        timespan: q.timespan,
        interval: q.interval,
        aggregation: q.aggregation,
        $filter: q.filter,
        metricnamespace: q.metricNamespace,
        top: q.top,
        orderby: q.orderBy,
      });
      return sendParsed(api, { service: 'arm', method: 'GET', url: u, ...opts }, metricsResponseSchema);
    },
  };
}
