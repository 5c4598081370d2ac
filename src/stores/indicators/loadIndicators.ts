/**
 * Reading the tenant's indicators, machines and device postures — the ONE implementation the
 * Indicators screen (through its polled resources) and the `indicators` commands both use.
 */
import type { ApiClients } from '../../api/index.js';
import type { PageProgress } from '../../api/pager.js';
import { networkProtectionFromContext, networkProtectionQuery } from '../../api/queries.js';
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

/** Every indicator, paged to the end ($top=10,000 + $skip; see src/api/pager.ts). */
export async function fetchAllIndicators(api: ApiClients, opts: { signal?: AbortSignal; onProgress?: (p: PageProgress) => void } = {}): Promise<IndicatorsSnapshot> {
  const res = await api.mde.listIndicators({ ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
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
  const res = await api.mde.listIndicators({ filter: `creationTimeDateTimeUtc ge ${since.toISOString()}`, ...(signal ? { signal } : {}) });
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

/** One shared copy of each repeated short value (group, platform, version, status): 20,000 machines have a few dozen distinct ones. */
function interner(): (v: string | null) => string | null {
  const seen = new Map<string, string>();
  return (v) => {
    if (v === null) return null;
    const known = seen.get(v);
    if (known !== undefined) return known;
    seen.set(v, v);
    return v;
  };
}

/** A mapper from Machine to DeviceMachine; machines mapped by one mapper share their repeated values. */
export function machineSlimmer(): (m: Machine) => DeviceMachine {
  const intern = interner();
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
    out.postures = hunt.value.results.map((r) => ({
      deviceId: String(r.DeviceId ?? ''),
      deviceName: typeof r.DeviceName === 'string' ? r.DeviceName : null,
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
