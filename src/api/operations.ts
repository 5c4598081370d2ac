/**
 * The one table of every operation the console performs: which service, which HTTP route, whether
 * it changes the tenant, which permission it needs and which documented rate limits apply.
 *
 * Everything keys off it: the read-only guard (a request that matches no read operation is
 * refused), the rate budget, 403 → missing-permission messages, and the README's
 * "permissions each screen needs" table (`PERMISSIONS_TABLE`).
 */

export type ApiServiceName = 'mde' | 'graph' | 'arm' | 'loganalytics';

/** Human names used in error messages ("MDE API 403 Forbidden on GET …"). */
export const SERVICE_LABELS: Record<ApiServiceName, string> = {
  mde: 'MDE API',
  graph: 'Microsoft Graph',
  arm: 'Azure Resource Manager',
  loganalytics: 'Log Analytics API',
};

/** A rate limit: at most `limit` calls per `windowMs`, optionally with a smaller burst. */
export interface RateLimit {
  /** Budget key: operations naming the same key share one bucket. */
  key: string;
  limit: number;
  windowMs: number;
}

export interface OperationSpec {
  id: string;
  service: ApiServiceName;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Matched against the URL path after the service base path (e.g. "/api/indicators"). */
  path: RegExp;
  /** True when the call changes the tenant; refused unless writes are enabled. */
  write: boolean;
  /** What to grant when the service answers 403 (least privilege first). */
  permission: string;
  limits: RateLimit[];
  description: string;
  /**
   * Responses can be megabytes (a page of up to 10,000 rows, or every device's hunting row): read
   * one at a time through the pipeline's TransferGate, so their buffers never pile up (issue 9).
   */
  large?: true;
}

const MIN = 60_000;
const HOUR = 3_600_000;

// MDE per-endpoint limits: get-ti-indicators-collection / post-ti-indicator / delete-ti-indicator-by-id
// "100 calls per minute and 1500 calls per hour"; import-ti-indicators "30 calls per minute";
// batch-delete-ti-indicators "30 calls per minute and 1500 per hour"; get-machines 100/min, 1500/h;
// device-health-export-antivirus-health-report-api "30 calls per minute and 1000 calls per hour".
// Limits apply per application + tenant (MicrosoftDocs/microsoft-365-docs#10124), so one bucket per process.
const mdeStd = (key: string): RateLimit[] => [
  { key: `${key}/min`, limit: 100, windowMs: MIN },
  { key: `${key}/h`, limit: 1500, windowMs: HOUR },
];

// Graph throttling-limits: "any request on /security" 150 requests/min per app per tenant. Incidents,
// alerts_v2 and runHuntingQuery have no row of their own, so they share this bucket; runHuntingQuery
// additionally keeps the advanced-hunting quota (45/min, 1,500/h).
const graphSecurity: RateLimit = { key: 'graph.security/min', limit: 150, windowMs: MIN };

// ARM (request-limits-and-throttling, 2024 token bucket): subscription reads bucket 250, refill 25/s;
// writes bucket 200, refill 10/s. Expressed as "limit per window" with the bucket size as the limit.
const armReads: RateLimit = { key: 'arm.reads', limit: 250, windowMs: 10_000 };
const armWrites: RateLimit = { key: 'arm.writes', limit: 200, windowMs: 20_000 };

// Log Analytics service limits: 200 requests per 30 seconds per user/IP.
const laQuery: RateLimit = { key: 'loganalytics.query', limit: 200, windowMs: 30_000 };

const SENTINEL = '^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.OperationalInsights/workspaces/[^/]+/providers/Microsoft\\.SecurityInsights';
const WORKSPACE = '^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.OperationalInsights/workspaces/[^/]+';
const EVENTHUB_NS = '^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.EventHub/namespaces/[^/]+';

export const OPERATIONS: readonly OperationSpec[] = [
  // MDE indicators. Ti.ReadWrite (own indicators only) or Ti.ReadWrite.All are the documented roles for
  // list; Ti.Read.All exists as an app role but the endpoint page does not list it (api-contracts Gaps).
  { id: 'mde.indicators.list', service: 'mde', method: 'GET', path: /^\/api(\/v1\.0)?\/indicators\/?$/i, write: false, permission: 'Ti.Read.All or Ti.ReadWrite.All', limits: mdeStd('mde.indicators.list'), description: 'List indicators', large: true },
  { id: 'mde.indicators.submit', service: 'mde', method: 'POST', path: /^\/api(\/v1\.0)?\/indicators\/?$/i, write: true, permission: 'Ti.ReadWrite.All', limits: mdeStd('mde.indicators.submit'), description: 'Submit or update an indicator' },
  { id: 'mde.indicators.import', service: 'mde', method: 'POST', path: /^\/api(\/v1\.0)?\/indicators\/import\/?$/i, write: true, permission: 'Ti.ReadWrite.All', limits: [{ key: 'mde.indicators.import/min', limit: 30, windowMs: MIN }], description: 'Import up to 500 indicators' },
  { id: 'mde.indicators.batchDelete', service: 'mde', method: 'POST', path: /^\/api(\/v1\.0)?\/indicators\/BatchDelete\/?$/i, write: true, permission: 'Ti.ReadWrite.All', limits: [{ key: 'mde.indicators.batchDelete/min', limit: 30, windowMs: MIN }, { key: 'mde.indicators.batchDelete/h', limit: 1500, windowMs: HOUR }], description: 'Delete up to 500 indicators' },
  { id: 'mde.indicators.delete', service: 'mde', method: 'DELETE', path: /^\/api(\/v1\.0)?\/indicators\/[^/]+\/?$/i, write: true, permission: 'Ti.ReadWrite.All', limits: mdeStd('mde.indicators.delete'), description: 'Delete one indicator' },
  { id: 'mde.machines.list', service: 'mde', method: 'GET', path: /^\/api(\/v1\.0)?\/machines\/?$/i, write: false, permission: 'Machine.Read.All', limits: mdeStd('mde.machines.list'), description: 'List devices', large: true },
  { id: 'mde.deviceavinfo.list', service: 'mde', method: 'GET', path: /^\/api(\/v1\.0)?\/deviceavinfo\/?$/i, write: false, permission: 'Machine.Read.All', limits: [{ key: 'mde.deviceavinfo/min', limit: 30, windowMs: MIN }, { key: 'mde.deviceavinfo/h', limit: 1000, windowMs: HOUR }], description: 'Export device antivirus health', large: true },

  // Microsoft Graph (paths after /v1.0).
  { id: 'graph.incidents.list', service: 'graph', method: 'GET', path: /^\/security\/incidents\/?$/i, write: false, permission: 'SecurityIncident.Read.All', limits: [graphSecurity], description: 'List Defender incidents', large: true },
  { id: 'graph.incidents.get', service: 'graph', method: 'GET', path: /^\/security\/incidents\/[^/]+\/?$/i, write: false, permission: 'SecurityIncident.Read.All', limits: [graphSecurity], description: 'Get a Defender incident' },
  { id: 'graph.incidents.update', service: 'graph', method: 'PATCH', path: /^\/security\/incidents\/[^/]+\/?$/i, write: true, permission: 'SecurityIncident.ReadWrite.All', limits: [graphSecurity], description: 'Update a Defender incident' },
  // POST but read-only: explicitly allowed while writes are off.
  { id: 'graph.hunting.run', service: 'graph', method: 'POST', path: /^\/security\/runHuntingQuery\/?$/i, write: false, permission: 'ThreatHunting.Read.All', limits: [graphSecurity, { key: 'graph.hunting/min', limit: 45, windowMs: MIN }, { key: 'graph.hunting/h', limit: 1500, windowMs: HOUR }], description: 'Run an advanced hunting query', large: true },
  { id: 'graph.subscribedSkus.list', service: 'graph', method: 'GET', path: /^\/subscribedSkus\/?$/i, write: false, permission: 'LicenseAssignment.Read.All, Organization.Read.All or Directory.Read.All', limits: [], description: 'List licences' },

  // ARM: Sentinel, workspace, Event Hubs, Azure Monitor metrics.
  { id: 'arm.sentinel.incidents.list', service: 'arm', method: 'GET', path: new RegExp(`${SENTINEL}/incidents/?$`, 'i'), write: false, permission: 'Microsoft Sentinel Reader (role)', limits: [armReads], description: 'List Sentinel incidents', large: true },
  { id: 'arm.sentinel.incidents.get', service: 'arm', method: 'GET', path: new RegExp(`${SENTINEL}/incidents/[^/]+/?$`, 'i'), write: false, permission: 'Microsoft Sentinel Reader (role)', limits: [armReads], description: 'Get a Sentinel incident' },
  { id: 'arm.sentinel.incidents.update', service: 'arm', method: 'PUT', path: new RegExp(`${SENTINEL}/incidents/[^/]+/?$`, 'i'), write: true, permission: 'Microsoft Sentinel Responder (role)', limits: [armWrites], description: 'Update a Sentinel incident' },
  { id: 'arm.sentinel.dataConnectors.list', service: 'arm', method: 'GET', path: new RegExp(`${SENTINEL}/dataConnectors/?$`, 'i'), write: false, permission: 'Microsoft Sentinel Reader (role)', limits: [armReads], description: 'List Sentinel data connectors' },
  { id: 'arm.sentinel.alertRules.list', service: 'arm', method: 'GET', path: new RegExp(`${SENTINEL}/alertRules/?$`, 'i'), write: false, permission: 'Microsoft Sentinel Reader (role)', limits: [armReads], description: 'List Sentinel analytics rules' },
  { id: 'arm.workspace.get', service: 'arm', method: 'GET', path: new RegExp(`${WORKSPACE}/?$`, 'i'), write: false, permission: 'Log Analytics Reader (role)', limits: [armReads], description: 'Get the Log Analytics workspace' },
  { id: 'arm.workspace.tables.list', service: 'arm', method: 'GET', path: new RegExp(`${WORKSPACE}/tables/?$`, 'i'), write: false, permission: 'Log Analytics Reader (role)', limits: [armReads], description: 'List workspace tables and retention' },
  { id: 'arm.eventhub.namespace.get', service: 'arm', method: 'GET', path: new RegExp(`${EVENTHUB_NS}/?$`, 'i'), write: false, permission: 'Reader (role) on the Event Hubs namespace', limits: [armReads], description: 'Get the Event Hubs namespace' },
  { id: 'arm.eventhub.hubs.list', service: 'arm', method: 'GET', path: new RegExp(`${EVENTHUB_NS}/eventhubs/?$`, 'i'), write: false, permission: 'Reader (role) on the Event Hubs namespace', limits: [armReads], description: 'List event hubs' },
  { id: 'arm.monitor.metrics', service: 'arm', method: 'GET', path: /\/providers\/Microsoft\.Insights\/metrics\/?$/i, write: false, permission: 'Monitoring Reader (role)', limits: [armReads], description: 'Read Azure Monitor metrics' },

  // Log Analytics data plane. POST but read-only: explicitly allowed while writes are off.
  { id: 'loganalytics.query', service: 'loganalytics', method: 'POST', path: /^\/v1\/workspaces\/[^/]+\/query\/?$/i, write: false, permission: 'Log Analytics Reader (role)', limits: [laQuery], description: 'Run a Log Analytics query' },
];

/** A request the table does not know: reads are let through (budgeted per service), writes refused. */
export interface UnknownOperation {
  id: string;
  service: ApiServiceName;
  write: boolean;
  permission: null;
  limits: RateLimit[];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Default per-service budget for reads outside the table (e.g. a Graph $metadata fetch). */
const FALLBACK_LIMITS: Record<ApiServiceName, RateLimit[]> = {
  mde: mdeStd('mde.other'),
  graph: [],
  arm: [armReads],
  loganalytics: [laQuery],
};

/** Find the operation a request performs. `path` is relative to the service base path. */
export function classifyRequest(service: ApiServiceName, method: string, path: string): OperationSpec | UnknownOperation {
  const m = method.toUpperCase();
  const found = OPERATIONS.find((op) => op.service === service && op.method === m && op.path.test(path));
  if (found) return found;
  return { id: `${service}.${m} ${path}`, service, write: !SAFE_METHODS.has(m), permission: null, limits: FALLBACK_LIMITS[service] };
}

export function operationById(id: string): OperationSpec | undefined {
  return OPERATIONS.find((op) => op.id === id);
}

/** Rows for the README / `mde-console permissions`: what each operation needs. */
export interface PermissionRow {
  service: string;
  operation: string;
  write: boolean;
  permission: string;
}

export const PERMISSIONS_TABLE: readonly PermissionRow[] = OPERATIONS.map((op) => ({
  service: SERVICE_LABELS[op.service],
  operation: op.description,
  write: op.write,
  permission: op.permission,
}));
