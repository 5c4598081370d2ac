/**
 * Log Analytics query API (api-contracts §d): POST /v1/workspaces/{workspaceId}/query.
 * A read-only POST, allowed while writes are off. 204 = the workspace has no data; 200 with an
 * `error` of code PartialError = some rows plus an error, both kept.
 */
import type { LogAnalyticsResult } from '../../domain/types.js';
import type { BudgetWait } from '../budget.js';
import { sendJson } from '../http.js';
import type { ApiPipeline } from '../pipeline.js';
import { parseWith } from '../schemas/parse.js';
import { logAnalyticsResultSchema } from '../schemas/logs.js';
import { joinUrl, notConfigured } from './common.js';

export interface LogsClient {
  /** `timespan`: ISO 8601 duration ("PT12H") or "start/end"; intersected with time filters in the KQL. */
  query(kql: string, timespan?: string, opts?: { signal?: AbortSignal; onBudgetWait?: (w: BudgetWait) => void }): Promise<LogAnalyticsResult>;
}

export function createLogsClient(api: ApiPipeline): LogsClient {
  const profile = api.profile;
  return {
    async query(kql, timespan, opts = {}) {
      const ws = profile.sentinel?.workspaceId;
      if (!ws) throw notConfigured('loganalytics', 'loganalytics.query', `profile "${profile.name}" names no Log Analytics workspace id; add sentinel.workspaceId to it`);
      const url = joinUrl(profile.endpoints.loganalytics, `/v1/workspaces/${encodeURIComponent(ws)}/query`);
      const body = timespan ? { query: kql, timespan } : { query: kql };
      const res = await sendJson(api, { service: 'loganalytics', method: 'POST', url, body, ...opts });
      if (res.status === 204 || res.body === undefined) return { tables: [] };
      return parseWith(logAnalyticsResultSchema, res.body, { service: 'loganalytics', method: 'POST', url, requestId: res.requestId });
    },
  };
}

// Row conversion lives in a module without zod or the HTTP stack, so screens and stores that only
// read rows do not load the clients on the start-up path (bench: "Start-up").
export { tableRows, primaryRows, type LogCell } from '../logRows.js';
