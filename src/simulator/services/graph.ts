/**
 * Microsoft Graph handler (`/v1.0/...`): security incidents (list/get/PATCH), subscribedSkus and
 * security/runHuntingQuery. Contracts: api-contracts §b and §f.
 */
import { matchQuery, networkProtectionContext, type MatchedQuery } from '../../api/queries.js';
import type { ServiceHandler, SimRequest, SimResponse } from '../contract.js';
import { HOUR, iso7 } from '../tenant/clock.js';
import type { DefenderRecord } from '../tenant/incidents.js';
import type { Tenant } from '../tenant/index.js';
import { hash01 } from '../tenant/random.js';
import { compileFilter, ODataError, parseNonNegativeInt } from './odata.js';
import { graphError, graphOk, hasPermission, nextLink } from './responses.js';

/** Graph incidents: `$top` max 50 (wazuh/wazuh#28070 capture); also the default page size here. */
export const GRAPH_INCIDENTS_MAX_TOP = 50;

const INCIDENT_FILTERABLE = new Set(['assignedto', 'classification', 'createddatetime', 'determination', 'lastupdatedatetime', 'severity', 'status']);

const STATUS = ['active', 'resolved', 'inProgress', 'redirected', 'unknownFutureValue'];
const SEVERITY = ['unknown', 'informational', 'low', 'medium', 'high', 'unknownFutureValue'];
const CLASSIFICATION = ['unknown', 'falsePositive', 'truePositive', 'informationalExpectedActivity', 'unknownFutureValue'];
const PATCHABLE = new Set(['assignedTo', 'classification', 'customTags', 'description', 'determination', 'displayName', 'severity', 'resolvingComment', 'status', 'summary']);

/** Enum values arrive in either case in docs ("TruePositive" in the update example); store camelCase. */
function camelEnum(value: unknown, allowed: readonly string[]): string | null {
  if (typeof value !== 'string') return null;
  return allowed.find((a) => a.toLowerCase() === value.toLowerCase()) ?? null;
}

export function createGraphHandler(tenant: Tenant): ServiceHandler {
  const model = tenant.incidents;
  const wireCache = new WeakMap<DefenderRecord, { at: number; wire: Record<string, unknown> }>();
  const wireOf = (d: DefenderRecord, unknownEnums: boolean): Record<string, unknown> => {
    if (d.status === 'awaitingAction') return model.defenderWire(d, unknownEnums);
    const c = wireCache.get(d);
    if (c && c.at === d.lastUpdateMs && d.json !== null) return c.wire;
    const wire = model.defenderWire(d, unknownEnums);
    d.json = JSON.stringify(wire);
    wireCache.set(d, { at: d.lastUpdateMs, wire });
    return wire;
  };
  let sorted: { key: string; list: DefenderRecord[] } | null = null;
  const newestFirst = (): DefenderRecord[] => {
    const key = `${model.defender.size}|${model.scenarios.orphans.length}`;
    if (!sorted || sorted.key !== key) sorted = { key, list: model.visibleDefender() };
    return sorted.list;
  };

  const listIncidents = (req: SimRequest): SimResponse => {
    if (!hasPermission(req, ['SecurityIncident.Read.All', 'SecurityIncident.ReadWrite.All'])) return missingRoles(req, ['SecurityIncident.Read.All', 'SecurityIncident.ReadWrite.All']);
    let top: number | undefined;
    let skip: number;
    let pred;
    try {
      top = parseNonNegativeInt('$top', req.query.get('$top'));
      skip = parseNonNegativeInt('$skip', req.query.get('$skip')) ?? 0;
      pred = compileFilter(req.query.get('$filter'), INCIDENT_FILTERABLE);
    } catch (e) {
      return graphError(req, 400, 'BadRequest', `Invalid filter clause: ${(e as ODataError).message}`);
    }
    if (top !== undefined && top > GRAPH_INCIDENTS_MAX_TOP) {
      // Exact body captured from the service (wazuh/wazuh#28070): empty code, details [].
      const r = graphError(req, 400, '', `The query specified in the URI is not valid. The limit of '${GRAPH_INCIDENTS_MAX_TOP}' for Top query has been exceeded. The value from the incoming request is '${top}'.`);
      const e = (r.body as { error: Record<string, unknown> }).error;
      return { ...r, body: { error: { code: e.code, message: e.message, details: [], innerError: e.innerError } } };
    }
    const expand = (req.query.get('$expand') ?? '').toLowerCase();
    if (expand !== '' && expand !== 'alerts') return graphError(req, 400, 'BadRequest', `Could not find a property named '${req.query.get('$expand')}' on type 'microsoft.graph.security.incident'.`);
    const unknownEnums = (req.headers['prefer'] ?? '').toLowerCase().includes('include-unknown-enum-members');
    const all = newestFirst();
    const rows = req.query.get('$filter') ? all.filter((d) => pred(wireOf(d, unknownEnums))) : all;
    const size = top ?? GRAPH_INCIDENTS_MAX_TOP;
    const slice = rows.slice(skip, skip + size);
    const body: Record<string, unknown> = { '@odata.context': `${req.serviceBaseUrl}/v1.0/$metadata#security/incidents${expand ? '(alerts())' : ''}` };
    if ((req.query.get('$count') ?? '').toLowerCase() === 'true') body['@odata.count'] = rows.length;
    body.value = slice.map((d) => (expand ? { ...wireOf(d, unknownEnums), alerts: model.alertsOf(d) } : wireOf(d, unknownEnums)));
    if (skip + slice.length < rows.length) body['@odata.nextLink'] = nextLink(req, { $top: String(size), $skip: String(skip + size) });
    return graphOk(body);
  };

  const findIncident = (id: string): DefenderRecord | undefined => {
    const d = model.defender.get(id);
    return d && !d.deleted ? d : undefined;
  };

  const getIncident = (req: SimRequest, id: string): SimResponse => {
    if (!hasPermission(req, ['SecurityIncident.Read.All', 'SecurityIncident.ReadWrite.All'])) return missingRoles(req, ['SecurityIncident.Read.All', 'SecurityIncident.ReadWrite.All']);
    const d = findIncident(id);
    if (!d) return graphError(req, 404, 'NotFound', `Incident '${id}' was not found.`);
    const expand = (req.query.get('$expand') ?? '').toLowerCase() === 'alerts';
    const unknownEnums = (req.headers['prefer'] ?? '').toLowerCase().includes('include-unknown-enum-members');
    return graphOk({ '@odata.context': `${req.serviceBaseUrl}/v1.0/$metadata#security/incidents${expand ? '(alerts())' : ''}/$entity`, ...wireOf(d, unknownEnums), ...(expand ? { alerts: model.alertsOf(d) } : {}) });
  };

  const patchIncident = (req: SimRequest, id: string, nowMs: number): SimResponse => {
    if (!hasPermission(req, ['SecurityIncident.ReadWrite.All'])) return missingRoles(req, ['SecurityIncident.ReadWrite.All']);
    const d = findIncident(id);
    if (!d) return graphError(req, 404, 'NotFound', `Incident '${id}' was not found.`);
    const b = req.body;
    if (typeof b !== 'object' || b === null || Array.isArray(b)) return graphError(req, 400, 'BadRequest', 'Empty Payload. JSON content expected.');
    const body = b as Record<string, unknown>;
    const patch: Parameters<typeof model.defenderUpdate>[2] = {};
    for (const [k, v] of Object.entries(body)) {
      if (!PATCHABLE.has(k)) return graphError(req, 400, 'BadRequest', `Invalid property '${k}': it does not exist or cannot be updated on type 'microsoft.graph.security.incident'.`);
      if (k === 'status') {
        const s = camelEnum(v, STATUS);
        if (!s) return graphError(req, 400, 'BadRequest', `Requested value '${String(v)}' was not found in the enum 'microsoft.graph.security.incidentStatus'.`);
        patch.status = s;
      } else if (k === 'classification') {
        const c = camelEnum(v, CLASSIFICATION);
        if (!c) return graphError(req, 400, 'BadRequest', `Requested value '${String(v)}' was not found in the enum 'microsoft.graph.security.alertClassification'.`);
        patch.classification = c;
      } else if (k === 'severity') {
        const s = camelEnum(v, SEVERITY);
        if (!s) return graphError(req, 400, 'BadRequest', `Requested value '${String(v)}' was not found in the enum 'microsoft.graph.security.alertSeverity'.`);
        patch.severity = s;
      } else if (k === 'determination') {
        // The resource and update pages list different members (api-contracts §b): accept any string.
        if (typeof v !== 'string') return graphError(req, 400, 'BadRequest', "Property 'determination' must be a string.");
        patch.determination = v.charAt(0).toLowerCase() + v.slice(1);
      } else if (k === 'assignedTo') {
        if (v !== null && typeof v !== 'string') return graphError(req, 400, 'BadRequest', "Property 'assignedTo' must be a string or null.");
        patch.assignedTo = v as string | null;
      } else if (k === 'customTags') {
        if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return graphError(req, 400, 'BadRequest', "Property 'customTags' must be an array of strings.");
        patch.customTags = v as string[];
      } else if (k === 'displayName' || k === 'description' || k === 'resolvingComment') {
        if (v !== null && typeof v !== 'string') return graphError(req, 400, 'BadRequest', `Property '${k}' must be a string.`);
        (patch as Record<string, unknown>)[k] = v;
      }
    }
    const by = `API-App:${req.token?.upn ?? req.token?.appid ?? 'unknown'}`;
    model.defenderUpdate(d, nowMs, patch, by);
    d.json = null;
    return graphOk({ '@odata.context': `${req.serviceBaseUrl}/v1.0/$metadata#security/incidents/$entity`, ...wireOf(d, true) });
  };

  const subscribedSkus = (req: SimRequest): SimResponse => {
    if (!hasPermission(req, ['LicenseAssignment.Read.All', 'Organization.Read.All', 'Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'])) return missingRoles(req, ['LicenseAssignment.Read.All', 'Organization.Read.All', 'Directory.Read.All']);
    return graphOk({ '@odata.context': `${req.serviceBaseUrl}/v1.0/$metadata#subscribedSkus`, value: tenant.subscribedSkus });
  };

  const runHuntingQuery = (req: SimRequest, nowMs: number): SimResponse => {
    if (!hasPermission(req, ['ThreatHunting.Read.All'])) return missingRoles(req, ['ThreatHunting.Read.All']);
    const q = (req.body as { Query?: unknown } | undefined)?.Query;
    if (typeof q !== 'string' || q.trim() === '') return graphError(req, 400, 'BadRequest', "The request body must contain a non-empty 'Query' property.");
    const matched = matchQuery(q);
    if (!matched || (matched.kind !== 'networkProtection' && matched.kind !== 'networkProtectionEvents')) {
      return graphError(req, 400, 'BadRequest', 'Query execution failed: this tenant simulator answers only the hunting queries built in src/api/queries.ts.');
    }
    return graphOk({ '@odata.context': `${req.serviceBaseUrl}/v1.0/$metadata#microsoft.graph.security.huntingQueryResults`, ...huntingAnswer(tenant, matched, nowMs) });
  };

  return (req) => {
    const nowMs = tenant.refresh();
    const path = req.path.replace(/\/+$/, '');
    const lower = path.toLowerCase();
    const m = req.method.toUpperCase();
    if (lower === '/v1.0/security/incidents' && m === 'GET') return listIncidents(req);
    const one = /^\/v1\.0\/security\/incidents\/([^/]+)$/i.exec(path);
    if (one) {
      const id = decodeURIComponent(one[1]!);
      if (m === 'GET') return getIncident(req, id);
      if (m === 'PATCH') return patchIncident(req, id, nowMs);
    }
    if (lower === '/v1.0/subscribedskus' && m === 'GET') return subscribedSkus(req);
    if (lower === '/v1.0/security/runhuntingquery' && m === 'POST') return runHuntingQuery(req, nowMs);
    const segment = path.split('/').filter(Boolean).pop() ?? '';
    return graphError(req, 400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
  };
}

/** Graph 403 for a token without the needed permission. */
function missingRoles(req: SimRequest, roles: readonly string[]): SimResponse {
  const have = req.token ? [...req.token.roles, ...req.token.scp].join(', ') : '';
  return graphError(req, 403, 'Forbidden', `Missing application roles. API required roles: ${roles.join(', ')}. Application roles: ${have}.`);
}

/** Advanced hunting answers from the device model (schema/results shape of huntingQueryResults). */
export function huntingAnswer(tenant: Tenant, q: MatchedQuery, nowMs: number): { schema: { name: string; type: string }[]; results: Record<string, unknown>[] } {
  if (q.kind === 'networkProtection') {
    const results = tenant.devices
      .filter((d) => d.osKind === 'windows')
      .map((d, i) => ({
        DeviceId: d.machine.id,
        DeviceName: d.machine.computerDnsName,
        OSPlatform: d.machine.osPlatform,
        IsApplicable: 1,
        IsCompliant: d.networkProtection === 'block' ? 1 : 0,
        Context: networkProtectionContext(d.networkProtection),
        Timestamp: iso7(nowMs - Math.floor(hash01(tenant.seed, i, 7) * 20 * HOUR)),
      }));
    return {
      schema: [
        { name: 'DeviceId', type: 'String' },
        { name: 'DeviceName', type: 'String' },
        { name: 'OSPlatform', type: 'String' },
        { name: 'IsApplicable', type: 'Int64' },
        { name: 'IsCompliant', type: 'Int64' },
        { name: 'Context', type: 'String' },
        { name: 'Timestamp', type: 'DateTime' },
      ],
      results,
    };
  }
  if (q.kind === 'networkProtectionEvents') {
    // Advanced hunting keeps 30 days (domain-notes §1 "AH API"). Counts follow each device's current
    // mode: audit-mode devices log Audited events, block-mode devices Blocked events, off none.
    const days = Math.min(q.days, 30);
    const counts = new Map<string, number>();
    tenant.devices.forEach((d, i) => {
      if (d.networkProtection === 'off' || d.osKind !== 'windows') return;
      const perDay = 0.2 + 1.5 * hash01(tenant.seed, i, 11);
      const n = Math.floor(perDay * days + hash01(tenant.seed, i, 12));
      if (n === 0) return;
      const action = d.networkProtection === 'audit' ? 'ExploitGuardNetworkProtectionAudited' : 'ExploitGuardNetworkProtectionBlocked';
      const key = `${d.machine.rbacGroupName ?? ''}\u0000${action}`;
      counts.set(key, (counts.get(key) ?? 0) + n);
    });
    const results = [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, Count]) => {
        const [MachineGroup, ActionType] = key.split('\u0000');
        return { MachineGroup, ActionType, Count };
      });
    return { schema: [{ name: 'MachineGroup', type: 'String' }, { name: 'ActionType', type: 'String' }, { name: 'Count', type: 'Int64' }], results };
  }
  throw new Error(`Not a hunting query: ${q.kind}`);
}
