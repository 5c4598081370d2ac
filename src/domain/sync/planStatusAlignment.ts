/**
 * For `sync --write` / the Sync screen's "align" action: the exact Sentinel PUT requests that bring a
 * drifted Sentinel incident's status in line with its Defender incident. Data only; the API layer sends
 * these bodies unchanged, and the confirmation/audit flow shows them.
 *
 * Sentinel "Incidents - Create Or Update" is a PUT of the whole incident: title, severity and status are
 * required, and fields left out are cleared. So each body carries the copy's current writable fields
 * (title, description, severity, owner, labels, activity times) plus the new status, and the copy's etag
 * so a concurrent change makes the PUT fail (412) instead of being overwritten.
 * Closing requires a classification (domain-notes §1 "Sentinel close"): it comes from Defender's
 * classification (unknown/null → Undetermined) with the reason Sentinel pairs with it.
 * Only status (and, when closing, classification) is aligned; owner and severity drift are shown, not written.
 */
import type { SentinelIncidentProperties } from '../types.js';
import { defenderClassificationClass, defenderStatusClass, SENTINEL_CLASSIFICATION } from './equivalence.js';
import type { DefenderIncidentId, SentinelIncidentArmId } from './ids.js';
import type { DriftedEntry } from './matchIncidents.js';

/** Latest stable SecurityInsights api-version (api-contracts §c). */
export const SENTINEL_INCIDENTS_API_VERSION = '2025-09-01';

type WritableProperties = Pick<
  SentinelIncidentProperties,
  'title' | 'description' | 'severity' | 'status' | 'classification' | 'classificationReason' | 'classificationComment' | 'owner' | 'labels' | 'firstActivityTimeUtc' | 'lastActivityTimeUtc'
>;

export interface SentinelStatusPut {
  defenderId: DefenderIncidentId;
  armId: SentinelIncidentArmId;
  method: 'PUT';
  /** ARM path relative to the management endpoint, api-version included. */
  path: string;
  body: { etag?: string; properties: WritableProperties };
  /** For the plan preview: "New → Closed (FalsePositive)". */
  change: { from: string; to: string; classification: string | null };
}

export interface StatusAlignmentPlan {
  puts: SentinelStatusPut[];
  skipped: { defenderId: DefenderIncidentId; reason: string }[];
}

/** Classification reasons Sentinel pairs with a classification (Incidents API enum). FalsePositive needs a human choice. */
const REASON_FOR: Record<string, string | undefined> = {
  TruePositive: 'SuspiciousActivity',
  BenignPositive: 'SuspiciousButExpected',
};

export function planStatusAlignment(drifted: readonly DriftedEntry[], opts: { apiVersion?: string } = {}): StatusAlignmentPlan {
  const apiVersion = opts.apiVersion ?? SENTINEL_INCIDENTS_API_VERSION;
  const plan: StatusAlignmentPlan = { puts: [], skipped: [] };
  for (const e of drifted) {
    if (!e.differences.some((x) => x.field === 'status')) {
      plan.skipped.push({ defenderId: e.defenderId, reason: 'status already matches; only ' + e.differences.map((x) => x.field).join(', ') + ' differ' });
      continue;
    }
    const target = defenderStatusClass(e.defender.status);
    if (target === null) {
      plan.skipped.push({ defenderId: e.defenderId, reason: `Defender status "${e.defender.status}" has no Sentinel equivalent` });
      continue;
    }
    const current = e.sentinel.incident;
    const p = current.properties;
    const properties: WritableProperties = {
      title: p.title,
      severity: p.severity,
      status: target === 'closed' ? 'Closed' : 'Active',
    };
    if (p.description != null) properties.description = p.description;
    if (p.owner) properties.owner = { ...p.owner };
    if (p.labels) properties.labels = p.labels.map((l) => ({ ...l }));
    if (p.firstActivityTimeUtc) properties.firstActivityTimeUtc = p.firstActivityTimeUtc;
    if (p.lastActivityTimeUtc) properties.lastActivityTimeUtc = p.lastActivityTimeUtc;
    let classification: string | null = null;
    if (target === 'closed') {
      classification = SENTINEL_CLASSIFICATION[defenderClassificationClass(e.defender.classification) ?? 'undetermined'];
      properties.classification = classification;
      const reason = REASON_FOR[classification];
      if (reason) properties.classificationReason = reason;
      properties.classificationComment = `Closed to match Defender incident ${e.defenderId} (${e.defender.status}) by mde-console`;
    }
    const body: SentinelStatusPut['body'] = { properties };
    if (current.etag) body.etag = current.etag;
    plan.puts.push({
      defenderId: e.defenderId,
      armId: e.sentinel.armId,
      method: 'PUT',
      path: `${current.id}?api-version=${apiVersion}`,
      body,
      change: { from: p.status, to: properties.status, classification },
    });
  }
  return plan;
}
