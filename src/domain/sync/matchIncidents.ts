/**
 * Match Defender incidents (Graph) with their Sentinel copies (ARM) and put each Defender incident in
 * exactly one sync state. Pure: the caller passes `now`.
 *
 * Matching key: Sentinel `providerIncidentId` = Defender `id`, only for incidents whose providerName is
 * an XDR provider name. Never `incidentNumber` (domain-notes §0.7). One pass per side joined by id, so
 * 50,000 incidents per side cost milliseconds, not per-pair work. Inputs are prepared records
 * (syncRecords.ts `prepareDefenderIncident` / `prepareSentinelIncident`).
 */
import type { AlertRule, SentinelOwner } from '../types.js';
import type { SyncDefenderIncident as DefenderIncident, SyncSentinelIncident as SentinelIncident } from './syncRecords.js';
import { differencesOf, type FieldDifference } from './equivalence.js';
import {
  defenderIdOfJoinKey,
  sentinelIncidentArmId,
  sentinelIncidentName,
  sentinelIncidentNumber,
  type DefenderIncidentId,
  type IncidentJoinKey,
  type SentinelIncidentArmId,
  type SentinelIncidentName,
  type SentinelIncidentNumber,
} from './ids.js';
import { hourlySeriesOfColumns, lagStatsOfColumns, SYNC_LAG_TARGET_MS, type HourBucket, type LagSample, type LagSummary } from './lagStats.js';
import { areProductsCovered, isStatusNew, isXdrCopy, providerKindOf, STATUS_CLOSED, statusOf, type SentinelFacts } from './matchFacts.js';
import { defenderLinker, sentinelLinker } from './portalLinks.js';
import {
  duplicatingRuleJudge,
  duplicatingRuleKeys,
  findDuplicatedDefenderIncident,
  indexByTitle,
  isRuleMadeNative,
  titleSearchOf,
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

/**
 * Getters on a prototype instead of five fields and a link string per incident: at 50,000 pairs the eager
 * version spent more time allocating (and collecting) than matching. One class for every run (the link
 * builder is a field): a class made per run gave each run's sides new hidden classes, and the optimised
 * matcher was thrown away after every run.
 */
class Side implements SentinelSide {
  readonly #linkOf: (s: SentinelIncident) => string;
  constructor(
    readonly incident: SentinelIncident,
    linkOf: (s: SentinelIncident) => string,
  ) {
    this.#linkOf = linkOf;
  }
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
    return this.#linkOf(this.incident);
  }
  toJSON() {
    return { name: this.name, armId: this.armId, number: this.number, link: this.link };
  }
}

function sentinelSideBuilder(azurePortalBase: string | undefined): SideBuilder {
  const linkOf = sentinelLinker({ portalBase: azurePortalBase });
  return (s) => new Side(s, linkOf);
}

/** Later of two instants; an invalid one loses. */
const laterOf = (a: number, b: number): number => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b));

/** Sentinel incidents sorted by creation time (stable: equal times keep their order). */
const byCreation = (copies: SentinelIncident[]): SentinelIncident[] => copies.sort((a, b) => a.createdMs - b.createdMs);

/** Join-key column values besides a numeric key (≥ 0). */
const KEY_STRING = -1;
const KEY_NONE = -2;
/** The join's array is used while it has at most this many slots per key it may hold (plus some slack). */
const SLOTS_PER_KEY = 4;
const SLOTS_SLACK = 1024;

/**
 * The join is kept in columns rather than one object per Defender id: at 50,000 incidents per side the
 * per-id objects, lag-sample objects and their garbage collection cost more than the matching itself
 * (bench "Sync diff"). Group g = one trimmed Defender id (one join key): its first XDR copy (index
 * into `sentinel`, −1 = none), further distinct copies (rare: a sparse Map), and the chosen Defender
 * incident (index into `defender`, −1 = none).
 *
 * Takes prepared records (syncRecords.ts): timestamps, join keys and status/classification/severity
 * classes were worked out once per record when it was read, so a run compares numbers. Each record is
 * read once, in list order, into typed columns; the pairing then reads the columns, not records spread
 * over a large heap (waiting for memory was most of a run's time once nothing was parsed any more).
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

  // Sentinel records → columns by position.
  const nS = sentinel.length;
  const sKey = new Int32Array(nS);
  const sFacts = new Int32Array(nS);
  const sCreated = new Float64Array(nS);
  const sModified = new Float64Array(nS);
  const sOwner: (SentinelOwner | null | undefined)[] = new Array(nS);
  let minKey = Infinity;
  let maxKey = -Infinity;
  for (let i = 0; i < nS; i++) {
    const s = sentinel[i]!;
    const key = s.copyOf;
    if (typeof key === 'number') {
      sKey[i] = key;
      if (key < minKey) minKey = key;
      if (key > maxKey) maxKey = key;
    } else {
      sKey[i] = key === null ? KEY_NONE : KEY_STRING;
    }
    sFacts[i] = s.facts;
    sCreated[i] = s.createdMs;
    sModified[i] = s.lastModifiedMs;
    sOwner[i] = s.properties.owner;
  }
  // Defender join keys → a column.
  const nD = defender.length;
  const dKey = new Int32Array(nD);
  for (let i = 0; i < nD; i++) {
    const key = defender[i]!.joinKey;
    if (typeof key === 'number') {
      dKey[i] = key;
      if (key < minKey) minKey = key;
      if (key > maxKey) maxKey = key;
    } else {
      dKey[i] = KEY_STRING;
    }
  }

  const maxGroups = nS + nD;
  // Join key → group. Defender ids are decimal numbers handed out in sequence, so a window's keys fill
  // a narrow range: a plain array over it finds a group with one read of memory that neighbouring
  // lookups have just read too (both lists come roughly in id order). A Map spent ~16 ms of a ~70 ms run
  // on these 100,000 lookups, mostly waiting for memory (bench "Sync diff"). Keys outside a sensible
  // range, and keys that are not numbers, go to a Map: same answers. (Local closures, not a class: the
  // optimiser inlines them, and a class's optimised methods were discarded after every run.)
  const span = maxKey - minKey + 1;
  const dense = span > 0 && span <= maxGroups * SLOTS_PER_KEY + SLOTS_SLACK;
  const keyBase = dense ? minKey : 0;
  /** slots[key − keyBase] = group + 1; 0 = no group yet. */
  const slots = new Int32Array(dense ? span : 0);
  const otherKeys = new Map<IncidentJoinKey, number>();
  const groupOfKey = (key: IncidentJoinKey): number => {
    if (typeof key === 'number') {
      const slot = key - keyBase;
      if (slot >= 0 && slot < slots.length) return slots[slot]! - 1;
    }
    return otherKeys.get(key) ?? -1;
  };
  const setGroupOfKey = (key: IncidentJoinKey, g: number): void => {
    if (typeof key === 'number') {
      const slot = key - keyBase;
      if (slot >= 0 && slot < slots.length) {
        slots[slot] = g + 1;
        return;
      }
    }
    otherKeys.set(key, g);
  };
  const firstCopy = new Int32Array(maxGroups).fill(-1);
  const chosen = new Int32Array(maxGroups).fill(-1);
  const emitted = new Uint8Array(maxGroups);
  const moreCopies = new Map<number, SentinelIncident[]>();
  /** 1 when the group has further copies or rule-made incidents (then it is duplicated): no Map lookup for the rest. */
  const duplicatedGroup = new Uint8Array(maxGroups);
  /** Groups made by the Sentinel pass come first, in Sentinel order (the orphan order). */
  let sentinelGroups = 0;

  // Sentinel pass: XDR copies grouped by providerIncidentId; native rule-made incidents kept aside.
  // The same resource twice (overlapping pages) is one incident, not a duplicate.
  const xdrWithoutProviderId: SentinelIncident[] = [];
  const ruleMadeCandidates: SentinelIncident[] = [];
  const ruleMadeNames = new Set<string>();
  const judgeRules = opts.incidentCreationRules ? duplicatingRuleJudge(duplicatingRuleKeys(opts.incidentCreationRules)) : null;
  for (let i = 0; i < nS; i++) {
    const facts = sFacts[i]! as SentinelFacts;
    if (isXdrCopy(facts)) {
      const k = sKey[i]!;
      if (k === KEY_NONE) {
        xdrWithoutProviderId.push(sentinel[i]!);
        continue;
      }
      const key = k >= 0 ? (k as IncidentJoinKey) : sentinel[i]!.copyOf!;
      const g = groupOfKey(key);
      if (g < 0) {
        setGroupOfKey(key, sentinelGroups);
        firstCopy[sentinelGroups++] = i;
      } else {
        const s = sentinel[i]!;
        const first = sentinel[firstCopy[g]!]!;
        const more = moreCopies.get(g);
        if (first.name !== s.name && !more?.some((m) => m.name === s.name)) {
          if (more) more.push(s);
          else moreCopies.set(g, [s]);
          duplicatedGroup[g] = 1;
        }
      }
    } else if (providerKindOf(facts) === 'native') {
      const s = sentinel[i]!;
      if (isRuleMadeNative(judgeRules === null ? undefined : s.properties.relatedAnalyticRuleIds, judgeRules, areProductsCovered(facts)) && !ruleMadeNames.has(s.name)) {
        ruleMadeNames.add(s.name);
        ruleMadeCandidates.push(s);
      }
    }
  }

  // Defender pass: attach each incident to its group; a repeated id (pages overlap while incidents
  // move in the list) keeps the newest version.
  const groupOf = new Int32Array(nD);
  let groups = sentinelGroups;
  let repeatedIds = 0;
  for (let i = 0; i < nD; i++) {
    const k = dKey[i]!;
    const key = k >= 0 ? (k as IncidentJoinKey) : defender[i]!.joinKey;
    let g = groupOfKey(key);
    if (g < 0) {
      g = groups++;
      setGroupOfKey(key, g);
    }
    const current = chosen[g]!;
    if (current < 0) chosen[g] = i;
    else {
      repeatedIds++;
      if (defender[i]!.lastUpdateMs > defender[current]!.lastUpdateMs) chosen[g] = i;
    }
    groupOf[i] = g;
  }

  const ruleIncidentsByGroup = new Map<number, SentinelIncident[]>();
  if (ruleMadeCandidates.length > 0) {
    // The incidents the search may return: one per id (the chosen version), in first-seen order —
    // the list itself when no id repeats.
    let unique: readonly DefenderIncident[] = defender;
    if (repeatedIds > 0) {
      const seen = new Uint8Array(groups);
      const list = new Array<DefenderIncident>(nD - repeatedIds);
      for (let i = 0, u = 0; i < nD; i++) {
        const g = groupOf[i]!;
        if (seen[g]) continue;
        seen[g] = 1;
        list[u++] = defender[chosen[g]!]!;
      }
      unique = list;
    }
    const byTitle = indexByTitle(unique, titleSearchOf(ruleMadeCandidates, windowMs));
    for (const s of ruleMadeCandidates) {
      const d = findDuplicatedDefenderIncident(s, byTitle, windowMs);
      const g = d ? groupOfKey(d.joinKey) : -1;
      if (g < 0) continue;
      const list = ruleIncidentsByGroup.get(g);
      if (list) list.push(s);
      else ruleIncidentsByGroup.set(g, [s]);
      duplicatedGroup[g] = 1;
    }
  }

  // One entry per distinct Defender id: the size is known, so the array is made once instead of grown.
  const entries = new Array<DefenderSyncEntry>(nD - repeatedIds);
  let entryCount = 0;
  // Sample k: at[k], lagMs[k], and the Defender incident it belongs to (index into `defender`).
  const creation = { count: 0, at: new Float64Array(nD), lagMs: new Float64Array(nD), incident: new Int32Array(nD) };
  const status = { count: 0, at: new Float64Array(nD), lagMs: new Float64Array(nD), incident: new Int32Array(nD) };
  const addLag = (into: typeof creation, i: number, at: number, lagMs: number): void => {
    into.at[into.count] = at;
    into.lagMs[into.count] = lagMs;
    into.incident[into.count++] = i;
  };
  const defenderCreated = new Float64Array(nD);
  let createdCount = 0;
  let clockSkewCount = 0;
  let driftedPastTolerance = 0;
  const counts: Record<SyncStateName, number> = { inSync: 0, pending: 0, missing: 0, drifted: 0, duplicated: 0, orphaned: 0 };

  for (let i = 0; i < nD; i++) {
    const g = groupOf[i]!;
    if (chosen[g] !== i || emitted[g]) continue; // an older (or repeated) copy of the same id
    emitted[g] = 1;
    const d = defender[i]!;
    const defenderId = d.defenderId;
    const link = defenderLink(d);
    const dCreated = d.createdMs;
    defenderCreated[createdCount++] = dCreated;
    const copyIndex = firstCopy[g]!;

    if (duplicatedGroup[g]) {
      const ruleMade = ruleIncidentsByGroup.get(g);
      const more = moreCopies.get(g);
      const sorted = byCreation(copyIndex < 0 ? [] : more ? [sentinel[copyIndex]!, ...more] : [sentinel[copyIndex]!]);
      const first = sorted[0];
      if (first) {
        // The first copy's lag is still a real sync lag.
        const firstCreated = first.createdMs;
        if (firstCreated < dCreated) clockSkewCount++;
        addLag(creation, i, firstCreated, Math.max(0, firstCreated - dCreated));
      }
      const nCopies = sorted.length;
      entries[entryCount++] = {
        state: 'duplicated',
        defenderId,
        defender: d,
        defenderLink: link,
        reason: nCopies > 1 && ruleMade ? 'both' : nCopies > 1 ? 'multipleCopies' : 'incidentCreationRule',
        copies: sorted.map(sideOf),
        ruleIncidents: (ruleMade ?? []).map(sideOf),
      };
      counts.duplicated++;
      continue;
    }

    if (copyIndex < 0) {
      const ageMs = now - dCreated;
      if (ageMs <= windowMs) {
        entries[entryCount++] = { state: 'pending', defenderId, defender: d, defenderLink: link, ageMs: Math.max(0, ageMs), dueAt: new Date(dCreated + windowMs).toISOString() };
        counts.pending++;
      } else {
        entries[entryCount++] = { state: 'missing', defenderId, defender: d, defenderLink: link, ageMs, overdueMs: ageMs - windowMs };
        counts.missing++;
      }
      continue;
    }
    // The copy's record is read only to name its fields when they differ (and as the entry's side).
    const copy = sentinel[copyIndex]!;
    const copyFacts = sFacts[copyIndex]! as SentinelFacts;

    // Creation lag: a copy "created before" its Defender incident means the clocks disagree, so the
    // lag is clamped to 0 and flagged as skew rather than reported as negative.
    const copyCreated = sCreated[copyIndex]!;
    const clockSkew = copyCreated < dCreated;
    const creationLagMs = clockSkew ? 0 : copyCreated - dCreated;
    if (clockSkew) clockSkewCount++;
    addLag(creation, i, copyCreated, creationLagMs);

    const differences = differencesOf(d, copyFacts, sOwner[copyIndex], copy);
    if (differences.length > 0) {
      const since = laterOf(d.lastUpdateMs, sModified[copyIndex]!);
      const driftMs = Math.max(0, now - since);
      const withinTolerance = driftMs <= toleranceMs;
      if (!withinTolerance) driftedPastTolerance++;
      entries[entryCount++] = {
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
      };
      counts.drifted++;
      continue;
    }

    // Status-change lag: only when the status moved off its initial value and both sides recorded a
    // modification after creation. The connector syncs both ways, so the direction is unknown: the lag
    // is the distance between the two sides' last modifications (an upper bound if other fields changed).
    let statusLagMs: number | null = null;
    if (statusOf(d.facts) === STATUS_CLOSED || !isStatusNew(copyFacts)) {
      const dLast = d.lastUpdateMs;
      const sLast = sModified[copyIndex]!;
      if (dLast > dCreated && sLast > copyCreated) {
        statusLagMs = Math.abs(sLast - dLast);
        addLag(status, i, Math.max(sLast, dLast), statusLagMs);
      }
    }
    entries[entryCount++] = { state: 'inSync', defenderId, defender: d, defenderLink: link, sentinel: sideOf(copy), creationLagMs, clockSkew, statusLagMs };
    counts.inSync++;
  }

  // Orphans: XDR copies whose Defender incident is not in the compared set. A copy created less than one
  // sync window after the window start may belong to a Defender incident created just before it, so it
  // is counted as "outside the window" instead of being reported as an orphan.
  const orphaned: OrphanedEntry[] = [];
  let unmatchedOutsideWindow = 0;
  const orphanFrom = windowStartMs + windowMs;
  const addOrphan = (s: SentinelIncident): void => {
    if (s.createdMs < orphanFrom) {
      unmatchedOutsideWindow++;
      return;
    }
    orphaned.push({ state: 'orphaned', sentinel: sideOf(s), providerIncidentId: s.copyOf === null ? null : defenderIdOfJoinKey(s.copyOf) });
  };
  for (let g = 0; g < sentinelGroups; g++) {
    if (chosen[g]! >= 0) continue;
    addOrphan(sentinel[firstCopy[g]!]!);
    for (const s of moreCopies.get(g) ?? []) addOrphan(s);
  }
  for (const s of xdrWithoutProviderId) addOrphan(s);
  counts.orphaned = orphaned.length;

  const windowHours = Math.max(1, Math.ceil((now - windowStartMs) / 3_600_000));
  // LagSample objects only for a caller that reads them (nothing in the console does): the summaries
  // below work on the columns.
  const samplesOf = (c: typeof creation): LagSample[] => {
    const out: LagSample[] = new Array(c.count);
    for (let k = 0; k < c.count; k++) out[k] = { defenderId: defender[c.incident[k]!]!.defenderId, at: c.at[k]!, lagMs: c.lagMs[k]! };
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
