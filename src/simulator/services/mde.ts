/**
 * MDE API handler (`/api/...` and `/api/v1.0/...`): indicators, machines, device AV health.
 * Contracts: api-contracts §a and §g; learn.microsoft.com/defender-endpoint/api/*.
 */
import type { ServiceHandler, SimRequest, SimResponse } from '../contract.js';
import { deviceAvInfoRow, type SimDevice } from '../tenant/devices.js';
import { parseIndicatorInput, SOAR_APP, wireIndicator, type IndicatorInput, type StoredIndicator } from '../tenant/indicators.js';
import { iso7 } from '../tenant/clock.js';
import type { Tenant } from '../tenant/index.js';
import { compileFilter, parseNonNegativeInt } from './odata.js';
import { hasPermission, MDE_HEADERS, mdeError, nextLink } from './responses.js';

/** `$top` maximum and page size of list APIs (get-ti-indicators-collection, get-machines). */
export const MDE_MAX_PAGE = 10_000;
/** import and BatchDelete take at most 500 items per call. */
export const MDE_MAX_BATCH = 500;

const INDICATOR_FILTERABLE = new Set(['application', 'createdbydisplayname', 'expirationtime', 'generatealert', 'title', 'rbacgroupnames', 'rbacgroupids', 'indicatorvalue', 'indicatortype', 'creationtimedatetimeutc', 'createdby', 'action', 'severity']);
const MACHINE_FILTERABLE = new Set(['computerdnsname', 'id', 'version', 'devicevalue', 'aaddeviceid', 'machinetags', 'lastseen', 'exposurelevel', 'onboardingstatus', 'lastipaddress', 'healthstatus', 'osplatform', 'riskscore', 'rbacgroupid']);
const AVINFO_FILTERABLE = new Set(['machineid', 'computerdnsname', 'oskind', 'osplatform', 'osversion', 'avmode', 'avsignatureversion', 'avengineversion', 'avplatformversion', 'quickscanresult', 'quickscanerror', 'fullscanresult', 'fullscanerror', 'avissignatureuptodate', 'avisengineuptodate', 'avisplatformuptodate', 'rbacgroupid']);

const TI_READ = ['Ti.ReadWrite.All', 'Ti.ReadWrite', 'Ti.Read.All'] as const;
const TI_WRITE = ['Ti.ReadWrite.All', 'Ti.ReadWrite'] as const;
const MACHINE_READ = ['Machine.Read.All', 'Machine.ReadWrite.All', 'Machine.Read', 'Machine.ReadWrite'] as const;

function forbidden(req: SimRequest, roles: readonly string[]): SimResponse {
  return mdeError(req, 403, 'Forbidden', `The application does not have any of the required application roles (${roles.join(', ')}) to access the resource.`);
}

/**
 * With Ti.ReadWrite (not .All) an application sees and updates only the indicators it created
 * (role description "Read and write IOCs belonging to the app"). Ti.Read.All is a real role not
 * listed on the endpoint pages; the simulator accepts it for reads of all indicators [I].
 */
function ownOnly(req: SimRequest, forWrite: boolean): string | null {
  const t = req.token;
  if (!t || t.roles.length === 0) return null;
  if (t.roles.includes('Ti.ReadWrite.All')) return null;
  if (!forWrite && t.roles.includes('Ti.Read.All')) return null;
  return t.appid;
}

function ok(body: unknown, status = 200): SimResponse {
  return { status, headers: { ...MDE_HEADERS }, body };
}

/** Pages a list the way MDE does: `$top` ≤ 10,000 with no nextLink; without `$top`, pages of 10,000 and a `$skip` nextLink. */
function page<T>(req: SimRequest, rows: readonly T[], rawJson: (row: T) => string, context: string, nextLinkWithTop = false): SimResponse {
  let top: number | undefined;
  let skip: number;
  try {
    top = parseNonNegativeInt('$top', req.query.get('$top'));
    skip = parseNonNegativeInt('$skip', req.query.get('$skip')) ?? 0;
  } catch (e) {
    return mdeError(req, 400, 'ODataError', (e as Error).message);
  }
  if (top !== undefined && top > MDE_MAX_PAGE) return mdeError(req, 400, 'ODataError', `The limit of '${MDE_MAX_PAGE}' for Top query has been exceeded. The value from the incoming request is '${top}'.`);
  const size = top ?? MDE_MAX_PAGE;
  const slice = rows.slice(skip, skip + size);
  const more = skip + slice.length < rows.length;
  const link = more && (top === undefined || nextLinkWithTop) ? `,"@odata.nextLink":${JSON.stringify(nextLink(req, { $skip: String(skip + size) }))}` : '';
  // Pre-serialised rows: a 10,000-row page is a string join, not a re-serialisation.
  const body = `{"@odata.context":${JSON.stringify(`${req.serviceBaseUrl}/api/$metadata#${context}`)},"value":[${slice.map(rawJson).join(',')}]${link}}`;
  return ok(body);
}

export function createMdeHandler(tenant: Tenant): ServiceHandler {
  const machineJson = new WeakMap<SimDevice, string>();
  const jsonOfDevice = (d: SimDevice): string => {
    let j = machineJson.get(d);
    if (!j) machineJson.set(d, (j = JSON.stringify(d.machine)));
    return j;
  };

  const creatorOf = (req: SimRequest): { createdBy: string; createdByDisplayName: string } => {
    const t = req.token!;
    if (t.upn && t.scp.length > 0) return { createdBy: t.upn, createdByDisplayName: t.upn };
    const display = t.appid === SOAR_APP.appId ? SOAR_APP.displayName : t.appid === tenant.identity.clientId ? 'mde-console' : t.appid;
    return { createdBy: t.appid, createdByDisplayName: display };
  };

  const visibleIndicators = (req: SimRequest, forWrite: boolean): readonly StoredIndicator[] => {
    const owner = ownOnly(req, forWrite);
    const all = tenant.indicators.list();
    return owner === null ? all : all.filter((e) => e.wire.createdBy === owner);
  };

  /** Upsert keyed by (indicatorType, indicatorValue) among the caller's visible indicators [I: key undocumented]. */
  const upsert = (req: SimRequest, input: IndicatorInput, nowMs: number): { ok: true; entry: StoredIndicator } | { ok: false; code: string; message: string } => {
    const existing = visibleIndicators(req, true).find((e) => e.wire.indicatorType === input.indicatorType && e.wire.indicatorValue === input.indicatorValue);
    const who = creatorOf(req);
    if (existing) {
      const w = existing.wire;
      const updated = {
        ...w,
        action: input.action,
        title: input.title,
        description: input.description,
        application: input.application,
        severity: input.severity ?? w.severity,
        recommendedActions: input.recommendedActions,
        rbacGroupNames: input.rbacGroupNames,
        rbacGroupIds: wireIndicator({ ...baseFields(input, who, w.id, nowMs) }).rbacGroupIds,
        generateAlert: input.generateAlert,
        educateUrl: input.educateUrl,
        expirationTime: input.expirationMs === null ? null : new Date(input.expirationMs).toISOString().slice(0, 19) + 'Z',
        lastUpdateTime: iso7(nowMs),
        lastUpdatedBy: who.createdBy,
        externalId: input.externalId ?? w.externalId ?? null,
      };
      return { ok: true, entry: tenant.indicators.put(updated) };
    }
    // Tenant cap (indicators-overview.md). The real error code for the cap is undocumented [I].
    if (tenant.indicators.size >= tenant.indicatorLimit) return { ok: false, code: 'BadRequest', message: `The maximum number of indicators (${tenant.indicatorLimit}) for this tenant has been reached. Delete or let indicators expire before adding new ones.` };
    return { ok: true, entry: tenant.indicators.put(wireIndicator(baseFields(input, who, tenant.indicators.allocateId(), nowMs))) };
  };

  const baseFields = (input: IndicatorInput, who: { createdBy: string; createdByDisplayName: string }, id: string, nowMs: number) => ({
    id,
    indicatorValue: input.indicatorValue,
    indicatorType: input.indicatorType,
    action: input.action,
    title: input.title,
    description: input.description,
    application: input.application,
    severity: input.severity,
    recommendedActions: input.recommendedActions,
    rbacGroupNames: input.rbacGroupNames,
    generateAlert: input.generateAlert,
    createdBy: who.createdBy,
    createdByDisplayName: who.createdByDisplayName,
    createdBySource: 'PublicApi',
    createdMs: nowMs,
    expirationMs: input.expirationMs,
    educateUrl: input.educateUrl,
    externalId: input.externalId,
  });

  const listIndicators = (req: SimRequest): SimResponse => {
    if (!hasPermission(req, TI_READ)) return forbidden(req, TI_WRITE);
    let pred;
    try {
      pred = compileFilter(req.query.get('$filter'), INDICATOR_FILTERABLE);
    } catch (e) {
      return mdeError(req, 400, 'ODataError', (e as Error).message);
    }
    const rows = req.query.get('$filter') ? visibleIndicators(req, false).filter((e) => pred(e.wire)) : visibleIndicators(req, false);
    return page(req, rows, (e) => e.json, 'Indicators');
  };

  const postIndicator = (req: SimRequest, nowMs: number): SimResponse => {
    if (!hasPermission(req, TI_WRITE)) return forbidden(req, TI_WRITE);
    const parsed = parseIndicatorInput(req.body);
    if (!parsed.ok) return mdeError(req, 400, parsed.error.code, parsed.error.message);
    const r = upsert(req, parsed.input, nowMs);
    if (!r.ok) return mdeError(req, 400, r.code, r.message);
    return ok(`{"@odata.context":${JSON.stringify(`${req.serviceBaseUrl}/api/$metadata#Indicators/$entity`)},${r.entry.json.slice(1)}`);
  };

  const importIndicators = (req: SimRequest, nowMs: number): SimResponse => {
    if (!hasPermission(req, TI_WRITE)) return forbidden(req, TI_WRITE);
    const list = (req.body as { Indicators?: unknown } | undefined)?.Indicators;
    if (!Array.isArray(list)) return mdeError(req, 400, 'InvalidRequestBody', "Request body must be {\"Indicators\": [ ... ]} (property names are case-sensitive).");
    if (list.length === 0) return mdeError(req, 400, 'InvalidRequestBody', 'The Indicators list is empty.');
    if (list.length > MDE_MAX_BATCH) return mdeError(req, 400, 'MaximumBatchSizeExceeded', `Maximum batch size exceeded. Received: ${list.length}, allowed: ${MDE_MAX_BATCH}.`);
    const value = list.map((item) => {
      const indicator = typeof (item as { indicatorValue?: unknown })?.indicatorValue === 'string' ? (item as { indicatorValue: string }).indicatorValue : null;
      const parsed = parseIndicatorInput(item);
      if (!parsed.ok) return { id: null, indicator, isFailed: true, failureReason: parsed.error.message };
      const r = upsert(req, parsed.input, nowMs);
      if (!r.ok) return { id: null, indicator, isFailed: true, failureReason: r.message };
      return { id: r.entry.wire.id, indicator, isFailed: false, failureReason: null };
    });
    return ok({ '@odata.context': `${req.serviceBaseUrl}/api/$metadata#Collection(microsoft.windowsDefenderATP.api.ImportIndicatorResult)`, value });
  };

  const batchDelete = (req: SimRequest): SimResponse => {
    if (!hasPermission(req, TI_WRITE)) return forbidden(req, TI_WRITE);
    const ids = (req.body as { IndicatorIds?: unknown } | undefined)?.IndicatorIds;
    if (!Array.isArray(ids) || ids.length === 0) return mdeError(req, 400, 'InvalidRequestBody', 'Request body must be {"IndicatorIds": ["<id>", ...]} with at least one id.');
    if (ids.length > MDE_MAX_BATCH) return mdeError(req, 400, 'MaximumBatchSizeExceeded', `Maximum batch size exceeded. Received: ${ids.length}, allowed: ${MDE_MAX_BATCH}.`);
    const bad = ids.find((x) => !/^\d+$/.test(String(x)));
    if (bad !== undefined) return mdeError(req, 400, 'InvalidInput', `Invalid indicator id '${String(bad)}'.`);
    // All-or-nothing [I]: any unknown id fails the whole call with 404.
    const missing = ids.find((x) => !tenant.indicators.get(String(x)));
    if (missing !== undefined) return mdeError(req, 404, 'ResourceNotFound', `Indicator with id '${String(missing)}' was not found.`);
    const owner = ownOnly(req, true);
    if (owner !== null && ids.some((x) => tenant.indicators.get(String(x))!.wire.createdBy !== owner)) return mdeError(req, 403, 'Forbidden', 'The application may only delete indicators it created (Ti.ReadWrite).');
    for (const x of ids) tenant.indicators.delete(String(x));
    return { status: 204, headers: { 'odata-version': '4.0' } };
  };

  const deleteOne = (req: SimRequest, id: string): SimResponse => {
    if (!hasPermission(req, TI_WRITE)) return forbidden(req, TI_WRITE);
    const e = tenant.indicators.get(id);
    if (!e) return mdeError(req, 404, 'ResourceNotFound', `Indicator with id '${id}' was not found.`);
    const owner = ownOnly(req, true);
    if (owner !== null && e.wire.createdBy !== owner) return mdeError(req, 403, 'Forbidden', 'The application may only delete indicators it created (Ti.ReadWrite).');
    tenant.indicators.delete(id);
    return { status: 204, headers: { 'odata-version': '4.0' } };
  };

  const listMachines = (req: SimRequest): SimResponse => {
    if (!hasPermission(req, MACHINE_READ)) return forbidden(req, ['Machine.Read.All', 'Machine.ReadWrite.All']);
    let pred;
    try {
      pred = compileFilter(req.query.get('$filter'), MACHINE_FILTERABLE);
    } catch (e) {
      return mdeError(req, 400, 'ODataError', (e as Error).message);
    }
    const rows = tenant.devices.filter((d) => pred(d.machine));
    return page(req, rows, jsonOfDevice, 'Machines');
  };

  const getMachine = (req: SimRequest, id: string): SimResponse => {
    if (!hasPermission(req, MACHINE_READ)) return forbidden(req, ['Machine.Read.All', 'Machine.ReadWrite.All']);
    const d = tenant.devices.find((x) => x.machine.id === id.toLowerCase() || x.machine.computerDnsName === id);
    if (!d) return mdeError(req, 404, 'ResourceNotFound', `Machine ${id} was not found.`);
    return ok(`{"@odata.context":${JSON.stringify(`${req.serviceBaseUrl}/api/$metadata#Machines/$entity`)},${jsonOfDevice(d).slice(1)}`);
  };

  const deviceAvInfo = (req: SimRequest, nowMs: number): SimResponse => {
    // device-health-api-methods-properties: Machine.Read.All (application) / Machine.Read (delegated).
    if (!hasPermission(req, ['Machine.Read.All', 'Machine.ReadWrite.All', 'Machine.Read'])) return forbidden(req, ['Machine.Read.All']);
    let pred;
    try {
      pred = compileFilter(req.query.get('$filter'), AVINFO_FILTERABLE);
    } catch (e) {
      return mdeError(req, 400, 'ODataError', (e as Error).message);
    }
    const rows = tenant.devices.map((d) => deviceAvInfoRow(d, nowMs)).filter((r) => pred(r));
    // The JSON method is documented as paginated through @odata.nextLink.
    return page(req, rows, (r) => JSON.stringify(r), 'DeviceAvInfo', true);
  };

  return (req) => {
    const nowMs = tenant.refresh();
    const path = req.path.replace(/^\/api\/v1\.0(?=\/|$)/i, '/api').replace(/\/+$/, '');
    const m = req.method.toUpperCase();
    const lower = path.toLowerCase();
    if (lower === '/api/indicators') {
      if (m === 'GET') return listIndicators(req);
      if (m === 'POST') return postIndicator(req, nowMs);
    } else if (lower === '/api/indicators/import' && m === 'POST') return importIndicators(req, nowMs);
    else if (lower === '/api/indicators/batchdelete' && m === 'POST') return batchDelete(req);
    else if (lower.startsWith('/api/indicators/') && m === 'DELETE') return deleteOne(req, decodeURIComponent(path.slice('/api/indicators/'.length)));
    else if (lower === '/api/machines' && m === 'GET') return listMachines(req);
    else if (lower.startsWith('/api/machines/') && m === 'GET') return getMachine(req, decodeURIComponent(path.slice('/api/machines/'.length)));
    else if (lower === '/api/deviceavinfo' && m === 'GET') return deviceAvInfo(req, nowMs);
    return mdeError(req, 404, 'ResourceNotFound', `No API resource matches ${req.method} ${req.path}.`);
  };
}

