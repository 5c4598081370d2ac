/**
 * Prepared incident records for the sync area: the fields matching, the Sync screen's detail pane, the
 * `sync` command's JSON and the status-alignment PUT read, plus what matching derives from them, worked
 * out once per record when it is read rather than once per match.
 *
 * Slim: the sync store keeps ~50,000 incidents per side at tenant scale (issue 9, "Memory ≤ 200 MB"); full
 * Graph incidents with expanded alerts and full ARM resources cost several times more than these.
 * Prepared: the store re-matches everything after each minute's incremental read, and parsing four
 * timestamps, trimming ids and judging statuses for 50,000 pairs was most of that match's time (bench
 * "Sync diff"); a record's derived fields only change when the record does.
 *
 * `matchIncidents` takes only prepared records (a wire object lacks the derived fields, so it does not
 * type-check): `prepareDefenderIncident` / `prepareSentinelIncident` are the one way to make them; the
 * store passes them to the list calls as `mapItem`, so each page is prepared as it arrives.
 */
import type { DefenderAlert, DefenderIncident, SentinelIncident, SentinelIncidentProperties, SentinelOwner } from '../types.js';
import {
  defenderClassificationClass,
  defenderStatusClass,
  isUnassigned,
  sentinelClassificationClass,
  sentinelSeverityFor,
  sentinelStatusClass,
} from './equivalence.js';
import { defenderIncidentId, incidentJoinKey, type DefenderIncidentId, type IncidentJoinKey } from './ids.js';
import { parseIsoUtcMs } from './isoTime.js';
import { defenderFacts, sentinelFacts, type DefenderFacts, type SentinelFacts } from './matchFacts.js';
import { hasPortalUrl } from './portalLinks.js';
import { areAlertProductsCovered, isNativeSentinelIncident, isXdrIncident } from './providers.js';
import { createListSharer, createStringSharer } from '../sharedValues.js';

/**
 * What the duplicate heuristic reads of an alert (providers.ts: title, time, product) — nothing else
 * reads alerts. The time as epoch ms (NaN when missing or unparseable): the heuristic compares ~120,000
 * alert times per match, and parsing them each run was a third of a run with rules known.
 */
export type SyncDefenderAlert = Readonly<Pick<DefenderAlert, 'title' | 'productName'>> & { readonly createdMs: number };

export type SyncDefenderIncident = Readonly<
  Pick<
    DefenderIncident,
    'id' | 'tenantId' | 'displayName' | 'status' | 'severity' | 'classification' | 'assignedTo' | 'createdDateTime' | 'lastUpdateDateTime' | 'incidentWebUrl'
  >
> & {
  /** Absent (undefined) when the incident was listed without $expand=alerts. */
  readonly alerts: readonly SyncDefenderAlert[] | undefined;
  /** `id` trimmed (what an XDR copy's providerIncidentId carries). The same string as `id` when nothing was trimmed. */
  readonly defenderId: DefenderIncidentId;
  /** `incidentJoinKey(defenderId)`: what matching joins on. */
  readonly joinKey: IncidentJoinKey;
  /** createdDateTime / lastUpdateDateTime as epoch ms, exactly as Date.parse reads them (NaN when it cannot). */
  readonly createdMs: number;
  readonly lastUpdateMs: number;
  /** Status / classification / severity classes and "unassigned" (matchFacts.ts). */
  readonly facts: DefenderFacts;
};

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

export type SyncSentinelIncident = Readonly<Pick<SentinelIncident, 'id' | 'name' | 'etag'>> & {
  readonly properties: Readonly<SyncSentinelProperties>;
  /**
   * For an XDR copy (either provider name), the join key of the Defender incident it is a copy of (its
   * providerIncidentId, trimmed; `defenderIdOfJoinKey` gives the id back). null for a native or other
   * incident, and for an XDR copy that carries no provider id.
   */
  readonly copyOf: IncidentJoinKey | null;
  /** createdTimeUtc / lastModifiedTimeUtc as epoch ms, exactly as Date.parse reads them (NaN when it cannot). */
  readonly createdMs: number;
  readonly lastModifiedMs: number;
  /** Status / classification / severity classes, "unowned", "New", provider kind, product heuristic (matchFacts.ts). */
  readonly facts: SentinelFacts;
};

/**
 * One instance per distinct value for the low-cardinality strings (statuses, severities, product names,
 * titles, tenant ids) and for Sentinel owners: JSON.parse makes a new string and object for every
 * occurrence, 50,000 times over. Shared owners also make the owner match cheap: an assignee and the
 * owner naming the same person are one string, compared without reading it.
 */
export interface Interner {
  (s: string): string;
  owner(o: SentinelOwner): SentinelOwner;
  /** One instance per distinct list (sharedValues.ts): analytic rule ids, alert product names. */
  list<T extends string>(l: readonly T[]): T[];
  /** One `additionalData` object per distinct product-name list (most copies carry the same one or two). */
  additionalData(names: readonly string[]): { alertProductNames: string[] };
}

export function createInterner(): Interner {
  const intern = createStringSharer();
  const list = createListSharer(intern);
  const additional = new Map<readonly string[], { alertProductNames: string[] }>();
  const additionalData = (names: readonly string[]) => {
    const shared = list(names);
    let known = additional.get(shared);
    if (known === undefined) additional.set(shared, (known = Object.freeze({ alertProductNames: shared }) as { alertProductNames: string[] }));
    return known;
  };
  // Owners by a hint (the first name they carry); a hint's few owners are compared field by field, in
  // key order, so a shared owner reads exactly like each one it stands for (null vs absent, key order).
  const owners = new Map<string, SentinelOwner[]>();
  const owner = (o: SentinelOwner): SentinelOwner => {
    const hint = o.userPrincipalName ?? o.email ?? o.assignedTo ?? o.objectId ?? '';
    let known = owners.get(hint);
    if (known === undefined) owners.set(hint, (known = []));
    for (const k of known) if (sameFields(k, o)) return k;
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) copy[k] = typeof v === 'string' ? intern(v) : v;
    known.push(copy as SentinelOwner);
    return copy as SentinelOwner;
  };
  return Object.assign(intern, { owner, list, additionalData });
}

/** Same keys in the same order with the same values (strings by content). */
function sameFields(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  let i = 0;
  for (const k in y) {
    if (keys[i] !== k || x[k] !== y[k]) return false;
    i++;
  }
  return i === keys.length;
}

const maybe = <T extends string | null | undefined>(intern: Interner, s: T): T => (typeof s === 'string' ? (intern(s) as T) : s);

export function prepareDefenderIncident(d: DefenderIncident, intern: Interner = createInterner()): SyncDefenderIncident {
  const defenderId = sameIfUnchanged(d.id, defenderIncidentId(d.id));
  return {
    id: d.id,
    tenantId: maybe(intern, d.tenantId),
    displayName: maybe(intern, d.displayName),
    status: intern(d.status),
    severity: maybe(intern, d.severity),
    classification: maybe(intern, d.classification),
    assignedTo: maybe(intern, d.assignedTo),
    createdDateTime: d.createdDateTime,
    lastUpdateDateTime: d.lastUpdateDateTime,
    incidentWebUrl: d.incidentWebUrl ? compactIncidentLink(d.incidentWebUrl, d.id, intern) : d.incidentWebUrl,
    // Alerts are read only by the duplicate heuristic (title + time + product). The key is always
    // present so every record has one shape (matching reads 50,000 of them per run).
    alerts: d.alerts?.map((a) => ({
      title: maybe(intern, a.title),
      productName: maybe(intern, a.productName ?? null),
      createdMs: a.createdDateTime ? parseIsoUtcMs(a.createdDateTime) : NaN,
    })),
    defenderId,
    joinKey: incidentJoinKey(defenderId),
    createdMs: parseIsoUtcMs(d.createdDateTime),
    lastUpdateMs: parseIsoUtcMs(d.lastUpdateDateTime),
    facts: defenderFacts({
      status: defenderStatusClass(d.status),
      classification: defenderClassificationClass(d.classification),
      expectedSeverity: sentinelSeverityFor(d.severity),
      unassigned: isUnassigned(d.assignedTo),
      portalUrl: hasPortalUrl(d),
    }),
  };
}

export function prepareSentinelIncident(s: SentinelIncident, intern: Interner = createInterner()): SyncSentinelIncident {
  const p = s.properties;
  const properties: SyncSentinelProperties = {
    incidentNumber: p.incidentNumber,
    title: intern(p.title),
    severity: intern(p.severity),
    status: intern(p.status),
    createdTimeUtc: p.createdTimeUtc,
    lastModifiedTimeUtc: p.lastModifiedTimeUtc,
  };
  // Optional wire fields stay absent when absent, so the record's properties read exactly like the resource's.
  // The XDR connector writes the same description on nearly every copy: one string for them all.
  if (p.description !== undefined) properties.description = maybe(intern, p.description);
  if (p.classification !== undefined) properties.classification = maybe(intern, p.classification);
  if (p.owner !== undefined) properties.owner = p.owner === null ? null : intern.owner(p.owner);
  if (p.labels !== undefined) properties.labels = p.labels.length === 0 ? (NO_LABELS as SentinelLabels) : p.labels;
  if (p.firstActivityTimeUtc !== undefined) properties.firstActivityTimeUtc = p.firstActivityTimeUtc;
  if (p.lastActivityTimeUtc !== undefined) properties.lastActivityTimeUtc = p.lastActivityTimeUtc;
  if (p.providerName !== undefined) properties.providerName = maybe(intern, p.providerName);
  if (p.providerIncidentId !== undefined) properties.providerIncidentId = p.providerIncidentId;
  if (p.relatedAnalyticRuleIds !== undefined) properties.relatedAnalyticRuleIds = intern.list(p.relatedAnalyticRuleIds);
  if (p.additionalData !== undefined) {
    const names = p.additionalData?.alertProductNames;
    properties.additionalData = p.additionalData === null ? null : names ? intern.additionalData(names) : {};
  }
  const xdr = isXdrIncident(s);
  const providerId = xdr ? defenderIncidentId(p.providerIncidentId ?? '') : '';
  const o = p.owner;
  const out: { -readonly [K in keyof SyncSentinelIncident]: SyncSentinelIncident[K] } = {
    id: compactArmId(s.id, s.name, intern),
    name: s.name,
    properties,
    copyOf: providerId === '' ? null : incidentJoinKey(providerId),
    createdMs: parseIsoUtcMs(p.createdTimeUtc),
    lastModifiedMs: parseIsoUtcMs(p.lastModifiedTimeUtc),
    facts: sentinelFacts({
      status: sentinelStatusClass(p.status),
      classification: sentinelClassificationClass(p.classification),
      severity: sentinelSeverityFor(p.severity),
      unowned: isUnassigned(o?.userPrincipalName) && isUnassigned(o?.email) && isUnassigned(o?.assignedTo),
      statusNew: p.status.toLowerCase() === 'new',
      kind: xdr ? 'xdr' : isNativeSentinelIncident(s) ? 'native' : 'other',
      productsCovered: areAlertProductsCovered(s),
    }),
  };
  if (s.etag !== undefined) out.etag = s.etag;
  return out;
}

/**
 * An incident's ARM id is its workspace's resource path + "/providers/Microsoft.SecurityInsights/
 * Incidents/" + its name: ~230 characters, all but the name the same on every incident. Kept as the
 * one shared prefix joined to the name the record holds anyway, which V8 stores as a two-pointer
 * string until something reads its characters (only the portal link does): ~220 bytes less per
 * incident, ~11 MB over 52,000 (issue 9). Any other shape of id is kept as it came.
 */
export function compactArmId(id: string, name: string, intern: (s: string) => string): string {
  const prefixLength = id.length - name.length;
  // Below 13 characters V8 would copy the joined string instead of pointing at its two parts.
  if (name.length === 0 || prefixLength < 13 || !id.endsWith(name)) return id;
  return intern(id.slice(0, prefixLength)) + name;
}

/**
 * Graph's incidentWebUrl is the same link on every incident but for the id in it
 * (`https://security.microsoft.com/incidents/{id}?tid={tenant}`): kept, like compactArmId, as the
 * shared text around the id joined to the id the record holds anyway (two-pointer strings until the
 * link is read): ~40 bytes less per incident. A link without the id in it is kept as it came.
 */
export function compactIncidentLink(url: string, id: string, intern: (s: string) => string): string {
  // The id as a whole path segment: "/{id}" followed by the end, "?", "/" or "#".
  const at = id === '' ? -1 : url.indexOf(`/${id}`) + 1;
  const end = at + id.length;
  if (at <= 0 || (end < url.length && !'?/#'.includes(url[end]!))) return url;
  // Joined strings shorter than 13 characters are copied, not pointed at: every link is longer.
  const head = intern(url.slice(0, at)) + id;
  return end === url.length ? head : head + intern(url.slice(end));
}

type SentinelLabels = NonNullable<SentinelIncidentProperties['labels']>;
/** Most incidents carry no label: one empty list for all of them (frozen: records share it). */
const NO_LABELS: Readonly<SentinelLabels> = Object.freeze([]);

/** The wire string itself when trimming changed nothing: no second copy of 50,000 ids. */
const sameIfUnchanged = (wire: string, trimmed: DefenderIncidentId): DefenderIncidentId => (trimmed === wire ? (wire as DefenderIncidentId) : trimmed);
