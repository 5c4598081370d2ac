/**
 * Health-check result model shared by the Health screen and `mde-console check`.
 *
 * A result is discriminated by `status`. UNKNOWN carries the reason the check could not judge
 * (missing permission, API down, input not collected): a check never reports OK by default.
 */

export type CheckStatus = 'OK' | 'WARN' | 'FAIL' | 'UNKNOWN';

export type CheckArea =
  | 'licences'
  | 'mdca'
  | 'network-protection'
  | 'devices'
  | 'office-identity'
  | 'sentinel'
  | 'streaming'
  | 'retention'
  | 'incident-sync';

/** Every area in the order the screen groups them and `runAllChecks` returns them. */
export const CHECK_AREAS: readonly CheckArea[] = [
  'licences',
  'mdca',
  'network-protection',
  'devices',
  'office-identity',
  'sentinel',
  'streaming',
  'retention',
  'incident-sync',
];

/** One figure, name or time behind a finding. Values are preformatted one-line strings. */
export interface Evidence {
  label: string;
  value: string;
}

/** Which API a check read and the least permission it needs (shown so a 403 can be fixed). */
export interface CheckSource {
  api: string;
  permission: string;
}

interface CheckResultBase {
  /** Stable id, e.g. "licences", "sentinel-rules"; scripts key on it, never rename. */
  id: string;
  area: CheckArea;
  title: string;
  /** One line. */
  finding: string;
  evidence: Evidence[];
  /** Where to fix it: portal path or API setting. */
  remediation: string;
  /** A learn.microsoft.com page (see docs.ts). */
  docUrl: string;
  source: CheckSource;
  /** ISO 8601 UTC time of the data the check judged (the `now` passed in). */
  checkedAt: string;
}

export interface JudgedCheckResult extends CheckResultBase {
  status: 'OK' | 'WARN' | 'FAIL';
}

export interface UnknownCheckResult extends CheckResultBase {
  status: 'UNKNOWN';
  /** Why the check could not judge, e.g. "Graph 403: LicenseAssignment.Read.All not granted". */
  unknownReason: string;
}

export type CheckResult = JudgedCheckResult | UnknownCheckResult;

/**
 * An input the collector could not obtain. Collectors pass this instead of data so the check
 * says UNKNOWN with the reason rather than judging an empty list as "nothing wrong".
 */
export interface Unavailable {
  unavailable: true;
  reason: string;
}

export type MaybeAvailable<T> = T | Unavailable;

export function unavailable(reason: string): Unavailable {
  return { unavailable: true, reason };
}

export function isUnavailable<T>(value: MaybeAvailable<T>): value is Unavailable {
  return typeof value === 'object' && value !== null && (value as Partial<Unavailable>).unavailable === true;
}
