/**
 * Match Defender incidents (Graph) with their Sentinel copies (ARM) and put each Defender incident in
 * exactly one sync state. Pure: the caller passes `now`.
 *
 * Matching key: Sentinel `providerIncidentId` = Defender `id`, only for incidents whose providerName is
 * an XDR provider name. Never `incidentNumber` (domain-notes §0.7). One pass per side with Maps keyed by
 * id, so 50,000 incidents per side cost milliseconds, not per-pair work.
 */
import type { AlertRule } from '../types.js';
import type { SyncDefenderIncident as DefenderIncident, SyncSentinelIncident as SentinelIncident } from './syncRecords.js';
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
import { hourlySeriesOfColumns, lagStatsOfColumns, SYNC_LAG_TARGET_MS, type HourBucket, type LagSample, type LagSummary } from './lagStats.js';
import { parseIsoUtcMs } from './isoTime.js';
import { defenderLinker, sentinelLinker } from './portalLinks.js';
import {
  duplicatingRuleKeys,
  findDuplicatedDefenderIncident,
  indexByTitle,
  titleSearchOf,
  isIncidentCreationRuleIncident,
  isXdrIncident,
} from './providers.js';

/** Documented "up to 10 minutes" for an XDR incident to appear in Sentinel (Thresholds.syncWindowMinutes). */
export const DEFAULT_SYNC_WINDOW_MINUTES = 10;

export type SyncStateName = 'inSync' | 'pending' | 'missing' | 'drifted' | 'duplicated' | 'orphaned';

/** Worst first; `worstState` and the exit code follow this order. */
export const SYNC_STATES_WORST_FIRST: readonly SyncStateName[] = ['duplicated', 'missing', 'drifted', 'orphaned', 'pending', 'inSync'];

/** A Sentinel incident with its ids branded and its portal link (computed on first read). */
export interface SentinelSide {
  readonly incident: SentinelIncident;
  readonly name: SentinelIncidentName;
  readonly armId: SentinelIncidentArmId;
  /** Display only. */
  readonly number: SentinelIncidentNumber;
  readonly link: string;
}

interface DefenderSide {
  /** The Defender incident id, trimmed. */
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
  differences: readonly FieldDifference[];
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

type SideBuilder = (s: SentinelIncident) => SentinelSide;

function sentinelSideBuilder(azurePortalBase: string | undefined): SideBuilder {
  const linkOf = sentinelLinker({ portalBase: azurePortalBase });
  // Getters on a prototype instead of five fields and a link string per incident: at 50,000 pairs
  // the eager version spent more time allocating (and collecting) than matching.
  class Side implements SentinelSide {
    constructor(readonly incident: SentinelIncident) {}
    get name(): SentinelIncidentName {
      return sentinelIncidentName(this.incident.name);
    }
    get armId(): SentinelIncidentArmId {
      return sentinelIncidentArmId(this.incident.id);
    }
    get number(): SentinelIncidentNumber {
      return sentinelIncidentNumber(this.incident.properties.incidentNumber);
    }
    get link(): string {
      return linkOf(this.incident);
    }
    toJSON() {
      return { name: this.name, armId: this.armId, number: this.number, link: this.link };
    }
  }
  return (s) => new Side(s);
}

/** Later of two instants; an invalid one loses. */
const laterOf = (a: number, b: number): number => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b));

/** Sentinel incidents sorted by creation time (stable: equal times keep their order). */
const byCreation = (copies: SentinelIncident[]): SentinelIncident[] =>
  copies.sort((a, b) => parseIsoUtcMs(a.properties.createdTimeUtc) - parseIsoUtcMs(b.properties.createdTimeUtc));

/**
 * The join is kept in columns rather than one object per Defender id: at 50,000 incidents per side the
 * per-id objects, lag-sample objects and their garbage collection cost more than the matching itself
 * (bench "Sync diff"). Group g = one trimmed Defender id: key[g], its first XDR copy (index into
 * `sentinel`, −1 = none), further distinct copies (rare: a sparse Map), and the chosen Defender
 * incident (index into `defender`, −1 = none).
 */
export function matchIncidents(defender: readonly DefenderIncident[], sentinel: readonly SentinelIncident[], opts: MatchOptions): SyncReport {
  const now = opts.now.getTime();
  const syncWindowMinutes = opts.syncWindowMinutes ?? DEFAULT_SYNC_WINDOW_MINUTES;
  const driftToleranceMinutes = opts.driftToleranceMinutes ?? syncWindowMinutes;
  const windowMs = syncWindowMinutes * MINUTE;
  const toleranceMs = driftToleranceMinutes * MINUTE;
  const lagTargetMs = opts.lagTargetMs ?? SYNC_LAG_TARGET_MS;
  const windowStartMs = opts.windowStart ? opts.windowStart.getTime() : now - 7 * 24 * 3_600_000;
  const sideOf = sentinelSideBuilder(opts.azurePortalBase);
  const defenderLink = defenderLinker({ tenantId: opts.tenantId, portalBase: opts.defenderPortalBase });

  const maxGroups = sentinel.length + defender.length;
  const groupIndex = new Map<string, number>();
  const keyOf: string[] = [];
  const firstCopy = new Int32Array(maxGroups).fill(-1);
  const chosen = new Int32Array(maxGroups).fill(-1);
  const emitted = new Uint8Array(maxGroups);
  const moreCopies = new Map<number, SentinelIncident[]>();
  /** Groups made by the Sentinel pass come first, in Sentinel order (the orphan order). */
  let sentinelGroups = 0;

  // Sentinel pass: XDR copies grouped by providerIncidentId; native rule-made incidents kept aside.
  // The same resource twice (overlapping pages) is one incident, not a duplicate.
  const xdrWithoutProviderId: SentinelIncident[] = [];
  const ruleMadeCandidates: SentinelIncident[] = [];
  const ruleMadeNames = new Set<string>();
  const ruleKeys = opts.incidentCreationRules ? duplicatingRuleKeys(opts.incidentCreationRules) : null;
  for (let i = 0; i < sentinel.length; i++) {
    const s = sentinel[i]!;
    if (isXdrIncident(s)) {
      const key = (s.properties.providerIncidentId ?? '').trim();
      if (key === '') {
        xdrWithoutProviderId.push(s);
        continue;
      }
      const g = groupIndex.get(key);
      if (g === undefined) {
        groupIndex.set(key, sentinelGroups);
        keyOf.push(key);
        firstCopy[sentinelGroups++] = i;
      } else {
        const first = sentinel[firstCopy[g]!]!;
        const more = moreCopies.get(g);
        if (first.name !== s.name && !more?.some((m) => m.name === s.name)) {
          if (more) more.push(s);
          else moreCopies.set(g, [s]);
        }
      }
    } else if (isIncidentCreationRuleIncident(s, ruleKeys) && !ruleMadeNames.has(s.name)) {
      ruleMadeNames.add(s.name);
      ruleMadeCandidates.push(s);
    }
  }

  // Defender pass: attach each incident to its group; a repeated id (pages overlap while incidents
  // move in the list) keeps the newest version.
  const groupOf = new Int32Array(defender.length);
  let groups = sentinelGroups;
  for (let i = 0; i < defender.length; i++) {
    const d = defender[i]!;
    const key = d.id.trim();
    let g = groupIndex.get(key);
    if (g === undefined) {
      g = groups++;
      groupIndex.set(key, g);
      keyOf.push(key);
    }
    const current = chosen[g]!;
    if (current < 0 || parseIsoUtcMs(d.lastUpdateDateTime) > parseIsoUtcMs(defender[current]!.lastUpdateDateTime)) chosen[g] = i;
    groupOf[i] = g;
  }

  const ruleIncidentsByGroup = new Map<number, SentinelIncident[]>();
  if (ruleMadeCandidates.length > 0) {
    // The incidents the search may return: one per id (the chosen version), in first-seen order.
    const unique: DefenderIncident[] = [];
    const seen = new Uint8Array(groups);
    for (let i = 0; i < defender.length; i++) {
      const g = groupOf[i]!;
      if (seen[g]) continue;
      seen[g] = 1;
      unique.push(defender[chosen[g]!]!);
    }
    const byTitle = indexByTitle(unique, titleSearchOf(ruleMadeCandidates, windowMs));
    for (const s of ruleMadeCandidates) {
      const d = findDuplicatedDefenderIncident(s, byTitle, windowMs);
      const g = d ? groupIndex.get(d.id.trim()) : undefined;
      if (g === undefined) continue;
      const list = ruleIncidentsByGroup.get(g);
      if (list) list.push(s);
      else ruleIncidentsByGroup.set(g, [s]);
    }
  }

  const entries: DefenderSyncEntry[] = [];
  const creation = { count: 0, at: new Float64Array(defender.length), lagMs: new Float64Array(defender.length), group: new Int32Array(defender.length) };
  const status = { count: 0, at: new Float64Array(defender.length), lagMs: new Float64Array(defender.length), group: new Int32Array(defender.length) };
  const addLag = (into: typeof creation, g: number, at: number, lagMs: number): void => {
    into.at[into.count] = at;
    into.lagMs[into.count] = lagMs;
    into.group[into.count++] = g;
  };
  const defenderCreated = new Float64Array(defender.length);
  let createdCount = 0;
  let clockSkewCount = 0;
  let driftedPastTolerance = 0;
  const counts: Record<SyncStateName, number> = { inSync: 0, pending: 0, missing: 0, drifted: 0, duplicated: 0, orphaned: 0 };

  for (let i = 0; i < defender.length; i++) {
    const g = groupOf[i]!;
    if (chosen[g] !== i || emitted[g]) continue; // an older (or repeated) copy of the same id
    emitted[g] = 1;
    const d = defender[i]!;
    const key = keyOf[g]!;
    const defenderId = key as DefenderIncidentId; // already trimmed
    const link = defenderLink(d);
    const dCreated = parseIsoUtcMs(d.createdDateTime);
    defenderCreated[createdCount++] = dCreated;
    const ruleMade = ruleIncidentsByGroup.size > 0 ? ruleIncidentsByGroup.get(g) : undefined;
    const more = moreCopies.size > 0 ? moreCopies.get(g) : undefined;
    const copyIndex = firstCopy[g]!;

    if (more || ruleMade) {
      const sorted = byCreation(copyIndex < 0 ? [] : more ? [sentinel[copyIndex]!, ...more] : [sentinel[copyIndex]!]);
      const first = sorted[0];
      if (first) {
        // The first copy's lag is still a real sync lag.
        const sCreated = parseIsoUtcMs(first.properties.createdTimeUtc);
        if (sCreated < dCreated) clockSkewCount++;
        addLag(creation, g, sCreated, Math.max(0, sCreated - dCreated));
      }
      const nCopies = sorted.length;
      entries.push({
        state: 'duplicated',
        defenderId,
        defender: d,
        defenderLink: link,
        reason: nCopies > 1 && ruleMade ? 'both' : nCopies > 1 ? 'multipleCopies' : 'incidentCreationRule',
        copies: sorted.map(sideOf),
        ruleIncidents: (ruleMade ?? []).map(sideOf),
      });
      counts.duplicated++;
      continue;
    }

    if (copyIndex < 0) {
      const ageMs = now - dCreated;
      if (ageMs <= windowMs) {
        entries.push({ state: 'pending', defenderId, defender: d, defenderLink: link, ageMs: Math.max(0, ageMs), dueAt: new Date(dCreated + windowMs).toISOString() });
        counts.pending++;
      } else {
        entries.push({ state: 'missing', defenderId, defender: d, defenderLink: link, ageMs, overdueMs: ageMs - windowMs });
        counts.missing++;
      }
      continue;
    }
    const copy = sentinel[copyIndex]!;

    // Creation lag: a copy "created before" its Defender incident means the clocks disagree, so the
    // lag is clamped to 0 and flagged as skew rather than reported as negative.
    const sCreated = parseIsoUtcMs(copy.properties.createdTimeUtc);
    const clockSkew = sCreated < dCreated;
    const creationLagMs = clockSkew ? 0 : sCreated - dCreated;
    if (clockSkew) clockSkewCount++;
    addLag(creation, g, sCreated, creationLagMs);

    const differences = differingFields(d, copy);
    if (differences.length > 0) {
      const since = laterOf(parseIsoUtcMs(d.lastUpdateDateTime), parseIsoUtcMs(copy.properties.lastModifiedTimeUtc));
      const driftMs = Math.max(0, now - since);
      const withinTolerance = driftMs <= toleranceMs;
      if (!withinTolerance) driftedPastTolerance++;
      entries.push({
        state: 'drifted',
        defenderId,
        defender: d,
        defenderLink: link,
        sentinel: sideOf(copy),
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
    const sStatus = copy.properties.status;
    const statusMoved = defenderStatusClass(d.status) === 'closed' || (sStatus !== 'New' && sStatus.toLowerCase() !== 'new');
    const dLast = statusMoved ? parseIsoUtcMs(d.lastUpdateDateTime) : NaN;
    const sLast = statusMoved ? parseIsoUtcMs(copy.properties.lastModifiedTimeUtc) : NaN;
    if (statusMoved && dLast > dCreated && sLast > sCreated) {
      statusLagMs = Math.abs(sLast - dLast);
      addLag(status, g, Math.max(sLast, dLast), statusLagMs);
    }
    entries.push({ state: 'inSync', defenderId, defender: d, defenderLink: link, sentinel: sideOf(copy), creationLagMs, clockSkew, statusLagMs });
    counts.inSync++;
  }

  // Orphans: XDR copies whose Defender incident is not in the compared set. A copy created less than one
  // sync window after the window start may belong to a Defender incident created just before it, so it
  // is counted as "outside the window" instead of being reported as an orphan.
  const orphaned: OrphanedEntry[] = [];
  let unmatchedOutsideWindow = 0;
  const orphanFrom = windowStartMs + windowMs;
  const addOrphan = (s: SentinelIncident, providerId: string | null): void => {
    if (parseIsoUtcMs(s.properties.createdTimeUtc) < orphanFrom) {
      unmatchedOutsideWindow++;
      return;
    }
    orphaned.push({ state: 'orphaned', sentinel: sideOf(s), providerIncidentId: providerId === null ? null : defenderIncidentId(providerId) });
  };
  for (let g = 0; g < sentinelGroups; g++) {
    if (chosen[g]! >= 0) continue;
    addOrphan(sentinel[firstCopy[g]!]!, keyOf[g]!);
    for (const s of moreCopies.get(g) ?? []) addOrphan(s, keyOf[g]!);
  }
  for (const s of xdrWithoutProviderId) addOrphan(s, null);
  counts.orphaned = orphaned.length;

  const windowHours = Math.max(1, Math.ceil((now - windowStartMs) / 3_600_000));
  // LagSample objects only for a caller that reads them (nothing in the console does): the summaries
  // below work on the columns.
  const samplesOf = (c: typeof creation): LagSample[] => {
    const out: LagSample[] = new Array(c.count);
    for (let k = 0; k < c.count; k++) out[k] = { defenderId: keyOf[c.group[k]!]!, at: c.at[k]!, lagMs: c.lagMs[k]! };
    return out;
  };
  let creationLags: LagSample[] | undefined;
  let statusLags: LagSample[] | undefined;
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
    get creationLags() {
      return (creationLags ??= samplesOf(creation));
    },
    get statusLags() {
      return (statusLags ??= samplesOf(status));
    },
    lag: {
      creation: lagStatsOfColumns(creation, { now: opts.now, windowHours, targetMs: lagTargetMs }),
      statusChange: lagStatsOfColumns(status, { now: opts.now, windowHours, targetMs: lagTargetMs }),
    },
    hourly: hourlySeriesOfColumns(defenderCreated, createdCount, creation, { now: opts.now, windowHours }),
  };
}

/** The state with the highest precedence present in the report (inSync when everything is). */
export function worstSyncState(report: Pick<SyncReport, 'counts'>): SyncStateName {
  return SYNC_STATES_WORST_FIRST.find((s) => s !== 'inSync' && report.counts[s] > 0) ?? 'inSync';
}
