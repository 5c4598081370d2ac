/**
 * Azure Resource Manager handler: Sentinel (incidents, data connectors, alert rules), the Log
 * Analytics workspace and its tables, the Event Hubs namespace and its Azure Monitor metrics.
 * Contracts: api-contracts §c, §d (tables), §e (metrics). Azure RBAC is not carried in tokens, so
 * ARM routes check no roles.
 */
import type { ServiceHandler, SimRequest, SimResponse } from '../contract.js';
import { HOUR, MINUTE, isoSeconds } from '../tenant/clock.js';
import type { SentinelRecord } from '../tenant/incidents.js';
import type { Tenant } from '../tenant/index.js';
import { hash01 } from '../tenant/random.js';
import { ALL_TABLES, hubNameFor, RECORDS_PER_MESSAGE, type TableSpec } from '../tenant/streaming.js';
import { workspaceResourceId } from '../tenant/workspace.js';
import { compileFilter, compileOrderBy, ODataError, parseNonNegativeInt } from './odata.js';
import { armError, armOk, nextLink } from './responses.js';

/** Default Sentinel incidents page size (msticpy #569 observation). */
export const SENTINEL_DEFAULT_TOP = 50;
const LOCATION = 'westeurope';
const ORDERABLE = new Set(['properties/createdtimeutc', 'properties/lastmodifiedtimeutc', 'properties/incidentnumber']);

const METRICS: Record<string, { unit: string; localized: string }> = {
  IncomingMessages: { unit: 'Count', localized: 'Incoming Messages' },
  IncomingBytes: { unit: 'Bytes', localized: 'Incoming Bytes.' },
  OutgoingMessages: { unit: 'Count', localized: 'Outgoing Messages' },
  OutgoingBytes: { unit: 'Bytes', localized: 'Outgoing Bytes.' },
  ThrottledRequests: { unit: 'Count', localized: 'Throttled Requests.' },
  ServerErrors: { unit: 'Count', localized: 'Server Errors.' },
};
const INTERVALS: Record<string, number> = { PT1M: MINUTE, PT5M: 5 * MINUTE, PT15M: 15 * MINUTE, PT30M: 30 * MINUTE, PT1H: HOUR };
/** Largest metrics answer the simulator computes (points per series). */
const MAX_POINTS = 1440 * 7;

function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, v: 1 })).toString('base64url');
}

function decodeSkipToken(token: string): number | null {
  try {
    const o = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown }).o;
    return typeof o === 'number' && Number.isInteger(o) && o >= 0 ? o : null;
  } catch {
    return null;
  }
}

function parseDuration(s: string): number | null {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(s);
  if (!m || s.toUpperCase() === 'P' || s.toUpperCase() === 'PT') return null;
  return ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * MINUTE + Number(m[4] ?? 0) * 1000;
}

/** ISO 8601 interval "start/end", "start/PT1H", "PT1H/end" or a duration ending now. */
export function parseTimespan(raw: string | null, nowMs: number, defaultMs: number): { from: number; to: number } | null {
  if (!raw) return { from: nowMs - defaultMs, to: nowMs };
  const parts = raw.split('/');
  if (parts.length === 1) {
    const d = parseDuration(parts[0]!);
    return d === null ? null : { from: nowMs - d, to: nowMs };
  }
  if (parts.length !== 2) return null;
  const [a, b] = parts as [string, string];
  const da = parseDuration(a);
  const db = parseDuration(b);
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (!Number.isNaN(ta) && !Number.isNaN(tb)) return ta < tb ? { from: ta, to: tb } : null;
  if (!Number.isNaN(ta) && db !== null) return { from: ta, to: ta + db };
  if (da !== null && !Number.isNaN(tb)) return { from: tb - da, to: tb };
  return null;
}

export function createArmHandler(tenant: Tenant): ServiceHandler {
  const ident = tenant.identity;
  const wsId = workspaceResourceId(ident);
  const sentinelPrefix = `${wsId}/providers/Microsoft.SecurityInsights`.toLowerCase();
  const nsId = tenant.eventHubNamespaceId;
  const nsName = nsId.split('/').pop() ?? 'namespace';
  const hubs = ALL_TABLES.filter((t) => t.streamedToEventHub);
  const createdAt = isoSeconds(Date.parse('2025-06-01T09:00:00Z'));

  const listSentinel = (req: SimRequest): SimResponse => {
    let pred;
    let order;
    let top: number | undefined;
    try {
      pred = compileFilter(req.query.get('$filter'));
      order = compileOrderBy(req.query.get('$orderby'), ORDERABLE);
      top = parseNonNegativeInt('$top', req.query.get('$top'));
    } catch (e) {
      return armError(req, 400, 'BadRequest', (e as ODataError).message);
    }
    const token = req.query.get('$skipToken') ?? req.query.get('$skiptoken');
    const offset = token === null ? 0 : decodeSkipToken(token);
    if (offset === null) return armError(req, 400, 'InvalidSkipToken', 'The $skipToken is not valid. Use the nextLink returned by the previous page unchanged.');
    const model = tenant.incidents;
    let rows: SentinelRecord[] = [];
    for (const name of model.sentinelOrder) {
      const s = model.sentinel.get(name);
      if (s) rows.push(s);
    }
    if (req.query.get('$filter')) rows = rows.filter((s) => pred(model.sentinelWire(s)));
    if (order) {
      const cmp = order;
      rows = rows.map((s) => ({ s, w: model.sentinelWire(s) })).sort((a, b) => cmp(a.w, b.w)).map((x) => x.s);
    }
    const size = top ?? SENTINEL_DEFAULT_TOP;
    const slice = rows.slice(offset, offset + size);
    const more = offset + slice.length < rows.length;
    const link = more ? `,"nextLink":${JSON.stringify(nextLink(req, { $skipToken: encodeSkipToken(offset + size) }, ['$skiptoken']))}` : '';
    return armOk(req, `{"value":[${slice.map((s) => model.sentinelJson(s)).join(',')}]${link}}`);
  };

  const putSentinel = (req: SimRequest, name: string, nowMs: number): SimResponse => {
    const model = tenant.incidents;
    const body = req.body as { etag?: unknown; properties?: Record<string, unknown> } | undefined;
    const p = body?.properties;
    if (!p || typeof p !== 'object') return armError(req, 400, 'BadRequest', "The request body must contain 'properties'.");
    for (const k of ['title', 'severity', 'status'] as const) if (typeof p[k] !== 'string') return armError(req, 400, 'BadRequest', `Required property 'properties.${k}' is missing.`);
    if (!['New', 'Active', 'Closed'].includes(p.status as string)) return armError(req, 400, 'BadRequest', `Invalid status '${String(p.status)}'. Allowed: New, Active, Closed.`);
    if (!['High', 'Medium', 'Low', 'Informational'].includes(p.severity as string)) return armError(req, 400, 'BadRequest', `Invalid severity '${String(p.severity)}'.`);
    // Closing needs a classification (incident-navigate-triage.md).
    if (p.status === 'Closed' && typeof p.classification !== 'string') return armError(req, 400, 'BadRequest', 'Classification is required when closing an incident.');
    const s = model.sentinel.get(name);
    if (!s) return armError(req, 404, 'NotFound', `Incident '${name}' was not found in workspace '${ident.workspaceName}'.`);
    const etag = (typeof body?.etag === 'string' ? body.etag : undefined) ?? req.headers['if-match'];
    if (etag !== undefined && etag !== '*' && etag !== s.etag) return armError(req, 412, 'PreconditionFailed', `The etag '${etag}' does not match the current etag '${s.etag}' of incident '${name}'. Read the incident again and retry.`);
    const props = s.props;
    props.title = p.title as string;
    props.severity = p.severity as string;
    props.status = p.status as string;
    if ('description' in p) props.description = (p.description as string | null) ?? null;
    if ('classification' in p) props.classification = (p.classification as string | null) ?? null;
    if ('classificationReason' in p) props.classificationReason = (p.classificationReason as string | null) ?? null;
    if ('classificationComment' in p) props.classificationComment = (p.classificationComment as string | null) ?? null;
    if ('owner' in p) props.owner = (p.owner as typeof props.owner) ?? null;
    if (Array.isArray(p.labels)) props.labels = p.labels as typeof props.labels;
    props.lastModifiedTimeUtc = isoSeconds(nowMs);
    s.etag = `"${tenant.newGuid()}"`;
    s.json = null;
    model.sentinelUpdated(s, nowMs);
    return armOk(req, model.sentinelWire(s));
  };

  const namespace = () => ({
    sku: { name: 'Standard', tier: 'Standard', capacity: tenant.events.throughputUnits },
    id: nsId,
    name: nsName,
    type: 'Microsoft.EventHub/Namespaces',
    location: LOCATION,
    tags: {},
    properties: {
      minimumTlsVersion: '1.2',
      publicNetworkAccess: 'Enabled',
      disableLocalAuth: false,
      zoneRedundant: true,
      isAutoInflateEnabled: false,
      maximumThroughputUnits: 0,
      kafkaEnabled: true,
      provisioningState: 'Succeeded',
      metricId: `${ident.subscriptionId}:${nsName.toLowerCase()}`,
      createdAt,
      updatedAt: createdAt,
      serviceBusEndpoint: `https://${nsName}.servicebus.windows.net:443/`,
      status: 'Active',
    },
  });

  const eventHub = (t: TableSpec) => ({
    id: `${nsId}/eventhubs/${hubNameFor(t.name)}`,
    name: hubNameFor(t.name),
    type: 'Microsoft.EventHub/Namespaces/EventHubs',
    location: LOCATION,
    properties: { messageRetentionInDays: 1, partitionCount: 4, partitionIds: ['0', '1', '2', '3'], status: 'Active', createdAt, updatedAt: createdAt },
  });

  /** Per hub per minute: accepted and throttled traffic given the namespace's throughput units. */
  const minuteTraffic = (minuteMs: number): Map<string, { messages: number; bytes: number; throttled: number; errors: number }> => {
    const raw = hubs.map((t) => {
      const events = tenant.events.eventsInMinute(t, minuteMs);
      return { t, messages: Math.ceil(events / RECORDS_PER_MESSAGE), bytes: events * t.avgBytes };
    });
    const total = raw.reduce((s, r) => s + r.bytes, 0);
    const cap = tenant.events.capacityBytesPerMinute();
    // Past the namespace's ingress capacity, the excess is throttled (1 TU ≈ 1 MB/s).
    const accepted = total > cap ? cap / total : 1;
    const out = new Map<string, { messages: number; bytes: number; throttled: number; errors: number }>();
    for (const r of raw) {
      const msgs = Math.floor(r.messages * accepted);
      out.set(hubNameFor(r.t.name), { messages: msgs, bytes: Math.floor(r.bytes * accepted), throttled: r.messages - msgs, errors: hash01(tenant.seed, minuteMs / MINUTE, r.t.basePerMinute) < 0.002 ? 1 : 0 });
    }
    return out;
  };

  const metrics = (req: SimRequest, nowMs: number): SimResponse => {
    const names = (req.query.get('metricnames') ?? 'IncomingMessages').split(',').map((s) => s.trim()).filter(Boolean);
    for (const n of names) {
      if (!Object.keys(METRICS).some((k) => k.toLowerCase() === n.toLowerCase())) {
        return armError(req, 400, 'BadRequest', `Failed to find metric configuration for provider: Microsoft.EventHub, resource Type: namespaces, metric: ${n}, Valid metrics: ${Object.keys(METRICS).join(',')}`);
      }
    }
    const intervalRaw = (req.query.get('interval') ?? 'PT1M').toUpperCase();
    const step = INTERVALS[intervalRaw];
    if (!step) return armError(req, 400, 'BadRequest', `Invalid interval '${intervalRaw}'. Supported: ${Object.keys(INTERVALS).join(', ')}.`);
    const span = parseTimespan(req.query.get('timespan'), nowMs, HOUR);
    if (!span) return armError(req, 400, 'BadRequest', `Invalid timespan '${req.query.get('timespan')}'. Use an ISO 8601 interval such as 2025-01-01T10:00:00Z/2025-01-01T11:00:00Z.`);
    const aggregation = (req.query.get('aggregation') ?? 'Total').toLowerCase();
    if (aggregation.split(',').some((a) => a.trim() !== 'total')) return armError(req, 400, 'BadRequest', 'The simulator serves the Total aggregation only (the Event Hubs metrics the console reads are Total).');
    const from = Math.floor(span.from / step) * step;
    const points = Math.ceil((span.to - from) / step);
    if (points > MAX_POINTS) return armError(req, 400, 'BadRequest', `The requested timespan at ${intervalRaw} has ${points} points; at most ${MAX_POINTS} are allowed.`);
    const filter = req.query.get('$filter');
    let split: 'all' | 'one' | 'none' = 'none';
    let only: string | null = null;
    if (filter) {
      const m = /^\s*EntityName\s+eq\s+'([^']*)'\s*$/i.exec(filter);
      if (!m) return armError(req, 400, 'BadRequest', `Invalid $filter '${filter}'. Supported: EntityName eq '*' or EntityName eq '<event hub name>'.`);
      split = m[1] === '*' ? 'all' : 'one';
      only = m[1] === '*' ? null : m[1]!.toLowerCase();
    }
    // Minutes are computed once and shared by every metric asked for.
    const buckets: { start: number; perHub: Map<string, { messages: number; bytes: number; throttled: number; errors: number }> | null }[] = [];
    for (let i = 0; i < points; i++) {
      const start = from + i * step;
      if (start >= nowMs) {
        buckets.push({ start, perHub: null });
        continue;
      }
      const acc = new Map<string, { messages: number; bytes: number; throttled: number; errors: number }>();
      for (let m = start; m < Math.min(start + step, nowMs); m += MINUTE) {
        for (const [hub, v] of minuteTraffic(m)) {
          const a = acc.get(hub) ?? { messages: 0, bytes: 0, throttled: 0, errors: 0 };
          a.messages += v.messages;
          a.bytes += v.bytes;
          a.throttled += v.throttled;
          a.errors += v.errors;
          acc.set(hub, a);
        }
      }
      buckets.push({ start, perHub: acc });
    }
    const pick = (metric: string, v: { messages: number; bytes: number; throttled: number; errors: number }): number => {
      switch (metric) {
        case 'IncomingMessages':
        case 'OutgoingMessages':
          return v.messages;
        case 'IncomingBytes':
        case 'OutgoingBytes':
          return v.bytes;
        case 'ThrottledRequests':
          return v.throttled;
        default:
          return v.errors;
      }
    };
    const hubNames = split === 'all' ? hubs.map((t) => hubNameFor(t.name)) : split === 'one' ? hubs.map((t) => hubNameFor(t.name)).filter((h) => h === only) : [null];
    const value = names.map((n) => {
      const metric = Object.keys(METRICS).find((k) => k.toLowerCase() === n.toLowerCase())!;
      const meta = METRICS[metric]!;
      const timeseries = hubNames.map((hub) => ({
        metadatavalues: hub === null ? [] : [{ name: { value: 'entityname', localizedValue: 'entityname' }, value: hub }],
        data: buckets.map((b) => {
          const point: { timeStamp: string; total?: number } = { timeStamp: isoSeconds(b.start) };
          if (b.perHub) {
            let total = 0;
            for (const [h, v] of b.perHub) if (hub === null || h === hub) total += pick(metric, v);
            point.total = total;
          }
          return point;
        }),
      }));
      return {
        id: `${nsId}/providers/Microsoft.Insights/metrics/${metric}`,
        type: 'Microsoft.Insights/metrics',
        name: { value: metric, localizedValue: meta.localized },
        displayDescription: `${meta.localized.replace(/\.$/, '')} for Microsoft.EventHub.`,
        unit: meta.unit,
        timeseries,
        errorCode: 'Success',
      };
    });
    return armOk(req, { cost: 0, timespan: `${isoSeconds(span.from)}/${isoSeconds(span.to)}`, interval: intervalRaw, value, namespace: 'microsoft.eventhub/namespaces', resourceregion: LOCATION });
  };

  const workspace = () => ({
    id: wsId,
    name: ident.workspaceName,
    type: 'Microsoft.OperationalInsights/workspaces',
    location: LOCATION,
    properties: {
      customerId: ident.workspaceId,
      provisioningState: 'Succeeded',
      sku: { name: 'PerGB2018', lastSkuUpdate: createdAt },
      retentionInDays: tenant.tables.length > 0 ? 90 : 30,
      features: { legacy: 0, searchVersion: 1, enableLogAccessUsingOnlyResourcePermissions: true },
      workspaceCapping: { dailyQuotaGb: -1, quotaNextResetTime: createdAt, dataIngestionStatus: 'RespectQuota' },
      publicNetworkAccessForIngestion: 'Enabled',
      publicNetworkAccessForQuery: 'Enabled',
      createdDate: createdAt,
      modifiedDate: createdAt,
    },
  });

  return (req) => {
    const nowMs = tenant.refresh();
    if (!req.query.get('api-version')) return armError(req, 400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
    const path = decodeURIComponent(req.path).replace(/\/+$/, '');
    const lower = path.toLowerCase();
    const m = req.method.toUpperCase();

    if (lower.startsWith(sentinelPrefix + '/')) {
      const rest = path.slice(sentinelPrefix.length + 1).split('/');
      const [collection = '', name] = rest;
      const col = collection.toLowerCase();
      if (rest.length > 2) return armError(req, 404, 'NotFound', `The resource path '${req.path}' is not supported.`);
      if (col === 'incidents') {
        if (name === undefined && m === 'GET') return listSentinel(req);
        if (name !== undefined) {
          if (m === 'GET') {
            const s = tenant.incidents.sentinel.get(name);
            return s ? armOk(req, tenant.incidents.sentinelWire(s)) : armError(req, 404, 'NotFound', `Incident '${name}' was not found in workspace '${ident.workspaceName}'.`);
          }
          if (m === 'PUT') return putSentinel(req, name, nowMs);
        }
      }
      if (col === 'dataconnectors' && m === 'GET') {
        if (name === undefined) return armOk(req, { value: tenant.dataConnectors.map((c) => c.wire) });
        const c = tenant.dataConnectors.find((x) => x.wire.name === name);
        return c ? armOk(req, c.wire) : armError(req, 404, 'NotFound', `Data connector '${name}' was not found.`);
      }
      if (col === 'alertrules' && m === 'GET') {
        if (name === undefined) return armOk(req, { value: tenant.alertRules.map((r) => r.wire) });
        const r = tenant.alertRules.find((x) => x.wire.name === name);
        return r ? armOk(req, r.wire) : armError(req, 404, 'NotFound', `Alert rule '${name}' was not found.`);
      }
      return armError(req, 404, 'NotFound', `The resource path '${req.path}' is not supported.`);
    }
    if (lower === wsId.toLowerCase() && m === 'GET') return armOk(req, workspace());
    if (lower === `${wsId}/tables`.toLowerCase() && m === 'GET') return armOk(req, { value: tenant.tables });
    if (lower.startsWith(`${wsId}/tables/`.toLowerCase()) && m === 'GET') {
      const t = tenant.tables.find((x) => x.name.toLowerCase() === lower.slice(wsId.length + 8));
      return t ? armOk(req, t) : armError(req, 404, 'ResourceNotFound', `The table '${path.slice(wsId.length + 8)}' was not found in workspace '${ident.workspaceName}'.`);
    }
    if (lower === nsId.toLowerCase() && m === 'GET') return armOk(req, namespace());
    if (lower === `${nsId}/eventhubs`.toLowerCase() && m === 'GET') return armOk(req, { value: hubs.map(eventHub) });
    if (lower === `${nsId}/providers/microsoft.insights/metrics`.toLowerCase() && m === 'GET') return metrics(req, nowMs);
    const ws = /\/providers\/Microsoft\.OperationalInsights\/workspaces\/([^/]+)/i.exec(path);
    if (ws) return armError(req, 404, 'ResourceNotFound', `The Resource 'Microsoft.OperationalInsights/workspaces/${ws[1]}' under resource group '${ident.resourceGroup}' was not found.`);
    return armError(req, 404, 'ResourceNotFound', `The resource '${req.path}' was not found.`);
  };
}
