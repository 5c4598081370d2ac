/**
 * Indicator facts the health checks need. Kept local so health does not depend on
 * src/domain/indicators while that module is being written; the MDCA default below mirrors the
 * values the indicators domain matches by default (domain-notes §1 "MDCA-synced creator value":
 * the raw values are unverified, so callers may pass their own `isMdca`, e.g. one built from
 * `creatorClassOf` with the profile's creator rules).
 */
import type { CreatorRule } from '../../config/types.js';
import type { Indicator } from '../types.js';

/** Network indicator types: the ones network protection enforces (indicator-ip-domain). */
const NETWORK_TYPES = new Set(['url', 'domainname', 'ipaddress']);

export function isNetworkIndicator(ind: Indicator): boolean {
  return NETWORK_TYPES.has(ind.indicatorType.toLowerCase());
}

/** Block and Warn are the network actions that need network protection in block mode to take effect. */
export function isBlockOrWarn(ind: Indicator): boolean {
  const a = ind.action.toLowerCase();
  return a === 'block' || a === 'warn';
}

/** Not expired at `now` (null expirationTime = never expires). */
export function isActiveAt(ind: Indicator, now: Date): boolean {
  if (ind.expirationTime === null) return true;
  const t = Date.parse(ind.expirationTime);
  return Number.isNaN(t) || t > now.getTime();
}

/** Empty rbacGroupNames = all devices (ti-indicator.md). Group names compare case-insensitively. */
export function appliesToGroup(ind: Indicator, groupName: string | null): boolean {
  if (ind.rbacGroupNames.length === 0) return true;
  if (groupName === null) return false;
  const g = groupName.toLowerCase();
  return ind.rbacGroupNames.some((n) => n.toLowerCase() === g);
}

/** Patterns for the Defender for Cloud Apps creator (simulator + practitioner seed values, older MCAS naming). */
const MDCA_TEXT = /defender\s*for\s*cloud\s*apps|cloud\s*app\s*security|\bmcas\b|MicrosoftDefenderForCloudApps/i;

export type IsMdca = (ind: Indicator) => boolean;

/**
 * Default "created by Defender for Cloud Apps" test. Profile creator rules are tried first, in
 * order; the first rule whose field matches decides (class "mdca" → true, any other class → false),
 * so a profile can both add and veto MDCA values. Otherwise createdBySource, createdBy and
 * createdByDisplayName are matched against the default patterns.
 */
export function makeIsMdca(rules: readonly CreatorRule[] = []): IsMdca {
  const compiled = rules.map((r) => ({ ...r, re: new RegExp(r.pattern, 'i') }));
  return (ind) => {
    for (const r of compiled) {
      const v = ind[r.field];
      if (typeof v === 'string' && r.re.test(v)) return r.class === 'mdca';
    }
    return [ind.createdBySource, ind.createdBy, ind.createdByDisplayName].some((v) => typeof v === 'string' && MDCA_TEXT.test(v));
  };
}

export const defaultIsMdca: IsMdca = makeIsMdca();
