/**
 * Match Defender incidents (Graph) with their Sentinel copies (ARM) and put each Defender incident in
 * exactly one sync state. Pure: the caller passes `now`.
 *
 * Matching key: Sentinel `providerIncidentId` = Defender `id`, only for incidents whose providerName is
 * an XDR provider name. Never `incidentNumber` (domain-notes §0.7). One pass per side with Maps keyed by
 * id, so 50,000 incidents per side cost milliseconds, not per-pair work.
 */
import type { AlertRule, DefenderIncident, SentinelIncident } from '../types.js';
import { differingFields, defenderStatusClass, type FieldDifference } from './equivalence.js';
import {
  defenderIncidentId,
  sentinelIncidentArmId,
  sentinelIncidentName,
  sentinelIncidentNumber,
  type DefenderIncidentId,
  type SentinelIncidentArmId,
  type SentinelIncidentName,
  type SentinelIncidentNumber,
} from './ids.js';
import { hourlySeries, lagStats, SYNC_LAG_TARGET_MS, type HourBucket, type LagSample, type LagSummary } from './lagStats.js';
import { defenderIncidentLink, sentinelIncidentLink } from './portalLinks.js';
import {
  duplicatingRuleKeys,
  findDuplicatedDefenderIncident,
  indexByTitle,
  isIncidentCreationRuleIncident,
  isXdrIncident,
} from './providers.js';

/** Documented "up to 10 minutes" for an XDR incident to appear in Sentinel (Thresholds.syncWindowMinutes). */
export const DEFAULT_SYNC_WINDOW_MINUTES = 10;

export type SyncStateName = 'inSync' | 'pending' | 'missing' | 'drifted' | 'duplicated' | 'orphaned';

/** Worst first; `worstState` and the exit code follow this order. */
export const SYNC_STATES_WORST_FIRST: readonly SyncStateName[] = ['duplicated', 'missing', 'drifted', 'orphaned', 'pending', 'inSync'];

/** A Sentinel incident with its ids already branded and its portal link built. */
export interface SentinelSide {
  incident: SentinelIncident;
  name: SentinelIncidentName;
  armId: SentinelIncidentArmId;
  /** Display only. */
  number: SentinelIncidentNumber;
  link: string;
}

interface DefenderSide {
  defenderId: DefenderIncidentId;
  defender: DefenderIncident;
  defenderLink: string;
}

export interface InSyncEntry extends DefenderSide {
  state: 'inSync';
  sentinel: SentinelSide;
  /** Sentinel createdTimeUtc − Defender createdDateTime, clamped at 0. */
  creationLagMs: number;
  /** True when the Sentinel copy claims to be older than its Defender incident (clocks disagree). */
  clockSkew: boolean;
  /** |difference of the two sides' last modification| when both recorded a status change; else null. */
  statusLagMs: number | null;
}

export interface PendingEntry extends DefenderSide {
  state: 'pending';
  ageMs: number;
  /** ISO time by which the copy should exist (Defender creation + sync window). */
  dueAt: string;
}

export interface MissingEntry extends DefenderSide {
  state: 'missing';
  ageMs: number;
  overdueMs: number;
}

export interface DriftedEntry extends DefenderSide {
  state: 'drifted';
  sentinel: SentinelSide;
  differences: FieldDifference[];
  /**
   * The later of Defender lastUpdateDateTime and Sentinel lastModifiedTimeUtc. Neither side records when
   * a field stopped agreeing; the most recent change on either side is the latest moment the divergence
   * can have started from, so "diverged since" never overstates how long the drift has lasted.
   */
  divergedSince: string;
  driftMs: number;
  /** driftMs ≤ drift tolerance: the connector may still catch up ("immediately", but not instantly). */
  withinTolerance: boolean;
  creationLagMs: number;
  clockSkew: boolean;
}

export type DuplicateReason = 'multipleCopies' | 'incidentCreationRule' | 'both';

export interface DuplicatedEntry extends DefenderSide {
  state: 'duplicated';
  reason: DuplicateReason;
  /** XDR copies (same providerIncidentId), earliest created first. */
  copies: SentinelSide[];
  /** Native "Azure Sentinel" incidents a Microsoft incident-creation rule made for the same alerts. */
  ruleIncidents: SentinelSide[];
}

export type DefenderSyncEntry = InSyncEntry | PendingEntry | MissingEntry | DriftedEntry | DuplicatedEntry;

export interface OrphanedEntry {
  state: 'orphaned';
  sentinel: SentinelSide;
  /** The Defender id the copy points to (null when the XDR incident has none). */
  providerIncidentId: DefenderIncidentId | null;
}

export type SyncEntry = DefenderSyncEntry | OrphanedEntry;

export interface SyncReport {
  generatedAt: string;
  syncWindowMinutes: number;
  driftToleranceMinutes: number;
  lagTargetMs: number;
  /** Start of the compared Defender window (ISO). */
  windowStart: string;
  /** One per Defender incident (deduplicated by id), in input order. */
  entries: DefenderSyncEntry[];
  orphaned: OrphanedEntry[];
  /** XDR Sentinel incidents without a Defender incident that may simply predate the compared window. */
  unmatchedOutsideWindow: number;
  counts: Record<SyncStateName, number>;
  /** Drifted entries past the tolerance (these make the exit code 2). */
  driftedPastTolerance: number;
  clockSkewCount: number;
  /** Creation-lag samples (in sync, drifted, and the first copy of duplicated incidents). */
  creationLags: LagSample[];
  statusLags: LagSample[];
  lag: {
    creation: { window: LagSummary; lastHour: LagSummary };
    statusChange: { window: LagSummary; lastHour: LagSummary };
  };
  hourly: HourBucket[];
}

export interface MatchOptions {
  now: Date;
  syncWindowMinutes?: number;
  /** How long a drift may last before it counts as failing (exit 2). Default: the sync window. */
  driftToleranceMinutes?: number;
  /**
   * The workspace's alert rules, to recognise incidents made by Microsoft incident-creation rules.
   * Omit when unknown: a product-name heuristic is used instead (see providers.ts).
   */
  incidentCreationRules?: readonly AlertRule[];
  /** Start of the Defender lookback window (default: now − 7 days). */
  windowStart?: Date;
  tenantId?: string;
  defenderPortalBase?: string;
  azurePortalBase?: string;
  lagTargetMs?: number;
}

const MINUTE = 60_000;

function toSentinelSide(s: SentinelIncident, azurePortalBase: string | undefined): SentinelSide {
  return {
    incident: s,
    name: sentinelIncidentName(s.name),
    armId: sentinelIncidentArmId(s.id),
    number: sentinelIncidentNumber(s.properties.incidentNumber),
    link: sentinelIncidentLink(s, { portalBase: azurePortalBase }),
  };
}

/** Later of two ISO instants by value; invalid dates lose. */
const laterOf = (a: number, b: number): number => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b));

export function matchIncidents(defender: readonly DefenderIncident[], sentinel: readonly SentinelIncident[], opts: MatchOptions): SyncReport {
  const now = opts.now.getTime();
  const syncWindowMinutes = opts.syncWindowMinutes ?? DEFAULT_SYNC_WINDOW_MINUTES;
  const driftToleranceMinutes = opts.driftToleranceMinutes ?? syncWindowMinutes;
  const windowMs = syncWindowMinutes * MINUTE;
  const toleranceMs = driftToleranceMinutes * MINUTE;
  const lagTargetMs = opts.lagTargetMs ?? SYNC_LAG_TARGET_MS;
  const windowStartMs = opts.windowStart ? opts.windowStart.getTime() : now - 7 * 24 * 3_600_000;

  // Defender side: one entry per id (pages can overlap while incidents move in the list; keep the newest).
  const defenderById = new Map<string, DefenderIncident>();
  for (const d of defender) {
    const key = d.id.trim();
    const seen = defenderById.get(key);
    if (!seen || Date.parse(d.lastUpdateDateTime) > Date.parse(seen.lastUpdateDateTime)) defenderById.set(key, d);
  }

  // Sentinel side: XDR copies grouped by providerIncidentId; native rule-made incidents kept aside.
  const copiesByDefenderId = new Map<string, SentinelIncident[]>();
  const xdrWithoutProviderId: SentinelIncident[] = [];
  const ruleMadeCandidates: SentinelIncident[] = [];
  const ruleKeys = opts.incidentCreationRules ? duplicatingRuleKeys(opts.incidentCreationRules) : null;
  const seenArm = new Set<string>();
  for (const s of sentinel) {
    const arm = s.id.toLowerCase();
    if (seenArm.has(arm)) continue;
    seenArm.add(arm);
    if (isXdrIncident(s)) {
      const key = (s.properties.providerIncidentId ?? '').trim();
      if (key === '') {
        xdrWithoutProviderId.push(s);
        continue;
      }
      const list = copiesByDefenderId.get(key);
      if (list) list.push(s);
      else copiesByDefenderId.set(key, [s]);
    } else if (isIncidentCreationRuleIncident(s, ruleKeys)) {
      ruleMadeCandidates.push(s);
    }
  }

  const ruleIncidentsByDefenderId = new Map<string, SentinelIncident[]>();
  if (ruleMadeCandidates.length > 0) {
    const byTitle = indexByTitle([...defenderById.values()]);
    for (const s of ruleMadeCandidates) {
      const d = findDuplicatedDefenderIncident(s, byTitle, windowMs);
      if (!d) continue;
      const key = d.id.trim();
      const list = ruleIncidentsByDefenderId.get(key);
      if (list) list.push(s);
      else ruleIncidentsByDefenderId.set(key, [s]);
    }
  }

  const entries: DefenderSyncEntry[] = [];
  const creationLags: LagSample[] = [];
  const statusLags: LagSample[] = [];
  const defenderCreated: number[] = [];
  let clockSkewCount = 0;
  let driftedPastTolerance = 0;
  const counts: Record<SyncStateName, number> = { inSync: 0, pending: 0, missing: 0, drifted: 0, duplicated: 0, orphaned: 0 };

  const linkOpts = { tenantId: opts.tenantId, portalBase: opts.defenderPortalBase };

  for (const [key, d] of defenderById) {
    const base: DefenderSide = { defenderId: defenderIncidentId(key), defender: d, defenderLink: defenderIncidentLink(d, linkOpts) };
    const dCreated = Date.parse(d.createdDateTime);
    defenderCreated.push(dCreated);
    const copies = copiesByDefenderId.get(key) ?? [];
    const ruleMade = ruleIncidentsByDefenderId.get(key) ?? [];

    // Creation lag of the (first) copy: negative means the clocks disagree, so clamp to 0 and flag skew.
    const lagOf = (s: SentinelIncident): { creationLagMs: number; clockSkew: boolean } => {
      const raw = Date.parse(s.properties.createdTimeUtc) - dCreated;
      return { creationLagMs: Math.max(0, raw), clockSkew: raw < 0 };
    };

    if (copies.length > 1 || ruleMade.length > 0) {
      const sorted = [...copies].sort((a, b) => Date.parse(a.properties.createdTimeUtc) - Date.parse(b.properties.createdTimeUtc));
      const first = sorted[0];
      if (first) {
        const { creationLagMs, clockSkew } = lagOf(first);
        if (clockSkew) clockSkewCount++;
        creationLags.push({ defenderId: key, at: Date.parse(first.properties.createdTimeUtc), lagMs: creationLagMs });
      }
      entries.push({
        ...base,
        state: 'duplicated',
        reason: copies.length > 1 && ruleMade.length > 0 ? 'both' : copies.length > 1 ? 'multipleCopies' : 'incidentCreationRule',
        copies: sorted.map((s) => toSentinelSide(s, opts.azurePortalBase)),
        ruleIncidents: ruleMade.map((s) => toSentinelSide(s, opts.azurePortalBase)),
      });
      counts.duplicated++;
      continue;
    }

    const copy = copies[0];
    if (!copy) {
      const ageMs = now - dCreated;
      if (ageMs <= windowMs) {
        entries.push({ ...base, state: 'pending', ageMs: Math.max(0, ageMs), dueAt: new Date(dCreated + windowMs).toISOString() });
        counts.pending++;
      } else {
        entries.push({ ...base, state: 'missing', ageMs, overdueMs: ageMs - windowMs });
        counts.missing++;
      }
      continue;
    }

    const sentinelSide = toSentinelSide(copy, opts.azurePortalBase);
    const { creationLagMs, clockSkew } = lagOf(copy);
    if (clockSkew) clockSkewCount++;
    const sCreated = Date.parse(copy.properties.createdTimeUtc);
    creationLags.push({ defenderId: key, at: sCreated, lagMs: creationLagMs });

    const differences = differingFields(d, copy);
    const dLast = Date.parse(d.lastUpdateDateTime);
    const sLast = Date.parse(copy.properties.lastModifiedTimeUtc);
    if (differences.length > 0) {
      const since = laterOf(dLast, sLast);
      const driftMs = Math.max(0, now - since);
      const withinTolerance = driftMs <= toleranceMs;
      if (!withinTolerance) driftedPastTolerance++;
      entries.push({
        ...base,
        state: 'drifted',
        sentinel: sentinelSide,
        differences,
        divergedSince: new Date(since).toISOString(),
        driftMs,
        withinTolerance,
        creationLagMs,
        clockSkew,
      });
      counts.drifted++;
      continue;
    }

    // Status-change lag: only when the status moved off its initial value and both sides recorded a
    // modification after creation. The connector syncs both ways, so the direction is unknown: the lag
    // is the distance between the two sides' last modifications (an upper bound if other fields changed).
    let statusLagMs: number | null = null;
    const statusMoved = defenderStatusClass(d.status) === 'closed' || copy.properties.status.toLowerCase() !== 'new';
    if (statusMoved && dLast > dCreated && sLast > sCreated) {
      statusLagMs = Math.abs(sLast - dLast);
      statusLags.push({ defenderId: key, at: Math.max(sLast, dLast), lagMs: statusLagMs });
    }
    entries.push({ ...base, state: 'inSync', sentinel: sentinelSide, creationLagMs, clockSkew, statusLagMs });
    counts.inSync++;
  }

  // Orphans: XDR copies whose Defender incident is not in the compared set. A copy created less than one
  // sync window after the window start may belong to a Defender incident created just before it, so it
  // is counted as "outside the window" instead of being reported as an orphan.
  const orphaned: OrphanedEntry[] = [];
  let unmatchedOutsideWindow = 0;
  const orphanFrom = windowStartMs + windowMs;
  const addOrphan = (s: SentinelIncident, providerId: string | null): void => {
    if (Date.parse(s.properties.createdTimeUtc) < orphanFrom) {
      unmatchedOutsideWindow++;
      return;
    }
    orphaned.push({ state: 'orphaned', sentinel: toSentinelSide(s, opts.azurePortalBase), providerIncidentId: providerId === null ? null : defenderIncidentId(providerId) });
  };
  for (const [key, list] of copiesByDefenderId) {
    if (defenderById.has(key)) continue;
    for (const s of list) addOrphan(s, key);
  }
  for (const s of xdrWithoutProviderId) addOrphan(s, null);
  counts.orphaned = orphaned.length;

  const windowHours = Math.max(1, Math.ceil((now - windowStartMs) / 3_600_000));
  return {
    generatedAt: opts.now.toISOString(),
    syncWindowMinutes,
    driftToleranceMinutes,
    lagTargetMs,
    windowStart: new Date(windowStartMs).toISOString(),
    entries,
    orphaned,
    unmatchedOutsideWindow,
    counts,
    driftedPastTolerance,
    clockSkewCount,
    creationLags,
    statusLags,
    lag: {
      creation: lagStats(creationLags, { now: opts.now, windowHours, targetMs: lagTargetMs }),
      statusChange: lagStats(statusLags, { now: opts.now, windowHours, targetMs: lagTargetMs }),
    },
    hourly: hourlySeries(defenderCreated, creationLags, { now: opts.now, windowHours }),
  };
}

/** The state with the highest precedence present in the report (inSync when everything is). */
export function worstSyncState(report: Pick<SyncReport, 'counts'>): SyncStateName {
  return SYNC_STATES_WORST_FIRST.find((s) => s !== 'inSync' && report.counts[s] > 0) ?? 'inSync';
}
