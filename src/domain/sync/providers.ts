/**
 * Which Sentinel incidents came from the Defender XDR connector, and which native incidents were made
 * by a Microsoft incident-creation rule for alerts the connector already covers (the duplicate hazard).
 */
import type { AlertRule } from '../types.js';
import type { SyncDefenderAlert, SyncDefenderIncident as DefenderIncident, SyncSentinelIncident as SentinelIncident } from './syncRecords.js';
import { parseIsoUtcMs } from './isoTime.js';

/**
 * The provider fields of a Sentinel incident, wire or prepared: these checks run when a record is
 * prepared (syncRecords.ts), and matching then reads their results from the record's facts.
 */
export interface ProviderFields {
  properties: {
    providerName?: string | null | undefined;
    relatedAnalyticRuleIds?: readonly string[] | undefined;
    additionalData?: { alertProductNames?: readonly string[] | undefined } | null | undefined;
  };
}

/**
 * "Microsoft XDR" is the current providerName, "Microsoft 365 Defender" the older one; both occur in the
 * same workspace (domain-notes §1 "ProviderName / IDs", api-contracts "Gaps"). Compared case-insensitively.
 */
export const XDR_PROVIDER_NAMES: readonly string[] = ['microsoft xdr', 'microsoft 365 defender'];

export function isXdrIncident(s: ProviderFields): boolean {
  const raw = s.properties.providerName;
  if (raw === 'Microsoft XDR' || raw === 'Microsoft 365 Defender') return true; // wire spelling: no allocation
  const name = (raw ?? '').trim().toLowerCase();
  return XDR_PROVIDER_NAMES.includes(name);
}

/** Native incidents (analytics rules, incident-creation rules) carry "Azure Sentinel". */
export function isNativeSentinelIncident(s: ProviderFields): boolean {
  return (s.properties.providerName ?? '').trim().toLowerCase() === 'azure sentinel';
}

/**
 * `MicrosoftSecurityIncidentCreation` productFilter values for products the XDR connector integrates:
 * MDE, MDCA, MDI, MDO, Entra ID Protection. Turning on XDR incident sync turns these rules off to avoid
 * duplicates; re-enabled ones produce duplicates (api-contracts §c "Duplicate-incident hazard";
 * domain-notes §1 "Duplicates"). The same strings appear in `additionalData.alertProductNames`.
 */
export const XDR_COVERED_PRODUCTS: readonly string[] = [
  'microsoft defender advanced threat protection',
  'microsoft cloud app security',
  'azure advanced threat protection',
  'office 365 advanced threat protection',
  'azure active directory identity protection',
];

const isCoveredProduct = (p: string | null | undefined): boolean =>
  XDR_COVERED_PRODUCTS.includes((p ?? '').trim().toLowerCase());

/** ARM ids of the incident-creation rules that duplicate XDR incidents (lower-cased; also their names). */
export function duplicatingRuleKeys(rules: readonly AlertRule[]): Set<string> {
  const keys = new Set<string>();
  for (const r of rules) {
    if (r.kind !== 'MicrosoftSecurityIncidentCreation') continue;
    if (!isCoveredProduct(r.properties.productFilter)) continue;
    keys.add(r.id.toLowerCase());
    keys.add(r.name.toLowerCase());
  }
  return keys;
}

/**
 * Is this native incident one a Microsoft incident-creation rule made for XDR-covered alerts?
 *
 * Heuristic (documented because the incident list carries no rule kind):
 * - when the workspace's alert rules are known and the incident names its rules, one of its
 *   `relatedAnalyticRuleIds` must be an incident-creation rule whose productFilter is XDR-covered (matched
 *   by ARM id or rule name, the id's last segment) — enabled or not, since the rule may have been switched
 *   off after creating it;
 * - otherwise (rules unknown, or no related rule ids), every `additionalData.alertProductNames` entry must
 *   be an XDR-covered product (and there must be at least one). Analytics-rule incidents name the product
 *   "Azure Sentinel", so they never qualify.
 */
export function isIncidentCreationRuleIncident(s: ProviderFields, ruleKeys: ReadonlySet<string> | null): boolean {
  const judge = ruleKeys === null ? null : (related: readonly string[]) => relatesToDuplicatingRule(related, ruleKeys);
  return isNativeSentinelIncident(s) && isRuleMadeNative(s.properties.relatedAnalyticRuleIds, judge, areAlertProductsCovered(s));
}

/** Does one of these related rule ids name a duplicating rule? (`relatesToDuplicatingRule` for known rule keys.) */
export type DuplicatingRuleJudge = (related: readonly string[]) => boolean;

/**
 * The check for an incident already known to be native, with the product heuristic's answer given
 * (matchIncidents has it from the prepared record's facts); `judge` null = the rules are unknown.
 */
export function isRuleMadeNative(related: readonly string[] | undefined, judge: DuplicatingRuleJudge | null, productsCovered: boolean): boolean {
  return judge !== null && related !== undefined && related.length > 0 ? judge(related) : productsCovered;
}

/**
 * `relatesToDuplicatingRule` against fixed rule keys, each distinct rule id judged once: a workspace has a
 * handful of rules and thousands of native incidents naming them, and lower-casing the long ARM ids per
 * incident per match added milliseconds to every run.
 */
export function duplicatingRuleJudge(ruleKeys: ReadonlySet<string>): DuplicatingRuleJudge {
  const verdicts = new Map<string, boolean>();
  const duplicating = (id: string): boolean => {
    let v = verdicts.get(id);
    if (v === undefined) verdicts.set(id, (v = relatesToDuplicatingRule([id], ruleKeys)));
    return v;
  };
  return (related) => related.some(duplicating);
}

/** The rule-id half of the check: one of `related` is one of `ruleKeys` (by ARM id or rule name). */
function relatesToDuplicatingRule(related: readonly string[], ruleKeys: ReadonlySet<string>): boolean {
  return related.some((id) => {
    const lowerId = id.toLowerCase();
    return ruleKeys.has(lowerId) || ruleKeys.has(lowerId.slice(lowerId.lastIndexOf('/') + 1));
  });
}

/** The product-name half: every alert product is XDR-covered, and there is at least one. */
export function areAlertProductsCovered(s: ProviderFields): boolean {
  const products = s.properties.additionalData?.alertProductNames ?? [];
  return products.length > 0 && products.every(isCoveredProduct);
}

const normTitle = (t: string | null | undefined): string => (t ?? '').trim().toLowerCase();
/** The title key of `indexByTitle` / `findDuplicatedDefenderIncident` (trimmed, lower-cased). */
export const normalizedTitle = normTitle;

/** What the duplicate heuristic reads of a Defender incident (and of its alerts). */
export type DefenderIncidentForDuplicates = Pick<DefenderIncident, 'displayName' | 'createdMs'> & {
  readonly alerts?: readonly SyncDefenderAlert[] | undefined;
};

/**
 * Defender incidents under one title, as (time, incident) pairs sorted by time: each incident's
 * creation and its alerts' creation times, as epoch ms. Titles repeat across thousands of
 * incidents, so the duplicate search looks only at the pairs within the time window (two binary
 * searches) instead of parsing and comparing every same-title incident per rule-made incident —
 * which cost seconds at 50,000 incidents per side (bench: "Sync diff").
 */
export interface TitleEntries<D extends DefenderIncidentForDuplicates = DefenderIncidentForDuplicates> {
  incidents: D[];
  /** Lower-cased alert product names per incident (same positions as `incidents`). */
  products: string[][];
  /** Pair k: time[k] belongs to incidents[owner[k]]; sorted by time, then owner. */
  time: Float64Array;
  owner: Int32Array;
}

/**
 * Where the duplicate search will look: per normalised title (`normalizedTitle`), the times of the
 * rule-made incidents carrying it (their activity and creation times), and the search window.
 */
export interface TitleSearch {
  times: ReadonlyMap<string, NearTimes>;
  windowMs: number;
}

/**
 * Sorted times, and a quick "maybe near" test: bucket b = floor(t / windowMs) is marked when a time lies
 * within reach of some instant in it. Most Defender incidents carry a title some rule-made incident
 * carries (titles repeat), so the index asks "is any of these times within the window of t?" ~200,000
 * times per match; an unmarked bucket answers no without the binary search (bench "Sync diff").
 */
export interface NearTimes {
  sorted: Float64Array;
  /** null: no quick test (window ≤ 0, or the times too far apart for a small table). */
  buckets: Uint8Array | null;
  firstBucket: number;
}

const MAX_BUCKETS = 1 << 20;

function nearTimesOf(sorted: Float64Array, windowMs: number): NearTimes {
  const n = sorted.length;
  if (!(windowMs > 0) || n === 0) return { sorted, buckets: null, firstBucket: 0 };
  // One bucket of slack on each side: the test must never say no to a time the exact search accepts.
  const bucketOf = (t: number): number => Math.floor(t / windowMs);
  const firstBucket = bucketOf(sorted[0]! - windowMs) - 1;
  const span = bucketOf(sorted[n - 1]! + windowMs) + 1 - firstBucket + 1;
  if (!(span > 0 && span <= MAX_BUCKETS)) return { sorted, buckets: null, firstBucket: 0 };
  const buckets = new Uint8Array(span);
  for (let k = 0; k < n; k++) {
    const t = sorted[k]!;
    for (let b = bucketOf(t - windowMs) - 1, last = bucketOf(t + windowMs) + 1; b <= last; b++) buckets[b - firstBucket] = 1;
  }
  return { sorted, buckets, firstBucket };
}

/** The `TitleSearch` of these rule-made incidents (the times `findDuplicatedDefenderIncident` compares). */
export function titleSearchOf(ruleMade: readonly SentinelIncident[], windowMs: number): TitleSearch {
  const lists = new Map<string, number[]>();
  for (const s of ruleMade) {
    const key = normTitle(s.properties.title);
    let list = lists.get(key);
    if (!list) lists.set(key, (list = []));
    for (const t of searchTimesOf(s)) list.push(t);
  }
  const times = new Map<string, NearTimes>();
  for (const [key, list] of lists) times.set(key, nearTimesOf(Float64Array.from(list).sort(), windowMs));
  return { times, windowMs };
}

interface TitleBuilder<D> {
  incidents: D[];
  products: string[][];
  times: number[];
  owners: number[];
}

/**
 * Index of Defender incidents by the titles a rule-made incident could carry: an incident-creation rule
 * names its incident after the alert by default, so both the incident's displayName and its alerts'
 * titles are keys. One pass; the duplicate search then costs one lookup per rule-made incident.
 *
 * With `search`, only what the search can reach is indexed: titles some rule-made incident carries, and
 * of those only the (time, incident) pairs within the window of one of its times — a pair farther away
 * can never be a match's distance. Titles repeat across most of 50,000 incidents, so indexing them all
 * was most of the sync diff's time (bench "Sync diff"); the lookups, and so the results, are the same.
 */
export function indexByTitle<D extends DefenderIncidentForDuplicates>(defender: readonly D[], search?: TitleSearch): Map<string, TitleEntries<D>> {
  const builders = new Map<string, TitleBuilder<D>>();
  // Titles repeat: judge each distinct string once (normalised, wanted by the search or not, and the
  // search's times for it) instead of trimming, lower-casing and looking it up per incident.
  const keyOfTitle = new Map<string, TitleKey | null>();
  const keyOf = (t: string | null | undefined): TitleKey | null => {
    if (!t) return null;
    let key = keyOfTitle.get(t);
    if (key === undefined) {
      const title = normTitle(t);
      const near = search?.times.get(title);
      keyOfTitle.set(t, (key = title !== '' && (search === undefined || near !== undefined) ? { title, near } : null));
    }
    return key;
  };
  // This incident's keys: keys[0 … keyCount) (reused across incidents).
  const keys: TitleKey[] = [];
  let keyCount = 0;
  // This incident's times: times[0 … timeCount). A typed buffer reused across incidents: emptying a JS
  // array by `length = 0` dropped its storage, so every incident allocated a new one (~8 MB per run).
  let times = new Float64Array(16);
  let timeCount = 0;
  const addTime = (t: number): void => {
    if (Number.isNaN(t)) return;
    if (timeCount === times.length) {
      const grown = new Float64Array(times.length * 2);
      grown.set(times);
      times = grown;
    }
    times[timeCount++] = t;
  };
  for (const d of defender) {
    keyCount = 0;
    const own = keyOf(d.displayName);
    if (own !== null) keys[keyCount++] = own;
    const alerts = d.alerts;
    if (alerts) {
      for (let i = 0; i < alerts.length; i++) {
        const key = keyOf(alerts[i]!.title);
        if (key !== null && !hasKey(keys, keyCount, key)) keys[keyCount++] = key;
      }
    }
    if (keyCount === 0) continue;
    // The incident's creation and its alerts' creation times (parsed when the record was prepared).
    timeCount = 0;
    addTime(d.createdMs);
    if (alerts) for (let i = 0; i < alerts.length; i++) addTime(alerts[i]!.createdMs);
    let products: string[] | null = null;
    for (let k = 0; k < keyCount; k++) {
      const { title: key, near } = keys[k]!;
      let b: TitleBuilder<D> | undefined;
      let owner = -1;
      for (let ti = 0; ti < timeCount; ti++) {
        const t = times[ti]!;
        if (near && !hasWithin(near, t, search!.windowMs)) continue;
        if (owner < 0) {
          b = builders.get(key);
          if (!b) builders.set(key, (b = { incidents: [], products: [], times: [], owners: [] }));
          owner = b.incidents.length;
          b.incidents.push(d);
          b.products.push((products ??= productsOf(d)));
        }
        b!.times.push(t);
        b!.owners.push(owner);
      }
      // An incident with no time (unparseable) is still listed under its title, as before.
      if (timeCount === 0 && !near) {
        b = builders.get(key);
        if (!b) builders.set(key, (b = { incidents: [], products: [], times: [], owners: [] }));
        b.incidents.push(d);
        b.products.push((products ??= productsOf(d)));
      }
    }
  }
  const index = new Map<string, TitleEntries<D>>();
  for (const [title, b] of builders) {
    const order = Array.from(b.times.keys()).sort((x, y) => b.times[x]! - b.times[y]! || b.owners[x]! - b.owners[y]!);
    index.set(title, { incidents: b.incidents, products: b.products, time: Float64Array.from(order, (k) => b.times[k]!), owner: Int32Array.from(order, (k) => b.owners[k]!) });
  }
  return index;
}

/** A normalised title the index files incidents under, and the search's times for it (when searching). */
interface TitleKey {
  title: string;
  near: NearTimes | undefined;
}

const hasKey = (keys: readonly TitleKey[], count: number, key: TitleKey): boolean => {
  for (let i = 0; i < count; i++) if (keys[i]!.title === key.title) return true;
  return false;
};

const productsOf = (d: DefenderIncidentForDuplicates): string[] => {
  const out: string[] = [];
  for (const a of d.alerts ?? []) {
    const name = (a.productName ?? '').toLowerCase();
    if (name !== '') out.push(name);
  }
  return out;
};

/** Is one of `near`'s times within ±windowMs of t (not NaN)? */
function hasWithin(near: NearTimes, t: number, windowMs: number): boolean {
  const buckets = near.buckets;
  if (buckets !== null) {
    const b = Math.floor(t / windowMs) - near.firstBucket;
    if (!(b >= 0 && b < buckets.length) || buckets[b] === 0) return false;
  }
  const times = near.sorted;
  const k = lowerBound(times, t - windowMs);
  return k < times.length && times[k]! <= t + windowMs;
}

/**
 * The rule-made incident's times the search compares: alert activity (last, first), then creation.
 * Activity times are parsed here rather than kept on every record: only rule-made incidents read them.
 */
function searchTimesOf(s: SentinelIncident): number[] {
  const p = s.properties;
  return [p.lastActivityTimeUtc ? parseIsoUtcMs(p.lastActivityTimeUtc) : NaN, p.firstActivityTimeUtc ? parseIsoUtcMs(p.firstActivityTimeUtc) : NaN, s.createdMs].filter((t) => !Number.isNaN(t));
}

/** First position whose time is ≥ t. */
function lowerBound(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The Defender incident a rule-made Sentinel incident duplicates, or null.
 *
 * Match = same title (incident or alert title, case-insensitive) AND close in time AND, when both sides
 * name products, at least one product in common. "Close in time" compares the Sentinel incident's alert
 * activity times (lastActivityTimeUtc, firstActivityTimeUtc — they come from its alerts) and its
 * createdTimeUtc with the Defender incident's creation and its alerts' creation times: the smallest
 * distance must be within `windowMs`. Activity times matter because a rule can create its incident long
 * after the alert (e.g. when the rule is re-enabled), while the alert's own time stays put.
 * Alert ids would be the exact key, but the incident list does not carry them (they need one extra call
 * per incident: POST …/incidents/{id}/alerts), so title + time + product is what is available.
 * When several Defender incidents qualify (titles repeat), the closest in time wins (on a tie, the
 * first in the list).
 */
export function findDuplicatedDefenderIncident<D extends DefenderIncidentForDuplicates>(
  s: SentinelIncident,
  byTitle: ReadonlyMap<string, TitleEntries<D>>,
  windowMs: number,
): D | null {
  const entries = byTitle.get(normTitle(s.properties.title));
  if (!entries) return null;
  const p = s.properties;
  const sTimes = searchTimesOf(s);
  // Smallest distance per incident among its times inside [st − window, st + window]; a time outside
  // is farther than the window, so it can never be the smallest distance of a qualifying incident.
  const distanceOf = new Map<number, number>();
  for (const st of sTimes) {
    for (let k = lowerBound(entries.time, st - windowMs); k < entries.time.length && entries.time[k]! <= st + windowMs; k++) {
      const owner = entries.owner[k]!;
      const distance = Math.abs(st - entries.time[k]!);
      const known = distanceOf.get(owner);
      if (known === undefined || distance < known) distanceOf.set(owner, distance);
    }
  }
  if (distanceOf.size === 0) return null;
  const sProducts = (p.additionalData?.alertProductNames ?? []).map((x) => x.toLowerCase());
  let best = -1;
  let bestDistance = Infinity;
  for (const [owner, distance] of distanceOf) {
    const dProducts = entries.products[owner]!;
    if (sProducts.length > 0 && dProducts.length > 0 && !dProducts.some((x) => sProducts.includes(x))) continue;
    if (distance < bestDistance || (distance === bestDistance && owner < best)) {
      best = owner;
      bestDistance = distance;
    }
  }
  return best < 0 ? null : entries.incidents[best]!;
}
