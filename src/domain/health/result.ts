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

/**
 * UNKNOWN: the portal fix would be a guess, so the remediation says how to make the check run
 * (the API and least permission it needs); the usual fix follows it.
 */
export function unknown(meta: CheckMeta, now: Date, reason: string, evidence: Evidence[] = []): UnknownCheckResult {
  return {
    ...meta,
    remediation: `Let the check run: ${meta.source.api} needs ${meta.source.permission}; fix the cause above and re-run. Once it runs: ${meta.remediation}`,
    status: 'UNKNOWN',
    unknownReason: reason,
    finding: `Could not check: ${reason}`,
    evidence,
    checkedAt: now.toISOString(),
  };
}
