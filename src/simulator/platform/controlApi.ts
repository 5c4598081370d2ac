/**
 * The simulator's own control API under /_sim (JSON in, JSON out):
 *   GET    /_sim/state                 identity, simulated now, speed, active faults, token lifetime
 *   POST   /_sim/clock/advance         {"minutes": n}
 *   POST   /_sim/devicecode/approve    {"user_code": "ABCD…"} approves one; no body / {} approves all pending
 *   GET    /_sim/faults                active faults
 *   POST   /_sim/faults                {"spec": "mde:429:3,graph:latency:500"} (syntax in faults.ts)
 *   DELETE /_sim/faults[?service=mde]  clears all faults, or one service's
 *   GET    /_sim/actions               the tenant's control actions
 *   POST   /_sim/actions/{name}        {params…} → tenant.control(name, params)
 *   GET    /_sim/requests              request counts per service and operation
 *   DELETE /_sim/requests              resets the counts
 *   POST   /_sim/token-lifetime        {"seconds": n} lifetime of tokens issued from now on
 *   GET    /_sim/app-roles             the app's application permissions per resource
 *   POST   /_sim/app-roles             {"service": "mde", "roles": ["Ti.ReadWrite"]}
 * It needs no token: the server listens on loopback only, and the control API is the test and
 * demo harness's hand on the tenant, like Azurite's — it is not part of any Microsoft contract.
 */
import type { SimResponse, SimulatedTenantIdentity } from '../contract.js';
import { RESOURCE_SERVICES, type ResourceService } from './appRegistry.js';
import type { DeviceCodeStore } from './deviceCodes.js';
import { FaultSpecError, parseFaultSpec, type FaultBoard, type FaultTarget } from './faults.js';
import type { RequestCounter } from './requestCounter.js';
import type { TenantPort } from './tenantPort.js';
import type { TokenMinter } from './tokens.js';

export interface ControlApiDeps {
  identity: SimulatedTenantIdentity;
  tenant: TenantPort;
  faults: FaultBoard;
  deviceCodes: DeviceCodeStore;
  counter: RequestCounter;
  minter: TokenMinter;
  appRoles: Record<ResourceService, string[]>;
  /** Extra facts for /_sim/state (seed, scale, speed, base URLs). */
  info: () => Record<string, unknown>;
}

export interface ControlRequest {
  method: string;
  /** Path after "/_sim", e.g. "/faults". */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

function fail(status: number, code: string, message: string): SimResponse {
  return { status, body: { error: { code, message } } };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function handleControl(deps: ControlApiDeps, req: ControlRequest): SimResponse {
  const method = req.method.toUpperCase();
  const path = req.path.replace(/\/+$/, '') || '/';
  const body = isRecord(req.body) ? req.body : {};

  if (path === '/state' && method === 'GET') {
    return {
      status: 200,
      body: { ...deps.info(), identity: deps.identity, now: deps.tenant.now().toISOString(), faults: deps.faults.list(), tokenLifetimeSeconds: deps.minter.lifetimeSeconds(), pendingDeviceCodes: deps.deviceCodes.pending().map((e) => e.userCode) },
    };
  }
  if (path === '/clock/advance' && method === 'POST') {
    const minutes = body.minutes;
    if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) return fail(400, 'BadRequest', 'clock/advance needs {"minutes": <non-negative number>}');
    deps.tenant.advanceClock(minutes);
    return { status: 200, body: { now: deps.tenant.now().toISOString() } };
  }
  if (path === '/devicecode/approve' && method === 'POST') {
    const userCode = body.user_code ?? body.userCode;
    if (userCode !== undefined && typeof userCode !== 'string') return fail(400, 'BadRequest', 'devicecode/approve takes {"user_code": "<code>"} or no body to approve all');
    const approved = deps.deviceCodes.approve(userCode, typeof body.upn === 'string' ? body.upn : undefined);
    if (userCode !== undefined && approved.length === 0) return fail(404, 'NotFound', `no pending device code with user code '${userCode}'`);
    return { status: 200, body: { approved } };
  }
  if (path === '/faults') {
    if (method === 'GET') return { status: 200, body: { value: deps.faults.list() } };
    if (method === 'POST') {
      if (typeof body.spec !== 'string') return fail(400, 'BadRequest', 'faults needs {"spec": "<service>:<kind>:<n>[,…]"}, e.g. {"spec":"mde:429:5"}');
      try {
        return { status: 201, body: { value: deps.faults.add(parseFaultSpec(body.spec)) } };
      } catch (e) {
        if (e instanceof FaultSpecError) return fail(400, 'BadRequest', e.message);
        throw e;
      }
    }
    if (method === 'DELETE') {
      const service = req.query.get('service') ?? undefined;
      return { status: 200, body: { cleared: deps.faults.clear(service as FaultTarget | undefined) } };
    }
  }
  if (path === '/actions' && method === 'GET') return { status: 200, body: { value: deps.tenant.listActions() } };
  const action = /^\/actions\/([^/]+)$/.exec(path);
  if (action && method === 'POST') {
    const name = decodeURIComponent(action[1]!);
    if (!deps.tenant.listActions().includes(name)) return fail(404, 'NotFound', `unknown action '${name}'; GET /_sim/actions lists them`);
    const r = deps.tenant.control(name, body);
    return r.ok ? { status: r.status ?? 200, body: { ok: true, result: r.result ?? null } } : fail(r.status ?? 400, 'ActionFailed', r.error ?? `action '${name}' failed`);
  }
  if (path === '/requests') {
    if (method === 'GET') return { status: 200, body: deps.counter.snapshot() };
    if (method === 'DELETE') {
      deps.counter.reset();
      return { status: 204 };
    }
  }
  if (path === '/token-lifetime' && method === 'POST') {
    const seconds = body.seconds;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1) return fail(400, 'BadRequest', 'token-lifetime needs {"seconds": <positive whole number>}');
    deps.minter.setLifetimeSeconds(seconds);
    return { status: 200, body: { tokenLifetimeSeconds: seconds } };
  }
  if (path === '/app-roles') {
    if (method === 'GET') return { status: 200, body: deps.appRoles };
    if (method === 'POST') {
      const service = body.service;
      const roles = body.roles;
      if (typeof service !== 'string' || !RESOURCE_SERVICES.includes(service as ResourceService) || !Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) {
        return fail(400, 'BadRequest', `app-roles needs {"service": one of ${RESOURCE_SERVICES.join('|')}, "roles": [strings]}`);
      }
      deps.appRoles[service as ResourceService] = roles as string[];
      return { status: 200, body: deps.appRoles };
    }
  }
  return fail(404, 'NotFound', `no control endpoint ${method} /_sim${req.path}; see GET /_sim/state, /_sim/faults, /_sim/actions, /_sim/requests`);
}
