/**
 * Which Sentinel incidents came from the Defender XDR connector, and which native incidents were made
 * by a Microsoft incident-creation rule for alerts the connector already covers (the duplicate hazard).
 */
import type { AlertRule, DefenderIncident, SentinelIncident } from '../types.js';

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

/**
 * Defender incidents under one title, as (time, incident) pairs sorted by time: each incident's
 * creation and its alerts' creation times, parsed once. Titles repeat across thousands of
 * incidents, so the duplicate search looks only at the pairs within the time window (two binary
 * searches) instead of parsing and comparing every same-title incident per rule-made incident —
 * which cost seconds at 50,000 incidents per side (bench: "Sync diff").
 */
export interface TitleEntries {
  incidents: DefenderIncident[];
  /** Lower-cased alert product names per incident (same positions as `incidents`). */
  products: string[][];
  /** Pair k: time[k] belongs to incidents[owner[k]]; sorted by time, then owner. */
  time: Float64Array;
  owner: Int32Array;
}

/**
 * Index of Defender incidents by the titles a rule-made incident could carry: an incident-creation rule
 * names its incident after the alert by default, so both the incident's displayName and its alerts'
 * titles are keys. One pass; the duplicate search then costs one lookup per rule-made incident.
 */
export function indexByTitle(defender: readonly DefenderIncident[]): Map<string, TitleEntries> {
  const lists = new Map<string, DefenderIncident[]>();
  const add = (key: string, d: DefenderIncident): void => {
    if (key === '') return;
    const list = lists.get(key);
    if (!list) lists.set(key, [d]);
    else if (list[list.length - 1] !== d) list.push(d);
  };
  for (const d of defender) {
    add(normTitle(d.displayName), d);
    for (const a of d.alerts ?? []) add(normTitle(a.title), d);
  }
  const index = new Map<string, TitleEntries>();
  for (const [title, incidents] of lists) {
    const times: number[] = [];
    const owners: number[] = [];
    const products: string[][] = [];
    incidents.forEach((d, i) => {
      for (const t of [Date.parse(d.createdDateTime), ...(d.alerts ?? []).map((a) => (a.createdDateTime ? Date.parse(a.createdDateTime) : NaN))]) {
        if (Number.isNaN(t)) continue;
        times.push(t);
        owners.push(i);
      }
      products.push((d.alerts ?? []).map((a) => (a.productName ?? '').toLowerCase()).filter((x) => x !== ''));
    });
    const order = Array.from(times.keys()).sort((a, b) => times[a]! - times[b]! || owners[a]! - owners[b]!);
    index.set(title, { incidents, products, time: Float64Array.from(order, (k) => times[k]!), owner: Int32Array.from(order, (k) => owners[k]!) });
  }
  return index;
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
export function findDuplicatedDefenderIncident(
  s: SentinelIncident,
  byTitle: ReadonlyMap<string, TitleEntries>,
  windowMs: number,
): DefenderIncident | null {
  const entries = byTitle.get(normTitle(s.properties.title));
  if (!entries) return null;
  const p = s.properties;
  const sTimes = [p.lastActivityTimeUtc, p.firstActivityTimeUtc, p.createdTimeUtc].map((t) => (t ? Date.parse(t) : NaN)).filter((t) => !Number.isNaN(t));
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
