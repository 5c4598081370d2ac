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
 * Index of Defender incidents by the titles a rule-made incident could carry: an incident-creation rule
 * names its incident after the alert by default, so both the incident's displayName and its alerts'
 * titles are keys. One pass; the duplicate search then costs one lookup per rule-made incident.
 */
export function indexByTitle(defender: readonly DefenderIncident[]): Map<string, DefenderIncident[]> {
  const index = new Map<string, DefenderIncident[]>();
  const add = (key: string, d: DefenderIncident): void => {
    if (key === '') return;
    const list = index.get(key);
    if (!list) index.set(key, [d]);
    else if (list[list.length - 1] !== d) list.push(d);
  };
  for (const d of defender) {
    add(normTitle(d.displayName), d);
    for (const a of d.alerts ?? []) add(normTitle(a.title), d);
  }
  return index;
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
 * When several Defender incidents qualify (titles repeat), the closest in time wins.
 */
export function findDuplicatedDefenderIncident(
  s: SentinelIncident,
  byTitle: ReadonlyMap<string, readonly DefenderIncident[]>,
  windowMs: number,
): DefenderIncident | null {
  const candidates = byTitle.get(normTitle(s.properties.title));
  if (!candidates) return null;
  const p = s.properties;
  const sTimes = [p.lastActivityTimeUtc, p.firstActivityTimeUtc, p.createdTimeUtc].map((t) => (t ? Date.parse(t) : NaN)).filter((t) => !Number.isNaN(t));
  const sProducts = (p.additionalData?.alertProductNames ?? []).map((x) => x.toLowerCase());
  let best: DefenderIncident | null = null;
  let bestDistance = Infinity;
  for (const d of candidates) {
    const dTimes = [Date.parse(d.createdDateTime), ...(d.alerts ?? []).map((a) => (a.createdDateTime ? Date.parse(a.createdDateTime) : NaN))];
    let distance = Infinity;
    for (const dt of dTimes) {
      if (Number.isNaN(dt)) continue;
      for (const st of sTimes) distance = Math.min(distance, Math.abs(st - dt));
    }
    if (distance > windowMs) continue;
    const dProducts = (d.alerts ?? []).map((a) => (a.productName ?? '').toLowerCase()).filter((x) => x !== '');
    if (sProducts.length > 0 && dProducts.length > 0 && !dProducts.some((x) => sProducts.includes(x))) continue;
    if (distance < bestDistance) {
      best = d;
      bestDistance = distance;
    }
  }
  return best;
}
