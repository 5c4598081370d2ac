/**
 * The health checks' inputs as one table: what each input is, which check areas need it, how often
 * the screen refreshes it, and the collector that fetches it. `collectHealthInputs` (the `check`
 * command) and the Health screen's polled resources both read this table, so they fetch the same
 * things the same way.
 */
import { CHECK_AREAS, runAllChecks, sortWorstFirst, type CheckArea, type CheckResult, type HealthInputs } from '../../domain/health/index.js';
import type { Session } from '../../session/index.js';
import { INDICATORS_POLL_ON_HEALTH_MS } from '../indicators/indicatorsData.js';
import { SYNC_POLL_ON_HEALTH_MS } from '../sync/syncData.js';
import {
  collectAlertRules,
  collectConnectors,
  collectIncidentSync,
  collectIndicators,
  collectMachines,
  collectPostures,
  collectSkus,
  collectStreaming,
  collectTableFreshness,
  collectTables,
  collectWorkspace,
  sessionNow,
  type CollectContext,
} from './collectors.js';

export type HealthInputKey = keyof HealthInputs;

export interface HealthInputSpec<K extends HealthInputKey = HealthInputKey> {
  key: K;
  /** Short name for the screen's "running" markers and errors. */
  label: string;
  /** Check areas that read this input. */
  areas: readonly CheckArea[];
  /**
   * Screen refresh interval. Licences change on purchase (hourly is plenty); indicators, devices and
   * their posture every few minutes (MDE API limits: 100 calls/min, 1,500/h per app); Sentinel,
   * freshness and streaming every minute or two because "stopped flowing" is what the screen is for;
   * retention settings rarely change. The inputs Health shares with other screens are polled by their
   * owners, at these intervals while only Health shows them (`intervalByScreen`) and at the owner's
   * own when its screen is up: indicators and incidentSync take the owners' constants below; machines
   * come with the devices read (every 10 minutes); for postures it is the interval of Health's
   * /api/deviceavinfo read.
   */
  intervalMs: number;
  collect(session: Session, ctx: CollectContext): Promise<NonNullable<HealthInputs[K]>>;
}

const MIN = 60_000;

export const HEALTH_INPUTS: readonly HealthInputSpec[] = [
  { key: 'skus', label: 'licences', areas: ['licences', 'office-identity'], intervalMs: 60 * MIN, collect: collectSkus },
  { key: 'indicators', label: 'indicators', areas: ['mdca', 'network-protection'], intervalMs: INDICATORS_POLL_ON_HEALTH_MS, collect: collectIndicators },
  { key: 'machines', label: 'devices', areas: ['network-protection', 'devices'], intervalMs: 5 * MIN, collect: collectMachines },
  { key: 'postures', label: 'device posture', areas: ['network-protection', 'devices'], intervalMs: 10 * MIN, collect: collectPostures },
  { key: 'connectors', label: 'data connectors', areas: ['sentinel'], intervalMs: 2 * MIN, collect: collectConnectors },
  { key: 'alertRules', label: 'analytics rules', areas: ['sentinel'], intervalMs: 2 * MIN, collect: collectAlertRules },
  { key: 'tableFreshness', label: 'table freshness', areas: ['sentinel'], intervalMs: 2 * MIN, collect: collectTableFreshness },
  { key: 'streaming', label: 'Event Hubs metrics', areas: ['streaming'], intervalMs: 1 * MIN, collect: collectStreaming },
  { key: 'workspace', label: 'workspace', areas: ['retention'], intervalMs: 30 * MIN, collect: collectWorkspace },
  { key: 'tables', label: 'table retention', areas: ['retention'], intervalMs: 30 * MIN, collect: collectTables },
  { key: 'incidentSync', label: 'incident sync', areas: ['incident-sync'], intervalMs: SYNC_POLL_ON_HEALTH_MS, collect: collectIncidentSync },
] as const satisfies readonly HealthInputSpec[];

/** Inputs that feed any of `areas` (all when undefined). */
export function inputsFor(areas?: readonly CheckArea[]): HealthInputSpec[] {
  return HEALTH_INPUTS.filter((s) => !areas || s.areas.some((a) => areas.includes(a)));
}

/** Which check areas read an input (for the screen's per-check "running" marker). */
export function inputKeysForArea(area: CheckArea): HealthInputKey[] {
  return HEALTH_INPUTS.filter((s) => s.areas.includes(area)).map((s) => s.key);
}

/**
 * Fetches every input the wanted areas need, concurrently. A collector never throws for an API
 * fault (it returns `unavailable`), and anything unexpected is caught here too, so one failing
 * input never stops the others.
 */
export async function collectHealthInputs(session: Session, opts: { only?: readonly CheckArea[] } & CollectContext = {}): Promise<HealthInputs> {
  const ctx: CollectContext = { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.now ? { now: opts.now } : {}) };
  const specs = inputsFor(opts.only);
  const values = await Promise.all(
    specs.map((s) =>
      s.collect(session, ctx).catch((err: unknown) => ({ unavailable: true as const, reason: err instanceof Error ? err.message.split('\n')[0]! : String(err) })),
    ),
  );
  const out: HealthInputs = {};
  specs.forEach((s, i) => {
    (out as Record<string, unknown>)[s.key] = values[i];
  });
  return out;
}

/** Check options from the profile: thresholds and creator rules. */
export function checkOptionsFor(session: Session, now: Date, only?: readonly CheckArea[]) {
  return {
    now,
    thresholds: session.profile.thresholds,
    creatorRules: session.profile.creatorRules,
    ...(only ? { only } : {}),
  };
}

/** Collect and judge once, worst first: what `mde-console check` prints. */
export async function runHealthChecks(session: Session, opts: { only?: readonly CheckArea[] } & CollectContext = {}): Promise<CheckResult[]> {
  const inputs = await collectHealthInputs(session, opts);
  const now = opts.now ? opts.now() : sessionNow(session);
  return sortWorstFirst(runAllChecks(inputs, checkOptionsFor(session, now, opts.only)));
}

/** Parses `--only` (comma-separated areas); unknown names are returned separately. */
export function parseAreas(text: string): { areas: CheckArea[]; unknown: string[] } {
  const areas: CheckArea[] = [];
  const unknown: string[] = [];
  for (const raw of text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    if ((CHECK_AREAS as readonly string[]).includes(raw)) {
      if (!areas.includes(raw as CheckArea)) areas.push(raw as CheckArea);
    } else unknown.push(raw);
  }
  return { areas, unknown };
}
