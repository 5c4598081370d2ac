/**
 * Summaries, ordering, exit codes and the text/JSON renderings of check results, shared by the
 * Health screen and `mde-console check`.
 */
import { CHECK_AREAS, type CheckResult, type CheckStatus } from './types.js';

export interface CheckSummary {
  OK: number;
  WARN: number;
  FAIL: number;
  UNKNOWN: number;
  total: number;
}

export function summarize(results: readonly CheckResult[]): CheckSummary {
  const s: CheckSummary = { OK: 0, WARN: 0, FAIL: 0, UNKNOWN: 0, total: results.length };
  for (const r of results) s[r.status] += 1;
  return s;
}

/**
 * Worst first: FAIL, WARN, UNKNOWN, OK. UNKNOWN sorts after WARN because a confirmed problem is
 * more actionable than a blind spot, and before OK so a blind spot is never hidden among the
 * healthy checks. Ties keep the area order, then the input order (stable).
 */
export const STATUS_RANK: Readonly<Record<CheckStatus, number>> = { FAIL: 0, WARN: 1, UNKNOWN: 2, OK: 3 };

export function sortWorstFirst(results: readonly CheckResult[]): CheckResult[] {
  return results
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) =>
        STATUS_RANK[a.r.status] - STATUS_RANK[b.r.status] ||
        CHECK_AREAS.indexOf(a.r.area) - CHECK_AREAS.indexOf(b.r.area) ||
        a.i - b.i,
    )
    .map(({ r }) => r);
}

/**
 * Monitoring-plugin exit code (Nagios/Icinga): 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
 * Precedence for a set of checks: FAIL (2) > UNKNOWN (3) > WARN (1) > OK (0).
 * - A confirmed broken integration must alert as CRITICAL even when another check could not run.
 * - UNKNOWN beats WARN: exiting 1 would claim every other integration was verified.
 * - No results at all (nothing could run) is 3.
 */
export function checkExitCode(results: readonly CheckResult[]): 0 | 1 | 2 | 3 {
  if (results.length === 0) return 3;
  const s = summarize(results);
  if (s.FAIL > 0) return 2;
  if (s.UNKNOWN > 0) return 3;
  if (s.WARN > 0) return 1;
  return 0;
}

/** Symbol and word per status: the caller adds colour (semantic roles), the text stays readable without it. */
export const STATUS_SYMBOL: Readonly<Record<CheckStatus, string>> = { OK: '✓', WARN: '!', FAIL: '✗', UNKNOWN: '?' };

export function summaryLine(results: readonly CheckResult[]): string {
  const s = summarize(results);
  return `${s.FAIL} FAIL, ${s.WARN} WARN, ${s.UNKNOWN} UNKNOWN, ${s.OK} OK`;
}

/**
 * Plain text for a person: a summary line, then one line per check in the order given
 * ("✗ FAIL    Title — finding"), and for non-OK checks the evidence, the fix, the documentation
 * address and the API/permission used, indented. No colour codes.
 */
export function formatCheckText(results: readonly CheckResult[]): string {
  const lines: string[] = [`Integration health: ${summaryLine(results)}`];
  for (const r of results) {
    lines.push(`${STATUS_SYMBOL[r.status]} ${r.status.padEnd(7)} ${r.title} — ${r.finding}`);
    if (r.status === 'OK') continue;
    for (const e of r.evidence) lines.push(`    ${e.label}: ${e.value}`);
    lines.push(`    Fix: ${r.remediation}`);
    lines.push(`    Docs: ${r.docUrl}`);
    lines.push(`    Source: ${r.source.api} (${r.source.permission})`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * JSON schema of `mde-console check --output json` (schemaVersion 1). Keys are always present
 * (null rather than absent) so scripts can rely on the key set; new keys may be added,
 * existing ones are never renamed or removed without bumping schemaVersion.
 *
 * {
 *   "schemaVersion": 1,
 *   "generatedAt": "<ISO 8601 UTC>",
 *   "tenant": "<tenant id or profile name>" | null,
 *   "exitCode": 0 | 1 | 2 | 3,
 *   "summary": { "OK": n, "WARN": n, "FAIL": n, "UNKNOWN": n, "total": n },
 *   "checks": [{
 *     "id": "licences" | "mdca" | "network-protection" | "devices" | "office-identity" |
 *           "sentinel-connector" | "sentinel-rules" | "sentinel-freshness" | "streaming" |
 *           "retention" | "incident-sync",
 *     "area": "licences" | "mdca" | "network-protection" | "devices" | "office-identity" |
 *             "sentinel" | "streaming" | "retention" | "incident-sync",
 *     "title": string,
 *     "status": "OK" | "WARN" | "FAIL" | "UNKNOWN",
 *     "finding": string,                      // one line
 *     "unknownReason": string | null,         // set only when status is UNKNOWN
 *     "evidence": [{ "label": string, "value": string }],
 *     "remediation": string,
 *     "docUrl": string,                       // learn.microsoft.com address
 *     "source": { "api": string, "permission": string },
 *     "checkedAt": "<ISO 8601 UTC>"
 *   }]
 * }
 * Checks appear in the order given (the command passes them worst first).
 */
export interface CheckReportJson {
  schemaVersion: 1;
  generatedAt: string;
  tenant: string | null;
  exitCode: 0 | 1 | 2 | 3;
  summary: CheckSummary;
  checks: CheckJson[];
}

export interface CheckJson {
  id: string;
  area: CheckResult['area'];
  title: string;
  status: CheckStatus;
  finding: string;
  unknownReason: string | null;
  evidence: { label: string; value: string }[];
  remediation: string;
  docUrl: string;
  source: { api: string; permission: string };
  checkedAt: string;
}

export function toCheckReport(results: readonly CheckResult[], opts: { generatedAt: Date; tenant?: string }): CheckReportJson {
  return {
    schemaVersion: 1,
    generatedAt: opts.generatedAt.toISOString(),
    tenant: opts.tenant ?? null,
    exitCode: checkExitCode(results),
    summary: summarize(results),
    checks: results.map((r) => ({
      id: r.id,
      area: r.area,
      title: r.title,
      status: r.status,
      finding: r.finding,
      unknownReason: r.status === 'UNKNOWN' ? r.unknownReason : null,
      evidence: r.evidence.map((e) => ({ label: e.label, value: e.value })),
      remediation: r.remediation,
      docUrl: r.docUrl,
      source: { api: r.source.api, permission: r.source.permission },
      checkedAt: r.checkedAt,
    })),
  };
}

export function formatCheckJson(results: readonly CheckResult[], opts: { generatedAt: Date; tenant?: string }): string {
  return `${JSON.stringify(toCheckReport(results, opts), null, 2)}\n`;
}
