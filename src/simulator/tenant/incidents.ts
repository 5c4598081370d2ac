/**
 * Defender incidents (Graph) and their Sentinel copies (ARM), evolving in simulated time.
 *
 * Sync model (microsoft-365-defender-sentinel-integration.md): a Defender incident appears in
 * Sentinel within ~10 minutes as a "Microsoft XDR" incident whose providerIncidentId is the
 * Defender id, with Sentinel's own incidentNumber; status changes sync both ways; merged incidents
 * are closed in Sentinel with a "Redirected" label. Scenarios the console must detect are seeded
 * on purpose: copies missing past the window, status drift, duplicates from a leftover Microsoft
 * incident-creation rule, native "Azure Sentinel" incidents, and an orphan copy.
 */
import type { DefenderAlert, SentinelIncident, SentinelIncidentProperties } from '../../domain/types.js';
import type { SimulatedTenantIdentity } from '../contract.js';
import { DAY, HOUR, MINUTE, iso7, isoSeconds } from './clock.js';
import { createRng, hash01, type Rng } from './random.js';
import type { Scheduler } from './scheduler.js';
import { PRODUCT_FILTERS, sentinelBase, type SimAlertRule } from './workspace.js';

export type ServiceSource = 'microsoftDefenderForEndpoint' | 'microsoftDefenderForCloudApps' | 'microsoftDefenderForOffice365' | 'microsoftDefenderForIdentity';

const PRODUCT_NAME: Record<ServiceSource, string> = {
  microsoftDefenderForEndpoint: PRODUCT_FILTERS.mde,
  microsoftDefenderForCloudApps: PRODUCT_FILTERS.mdca,
  microsoftDefenderForOffice365: PRODUCT_FILTERS.mdo,
  microsoftDefenderForIdentity: PRODUCT_FILTERS.mdi,
};

/** How an incident's Sentinel copy behaves. */
export type SyncBehaviour = 'normal' | 'missing' | 'drift';

export interface DefenderRecord {
  id: string;
  createdMs: number;
  lastUpdateMs: number;
  displayName: string;
  description: string;
  status: string;
  severity: string;
  classification: string;
  determination: string;
  assignedTo: string | null;
  redirectIncidentId: string | null;
  customTags: string[];
  systemTags: string[];
  lastModifiedBy: string | null;
  resolvingComment: string | null;
  sources: ServiceSource[];
  sync: SyncBehaviour;
  lagMs: number;
  sentinelName: string | null;
  deleted: boolean;
  json: string | null;
}

export interface SentinelRecord {
  name: string;
  kind: 'xdr' | 'native' | 'duplicate';
  defenderId: string | null;
  props: SentinelIncidentProperties;
  etag: string;
  json: string | null;
}

const TITLES = [
  'Multi-stage incident involving Initial access & Execution on one endpoint',
  'Suspicious PowerShell activity on multiple endpoints',
  'Unsanctioned cloud app access was blocked',
  'Phishing email delivered to multiple users',
  'Suspected credential theft activity',
  'Ransomware activity on one endpoint',
  'Impossible travel activity involving one user',
  'Mass download by a single user',
  'Suspicious LDAP query reconnaissance',
  'Connection to a risky cloud application was detected',
];
const ANALYSTS = ['alice.analyst@contoso.com', 'bob.soc@contoso.com', 'carol.ir@contoso.com'];

function toSentinelStatus(d: DefenderRecord, previous: string | null): string {
  if (d.status === 'resolved' || d.status === 'redirected') return 'Closed';
  if (d.status === 'inProgress' || d.assignedTo) return 'Active';
  return previous === 'Active' ? 'Active' : 'New';
}

function toSentinelClassification(c: string): string | null {
  switch (c) {
    case 'truePositive':
      return 'TruePositive';
    case 'falsePositive':
      return 'FalsePositive';
    case 'informationalExpectedActivity':
      return 'BenignPositive';
    default:
      return null;
  }
}

const SEVERITY_TO_SENTINEL: Record<string, string> = { high: 'High', medium: 'Medium', low: 'Low', informational: 'Informational', unknown: 'Informational' };

export interface IncidentModelOptions {
  ident: SimulatedTenantIdentity;
  seed: number;
  scheduler: Scheduler;
  rules: SimAlertRule[];
  /** Mean minutes between new Defender incidents. */
  meanGapMinutes: number;
  /** Where generated history begins. */
  historyStartMs: number;
  startMs: number;
}

export class IncidentModel {
  readonly defender = new Map<string, DefenderRecord>();
  readonly sentinel = new Map<string, SentinelRecord>();
  /** Sentinel incidents in creation order (names). */
  readonly sentinelOrder: string[] = [];
  private nextDefenderId = 1000;
  private nextIncidentNumber: number;
  private readonly arrivalRng: Rng;
  private readonly nameRng: Rng;
  private readonly base: string;
  /** Ids of incidents that a scenario touched, keyed by scenario (reported by /_sim and tests). */
  readonly scenarios = { drift: [] as string[], missing: [] as string[], merged: [] as string[], duplicates: [] as string[], orphans: [] as string[], pending: [] as string[] };

  constructor(private readonly o: IncidentModelOptions) {
    this.arrivalRng = createRng(o.seed ^ 0x1c1d);
    this.nameRng = createRng(o.seed ^ 0x5e11);
    this.nextIncidentNumber = 3000 + this.arrivalRng.int(0, 999);
    this.base = sentinelBase(o.ident);
    // History and the future share one arrival process: each arrival schedules the next.
    o.scheduler.at(o.historyStartMs, () => this.arrive(o.historyStartMs));
    o.scheduler.at(o.historyStartMs + 30 * MINUTE, () => this.arriveNative(o.historyStartMs + 30 * MINUTE));
    // Guaranteed "pending" incidents: younger than the 10-minute sync window at start.
    o.scheduler.at(o.startMs - 4 * MINUTE, () => this.scenarios.pending.push(this.createDefender(o.startMs - 4 * MINUTE, createRng(o.seed ^ 0x9e4d), { lagMs: 8 * MINUTE }).id));
    o.scheduler.at(o.startMs - 90 * 1000, () => this.scenarios.pending.push(this.createDefender(o.startMs - 90 * 1000, createRng(o.seed ^ 0x9e4e), { lagMs: 6 * MINUTE }).id));
  }

  private guid(): string {
    return this.nameRng.guid();
  }

  private arrive(atMs: number): void {
    const rng = this.arrivalRng;
    this.createDefender(atMs, rng);
    const gap = -Math.log(1 - rng.next()) * this.o.meanGapMinutes * MINUTE;
    const next = atMs + Math.max(10_000, Math.round(gap));
    this.o.scheduler.at(next, () => this.arrive(next));
  }

  private arriveNative(atMs: number): void {
    const rng = this.arrivalRng;
    this.createNative(atMs, rng);
    const next = atMs + Math.round(this.o.meanGapMinutes * 15 * MINUTE * (0.5 + rng.next()));
    this.o.scheduler.at(next, () => this.arriveNative(next));
  }

  createDefender(atMs: number, rng: Rng, force: { lagMs?: number; sync?: SyncBehaviour } = {}): DefenderRecord {
    const id = String(this.nextDefenderId++);
    const sources: ServiceSource[] = [];
    const n = rng.int(1, 4);
    for (let i = 0; i < n; i++) {
      sources.push(rng.weighted([['microsoftDefenderForEndpoint', 6], ['microsoftDefenderForCloudApps', 2], ['microsoftDefenderForOffice365', 2], ['microsoftDefenderForIdentity', 1]] as const));
    }
    const ageAtStart = this.o.startMs - atMs;
    const sync: SyncBehaviour = force.sync ?? (ageAtStart > HOUR ? rng.weighted([['normal', 94], ['missing', 2], ['drift', 4]] as const) : 'normal');
    const rec: DefenderRecord = {
      id,
      createdMs: atMs,
      lastUpdateMs: atMs,
      displayName: rng.pick(TITLES),
      description: 'Automatically correlated by Microsoft Defender XDR.',
      status: 'active',
      severity: rng.weighted([['high', 2], ['medium', 4], ['low', 3], ['informational', 1]] as const),
      classification: 'unknown',
      determination: 'unknown',
      assignedTo: null,
      redirectIncidentId: null,
      customTags: rng.chance(0.1) ? ['Demo'] : [],
      systemTags: [],
      lastModifiedBy: null,
      resolvingComment: null,
      sources,
      sync,
      lagMs: force.lagMs ?? rng.int(60, 540) * 1000,
      sentinelName: null,
      deleted: false,
      json: null,
    };
    this.defender.set(id, rec);
    if (sync === 'missing') this.scenarios.missing.push(id);
    const s = this.o.scheduler;
    if (sync !== 'missing') s.at(atMs + rec.lagMs, () => this.createSentinelCopy(rec));
    if (this.ruleEnabledFor(sources, atMs)) s.at(atMs + 2 * MINUTE, () => this.createDuplicate(rec, atMs + 2 * MINUTE));
    // Lifecycle: most incidents are picked up and resolved; a few are merged into an earlier one.
    const pickUp = atMs + rng.int(20, 600) * MINUTE;
    const analyst = rng.pick(ANALYSTS);
    // A few wait on an automated-investigation approval: Graph's evolvable `awaitingAction`.
    const nextStatus = rng.chance(0.05) ? 'awaitingAction' : 'inProgress';
    s.at(pickUp, () => {
      // Someone else (a merge, the API, a scenario) got there first.
      if (rec.status !== 'active') return;
      this.defenderUpdate(rec, pickUp, { status: nextStatus, assignedTo: analyst }, analyst);
    });
    const fate = rng.next();
    if (fate < 0.04 && this.defender.size > 5) {
      const target = String(Math.max(1000, Number(id) - rng.int(1, 5)));
      const at = atMs + rng.int(5, 60) * MINUTE;
      s.at(at, () => {
        if (rec.status === 'resolved' || rec.status === 'redirected') return;
        this.defenderUpdate(rec, at, { status: 'redirected', redirectIncidentId: target }, 'Microsoft Defender XDR');
        this.scenarios.merged.push(rec.id);
      });
    } else if (fate < 0.8) {
      const at = pickUp + rng.int(30, 2 * 24 * 60) * MINUTE;
      const classification = rng.weighted([['truePositive', 4], ['falsePositive', 3], ['informationalExpectedActivity', 3]] as const);
      s.at(at, () => {
        if (rec.status === 'redirected' || rec.status === 'resolved') return;
        this.defenderUpdate(rec, at, { status: 'resolved', classification, determination: classification === 'truePositive' ? 'malware' : 'other' }, analyst);
      });
    }
    if (rec.sync === 'normal' && fate > 0.995 && ageAtStart > DAY) {
      // Orphan: the Sentinel copy stays after the Defender incident is gone.
      s.at(atMs + rec.lagMs + HOUR, () => {
        rec.deleted = true;
        this.scenarios.orphans.push(rec.id);
      });
    }
    return rec;
  }

  private ruleEnabledFor(sources: ServiceSource[], atMs: number): SimAlertRule | undefined {
    return this.o.rules.find((r) => r.wire.kind === 'MicrosoftSecurityIncidentCreation' && r.wire.properties.enabled === true && r.enabledSinceMs !== null && r.enabledSinceMs <= atMs && sources.some((s) => PRODUCT_NAME[s] === r.wire.properties.productFilter));
  }

  private newSentinel(kind: SentinelRecord['kind'], defenderId: string | null, props: Omit<SentinelIncidentProperties, 'incidentNumber' | 'incidentUrl'>): SentinelRecord {
    const name = this.guid();
    const incidentNumber = this.nextIncidentNumber++;
    const full: SentinelIncidentProperties = {
      ...props,
      incidentNumber,
      incidentUrl: `https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident${this.base}/incidents/${name}`,
    };
    if (kind !== 'xdr') full.providerIncidentId = String(incidentNumber);
    const rec: SentinelRecord = { name, kind, defenderId, props: full, etag: `"${this.guid()}"`, json: null };
    this.sentinel.set(name, rec);
    this.sentinelOrder.push(name);
    return rec;
  }

  private createSentinelCopy(d: DefenderRecord): void {
    const at = d.createdMs + d.lagMs;
    const products = [...new Set(d.sources.map((s) => PRODUCT_NAME[s]))];
    // The XDR connector's provider name changed from "Microsoft 365 Defender" to "Microsoft XDR".
    const providerName = at < this.o.startMs - 5 * DAY ? 'Microsoft 365 Defender' : 'Microsoft XDR';
    const rec = this.newSentinel('xdr', d.id, {
      title: d.displayName,
      description: d.description,
      severity: SEVERITY_TO_SENTINEL[d.severity] ?? 'Medium',
      status: toSentinelStatus(d, null),
      classification: toSentinelClassification(d.classification),
      owner: this.owner(d.assignedTo),
      labels: d.status === 'redirected' ? [{ labelName: 'Redirected', labelType: 'AutoAssigned' }] : [],
      createdTimeUtc: isoSeconds(at),
      lastModifiedTimeUtc: isoSeconds(at),
      firstActivityTimeUtc: isoSeconds(d.createdMs - 10 * MINUTE),
      lastActivityTimeUtc: isoSeconds(d.createdMs),
      providerName,
      providerIncidentId: d.id,
      relatedAnalyticRuleIds: [],
      additionalData: {
        alertsCount: d.sources.length,
        bookmarksCount: 0,
        commentsCount: 0,
        alertProductNames: products,
        tactics: ['InitialAccess', 'Execution'],
        providerIncidentUrl: this.defenderUrl(d.id),
      } as NonNullable<SentinelIncidentProperties['additionalData']>,
    });
    d.sentinelName = rec.name;
  }

  createDuplicate(d: DefenderRecord, atMs: number): SentinelRecord {
    // A Microsoft incident-creation rule only sees alerts of its own product: when none is enabled, the
    // duplicate comes from a rule for one of the incident's products, never from an unrelated one.
    const rule =
      this.ruleEnabledFor(d.sources, atMs) ??
      this.o.rules.find((r) => r.wire.kind === 'MicrosoftSecurityIncidentCreation' && d.sources.some((src) => PRODUCT_NAME[src] === r.wire.properties.productFilter)) ??
      this.o.rules.find((r) => r.wire.kind === 'MicrosoftSecurityIncidentCreation');
    const rec = this.newSentinel('duplicate', null, {
      title: d.displayName,
      description: d.description,
      severity: SEVERITY_TO_SENTINEL[d.severity] ?? 'Medium',
      status: 'New',
      classification: null,
      owner: this.owner(null),
      labels: [],
      createdTimeUtc: isoSeconds(atMs),
      lastModifiedTimeUtc: isoSeconds(atMs),
      firstActivityTimeUtc: isoSeconds(d.createdMs - 10 * MINUTE),
      lastActivityTimeUtc: isoSeconds(d.createdMs),
      providerName: 'Azure Sentinel',
      relatedAnalyticRuleIds: rule ? [rule.wire.id] : [],
      additionalData: { alertsCount: 1, bookmarksCount: 0, commentsCount: 0, alertProductNames: [String(rule?.wire.properties.productFilter ?? PRODUCT_FILTERS.mde)], tactics: [] } as NonNullable<SentinelIncidentProperties['additionalData']>,
    });
    this.scenarios.duplicates.push(rec.name);
    return rec;
  }

  private createNative(atMs: number, rng: Rng): void {
    const scheduled = this.o.rules.filter((r) => r.wire.kind === 'Scheduled');
    const rule = rng.pick(scheduled);
    const closed = rng.chance(0.6);
    this.newSentinel('native', null, {
      title: String(rule.wire.properties.displayName),
      description: '',
      severity: String(rule.wire.properties.severity ?? 'Medium'),
      status: closed ? 'Closed' : rng.pick(['New', 'Active']),
      classification: closed ? rng.pick(['TruePositive', 'BenignPositive', 'FalsePositive']) : null,
      owner: this.owner(closed ? rng.pick(ANALYSTS) : null),
      labels: [],
      createdTimeUtc: isoSeconds(atMs),
      lastModifiedTimeUtc: isoSeconds(atMs),
      firstActivityTimeUtc: isoSeconds(atMs - HOUR),
      lastActivityTimeUtc: isoSeconds(atMs - 5 * MINUTE),
      providerName: 'Azure Sentinel',
      relatedAnalyticRuleIds: [rule.wire.id],
      additionalData: { alertsCount: 1, bookmarksCount: 0, commentsCount: 0, alertProductNames: ['Azure Sentinel'], tactics: ['Persistence'] } as NonNullable<SentinelIncidentProperties['additionalData']>,
    });
  }

  private owner(upn: string | null): SentinelIncidentProperties['owner'] {
    if (!upn) return { objectId: null, email: null, assignedTo: null, userPrincipalName: null, ownerType: 'Unknown' };
    const display = upn.split('@')[0]!.replace('.', ' ');
    return { objectId: null, email: upn, assignedTo: display, userPrincipalName: upn, ownerType: 'User' };
  }

  defenderUrl(id: string): string {
    return `https://security.microsoft.com/incident2/${id}/overview?tid=${this.o.ident.tenantId}`;
  }

  /** Applies a change on the Defender side and (unless the incident drifts) syncs it to Sentinel after the lag. */
  defenderUpdate(d: DefenderRecord, atMs: number, patch: Partial<Pick<DefenderRecord, 'status' | 'classification' | 'determination' | 'assignedTo' | 'redirectIncidentId' | 'customTags' | 'severity' | 'displayName' | 'description' | 'resolvingComment'>>, by: string, forceNoSync = false): void {
    Object.assign(d, patch);
    d.lastUpdateMs = Math.max(d.lastUpdateMs, atMs);
    d.lastModifiedBy = by;
    d.json = null;
    if (d.sync === 'drift' && (d.status === 'resolved' || d.status === 'redirected')) {
      // The status change never reaches Sentinel: the copy stays open since this moment.
      if (!this.scenarios.drift.includes(d.id)) this.scenarios.drift.push(d.id);
      return;
    }
    if (d.sync === 'missing' || forceNoSync) return;
    this.o.scheduler.at(atMs + d.lagMs, () => this.syncToSentinel(d, atMs + d.lagMs));
  }

  syncToSentinel(d: DefenderRecord, atMs: number): void {
    const s = d.sentinelName ? this.sentinel.get(d.sentinelName) : undefined;
    if (!s) return;
    s.props.status = toSentinelStatus(d, s.props.status);
    s.props.classification = toSentinelClassification(d.classification);
    s.props.owner = this.owner(d.assignedTo);
    s.props.severity = SEVERITY_TO_SENTINEL[d.severity] ?? s.props.severity;
    if (d.status === 'redirected' && !(s.props.labels ?? []).some((l) => l.labelName === 'Redirected')) s.props.labels = [...(s.props.labels ?? []), { labelName: 'Redirected', labelType: 'AutoAssigned' }];
    s.props.lastModifiedTimeUtc = isoSeconds(atMs);
    s.etag = `"${this.guid()}"`;
    s.json = null;
  }

  /** Sentinel → Defender (the connector syncs status, owner and classification both ways). */
  sentinelUpdated(s: SentinelRecord, atMs: number): void {
    if (s.kind !== 'xdr' || !s.defenderId) return;
    const d = this.defender.get(s.defenderId);
    if (!d || d.deleted) return;
    const status = s.props.status === 'Closed' ? 'resolved' : s.props.status === 'Active' ? (d.status === 'resolved' ? 'active' : d.status === 'active' ? 'inProgress' : d.status) : 'active';
    const classification = s.props.classification === 'TruePositive' ? 'truePositive' : s.props.classification === 'FalsePositive' ? 'falsePositive' : s.props.classification === 'BenignPositive' ? 'informationalExpectedActivity' : d.classification;
    const assignedTo = s.props.owner?.userPrincipalName ?? s.props.owner?.email ?? null;
    this.o.scheduler.at(atMs + d.lagMs, () => {
      Object.assign(d, { status: d.status === 'redirected' ? 'redirected' : status, classification, assignedTo });
      d.lastUpdateMs = Math.max(d.lastUpdateMs, atMs + d.lagMs);
      d.lastModifiedBy = 'Microsoft Sentinel';
      d.json = null;
    });
  }

  // -------------------------------------------------------------------------
  // Wire shapes

  alertsOf(d: DefenderRecord): DefenderAlert[] {
    return d.sources.map((src, i) => {
      const h = Math.floor(hash01(this.o.seed, Number(d.id), i) * 1e9);
      const created = d.createdMs - (d.sources.length - i) * 3 * MINUTE;
      return {
        '@odata.type': '#microsoft.graph.security.alert',
        id: `da${638000000000000000 + Math.floor(created / 10)}_${-h}`,
        providerAlertId: `${h}`,
        incidentId: d.id,
        status: d.status === 'resolved' ? 'resolved' : d.status === 'inProgress' ? 'inProgress' : 'new',
        severity: d.severity,
        classification: d.classification === 'unknown' ? null : d.classification,
        determination: d.determination === 'unknown' ? null : d.determination,
        serviceSource: src,
        detectionSource: src === 'microsoftDefenderForEndpoint' ? 'microsoftDefenderForEndpoint' : src === 'microsoftDefenderForCloudApps' ? 'microsoftDefenderForCloudApps' : src === 'microsoftDefenderForOffice365' ? 'microsoftDefenderForOffice365' : 'microsoftDefenderForIdentity',
        productName: PRODUCT_NAME[src],
        title: d.displayName,
        incidentWebUrl: this.defenderUrl(d.id),
        createdDateTime: iso7(created),
        lastUpdateDateTime: iso7(d.lastUpdateMs),
        mitreTechniques: [],
        evidence: [],
      } as DefenderAlert & Record<string, unknown>;
    });
  }

  defenderWire(d: DefenderRecord, includeUnknownEnums: boolean): Record<string, unknown> {
    // awaitingAction is an evolvable enum member: only sent with Prefer: include-unknown-enum-members.
    const status = d.status === 'awaitingAction' && !includeUnknownEnums ? 'unknownFutureValue' : d.status;
    return {
      id: d.id,
      tenantId: this.o.ident.tenantId,
      status,
      incidentWebUrl: this.defenderUrl(d.id),
      redirectIncidentId: d.redirectIncidentId,
      displayName: d.displayName,
      createdDateTime: iso7(d.createdMs),
      lastUpdateDateTime: iso7(d.lastUpdateMs),
      assignedTo: d.assignedTo,
      classification: d.classification,
      determination: d.determination,
      severity: d.severity,
      customTags: d.customTags,
      systemTags: d.systemTags,
      description: d.description,
      lastModifiedBy: d.lastModifiedBy,
      resolvingComment: d.resolvingComment,
      summary: null,
      priorityScore: Math.floor(hash01(this.o.seed, Number(d.id), 99) * 100),
      comments: [],
    };
  }

  sentinelWire(s: SentinelRecord): SentinelIncident {
    return { id: `${this.base}/incidents/${s.name}`, name: s.name, type: 'Microsoft.SecurityInsights/incidents', etag: s.etag, properties: s.props };
  }

  sentinelJson(s: SentinelRecord): string {
    if (s.json === null) s.json = JSON.stringify(this.sentinelWire(s));
    return s.json;
  }

  /** Defender incidents still visible through Graph, newest first. */
  visibleDefender(): DefenderRecord[] {
    const out: DefenderRecord[] = [];
    for (const d of this.defender.values()) if (!d.deleted) out.push(d);
    return out.sort((a, b) => b.createdMs - a.createdMs || Number(b.id) - Number(a.id));
  }
}
