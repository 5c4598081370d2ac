/**
 * Bring drifted Sentinel incidents' status in line with Defender (issue 7, "With --write"): the plan comes
 * from planStatusAlignment (the exact PUT bodies), the operator confirms it, then each PUT is sent with the
 * etag read earlier (a concurrent change answers 412 instead of being overwritten) and appended to the
 * audit log as it finishes. Read-only sessions are refused by the client (ReadOnlyError) before any request.
 */
import type { ApiClients } from '../../api/index.js';
import type { AuditEntry, AuditLog, AuditWho } from '../../audit/index.js';
import { isDrifted, planStatusAlignment, type DriftedEntry, type StatusAlignmentPlan, type SyncReport } from '../../domain/sync/index.js';

/** Drifted entries among `defenderIds` (the marked rows, or the row under the cursor). */
export function driftedAmong(report: SyncReport, defenderIds: Iterable<string>): DriftedEntry[] {
  const wanted = new Set(defenderIds);
  return report.entries.filter(isDrifted).filter((e) => wanted.has(e.defenderId));
}

export function planAlignment(report: SyncReport, defenderIds: Iterable<string>): StatusAlignmentPlan & { entries: DriftedEntry[] } {
  const entries = driftedAmong(report, defenderIds);
  return { ...planStatusAlignment(entries), entries };
}

/** The confirmation dialog's lines: per PUT, the incident and its body's before → after. */
export function describePlan(plan: StatusAlignmentPlan & { entries: DriftedEntry[] }): string[] {
  const lines: string[] = [];
  for (const put of plan.puts) {
    const e = plan.entries.find((x) => x.defenderId === put.defenderId);
    const number = e ? ` (Sentinel's own #${e.sentinel.number})` : '';
    lines.push(`PUT ${put.path}`);
    lines.push(`  Defender ${put.defenderId} → Sentinel ${put.armId.slice(put.armId.lastIndexOf('/') + 1)}${number}`);
    lines.push(`  status: ${put.change.from} → ${put.change.to}${put.change.classification ? `, classification → ${put.change.classification}` : ''}`);
    lines.push(`  body: ${JSON.stringify(put.body)}`);
  }
  for (const s of plan.skipped) lines.push(`skip Defender ${s.defenderId}: ${s.reason}`);
  return lines;
}

export interface AlignOutcome {
  defenderId: string;
  sentinelName: string;
  outcome: 'done' | 'failed';
  /** One line: the new status, or why it failed. */
  message: string;
}

export async function applyAlignment(
  arm: ApiClients['arm'],
  plan: StatusAlignmentPlan & { entries: DriftedEntry[] },
  audit: { log: AuditLog; who: AuditWho; profile: string; tenant: string; now?: () => Date },
): Promise<AlignOutcome[]> {
  const outcomes: AlignOutcome[] = [];
  for (const put of plan.puts) {
    const entry = plan.entries.find((x) => x.defenderId === put.defenderId);
    const name = entry ? entry.sentinel.name : put.armId.slice(put.armId.lastIndexOf('/') + 1);
    const before = entry ? { status: entry.sentinel.incident.properties.status, classification: entry.sentinel.incident.properties.classification ?? null, etag: entry.sentinel.incident.etag ?? null } : null;
    let outcome: AlignOutcome;
    let after: unknown = null;
    try {
      const updated = await arm.updateSentinelIncident(name, put.body.properties, put.body.etag);
      after = { status: updated.properties.status, classification: updated.properties.classification ?? null, etag: updated.etag ?? null };
      outcome = { defenderId: put.defenderId, sentinelName: name, outcome: 'done', message: `Sentinel status ${put.change.from} → ${updated.properties.status}` };
    } catch (e) {
      const message = e instanceof Error ? (e.message.split('\n')[0] ?? String(e)) : String(e);
      outcome = { defenderId: put.defenderId, sentinelName: name, outcome: 'failed', message };
    }
    outcomes.push(outcome);
    const record: AuditEntry = {
      when: (audit.now ?? (() => new Date()))().toISOString(),
      who: audit.who,
      profile: audit.profile,
      tenant: audit.tenant,
      action: 'sync.alignStatus',
      call: `PUT ${put.armId}`,
      ids: [put.defenderId, name],
      before: [before],
      after: [outcome.outcome === 'done' ? after : put.body.properties],
      outcome: outcome.outcome,
      ...(outcome.outcome === 'failed' ? { reason: outcome.message } : {}),
    };
    audit.log.append(record);
  }
  return outcomes;
}
