/**
 * The simulated tenant: one deterministic, time-moving model that every service answers from.
 */
import type { SimulatedTenantIdentity } from '../contract.js';
import { createClock, DAY, MINUTE, type SimClock } from './clock.js';
import { DEVICE_GROUPS, generateDevices, type SimDevice } from './devices.js';
import { IncidentModel } from './incidents.js';
import { generateIndicators, IndicatorStore, INDICATOR_TENANT_LIMIT, mdcaIndicatorsFor } from './indicators.js';
import { MDCA_APP_CATALOGUE, MDCA_CREATOR, type MdcaApp, type SanctionState } from './mdcaApps.js';
import { createRng } from './random.js';
import { Scheduler } from './scheduler.js';
import { EventModel, INGESTED_TABLES } from './streaming.js';
import { createAlertRules, createDataConnectors, createSubscribedSkus, createTables, type SimAlertRule, type SimDataConnector } from './workspace.js';
import type { SubscribedSku, WorkspaceTable } from '../../domain/types.js';

export interface TenantOptions {
  seed: number;
  scale: 'demo' | 'large';
  /** Simulated seconds per real second. 0 freezes the clock (tests). */
  speed: number;
  startTime?: Date;
  identity: SimulatedTenantIdentity;
  /**
   * Delay between an MDCA sanction change and its indicators appearing/going in MDE. Documented up
   * to 1 h for MDCA plus up to 2 h push to devices (mde-govern.md); the demo default is 5 simulated
   * minutes so the effect is observable.
   */
  mdcaSyncDelayMinutes?: number;
}

export interface ControlResult {
  ok: boolean;
  status?: number;
  result?: unknown;
  error?: string;
}

export interface Tenant {
  readonly identity: SimulatedTenantIdentity;
  readonly seed: number;
  readonly scale: 'demo' | 'large';
  now(): Date;
  advanceClock(minutes: number): void;
  /** Applies every event due up to now(); handlers call it before answering. */
  refresh(): number;
  listActions(): string[];
  control(action: string, params: Record<string, unknown>): ControlResult;
  readonly devices: readonly SimDevice[];
  readonly indicators: IndicatorStore;
  readonly incidents: IncidentModel;
  readonly events: EventModel;
  readonly alertRules: SimAlertRule[];
  readonly dataConnectors: SimDataConnector[];
  readonly tables: WorkspaceTable[];
  readonly subscribedSkus: SubscribedSku[];
  readonly mdcaApps: MdcaApp[];
  readonly indicatorLimit: number;
  /** Event Hubs namespace ARM id (from the identity). */
  readonly eventHubNamespaceId: string;
  newGuid(): string;
}

const SCALE = {
  demo: { devices: 300, indicators: 600, historyDays: 7, meanGapMinutes: 33 },
  // 50,000 incidents over 30 days ≈ one every 0.86 minutes.
  large: { devices: 20_000, indicators: INDICATOR_TENANT_LIMIT, historyDays: 30, meanGapMinutes: (30 * 24 * 60) / 50_000 },
} as const;

export function createTenant(opts: TenantOptions): Tenant {
  const scale = SCALE[opts.scale];
  const startMs = (opts.startTime ?? new Date()).getTime();
  const clock: SimClock = createClock(new Date(startMs), opts.speed);
  const guidRng = createRng(opts.seed ^ 0x6a11d);
  const newGuid = (): string => guidRng.guid();
  const syncDelayMs = (opts.mdcaSyncDelayMinutes ?? 5) * MINUTE;

  const devices = generateDevices(createRng(opts.seed ^ 0xde71ce), scale.devices, startMs);
  const mdcaApps: MdcaApp[] = MDCA_APP_CATALOGUE.map((a) => ({ ...a, endpoints: [...a.endpoints], scopedGroups: [...a.scopedGroups] }));
  const indicators = new IndicatorStore(1);
  generateIndicators(createRng(opts.seed ^ 0x171c), indicators, scale.indicators, startMs, mdcaApps);

  const scheduler = new Scheduler();
  const alertRules = createAlertRules(opts.identity, startMs, newGuid);
  const dataConnectors = createDataConnectors(opts.identity, newGuid);
  const tables = createTables(opts.identity);
  const subscribedSkus = createSubscribedSkus(opts.identity);
  const incidents = new IncidentModel({
    ident: opts.identity,
    seed: opts.seed,
    scheduler,
    rules: alertRules,
    meanGapMinutes: scale.meanGapMinutes,
    historyStartMs: startMs - scale.historyDays * DAY,
    startMs,
  });
  const events = new EventModel(opts.seed, devices.length, startMs, 'DeviceRegistryEvents');

  const refresh = (): number => {
    const now = clock.nowMs();
    scheduler.runUntil(now);
    return now;
  };
  refresh();

  const findApp = (name: unknown): MdcaApp | undefined => (typeof name === 'string' ? mdcaApps.find((a) => a.name.toLowerCase() === name.toLowerCase()) : undefined);

  /** MDCA pushes its indicator set for an app after the sync delay: add missing, remove stale. */
  const scheduleMdcaSync = (app: MdcaApp, state: SanctionState, atMs: number): void => {
    app.state = state;
    scheduler.at(atMs + syncDelayMs, () => {
      const existing = indicators.list().filter((e) => e.wire.createdBy === MDCA_CREATOR.createdBy && e.wire.application === app.name);
      for (const e of existing) indicators.delete(e.wire.id);
      if (app.state === state) for (const w of mdcaIndicatorsFor(app, indicators, atMs + syncDelayMs)) if (indicators.size < INDICATOR_TENANT_LIMIT) indicators.put(w);
    });
  };

  const pickDefender = (params: Record<string, unknown>, accept: (d: import('./incidents.js').DefenderRecord) => boolean) => {
    if (params.id !== undefined) return incidents.defender.get(String(params.id));
    return incidents.visibleDefender().find(accept);
  };

  const actions: Record<string, (p: Record<string, unknown>) => ControlResult> = {
    advanceClock: (p) => {
      const minutes = Number(p.minutes);
      if (!Number.isFinite(minutes) || minutes < 0) return { ok: false, status: 400, error: 'advanceClock needs {"minutes": <non-negative number>}.' };
      clock.advance(minutes);
      refresh();
      return { ok: true, result: { now: clock.now().toISOString() } };
    },
    unsanctionApp: (p) => mdcaChange(p, 'unsanctioned'),
    monitorApp: (p) => mdcaChange(p, 'monitored'),
    sanctionApp: (p) => mdcaChange(p, 'sanctioned'),
    stopTable: (p) => {
      const t = typeof p.table === 'string' ? events.table(p.table) : undefined;
      if (!t) return { ok: false, status: 400, error: `stopTable needs {"table": <one of ${INGESTED_TABLES.map((x) => x.name).join(', ')}>}.` };
      events.stopTable(t.name, refresh());
      return { ok: true, result: { table: t.name, stoppedAt: clock.now().toISOString() } };
    },
    resumeTable: (p) => {
      const t = typeof p.table === 'string' ? events.table(p.table) : undefined;
      if (!t) return { ok: false, status: 400, error: 'resumeTable needs {"table": <table name>}.' };
      const changed = events.resumeTable(t.name, refresh());
      return { ok: true, result: { table: t.name, wasStopped: changed } };
    },
    raiseEventRate: (p) => {
      const m = Number(p.multiplier);
      if (!Number.isFinite(m) || m <= 0) return { ok: false, status: 400, error: 'raiseEventRate needs {"multiplier": <positive number>, "table"?: <name>}.' };
      const t = typeof p.table === 'string' ? events.table(p.table) : undefined;
      if (typeof p.table === 'string' && !t) return { ok: false, status: 400, error: `Unknown table '${p.table}'.` };
      events.raiseRate(m, refresh(), t?.name ?? null);
      return { ok: true, result: { multiplier: m, table: t?.name ?? null, throughputUnits: events.throughputUnits } };
    },
    setGroupNetworkProtection: (p) => {
      const mode = p.mode;
      if (mode !== 'block' && mode !== 'audit' && mode !== 'off') return { ok: false, status: 400, error: 'setGroupNetworkProtection needs {"group": <name|"">, "mode": "block"|"audit"|"off"}.' };
      const groupName = p.group === '' || p.group === null ? null : String(p.group);
      if (groupName !== null && !DEVICE_GROUPS.some((g) => g.name === groupName)) return { ok: false, status: 400, error: `Unknown device group '${groupName}'. Known: ${DEVICE_GROUPS.map((g) => g.name).join(', ')}.` };
      let changed = 0;
      for (const d of devices) if (d.machine.rbacGroupName === groupName) { d.networkProtection = mode; changed++; }
      return { ok: true, result: { group: groupName, mode, devices: changed } };
    },
    enableIncidentCreationRule: (p) => setRule(p, true),
    disableIncidentCreationRule: (p) => setRule(p, false),
    driftIncident: (p) => {
      const now = refresh();
      const d = pickDefender(p, (x) => x.sync === 'normal' && x.sentinelName !== null && x.status !== 'resolved' && x.status !== 'redirected');
      if (!d || !d.sentinelName) return { ok: false, status: 404, error: 'No synced, unresolved Defender incident to drift (pass {"id": "<defender id>"}).' };
      d.sync = 'drift';
      incidents.defenderUpdate(d, now, { status: 'resolved', classification: 'falsePositive', determination: 'other' }, 'Microsoft Defender XDR');
      return { ok: true, result: { defenderId: d.id, sentinelName: d.sentinelName } };
    },
    dropSentinelCopy: (p) => {
      refresh();
      const d = pickDefender(p, (x) => x.sentinelName !== null);
      if (!d || !d.sentinelName) return { ok: false, status: 404, error: 'No Defender incident with a Sentinel copy (pass {"id": "<defender id>"}).' };
      const name = d.sentinelName;
      incidents.sentinel.delete(name);
      incidents.sentinelOrder.splice(incidents.sentinelOrder.indexOf(name), 1);
      d.sentinelName = null;
      d.sync = 'missing';
      incidents.scenarios.missing.push(d.id);
      return { ok: true, result: { defenderId: d.id, droppedSentinelName: name } };
    },
    duplicateIncident: (p) => {
      const now = refresh();
      const d = pickDefender(p, (x) => x.sentinelName !== null);
      if (!d) return { ok: false, status: 404, error: 'No Defender incident to duplicate (pass {"id": "<defender id>"}).' };
      const dup = incidents.createDuplicate(d, now);
      return { ok: true, result: { defenderId: d.id, duplicateSentinelName: dup.name, incidentNumber: dup.props.incidentNumber } };
    },
    scenarios: () => ({ ok: true, result: incidents.scenarios }),
  };

  function mdcaChange(p: Record<string, unknown>, state: SanctionState): ControlResult {
    const app = findApp(p.app);
    if (!app) return { ok: false, status: 404, error: `Unknown app '${String(p.app)}'. Known apps: ${mdcaApps.map((a) => a.name).join(', ')}.` };
    const now = refresh();
    scheduleMdcaSync(app, state, now);
    return { ok: true, result: { app: app.name, state, indicatorsSyncAt: new Date(now + syncDelayMs).toISOString() } };
  }

  function setRule(p: Record<string, unknown>, enabled: boolean): ControlResult {
    refresh();
    const candidates = alertRules.filter((r) => r.wire.kind === 'MicrosoftSecurityIncidentCreation');
    const rule = candidates.find((r) => (p.ruleId !== undefined ? r.wire.name === p.ruleId : p.productFilter !== undefined ? r.wire.properties.productFilter === p.productFilter : r.wire.properties.enabled !== enabled));
    if (!rule) return { ok: false, status: 404, error: `No MicrosoftSecurityIncidentCreation rule matches (pass {"productFilter": "<${candidates.map((r) => r.wire.properties.productFilter).join('|')}>"} or {"ruleId": "<name>"}).` };
    if (rule.wire.properties.enabled !== enabled) rule.enabledSinceMs = enabled ? clock.nowMs() : null;
    rule.wire.properties.enabled = enabled;
    rule.wire.properties.lastModifiedUtc = clock.now().toISOString().slice(0, 19) + 'Z';
    rule.wire.etag = `"${newGuid()}"`;
    return { ok: true, result: { ruleName: rule.wire.name, productFilter: rule.wire.properties.productFilter, enabled } };
  }

  const tenant: Tenant = {
    identity: opts.identity,
    seed: opts.seed,
    scale: opts.scale,
    now: () => clock.now(),
    advanceClock: (minutes) => {
      clock.advance(minutes);
      refresh();
    },
    refresh,
    listActions: () => Object.keys(actions),
    control: (action, params) => {
      const fn = actions[action];
      if (!fn) return { ok: false, status: 404, error: `Unknown control action '${action}'. Known: ${Object.keys(actions).join(', ')}.` };
      return fn(params ?? {});
    },
    devices,
    indicators,
    incidents,
    events,
    alertRules,
    dataConnectors,
    tables,
    subscribedSkus,
    mdcaApps,
    indicatorLimit: INDICATOR_TENANT_LIMIT,
    eventHubNamespaceId: opts.identity.eventHubNamespaceId,
    newGuid,
  };
  return tenant;
}
