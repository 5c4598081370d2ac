/**
 * How a Defender incident field and its Sentinel copy's field are judged "the same".
 *
 * Graph returns camelCase enums (a 2022 doc sample shows PascalCase, so compare case-insensitively;
 * api-contracts §b); Sentinel returns PascalCase (§c). The XDR connector keeps status, owner and
 * closing reason in step both ways (domain-notes §1 "XDR → Sentinel").
 */
import type { SyncDefenderIncident as DefenderIncident, SyncSentinelIncident as SentinelIncident } from './syncRecords.js';

export type SyncField = 'status' | 'owner' | 'classification' | 'severity';

/** Status classes the two sides share: Sentinel has New/Active/Closed, Defender has more values. */
export type StatusClass = 'open' | 'closed';

const lower = (s: string | null | undefined): string => (s ?? '').trim().toLowerCase();

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
export function ownerMatches(assignedTo: string | null, s: SentinelIncident): boolean {
  const o = s.properties.owner;
  // Exact match first: the common case costs no lower-casing (50,000 pairs per run).
  if (assignedTo && (assignedTo === o?.userPrincipalName || assignedTo === o?.email || assignedTo === o?.assignedTo)) return true;
  const want = lower(assignedTo);
  const upn = lower(o?.userPrincipalName);
  const email = lower(o?.email);
  const named = lower(o?.assignedTo);
  if (want === '') return upn === '' && email === '' && named === '';
  return want === upn || want === email || want === named;
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
  // Allocated only when something differs: 50,000 in-sync pairs should not cost 50,000 empty arrays.
  let out: FieldDifference[] | null = null;
  const push = (x: FieldDifference): void => {
    (out ??= []).push(x);
  };
  const p = s.properties;

  const dStatus = defenderStatusClass(d.status);
  const sStatus = sentinelStatusClass(p.status);
  if (dStatus !== null && sStatus !== null && dStatus !== sStatus) {
    push({ field: 'status', defender: d.status, sentinel: p.status });
  }

  if (!ownerMatches(d.assignedTo, s)) push({ field: 'owner', defender: d.assignedTo, sentinel: sentinelOwnerLabel(s) });

  if (dStatus === 'closed' && sStatus === 'closed') {
    const dc = defenderClassificationClass(d.classification);
    const sc = sentinelClassificationClass(p.classification);
    if (dc !== null && sc !== null && dc !== sc) {
      push({ field: 'classification', defender: d.classification, sentinel: p.classification ?? null });
    }
  }

  const expectedSeverity = sentinelSeverityFor(d.severity);
  if (expectedSeverity !== null && expectedSeverity !== p.severity && lower(expectedSeverity) !== lower(p.severity)) {
    push({ field: 'severity', defender: d.severity, sentinel: p.severity });
  }
  return out ?? NO_DIFFERENCES;
}
