/**
 * Slim incident records for the sync area: only the fields matching, the Sync screen's detail pane, the
 * `sync` command's JSON and the status-alignment PUT read. The sync store keeps ~50,000 incidents per
 * side at tenant scale (issue 9, "Memory ≤ 200 MB"); full Graph incidents with expanded alerts and full
 * ARM resources cost several times more than these.
 *
 * Wire objects (`DefenderIncident`, `SentinelIncident`) are structurally assignable to these types, so
 * `matchIncidents` accepts either; the store slims each page's items right after reading them.
 */
import type { DefenderAlert, DefenderIncident, SentinelIncident, SentinelIncidentProperties } from '../types.js';

/** What the duplicate heuristic reads of an alert (providers.ts: title, time, product). */
export type SyncDefenderAlert = Pick<DefenderAlert, 'title' | 'createdDateTime' | 'productName'>;

export type SyncDefenderIncident = Pick<
  DefenderIncident,
  'id' | 'tenantId' | 'displayName' | 'status' | 'severity' | 'classification' | 'assignedTo' | 'createdDateTime' | 'lastUpdateDateTime' | 'incidentWebUrl'
> & { alerts?: readonly SyncDefenderAlert[] | undefined };

/**
 * Kept for the alignment PUT too: Sentinel "Incidents - Create Or Update" replaces the whole incident, so
 * description, owner, labels and the activity times must be sent back as read (planStatusAlignment.ts).
 */
export type SyncSentinelProperties = Pick<
  SentinelIncidentProperties,
  | 'incidentNumber'
  | 'title'
  | 'description'
  | 'severity'
  | 'status'
  | 'classification'
  | 'owner'
  | 'labels'
  | 'createdTimeUtc'
  | 'lastModifiedTimeUtc'
  | 'firstActivityTimeUtc'
  | 'lastActivityTimeUtc'
  | 'providerName'
  | 'providerIncidentId'
  | 'relatedAnalyticRuleIds'
> & { additionalData?: { alertProductNames?: string[] } | null };

export type SyncSentinelIncident = Pick<SentinelIncident, 'id' | 'name' | 'etag'> & { properties: SyncSentinelProperties };

/**
 * One instance per distinct value for the low-cardinality strings (statuses, severities, product names,
 * titles, tenant ids): JSON.parse makes a new string for every occurrence, 50,000 times over.
 */
export type Interner = (s: string) => string;

export function createInterner(): Interner {
  const seen = new Map<string, string>();
  return (s) => {
    const known = seen.get(s);
    if (known !== undefined) return known;
    seen.set(s, s);
    return s;
  };
}

const maybe = <T extends string | null | undefined>(intern: Interner, s: T): T => (typeof s === 'string' ? (intern(s) as T) : s);

export function slimDefenderIncident(d: DefenderIncident, intern: Interner = createInterner()): SyncDefenderIncident {
  const out: SyncDefenderIncident = {
    id: d.id,
    tenantId: maybe(intern, d.tenantId),
    displayName: maybe(intern, d.displayName),
    status: intern(d.status),
    severity: maybe(intern, d.severity),
    classification: maybe(intern, d.classification),
    assignedTo: maybe(intern, d.assignedTo),
    createdDateTime: d.createdDateTime,
    lastUpdateDateTime: d.lastUpdateDateTime,
    incidentWebUrl: d.incidentWebUrl,
  };
  // Alerts are read only by the duplicate heuristic (title + time + product); an incident listed
  // without $expand=alerts stays without them.
  if (d.alerts) {
    out.alerts = d.alerts.map((a) => ({ title: maybe(intern, a.title), createdDateTime: a.createdDateTime, productName: maybe(intern, a.productName ?? null) }));
  }
  return out;
}

export function slimSentinelIncident(s: SentinelIncident, intern: Interner = createInterner()): SyncSentinelIncident {
  const p = s.properties;
  const properties: SyncSentinelProperties = {
    incidentNumber: p.incidentNumber,
    title: intern(p.title),
    severity: intern(p.severity),
    status: intern(p.status),
    createdTimeUtc: p.createdTimeUtc,
    lastModifiedTimeUtc: p.lastModifiedTimeUtc,
  };
  // Optional wire fields stay absent when absent, so a slim record reads exactly like its resource.
  if (p.description !== undefined) properties.description = p.description;
  if (p.classification !== undefined) properties.classification = maybe(intern, p.classification);
  if (p.owner !== undefined) properties.owner = p.owner;
  if (p.labels !== undefined) properties.labels = p.labels;
  if (p.firstActivityTimeUtc !== undefined) properties.firstActivityTimeUtc = p.firstActivityTimeUtc;
  if (p.lastActivityTimeUtc !== undefined) properties.lastActivityTimeUtc = p.lastActivityTimeUtc;
  if (p.providerName !== undefined) properties.providerName = maybe(intern, p.providerName);
  if (p.providerIncidentId !== undefined) properties.providerIncidentId = p.providerIncidentId;
  if (p.relatedAnalyticRuleIds !== undefined) properties.relatedAnalyticRuleIds = p.relatedAnalyticRuleIds.map(intern);
  if (p.additionalData !== undefined) {
    const names = p.additionalData?.alertProductNames;
    properties.additionalData = p.additionalData === null ? null : names ? { alertProductNames: names.map(intern) } : {};
  }
  const out: SyncSentinelIncident = { id: s.id, name: s.name, properties };
  if (s.etag !== undefined) out.etag = s.etag;
  return out;
}
