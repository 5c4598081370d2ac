import type { CheckArea, CheckResult, CheckSource, Evidence, JudgedCheckResult, UnknownCheckResult } from './types.js';

/** What does not change between the outcomes of one check. */
export interface CheckMeta {
  id: string;
  area: CheckArea;
  title: string;
  remediation: string;
  docUrl: string;
  source: CheckSource;
}

export function judged(
  meta: CheckMeta,
  now: Date,
  status: JudgedCheckResult['status'],
  finding: string,
  evidence: Evidence[],
  remediation: string = meta.remediation,
): CheckResult {
  return { ...meta, remediation, status, finding, evidence, checkedAt: now.toISOString() };
}

export function unknown(meta: CheckMeta, now: Date, reason: string, evidence: Evidence[] = []): UnknownCheckResult {
  return {
    ...meta,
    status: 'UNKNOWN',
    unknownReason: reason,
    finding: `Could not check: ${reason}`,
    evidence,
    checkedAt: now.toISOString(),
  };
}
