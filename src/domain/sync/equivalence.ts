/**
 * How a Defender incident field and its Sentinel copy's field are judged "the same".
 *
 * Graph returns camelCase enums (a 2022 doc sample shows PascalCase, so compare case-insensitively;
 * api-contracts §b); Sentinel returns PascalCase (§c). The XDR connector keeps status, owner and
 * closing reason in step both ways (domain-notes §1 "XDR → Sentinel").
 */
import type { SentinelOwner } from '../types.js';
import type { SyncDefenderIncident as DefenderIncident, SyncSentinelIncident as SentinelIncident } from './syncRecords.js';
import { classificationOf, hasNobodyAssigned, severityOf, STATUS_CLOSED, statusOf, type SentinelFacts } from './matchFacts.js';

export type SyncField = 'status' | 'owner' | 'classification' | 'severity';

/** Status classes the two sides share: Sentinel has New/Active/Closed, Defender has more values. */
export type StatusClass = 'open' | 'closed';

const lower = (s: string | null | undefined): string => (s ?? '').trim().toLowerCase();

/** An assignee or owner name that names nobody (null, empty or blanks). */
export const isUnassigned = (name: string | null | undefined): boolean => lower(name) === '';

/**
 * Defender status → shared class. `redirected` is a merged incident: the connector closes its
 * Sentinel copy (tag "Redirected"), so it counts as closed. `unknownFutureValue` (or any value
 * Microsoft adds later) cannot be judged: null means "do not compare".
 */
export function defenderStatusClass(status: string): StatusClass | null {
  // Exact wire spellings first (no allocation per incident); any other casing goes through lower().
  if (status === 'active' || status === 'inProgress' || status === 'awaitingAction') return 'open';
  if (status === 'resolved' || status === 'redirected') return 'closed';
  switch (lower(status)) {
    case 'resolved':
    case 'redirected':
      return 'closed';
    case 'active':
    case 'inprogress':
    case 'awaitingaction':
      return 'open';
    default:
      return null;
  }
}

export function sentinelStatusClass(status: string): StatusClass | null {
  if (status === 'New' || status === 'Active') return 'open';
  if (status === 'Closed') return 'closed';
  switch (lower(status)) {
    case 'closed':
      return 'closed';
    case 'new':
    case 'active':
      return 'open';
    default:
      return null;
  }
}

/** Defender severity → Sentinel PascalCase; `unknown`/null has no Sentinel counterpart (null = do not compare). */
export function sentinelSeverityFor(severity: string | null): string | null {
  switch (lower(severity)) {
    case 'informational':
      return 'Informational';
    case 'low':
      return 'Low';
    case 'medium':
      return 'Medium';
    case 'high':
      return 'High';
    default:
      return null;
  }
}

/** Shared classification class; `undetermined` covers Defender unknown/null and Sentinel Undetermined/null. */
export type ClassificationClass = 'truePositive' | 'falsePositive' | 'benignPositive' | 'undetermined';

export function defenderClassificationClass(c: string | null): ClassificationClass | null {
  switch (lower(c)) {
    case 'truepositive':
      return 'truePositive';
    case 'falsepositive':
      return 'falsePositive';
    case 'informationalexpectedactivity':
      return 'benignPositive';
    case '':
    case 'unknown':
      return 'undetermined';
    default:
      return null; // unknownFutureValue or a value added later: cannot judge
  }
}

export function sentinelClassificationClass(c: string | null | undefined): ClassificationClass | null {
  switch (lower(c)) {
    case 'truepositive':
      return 'truePositive';
    case 'falsepositive':
      return 'falsePositive';
    case 'benignpositive':
      return 'benignPositive';
    case '':
    case 'undetermined':
      return 'undetermined';
    default:
      return null;
  }
}

export const SENTINEL_CLASSIFICATION: Record<ClassificationClass, string> = {
  truePositive: 'TruePositive',
  falsePositive: 'FalsePositive',
  benignPositive: 'BenignPositive',
  undetermined: 'Undetermined',
};

/**
 * Defender `assignedTo` (a UPN, or null) against the Sentinel owner, which may carry it as
 * userPrincipalName, email or assignedTo; case-insensitive. Unassigned on both sides is equal.
 */
export function ownerMatches(d: DefenderIncident, s: SentinelIncident): boolean {
  return ownerMatchesOf(d, s.facts, s.properties.owner);
}

function ownerMatchesOf(d: DefenderIncident, sFacts: SentinelFacts, o: SentinelOwner | null | undefined): boolean {
  // "Nobody" on either side was judged when the records were prepared: then they match only if both are.
  const dNone = hasNobodyAssigned(d.facts);
  const sNone = hasNobodyAssigned(sFacts);
  if (dNone || sNone) return dNone && sNone;
  const assignedTo = d.assignedTo!;
  // Exact match first: the common case costs no lower-casing (50,000 pairs per run).
  if (assignedTo === o?.userPrincipalName || assignedTo === o?.email || assignedTo === o?.assignedTo) return true;
  const want = lower(assignedTo);
  return want === lower(o?.userPrincipalName) || want === lower(o?.email) || want === lower(o?.assignedTo);
}

export function sentinelOwnerLabel(s: SentinelIncident): string | null {
  const o = s.properties.owner;
  return o?.userPrincipalName || o?.email || o?.assignedTo || null;
}

export interface FieldDifference {
  field: SyncField;
  /** Values as shown on each side (wire spelling). */
  defender: string | null;
  sentinel: string | null;
}

/**
 * The fields that differ between a Defender incident and its single Sentinel copy.
 *
 * Classification is compared only when both sides are closed: Sentinel's classification is "the reason
 * the incident was closed" (Incidents API) and closing requires one (domain-notes §1 "Sentinel close"),
 * while Defender lets an analyst classify an incident that is still active — comparing then would
 * report drift the connector never promised to remove.
 */
const NO_DIFFERENCES: readonly FieldDifference[] = Object.freeze([]);

export function differingFields(d: DefenderIncident, s: SentinelIncident): readonly FieldDifference[] {
  return differencesOf(d, s.facts, s.properties.owner, s);
}

/**
 * `differingFields` with the copy's facts and owner given: matchIncidents has them in its columns, and
 * reads the copy's record (to name the differing values) only when something differs.
 */
export function differencesOf(d: DefenderIncident, sFacts: SentinelFacts, sOwner: SentinelOwner | null | undefined, s: SentinelIncident): readonly FieldDifference[] {
  // Allocated only when something differs: 50,000 in-sync pairs should not cost 50,000 empty arrays.
  // The classes compared here were judged when the records were prepared (matchFacts.ts; 0 = cannot judge).
  let out: FieldDifference[] | null = null;

  const dStatus = statusOf(d.facts);
  const sStatus = statusOf(sFacts);
  if (dStatus !== 0 && sStatus !== 0 && dStatus !== sStatus) {
    (out ??= []).push({ field: 'status', defender: d.status, sentinel: s.properties.status });
  }

  if (!ownerMatchesOf(d, sFacts, sOwner)) (out ??= []).push({ field: 'owner', defender: d.assignedTo, sentinel: sentinelOwnerLabel(s) });

  if (dStatus === STATUS_CLOSED && sStatus === STATUS_CLOSED) {
    const dc = classificationOf(d.facts);
    const sc = classificationOf(sFacts);
    if (dc !== 0 && sc !== 0 && dc !== sc) {
      (out ??= []).push({ field: 'classification', defender: d.classification, sentinel: s.properties.classification ?? null });
    }
  }

  // Defender's expected Sentinel severity against Sentinel's own, both as case-insensitive classes.
  const expectedSeverity = severityOf(d.facts);
  if (expectedSeverity !== 0 && expectedSeverity !== severityOf(sFacts)) {
    (out ??= []).push({ field: 'severity', defender: d.severity, sentinel: s.properties.severity });
  }
  return out ?? NO_DIFFERENCES;
}
