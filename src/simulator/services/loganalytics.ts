/**
 * Log Analytics query API handler (`/v1/workspaces/{id}/query`): answers the console's KQL
 * (src/api/queries.ts) from the tenant's event model with the tables/columns/rows shape.
 * Contracts: api-contracts §d; learn.microsoft.com/azure/azure-monitor/logs/api/*.
 */
import { matchQuery, type MatchedQuery } from '../../api/queries.js';
import type { LogAnalyticsTable } from '../../domain/types.js';
import type { ServiceHandler, SimRequest, SimResponse } from '../contract.js';
import { DAY, HOUR, MINUTE } from '../tenant/clock.js';
import type { Tenant } from '../tenant/index.js';
import { INGESTION_DELAY_MS, type TableSpec } from '../tenant/streaming.js';
import { parseTimespan } from './arm.js';
import { laError } from './responses.js';

/** Usage.Quantity is in MB; the simulator uses 10^6 bytes per MB. */
const BYTES_PER_MB = 1_000_000;

function ok(tables: LogAnalyticsTable[]): SimResponse {
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: { tables } };
}

function semanticError(message: string): SimResponse {
  return laError(400, 'BadArgumentError', 'The request had some invalid properties', { code: 'SemanticError', message });
}

export function createLogAnalyticsHandler(tenant: Tenant): ServiceHandler {
  const ev = tenant.events;

  const resolveTables = (names: string[]): { tables: TableSpec[] } | { unknown: string } => {
    const tables: TableSpec[] = [];
    for (const n of names) {
      const t = ev.table(n);
      if (!t) return { unknown: n };
      tables.push(t);
    }
    return { tables };
  };

  const answer = (q: MatchedQuery, nowMs: number, span: { from: number; to: number }): SimResponse => {
    // Rows become visible after the ingestion delay; the request timespan intersects the query's own window.
    const visibleTo = Math.min(nowMs - INGESTION_DELAY_MS, span.to);
    switch (q.kind) {
      case 'tableFreshness': {
        const r = resolveTables(q.tables);
        if ('unknown' in r) return semanticError(`'union' operator: Failed to resolve table expression named '${r.unknown}'`);
        const from = Math.max(nowMs - q.windowHours * HOUR, span.from);
        const rows: unknown[][] = [];
        for (const t of r.tables) {
          const { events } = ev.totals(t, from, visibleTo, nowMs);
          if (events === 0) continue;
          const last = ev.lastEventMinute(t, visibleTo, visibleTo - from);
          if (last === null) continue;
          rows.push([t.name, events, new Date(Math.min(last + 59_000, visibleTo)).toISOString()]);
        }
        return ok([{ name: 'PrimaryResult', columns: [{ name: 'Table', type: 'string' }, { name: 'Count', type: 'long' }, { name: 'LastTime', type: 'datetime' }], rows }]);
      }
      case 'usageByDay': {
        const from = Math.max(nowMs - q.days * DAY, span.from);
        const firstHour = Math.ceil(from / HOUR) * HOUR;
        const acc = new Map<string, { day: number; table: TableSpec; mb: number }>();
        for (const t of ev.ingestedTables) {
          // Usage has one record per complete hour (StartTime..EndTime).
          for (let h = firstHour; h + HOUR <= visibleTo; h += HOUR) {
            const { bytes } = ev.totals(t, h, h + HOUR, nowMs);
            if (bytes === 0) continue;
            const day = Math.floor(h / DAY) * DAY;
            const key = `${day}|${t.name}`;
            const a = acc.get(key) ?? { day, table: t, mb: 0 };
            a.mb += bytes / BYTES_PER_MB;
            acc.set(key, a);
          }
        }
        const rows = [...acc.values()]
          .sort((a, b) => a.day - b.day || a.table.name.localeCompare(b.table.name))
          .map((a) => [new Date(a.day).toISOString(), a.table.name, a.table.billable, Math.round(a.mb * 1e6) / 1e6]);
        return ok([{ name: 'PrimaryResult', columns: [{ name: 'Day', type: 'datetime' }, { name: 'DataType', type: 'string' }, { name: 'IsBillable', type: 'bool' }, { name: 'Quantity', type: 'real' }], rows }]);
      }
      case 'tableRates': {
        const r = resolveTables(q.tables);
        if ('unknown' in r) return semanticError(`'union' operator: Failed to resolve table expression named '${r.unknown}'`);
        const from = Math.max(nowMs - q.windowMinutes * MINUTE, span.from);
        const rows: unknown[][] = [];
        for (const t of r.tables) {
          for (let m = Math.ceil(from / MINUTE) * MINUTE; m + MINUTE <= visibleTo; m += MINUTE) {
            const events = ev.eventsInMinute(t, m);
            if (events > 0) rows.push([t.name, new Date(m).toISOString(), events, events * t.avgBytes]);
          }
        }
        return ok([{ name: 'PrimaryResult', columns: [{ name: 'Table', type: 'string' }, { name: 'TimeGenerated', type: 'datetime' }, { name: 'Events', type: 'long' }, { name: 'Bytes', type: 'long' }], rows }]);
      }
      case 'sentinelIncidents': {
        const from = Math.max(nowMs - q.days * DAY, span.from);
        const rows: unknown[][] = [];
        const model = tenant.incidents;
        for (const name of model.sentinelOrder) {
          const s = model.sentinel.get(name);
          if (!s) continue;
          const modified = Date.parse(s.props.lastModifiedTimeUtc);
          if (modified <= from || modified > visibleTo) continue;
          const p = s.props;
          rows.push([s.name, p.incidentNumber, p.title, p.status, p.severity, p.providerName ?? '', p.providerIncidentId ?? '', new Date(Date.parse(p.createdTimeUtc)).toISOString(), new Date(modified).toISOString()]);
        }
        const col = (name: string, type: string) => ({ name, type });
        return ok([{ name: 'PrimaryResult', columns: [col('IncidentName', 'string'), col('IncidentNumber', 'int'), col('Title', 'string'), col('Status', 'string'), col('Severity', 'string'), col('ProviderName', 'string'), col('ProviderIncidentId', 'string'), col('CreatedTime', 'datetime'), col('LastModifiedTime', 'datetime')], rows }]);
      }
      default:
        return semanticError(`Failed to resolve table expression: '${q.kind}' is an advanced hunting query; send it to Microsoft Graph runHuntingQuery.`);
    }
  };

  return (req) => {
    const nowMs = tenant.refresh();
    const m = /^\/v1\/workspaces\/([^/]+)\/query\/?$/i.exec(req.path);
    if (!m) return laError(404, 'PathNotFoundError', 'The requested path does not exist');
    const id = decodeURIComponent(m[1]!);
    if (id.toLowerCase() !== tenant.identity.workspaceId.toLowerCase()) return laError(404, 'WorkspaceNotFoundError', `The workspace ${id} could not be found`);
    let query: unknown;
    let timespan: unknown;
    if (req.method.toUpperCase() === 'POST') {
      // Documented quirk: a POST without Content-Type: application/json gets 200 with an empty body.
      if (!(req.headers['content-type'] ?? '').toLowerCase().includes('application/json')) return { status: 200, body: '' };
      query = (req.body as { query?: unknown } | undefined)?.query;
      timespan = (req.body as { timespan?: unknown } | undefined)?.timespan;
    } else if (req.method.toUpperCase() === 'GET') {
      query = req.query.get('query');
      timespan = req.query.get('timespan');
    } else return laError(404, 'PathNotFoundError', 'The requested path does not exist');
    if (typeof query !== 'string' || query.trim() === '') return laError(400, 'BadArgumentError', 'The request had some invalid properties', { code: 'SyntaxError', message: "A 'query' is required." });
    const span = parseTimespan(typeof timespan === 'string' ? timespan : null, nowMs, 3650 * DAY);
    if (!span) return laError(400, 'BadArgumentError', 'The request had some invalid properties', { code: 'InvalidTimespan', message: `Invalid timespan '${String(timespan)}'.` });
    const matched = matchQuery(query);
    if (!matched) return semanticError('This tenant simulator answers only the queries built in src/api/queries.ts.');
    return answer(matched, nowMs, span);
  };
}
