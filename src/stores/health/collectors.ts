/**
 * One collector per input the health checks need. Each returns the data or `unavailable(reason)`
 * and never throws for an API fault, so a check without its input says UNKNOWN with the reason
 * instead of judging an empty list as healthy. The Health screen (through polled resources) and
 * `mde-console check` call these same functions.
 */
import type { PageResult } from '../../api/index.js';
// Not from the api barrel: that would load every client (zod, the Graph SDK) before the first frame.
import { primaryRows } from '../../api/logRows.js';
import { networkProtectionFromContext, networkProtectionQuery, tableFreshnessQuery } from '../../api/queries.js';
import {
  isUnavailable,
  unavailable,
  XDR_ADVANCED_HUNTING_TABLES,
  type IncidentSyncSummary,
  type MaybeAvailable,
  type StreamingHealthInput,
  type TableFreshness,
} from '../../domain/health/index.js';
import { ratesFromMetrics, streamingCheckInput } from '../../domain/streaming/index.js';
import { syncHealthSummary } from '../../domain/sync/index.js';
import type { AlertRule, DataConnector, DevicePosture, Indicator, Machine, SubscribedSku, Workspace, WorkspaceTable } from '../../domain/types.js';
import { shareMaybe, type StringSharer } from '../../domain/sharedValues.js';
import type { Session } from '../../session/index.js';
import { readSyncSnapshot } from '../sync/syncSnapshot.js';
import { unavailableReason } from './unavailableReason.js';

export interface CollectContext {
  signal?: AbortSignal;
  /** Defaults to `sessionNow(session)`. */
  now?: () => Date;
}

/**
 * Workspace tables whose freshness is judged: the Defender XDR connector's advanced-hunting tables,
 * plus SecurityAlert/SecurityIncident for the evidence. Only tables that exist are queried: a `union`
 * naming a table the workspace does not have fails as a whole ("Failed to resolve table expression").
 */
const FRESHNESS_TABLES = [...XDR_ADVANCED_HUNTING_TABLES, 'SecurityAlert', 'SecurityIncident'];
/**
 * 24 hours of newest rows: long enough to catch a table that stopped hours ago (it keeps its last
 * row time instead of vanishing from the answer), short enough to keep the query cheap.
 */
export const FRESHNESS_WINDOW_HOURS = 24;

/**
 * Event Hubs metrics window. Longer than "the last minutes" on purpose: a hub that stopped an hour ago
 * must show WHEN it stopped (its last message), not look like a hub that never received anything.
 * PT1M, so every minute is one bucket (api-contracts §e).
 */
export const STREAMING_WINDOW_MINUTES = 180;
/** Azure Monitor returns only the top 10 series of a dimension split unless `top` says more. */
const METRICS_TOP = 100;

/** Defender → Sentinel comparison lookback when the profile sets none (days). */
export const DEFAULT_SYNC_LOOKBACK_DAYS = 7;

/**
 * "Now" for the checks: the simulator's clock in a --demo run (its control API can move it forward),
 * the wall clock otherwise.
 */
export function sessionNow(session: Session): Date {
  return session.simulator ? session.simulator.now() : new Date();
}

const clock = (session: Session, ctx: CollectContext) => (ctx.now ? ctx.now() : sessionNow(session));
const sig = (ctx: CollectContext) => (ctx.signal ? { signal: ctx.signal } : {});

/** Runs `fn`; an exception becomes `unavailable(reason)`. */
async function guarded<T>(what: string | null, fn: () => Promise<T>): Promise<MaybeAvailable<T>> {
  try {
    return await fn();
  } catch (err) {
    return unavailable(what ? `${what}: ${unavailableReason(err)}` : unavailableReason(err));
  }
}

/** A paged list that stopped part-way is not "all" of anything: judging it would undercount. */
function allItems<T>(what: string, page: PageResult<T>): T[] {
  if (!page.complete) {
    const err = page.error;
    throw Object.assign(new Error(`${what}: listing stopped after ${page.items.length} items${err ? ` — ${err.message}` : ''}`), err ? { cause: err } : {});
  }
  return page.items;
}

/** Graph GET /subscribedSkus (licences, Office/Identity). */
export function collectSkus(session: Session, ctx: CollectContext = {}): Promise<MaybeAvailable<SubscribedSku[]>> {
  return guarded(null, () => session.api.graph.listSubscribedSkus(sig(ctx)));
}

/** MDE GET /api/indicators, every page. */
export function collectIndicators(session: Session, ctx: CollectContext = {}): Promise<MaybeAvailable<Indicator[]>> {
  return guarded(null, async () => allItems('indicators', await session.api.mde.listIndicators(sig(ctx))));
}

/** MDE GET /api/machines, every page. */
export function collectMachines(session: Session, ctx: CollectContext = {}): Promise<MaybeAvailable<Machine[]>> {
  return guarded(null, async () => allItems('machines', await session.api.mde.listMachines(sig(ctx))));
}

/**
 * Per-device posture: network protection mode from advanced hunting (scid-96) and, from
 * /api/deviceavinfo, the antimalware platform version and the antivirus mode (passive = '1').
 * Both are needed for a true picture, so either failing makes the whole input unavailable.
 */
export async function collectPostures(session: Session, ctx: CollectContext = {}): Promise<MaybeAvailable<DevicePosture[]>> {
  const [np, av] = await Promise.all([
    guarded('network protection (advanced hunting)', () => session.api.graph.runHuntingQuery(networkProtectionQuery(), undefined, sig(ctx))),
    guarded('antivirus info (MDE /api/deviceavinfo)', async () => allItems('deviceavinfo', await session.api.mde.listDeviceAvInfo({ ...sig(ctx), mapItem: avSummaryOf }))),
  ]);
  if (isUnavailable(np)) return np;
  if (isUnavailable(av)) return av;
  // mergePostures keys by device id (last row wins) and skips rows without one.
  const postures: DevicePosture[] = np.results.map((row) => ({
    deviceId: typeof row.DeviceId === 'string' ? row.DeviceId : '',
    deviceName: typeof row.DeviceName === 'string' ? row.DeviceName : null,
    networkProtection: networkProtectionFromContext(row.Context),
    antimalwarePlatformVersion: null,
  }));
  return mergePostures(postures, av);
}

/** What the posture checks read of a /api/deviceavinfo row. */
export interface DeviceAvSummary {
  machineId: string;
  computerDnsName: string | null;
  avPlatformVersion: string | null;
  avMode: string | null;
}

/**
 * Kept per device instead of the whole row: a row has ~27 fields and the store holds one per device
 * (20,000 at tenant scale) for the session, so the whole rows cost ~30 MB (issue 9 memory budget).
 */
export const avSummaryOf = (a: AvInfoFields): DeviceAvSummary => ({
  machineId: a.machineId,
  computerDnsName: a.computerDnsName ?? null,
  avPlatformVersion: a.avPlatformVersion ?? null,
  avMode: a.avMode ?? null,
});

type AvInfoFields = { machineId: string; computerDnsName?: string | null; avPlatformVersion?: string | null; avMode?: string | null };

/**
 * avSummaryOf, with every value passed through `share`: given deviceStringSharer(machines), a row
 * keeps the machines' copy of its id and name, and the few thousand platform versions are one
 * string each.
 */
export function avSummarySharer(share: StringSharer): (a: AvInfoFields) => DeviceAvSummary {
  return (a) => ({
    machineId: share(a.machineId),
    computerDnsName: shareMaybe(share, a.computerDnsName ?? null),
    avPlatformVersion: shareMaybe(share, a.avPlatformVersion ?? null),
    avMode: shareMaybe(share, a.avMode ?? null),
  });
}

/** Network-protection postures (advanced hunting) with each device's antivirus mode and platform. */
export function mergePostures(networkProtection: readonly DevicePosture[], avInfo: readonly DeviceAvSummary[]): DevicePosture[] {
  // One new object per device, filled in place (its inputs stay as they were).
  const byId = new Map<string, DevicePosture>();
  for (const p of networkProtection) {
    if (p.deviceId) byId.set(p.deviceId, { deviceId: p.deviceId, deviceName: p.deviceName, networkProtection: p.networkProtection, antimalwarePlatformVersion: null, avMode: null });
  }
  for (const a of avInfo) {
    const p = byId.get(a.machineId);
    if (p) {
      p.antimalwarePlatformVersion = a.avPlatformVersion ?? null;
      p.avMode = a.avMode ?? null;
    } else {
      byId.set(a.machineId, { deviceId: a.machineId, deviceName: a.computerDnsName ?? null, networkProtection: 'unknown', antimalwarePlatformVersion: a.avPlatformVersion ?? null, avMode: a.avMode ?? null });
    }
  }
  return [...byId.values()];
}

/** Sentinel data connectors (ARM). */
export function collectConnectors(session: Session, ctx: CollectContext = {}): Promise<MaybeAvailable<DataConnector[]>> {
  return guarded(null, async () => allItems('data connectors', await session.api.arm.listDataConnectors(sig(ctx))));
}

/** Sentinel analytics rules (ARM). */
export function collectAlertRules(session: Session, ctx: CollectContext = {}): Promise<MaybeAvailable<AlertRule[]>> {
  return guarded(null, async () => allItems('alert rules', await session.api.arm.listAlertRules(sig(ctx))));
}

/** The Log Analytics workspace (ARM): its default retention. */
export function collectWorkspace(session: Session, ctx: CollectContext = {}): Promise<MaybeAvailable<Workspace>> {
  return guarded(null, () => session.api.arm.getWorkspace(sig(ctx)));
}

/** The workspace's tables (ARM): per-table retention. */
export function collectTables(session: Session, ctx: CollectContext = {}): Promise<MaybeAvailable<WorkspaceTable[]>> {
  return guarded(null, async () => allItems('workspace tables', await session.api.arm.listWorkspaceTables(sig(ctx))));
}

/**
 * Newest row per connector table (Log Analytics `max(TimeGenerated)` over FRESHNESS_WINDOW_HOURS).
 * The table list comes from ARM first so the union names only tables that exist; a table that
 * exists but has no row in the window is reported with `lastRowAt: null`.
 */
export function collectTableFreshness(session: Session, ctx: CollectContext = {}): Promise<MaybeAvailable<TableFreshness[]>> {
  return guarded(null, async () => {
    const tables = allItems('workspace tables', await session.api.arm.listWorkspaceTables(sig(ctx)));
    const present = new Set(tables.map((t) => t.name.toLowerCase()));
    const wanted = FRESHNESS_TABLES.filter((t) => present.has(t.toLowerCase()));
    if (wanted.length === 0) return [];
    const result = await session.api.logs.query(tableFreshnessQuery(wanted, FRESHNESS_WINDOW_HOURS), `PT${FRESHNESS_WINDOW_HOURS}H`, sig(ctx));
    // A PartialError answer may miss tables: saying "no rows" for them would be a false alarm.
    if (result.error) throw new Error(`table freshness query answered only in part: ${result.error.code}: ${result.error.message}`);
    const rows = primaryRows<{ Table?: unknown; Count?: unknown; LastTime?: unknown }>(result);
    const byName = new Map<string, TableFreshness>();
    for (const r of rows) {
      if (typeof r.Table !== 'string') continue;
      byName.set(r.Table.toLowerCase(), {
        table: r.Table,
        lastRowAt: typeof r.LastTime === 'string' ? r.LastTime : null,
        ...(typeof r.Count === 'number' ? { rowsInWindow: r.Count } : {}),
      });
    }
    return wanted.map((t) => byName.get(t.toLowerCase()) ?? { table: t, lastRowAt: null, rowsInWindow: 0 });
  });
}

/**
 * Event Hubs metrics per hub (IncomingMessages, ThrottledRequests, ServerErrors at PT1M over
 * STREAMING_WINDOW_MINUTES), reduced by the streaming domain to the check's input.
 */
export function collectStreaming(session: Session, ctx: CollectContext = {}): Promise<MaybeAvailable<StreamingHealthInput>> {
  return guarded(null, async () => {
    const nsId = session.profile.eventHubNamespaceId;
    if (!nsId) throw new Error('no Event Hubs namespace in the profile (add eventHubNamespaceId, its ARM resource id)');
    const now = clock(session, ctx);
    const from = new Date(now.getTime() - STREAMING_WINDOW_MINUTES * 60_000);
    const metrics = await session.api.monitor.getMetrics(
      nsId,
      {
        metricNames: ['IncomingMessages', 'ThrottledRequests', 'ServerErrors'],
        timespan: `${from.toISOString()}/${now.toISOString()}`,
        interval: 'PT1M',
        aggregation: 'Total',
        filter: "EntityName eq '*'",
        top: METRICS_TOP,
      },
      sig(ctx),
    );
    const rates = ratesFromMetrics(metrics, { now, windowMinutes: STREAMING_WINDOW_MINUTES });
    const namespace = nsId.split('/').filter(Boolean).pop();
    return streamingCheckInput(rates, namespace ? { namespace } : {});
  });
}

/**
 * Defender incidents (Graph) over the lookback and Sentinel incidents (ARM), read and matched exactly as
 * the Sync screen reads them (readSyncSnapshot: prepared page by page, alerts expanded for the duplicate
 * heuristic, alert rules when readable), so `check` and the screens judge the same report.
 */
export function collectIncidentSync(session: Session, ctx: CollectContext = {}): Promise<MaybeAvailable<IncidentSyncSummary>> {
  return guarded(null, async () => {
    const now = clock(session, ctx);
    const t = session.profile.thresholds;
    const lookbackDays = t.syncLookbackDays > 0 ? t.syncLookbackDays : DEFAULT_SYNC_LOOKBACK_DAYS;
    const snapshot = await readSyncSnapshot(session.api, {
      now: () => now,
      windowStart: new Date(now.getTime() - lookbackDays * 86_400_000),
      syncWindowMinutes: t.syncWindowMinutes,
      tenantId: session.profile.tenantId,
      ...sig(ctx),
    });
    return syncHealthSummary(snapshot.report);
  });
}
