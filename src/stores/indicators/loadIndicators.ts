/**
 * Reading the tenant's indicators, machines and device postures — the ONE implementation the
 * Indicators screen (through its polled resources) and the `indicators` commands both use.
 */
import type { ApiClients } from '../../api/index.js';
import type { PageProgress } from '../../api/pager.js';
import { networkProtectionFromContext, networkProtectionQuery } from '../../api/queries.js';
import { createListSharer, createStringSharer, shareMaybe, type StringSharer } from '../../domain/sharedValues.js';
import type { DevicePosture, Indicator, Machine } from '../../domain/types.js';

export interface IndicatorsSnapshot {
  indicators: Indicator[];
  /** False when paging stopped early (the list shows what was read and says why). */
  complete: boolean;
  /** One line: why paging stopped. */
  error?: string;
  /** When the last FULL load finished (epoch ms); 0 = the last full load was incomplete. */
  fullLoadAt: number;
}

/**
 * A mapper that gives indicators read through it one instance of each repeated value: creators,
 * types, actions, titles, descriptions, expiry times, and device-group / technique lists (most of
 * them empty). The same fields, the same values; ~4 MB less for 15,000 indicators (sharedValues.ts).
 */
export function indicatorSharer(): (ind: Indicator) => Indicator {
  const share = createStringSharer();
  const list = createListSharer(share);
  return (ind) => {
    ind.indicatorType = share(ind.indicatorType);
    ind.action = share(ind.action);
    ind.title = share(ind.title);
    ind.description = shareMaybe(share, ind.description);
    ind.application = shareMaybe(share, ind.application);
    ind.severity = shareMaybe(share, ind.severity);
    ind.recommendedActions = shareMaybe(share, ind.recommendedActions);
    ind.createdBySource = shareMaybe(share, ind.createdBySource);
    ind.createdBy = shareMaybe(share, ind.createdBy);
    ind.createdByDisplayName = shareMaybe(share, ind.createdByDisplayName);
    ind.lastUpdatedBy = shareMaybe(share, ind.lastUpdatedBy);
    ind.expirationTime = shareMaybe(share, ind.expirationTime);
    ind.rbacGroupNames = list(ind.rbacGroupNames);
    ind.rbacGroupIds = list(ind.rbacGroupIds);
    if (ind.mitreTechniques) ind.mitreTechniques = list(ind.mitreTechniques);
    if (ind.sourceType) ind.sourceType = share(ind.sourceType);
    if (ind.source) ind.source = share(ind.source);
    return ind;
  };
}

/** Every indicator, paged to the end ($top=10,000 + $skip; see src/api/pager.ts). */
export async function fetchAllIndicators(api: ApiClients, opts: { signal?: AbortSignal; onProgress?: (p: PageProgress) => void } = {}): Promise<IndicatorsSnapshot> {
  const res = await api.mde.listIndicators({
    mapItem: indicatorSharer(),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  return { indicators: res.items, complete: res.complete, ...(res.error ? { error: res.error.toString() } : {}), fullLoadAt: res.complete ? Date.now() : 0 };
}

/**
 * Indicators created at or after `since`. `lastUpdateTime` is NOT among the documented $filter
 * properties of get-ti-indicators-collection (nor the simulator's); `creationTimeDateTimeUtc` is.
 * So an incremental poll sees new indicators only; edits and deletions by others appear at the
 * next full reload (FULL_RELOAD_MS), and our own writes are merged at once and followed by a
 * full reload.
 */
export async function fetchIndicatorsCreatedSince(api: ApiClients, since: Date, signal?: AbortSignal): Promise<Indicator[]> {
  const res = await api.mde.listIndicators({ filter: `creationTimeDateTimeUtc ge ${since.toISOString()}`, mapItem: indicatorSharer(), ...(signal ? { signal } : {}) });
  if (!res.complete) throw res.error ?? new Error('indicator refresh stopped early');
  return res.items;
}

/** Replaces or adds indicators by id, keeping the previous order (new ones at the end). */
export function mergeIndicators(previous: readonly Indicator[], changed: readonly Indicator[]): Indicator[] {
  if (changed.length === 0) return previous as Indicator[];
  const byId = new Map(changed.map((i) => [i.id, i]));
  const out = previous.map((i) => {
    const c = byId.get(i.id);
    if (c) byId.delete(i.id);
    return c ?? i;
  });
  for (const c of byId.values()) out.push(c);
  return out;
}

/**
 * The machine fields the console reads — Indicators: id, name and device group (blocking
 * capability, known groups); Health: OS platform/build/version and AV status (device
 * prerequisites), health and onboarding status. The wire object carries ~20 fields (dates, IPs,
 * tags, risk…); keeping only these for 20,000 machines roughly halves what devices cost in memory.
 */
export type DeviceMachine = Pick<Machine, 'id' | 'computerDnsName' | 'rbacGroupName' | 'osPlatform' | 'osVersion' | 'version' | 'osBuild' | 'defenderAvStatus' | 'healthStatus' | 'onboardingStatus'>;

/** A mapper from Machine to DeviceMachine; machines mapped by one mapper share their repeated values. */
export function machineSlimmer(): (m: Machine) => DeviceMachine {
  const share = createStringSharer();
  const intern = (v: string | null) => shareMaybe(share, v);
  return (m) => ({
    id: m.id,
    computerDnsName: m.computerDnsName,
    rbacGroupName: intern(m.rbacGroupName),
    osPlatform: intern(m.osPlatform),
    osVersion: intern(m.osVersion),
    version: intern(m.version),
    osBuild: m.osBuild,
    defenderAvStatus: intern(m.defenderAvStatus),
    healthStatus: intern(m.healthStatus) as Machine['healthStatus'],
    onboardingStatus: intern(m.onboardingStatus),
  });
}

/** Machines reduced to DeviceMachine, repeated values shared. */
export function slimMachines(machines: readonly Machine[]): DeviceMachine[] {
  return machines.map(machineSlimmer());
}

export interface DeviceData {
  /** Slimmed (DeviceMachine): what Indicators and Health read, nothing else. */
  machines: DeviceMachine[];
  postures: DevicePosture[];
  /** Why postures are missing (e.g. no ThreatHunting.Read.All): blocking capability then shows "unknown". */
  postureError?: string;
  machineError?: string;
}

/**
 * A sharer that already holds the machines' ids and names: the advanced-hunting and antivirus-info
 * reads name the same 20,000 devices, and passing their ids and names through it keeps one copy of
 * each (~4 MB at tenant scale; sharedValues.ts). It lives for one read.
 */
export function deviceStringSharer(machines: readonly Pick<DeviceMachine, 'id' | 'computerDnsName'>[]): StringSharer {
  const share = createStringSharer();
  for (const m of machines) {
    share(m.id);
    if (m.computerDnsName) share(m.computerDnsName);
  }
  return share;
}

/** Machines (for device groups) and network-protection postures (advanced hunting, scid-96). */
export async function fetchDeviceData(api: ApiClients, signal?: AbortSignal): Promise<DeviceData> {
  const [machines, hunt] = await Promise.allSettled([
    // Slimmed page by page: 20,000 whole machines never sit in memory together.
    api.mde.listMachines({ ...(signal ? { signal } : {}), mapItem: machineSlimmer() }),
    api.graph.runHuntingQuery(networkProtectionQuery(), undefined, signal ? { signal } : {}),
  ]);
  const out: DeviceData = { machines: [], postures: [] };
  if (machines.status === 'fulfilled') {
    out.machines = machines.value.items;
    if (machines.value.error) out.machineError = machines.value.error.toString();
  } else out.machineError = String((machines.reason as Error)?.message ?? machines.reason).split('\n')[0]!;
  if (hunt.status === 'fulfilled') {
    const share = deviceStringSharer(out.machines);
    out.postures = hunt.value.results.map((r) => ({
      deviceId: share(String(r.DeviceId ?? '')),
      deviceName: typeof r.DeviceName === 'string' ? share(r.DeviceName) : null,
      networkProtection: networkProtectionFromContext(r.Context),
      antimalwarePlatformVersion: null,
    }));
  } else out.postureError = String((hunt.reason as Error)?.message ?? hunt.reason).split('\n')[0]!;
  if (out.machineError && out.postureError) throw machines.status === 'rejected' ? machines.reason : new Error(out.machineError);
  return out;
}

/** Device-group names the tenant is known to have: from machines and from existing indicators (the API has no group list). */
export function knownDeviceGroups(machines: readonly Pick<Machine, 'rbacGroupName'>[], indicators: readonly Indicator[]): string[] {
  const seen = new Map<string, string>();
  for (const m of machines) if (m.rbacGroupName) seen.set(m.rbacGroupName.toLowerCase(), m.rbacGroupName);
  for (const i of indicators) for (const g of i.rbacGroupNames) if (!seen.has(g.toLowerCase())) seen.set(g.toLowerCase(), g);
  return [...seen.values()];
}
