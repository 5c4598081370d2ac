/**
 * Which Sentinel incidents came from the Defender XDR connector, and which native incidents were made
 * by a Microsoft incident-creation rule for alerts the connector already covers (the duplicate hazard).
 */
import type { AlertRule, DefenderAlert } from '../types.js';
import type { SyncDefenderIncident as DefenderIncident, SyncSentinelIncident as SentinelIncident } from './syncRecords.js';
import { parseIsoUtcMs } from './isoTime.js';

/**
 * "Microsoft XDR" is the current providerName, "Microsoft 365 Defender" the older one; both occur in the
 * same workspace (domain-notes §1 "ProviderName / IDs", api-contracts "Gaps"). Compared case-insensitively.
 */
export const XDR_PROVIDER_NAMES: readonly string[] = ['microsoft xdr', 'microsoft 365 defender'];

export function isXdrIncident(s: SentinelIncident): boolean {
  const raw = s.properties.providerName;
  if (raw === 'Microsoft XDR' || raw === 'Microsoft 365 Defender') return true; // wire spelling: no allocation
  const name = (raw ?? '').trim().toLowerCase();
  return XDR_PROVIDER_NAMES.includes(name);
}

/** Native incidents (analytics rules, incident-creation rules) carry "Azure Sentinel". */
export function isNativeSentinelIncident(s: SentinelIncident): boolean {
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
export function isIncidentCreationRuleIncident(s: SentinelIncident, ruleKeys: ReadonlySet<string> | null): boolean {
  if (!isNativeSentinelIncident(s)) return false;
  const related = s.properties.relatedAnalyticRuleIds ?? [];
  if (ruleKeys !== null && related.length > 0) {
    return related.some((id) => {
      const lowerId = id.toLowerCase();
      return ruleKeys.has(lowerId) || ruleKeys.has(lowerId.slice(lowerId.lastIndexOf('/') + 1));
    });
  }
  const products = s.properties.additionalData?.alertProductNames ?? [];
  return products.length > 0 && products.every(isCoveredProduct);
}

const normTitle = (t: string | null | undefined): string => (t ?? '').trim().toLowerCase();
/** The title key of `indexByTitle` / `findDuplicatedDefenderIncident` (trimmed, lower-cased). */
export const normalizedTitle = normTitle;

/** What the duplicate heuristic reads of a Defender incident (and of its alerts). */
export type DefenderIncidentForDuplicates = Pick<DefenderIncident, 'displayName' | 'createdDateTime'> & {
  alerts?: readonly Pick<DefenderAlert, 'title' | 'createdDateTime' | 'productName'>[] | undefined;
};

/**
 * Defender incidents under one title, as (time, incident) pairs sorted by time: each incident's
 * creation and its alerts' creation times, parsed once. Titles repeat across thousands of
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
 * Where the duplicate search will look: per normalised title (`normalizedTitle`), the sorted times of the
 * rule-made incidents carrying it (their activity and creation times), and the search window.
 */
export interface TitleSearch {
  times: ReadonlyMap<string, Float64Array>;
  windowMs: number;
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
  const times = new Map<string, Float64Array>();
  for (const [key, list] of lists) times.set(key, Float64Array.from(list).sort());
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
  // Titles repeat: normalise each distinct string once instead of trimming and lower-casing per incident.
  const normalized = new Map<string, string>();
  const norm = (t: string | null | undefined): string => {
    if (!t) return '';
    let n = normalized.get(t);
    if (n === undefined) normalized.set(t, (n = normTitle(t)));
    return n;
  };
  const keys: string[] = [];
  const times: number[] = [];
  const wanted = (key: string): boolean => key !== '' && (search === undefined || search.times.has(key)) && !keys.includes(key);
  for (const d of defender) {
    keys.length = 0;
    const own = norm(d.displayName);
    if (wanted(own)) keys.push(own);
    const alerts = d.alerts;
    if (alerts) {
      for (let i = 0; i < alerts.length; i++) {
        const key = norm(alerts[i]!.title);
        if (wanted(key)) keys.push(key);
      }
    }
    if (keys.length === 0) continue;
    // The incident's creation and its alerts' creation times, parsed once for all its titles.
    times.length = 0;
    const created = parseIsoUtcMs(d.createdDateTime);
    if (!Number.isNaN(created)) times.push(created);
    if (alerts) {
      for (const a of alerts) {
        const t = a.createdDateTime ? parseIsoUtcMs(a.createdDateTime) : NaN;
        if (!Number.isNaN(t)) times.push(t);
      }
    }
    let products: string[] | null = null;
    for (const key of keys) {
      const near = search?.times.get(key);
      let b = builders.get(key);
      let owner = -1;
      for (const t of times) {
        if (near && !hasWithin(near, t, search!.windowMs)) continue;
        if (owner < 0) {
          if (!b) builders.set(key, (b = { incidents: [], products: [], times: [], owners: [] }));
          owner = b.incidents.length;
          b.incidents.push(d);
          b.products.push((products ??= productsOf(d)));
        }
        b!.times.push(t);
        b!.owners.push(owner);
      }
      // An incident with no time (unparseable) is still listed under its title, as before.
      if (times.length === 0 && !near) {
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

const productsOf = (d: DefenderIncidentForDuplicates): string[] => {
  const out: string[] = [];
  for (const a of d.alerts ?? []) {
    const name = (a.productName ?? '').toLowerCase();
    if (name !== '') out.push(name);
  }
  return out;
};

/** Is some value of sorted `times` within ±windowMs of t? */
function hasWithin(times: Float64Array, t: number, windowMs: number): boolean {
  const k = lowerBound(times, t - windowMs);
  return k < times.length && times[k]! <= t + windowMs;
}

/** The rule-made incident's times the search compares: alert activity (last, first), then creation. */
function searchTimesOf(s: SentinelIncident): number[] {
  const p = s.properties;
  return [p.lastActivityTimeUtc, p.firstActivityTimeUtc, p.createdTimeUtc].map((t) => (t ? parseIsoUtcMs(t) : NaN)).filter((t) => !Number.isNaN(t));
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
