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
  const name = (s.properties.providerName ?? '').trim().toLowerCase();
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
 * - when the workspace's alert rules are known, the incident's `relatedAnalyticRuleIds` must name an
 *   incident-creation rule whose productFilter is XDR-covered (matched by ARM id or rule name, the id's
 *   last segment) — enabled or not, since the rule may have been switched off after creating it;
 * - when they are not known, every `additionalData.alertProductNames` entry must be an XDR-covered product
 *   (and there must be at least one).
 */
export function isIncidentCreationRuleIncident(s: SentinelIncident, ruleKeys: ReadonlySet<string> | null): boolean {
  if (!isNativeSentinelIncident(s)) return false;
  if (ruleKeys !== null) {
    return (s.properties.relatedAnalyticRuleIds ?? []).some((id) => {
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
 * Match = same title (incident or alert title, case-insensitive) AND created within `windowMs` of the
 * Defender incident or of one of its alerts AND, when both sides name products, at least one product in
 * common. Alert ids would be the exact key, but the incident list does not carry them (they need one
 * extra call per incident: POST …/incidents/{id}/alerts), so title + time + product is what is available.
 * When several Defender incidents qualify, the one created closest in time wins.
 */
export function findDuplicatedDefenderIncident(
  s: SentinelIncident,
  byTitle: ReadonlyMap<string, readonly DefenderIncident[]>,
  windowMs: number,
): DefenderIncident | null {
  const candidates = byTitle.get(normTitle(s.properties.title));
  if (!candidates) return null;
  const sCreated = Date.parse(s.properties.createdTimeUtc);
  const sProducts = (s.properties.additionalData?.alertProductNames ?? []).map((p) => p.toLowerCase());
  let best: DefenderIncident | null = null;
  let bestDistance = Infinity;
  for (const d of candidates) {
    const times = [Date.parse(d.createdDateTime), ...(d.alerts ?? []).map((a) => (a.createdDateTime ? Date.parse(a.createdDateTime) : NaN))];
    let distance = Infinity;
    for (const t of times) if (!Number.isNaN(t)) distance = Math.min(distance, Math.abs(sCreated - t));
    if (distance > windowMs) continue;
    const dProducts = (d.alerts ?? []).map((a) => (a.productName ?? '').toLowerCase()).filter((p) => p !== '');
    if (sProducts.length > 0 && dProducts.length > 0 && !dProducts.some((p) => sProducts.includes(p))) continue;
    if (distance < bestDistance) {
      best = d;
      bestDistance = distance;
    }
  }
  return best;
}
