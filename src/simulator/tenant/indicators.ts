/**
 * Custom indicators: generation, validation (post-ti-indicator, common-errors) and the store.
 * The store keeps each indicator's JSON text so a 10,000-row page is a string join, not a
 * re-serialisation of the tenant.
 */
import type { Indicator, IndicatorAction, IndicatorType } from '../../domain/types.js';
import { DAY, HOUR, iso7 } from './clock.js';
import { DEVICE_GROUPS } from './devices.js';
import { MDCA_APP_CATALOGUE, MDCA_CREATOR, endpointType, type MdcaApp } from './mdcaApps.js';
import type { Rng } from './random.js';

/** Documented tenant cap (indicators-overview.md): "Increases to this limit are not supported". */
export const INDICATOR_TENANT_LIMIT = 15_000;

/** Wire object: the documented fields plus the extras seen on real responses (swimlane capture). */
export type WireIndicator = Indicator & Record<string, unknown>;

export interface StoredIndicator {
  wire: WireIndicator;
  json: string;
}

export const SOAR_APP = { appId: '5f1c7a8e-3b2d-4c6e-9a1f-7d8e2b4c6a10', displayName: 'SOAR-Automation' } as const;
export const PEOPLE = ['alice.analyst@contoso.com', 'bob.soc@contoso.com', 'carol.ir@contoso.com', 'dave.threatintel@contoso.com'] as const;

export const INDICATOR_TYPES: readonly IndicatorType[] = ['FileSha1', 'FileSha256', 'FileMd5', 'CertificateThumbprint', 'IpAddress', 'DomainName', 'Url'];
const NETWORK_TYPES = new Set<string>(['IpAddress', 'DomainName', 'Url']);
/** Accepted for new writes (ti-indicator): Alert/AlertAndBlock are legacy. */
const WRITE_ACTIONS = new Set<string>(['Allowed', 'Audit', 'Block', 'BlockAndRemediate', 'Warn']);

export function wireIndicator(fields: {
  id: string;
  indicatorValue: string;
  indicatorType: string;
  action: string;
  title: string;
  description: string | null;
  application?: string | null;
  severity?: string | null;
  recommendedActions?: string | null;
  rbacGroupNames?: string[];
  generateAlert?: boolean;
  createdBy: string;
  createdByDisplayName: string;
  createdBySource: string;
  createdMs: number;
  expirationMs: number | null;
  educateUrl?: string | null;
  externalId?: string | null;
}): WireIndicator {
  const groups = fields.rbacGroupNames ?? [];
  return {
    id: fields.id,
    indicatorValue: fields.indicatorValue,
    indicatorType: fields.indicatorType,
    action: fields.action,
    createdBy: fields.createdBy,
    severity: fields.severity ?? 'Informational',
    category: 1,
    application: fields.application ?? null,
    educateUrl: fields.educateUrl ?? null,
    bypassDurationHours: null,
    title: fields.title,
    description: fields.description,
    recommendedActions: fields.recommendedActions ?? null,
    creationTimeDateTimeUtc: iso7(fields.createdMs),
    expirationTime: fields.expirationMs === null ? null : new Date(fields.expirationMs).toISOString().slice(0, 19) + 'Z',
    lastUpdateTime: iso7(fields.createdMs),
    lastUpdatedBy: null,
    rbacGroupNames: groups,
    rbacGroupIds: groups.map((n) => String(DEVICE_GROUPS.find((g) => g.name === n)?.id ?? '')).filter((s) => s !== ''),
    notificationId: null,
    notificationBody: null,
    version: null,
    mitreTechniques: [],
    historicalDetection: false,
    lookBackPeriod: null,
    generateAlert: fields.generateAlert ?? false,
    additionalInfo: null,
    createdByDisplayName: fields.createdByDisplayName,
    externalId: fields.externalId ?? null,
    createdBySource: fields.createdBySource,
    certificateInfo: null,
  };
}

export class IndicatorStore {
  private readonly byId = new Map<string, StoredIndicator>();
  private ordered: StoredIndicator[] | null = null;
  private nextId: number;

  constructor(firstId: number) {
    this.nextId = firstId;
  }

  allocateId(): string {
    return String(this.nextId++);
  }

  put(wire: WireIndicator): StoredIndicator {
    const entry = { wire, json: JSON.stringify(wire) };
    if (!this.byId.has(wire.id)) this.ordered = null;
    else if (this.ordered) {
      const i = this.ordered.findIndex((e) => e.wire.id === wire.id);
      if (i >= 0) this.ordered[i] = entry;
    }
    this.byId.set(wire.id, entry);
    return entry;
  }

  get(id: string): StoredIndicator | undefined {
    return this.byId.get(id);
  }

  delete(id: string): boolean {
    const had = this.byId.delete(id);
    if (had) this.ordered = null;
    return had;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Ascending by numeric id, like the service's default order. */
  list(): readonly StoredIndicator[] {
    if (!this.ordered) this.ordered = [...this.byId.values()].sort((a, b) => Number(a.wire.id) - Number(b.wire.id));
    return this.ordered;
  }

  findByTypeValue(type: string, value: string): StoredIndicator | undefined {
    for (const e of this.byId.values()) if (e.wire.indicatorType === type && e.wire.indicatorValue === value) return e;
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Values

const WORDS = ['update', 'secure', 'login', 'cdn', 'files', 'invoice', 'track', 'verify', 'portal', 'cloud', 'sync', 'mail', 'docs', 'pay', 'office'];
const TLDS = ['com', 'net', 'org', 'io', 'xyz', 'top', 'info', 'biz'];

export function randomValue(rng: Rng, type: IndicatorType): string {
  switch (type) {
    case 'FileSha1':
    case 'CertificateThumbprint':
      return rng.hex(40);
    case 'FileSha256':
      return rng.hex(64);
    case 'FileMd5':
      return rng.hex(32);
    case 'IpAddress':
      if (rng.chance(0.1)) return Array.from({ length: 8 }, (_, i) => (i === 0 ? '2a0' + rng.int(1, 9) : rng.hex(4))).join(':');
      // Public unicast ranges only: internal IPs are rejected by the service.
      return `${rng.pick([45, 62, 77, 91, 103, 141, 176, 185, 193, 194, 212])}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    case 'DomainName':
      return `${rng.pick(WORDS)}-${rng.pick(WORDS)}${rng.int(1, 9999)}.${rng.pick(TLDS)}`;
    case 'Url':
      return `https://${rng.pick(WORDS)}${rng.int(1, 9999)}.${rng.pick(TLDS)}/${rng.pick(WORDS)}/${rng.hex(8)}`;
  }
}

// ---------------------------------------------------------------------------
// Validation (post-ti-indicator, common-errors)

export interface ValidationError {
  code: string;
  message: string;
}

const HEX = /^[0-9a-fA-F]+$/;

function isInternalIpv4(parts: number[]): boolean {
  const [a, b] = parts as [number, number, number, number];
  return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
}

export function validateValue(type: string, value: string): ValidationError | null {
  const bad = (code: string, what: string): ValidationError => ({ code, message: `Invalid ${what}: '${value}'.` });
  switch (type) {
    case 'FileSha1':
    case 'CertificateThumbprint':
      return value.length === 40 && HEX.test(value) ? null : bad('InvalidHashValue', 'hash value');
    case 'FileSha256':
      return value.length === 64 && HEX.test(value) ? null : bad('InvalidHashValue', 'hash value');
    case 'FileMd5':
      return value.length === 32 && HEX.test(value) ? null : bad('InvalidHashValue', 'hash value');
    case 'IpAddress': {
      if (value.includes('/') || value.includes('-')) return { code: 'InvalidIpAddress', message: `IP ranges and CIDR notation are not supported: '${value}'.` };
      const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
      if (v4) {
        const parts = v4.slice(1).map(Number);
        if (parts.some((p) => p > 255)) return bad('InvalidIpAddress', 'IP address');
        if (isInternalIpv4(parts)) return { code: 'InvalidIpAddress', message: `Only external IP addresses are supported: '${value}'.` };
        return null;
      }
      // IPv6 must carry all 8 segments (indicators-overview.md).
      const segs = value.split(':');
      if (segs.length === 8 && segs.every((s) => s.length >= 1 && s.length <= 4 && HEX.test(s))) {
        const first = parseInt(segs[0]!, 16);
        if ((first & 0xffc0) === 0xfe80 || (first & 0xfe00) === 0xfc00) return { code: 'InvalidIpAddress', message: `Only external IP addresses are supported: '${value}'.` };
        return null;
      }
      return bad('InvalidIpAddress', 'IP address');
    }
    case 'DomainName':
      return /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/.test(value) ? null : bad('InvalidDomainName', 'domain name');
    case 'Url': {
      try {
        const u = new URL(value.includes('://') ? value : `http://${value}`);
        return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.') ? null : bad('InvalidUrl', 'URL');
      } catch {
        return bad('InvalidUrl', 'URL');
      }
    }
    default:
      return { code: 'InvalidRequestBody', message: `Invalid indicatorType '${type}'. Allowed values: ${INDICATOR_TYPES.join(', ')}.` };
  }
}

/** Properties a POST body may carry; names are case-sensitive (common-errors). */
const KNOWN_BODY_FIELDS = new Set(['indicatorValue', 'indicatorType', 'action', 'title', 'description', 'application', 'expirationTime', 'severity', 'recommendedActions', 'rbacGroupNames', 'educateUrl', 'generateAlert', 'externalId', 'category', 'mitreTechniques']);
const REQUIRED = ['indicatorValue', 'indicatorType', 'action', 'title', 'description'] as const;

export interface IndicatorInput {
  indicatorValue: string;
  indicatorType: IndicatorType;
  action: IndicatorAction;
  title: string;
  description: string;
  application: string | null;
  expirationMs: number | null;
  severity: string | null;
  recommendedActions: string | null;
  rbacGroupNames: string[];
  educateUrl: string | null;
  generateAlert: boolean;
  externalId: string | null;
}

export function parseIndicatorInput(body: unknown): { ok: true; input: IndicatorInput } | { ok: false; error: ValidationError } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, error: { code: 'InvalidRequestBody', message: 'Request body is missing or is not a JSON object.' } };
  const b = body as Record<string, unknown>;
  for (const key of Object.keys(b)) {
    if (!KNOWN_BODY_FIELDS.has(key)) {
      const hint = [...KNOWN_BODY_FIELDS].find((k) => k.toLowerCase() === key.toLowerCase());
      return { ok: false, error: { code: 'InvalidRequestBody', message: hint ? `Request body is incorrect: property '${key}' is not valid; property names are case-sensitive, did you mean '${hint}'?` : `Request body is incorrect: unknown property '${key}'.` } };
    }
  }
  for (const key of REQUIRED) {
    if (typeof b[key] !== 'string' || (b[key] as string).trim() === '') return { ok: false, error: { code: 'MissingRequiredParameter', message: `Required parameter '${key}' is missing or empty.` } };
  }
  const type = b.indicatorType as string;
  const action = b.action as string;
  const valueError = validateValue(type, b.indicatorValue as string);
  if (valueError) return { ok: false, error: valueError };
  if (action === 'Alert' || action === 'AlertAndBlock') {
    return { ok: false, error: { code: 'InvalidRequestBody', message: `Action '${action}' is no longer supported for new indicators; use 'Audit' with generateAlert=true instead of 'Alert', or 'BlockAndRemediate' instead of 'AlertAndBlock'.` } };
  }
  if (!WRITE_ACTIONS.has(action)) return { ok: false, error: { code: 'InvalidRequestBody', message: `Invalid action '${action}'. Allowed values: Allowed, Audit, Block, BlockAndRemediate, Warn.` } };
  if (NETWORK_TYPES.has(type) && action === 'BlockAndRemediate') return { ok: false, error: { code: 'InvalidRequestBody', message: `Action 'BlockAndRemediate' is not supported for indicator type '${type}'.` } };
  if (type === 'CertificateThumbprint' && !['Allowed', 'BlockAndRemediate'].includes(action)) return { ok: false, error: { code: 'InvalidRequestBody', message: `Action '${action}' is not supported for indicator type 'CertificateThumbprint'. Allowed values: Allowed, BlockAndRemediate.` } };
  const generateAlert = b.generateAlert === undefined ? false : b.generateAlert;
  if (typeof generateAlert !== 'boolean') return { ok: false, error: { code: 'InvalidRequestBody', message: "Property 'generateAlert' must be a boolean." } };
  if (action === 'Audit' && !generateAlert) return { ok: false, error: { code: 'InvalidRequestBody', message: "Action 'Audit' requires generateAlert to be true." } };
  let expirationMs: number | null = null;
  if (b.expirationTime !== undefined && b.expirationTime !== null) {
    expirationMs = typeof b.expirationTime === 'string' ? Date.parse(b.expirationTime) : NaN;
    if (Number.isNaN(expirationMs)) return { ok: false, error: { code: 'InvalidRequestBody', message: `Property 'expirationTime' is not a valid ISO 8601 date: '${String(b.expirationTime)}'.` } };
  }
  const severity = b.severity ?? null;
  if (severity !== null && !['Informational', 'Low', 'Medium', 'High'].includes(severity as string)) return { ok: false, error: { code: 'InvalidRequestBody', message: `Invalid severity '${String(severity)}'. Allowed values: Informational, Low, Medium, High.` } };
  const groups = b.rbacGroupNames ?? [];
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string')) return { ok: false, error: { code: 'InvalidRequestBody', message: "Property 'rbacGroupNames' must be an array of device group names." } };
  const unknownGroup = (groups as string[]).find((g) => !DEVICE_GROUPS.some((d) => d.name === g));
  if (unknownGroup !== undefined) return { ok: false, error: { code: 'InvalidRequestBody', message: `Device group '${unknownGroup}' does not exist.` } };
  const str = (k: string): string | null => (typeof b[k] === 'string' ? (b[k] as string) : null);
  return {
    ok: true,
    input: {
      indicatorValue: b.indicatorValue as string,
      indicatorType: type as IndicatorType,
      action: action as IndicatorAction,
      title: b.title as string,
      description: b.description as string,
      application: str('application'),
      expirationMs,
      severity: severity as string | null,
      recommendedActions: str('recommendedActions'),
      rbacGroupNames: groups as string[],
      educateUrl: str('educateUrl'),
      generateAlert,
      externalId: str('externalId'),
    },
  };
}

// ---------------------------------------------------------------------------
// Generation

export function mdcaIndicatorsFor(app: MdcaApp, store: IndicatorStore, createdMs: number): WireIndicator[] {
  if (app.state !== 'unsanctioned' && app.state !== 'monitored') return [];
  const block = app.state === 'unsanctioned';
  return app.endpoints.map((endpoint) =>
    wireIndicator({
      id: store.allocateId(),
      indicatorValue: endpoint,
      indicatorType: endpointType(endpoint),
      action: block ? 'Block' : 'Warn',
      title: block ? MDCA_CREATOR.blockTitle : MDCA_CREATOR.warnTitle,
      description: block ? `${app.name} was marked as unsanctioned in Microsoft Defender for Cloud Apps.` : `${app.name} was marked as monitored in Microsoft Defender for Cloud Apps.`,
      application: app.name,
      severity: 'Medium',
      rbacGroupNames: app.scopedGroups,
      generateAlert: true,
      createdBy: MDCA_CREATOR.createdBy,
      createdByDisplayName: MDCA_CREATOR.createdByDisplayName,
      createdBySource: MDCA_CREATOR.createdBySource,
      createdMs,
      expirationMs: null,
    }),
  );
}

const FILE_TYPES: readonly IndicatorType[] = ['FileSha1', 'FileSha256', 'FileMd5'];

function actionFor(rng: Rng, type: IndicatorType): IndicatorAction {
  if (type === 'CertificateThumbprint') return rng.pick(['Allowed', 'BlockAndRemediate'] as const);
  if (FILE_TYPES.includes(type)) return rng.weighted([['BlockAndRemediate', 5], ['Block', 2], ['Audit', 2], ['Allowed', 1], ['Warn', 1]] as const);
  return rng.weighted([['Block', 6], ['Audit', 2], ['Warn', 1], ['Allowed', 1]] as const);
}

function expiryFor(rng: Rng, createdMs: number, nowMs: number): number | null {
  return rng.weighted<() => number | null>([
    [() => null, 3],
    [() => nowMs - rng.int(1, 20) * DAY, 1], // expired
    [() => nowMs + rng.int(2, 6 * 24) * HOUR, 1], // expiring within a week
    [() => createdMs + rng.int(60, 365) * DAY, 4],
  ])();
}

/**
 * The initial indicator set: MDCA-synced, people (portal), an automation app (API), with
 * duplicates and conflicting actions. `total` is exact (large scale fills the 15,000 cap).
 */
export function generateIndicators(rng: Rng, store: IndicatorStore, total: number, nowMs: number, apps: readonly MdcaApp[]): void {
  for (const app of apps) {
    const created = nowMs - rng.int(3, 90) * DAY;
    for (const w of mdcaIndicatorsFor(app, store, created)) {
      if (store.size < total) store.put(w);
    }
  }
  const peopleShare = total > 5000 ? 0.1 : 0.4;
  let made = 0;
  const remaining = total - store.size;
  const recent: WireIndicator[] = [];
  while (store.size < total) {
    const person = made < remaining * peopleShare;
    made++;
    const type = rng.weighted(INDICATOR_TYPES.map((t) => [t, t === 'FileSha256' || t === 'DomainName' || t === 'IpAddress' ? 3 : 1] as const));
    let value = randomValue(rng, type);
    let action = actionFor(rng, type);
    let groups: string[] = rng.chance(0.2) ? [rng.pick(DEVICE_GROUPS).name] : [];
    // Duplicates (same value and action again) and conflicts (same value and scope, different action).
    const twin = recent.length > 10 && rng.chance(0.03) ? rng.pick(recent) : null;
    let finalType: string = type;
    if (twin) {
      value = twin.indicatorValue;
      finalType = twin.indicatorType;
      groups = twin.rbacGroupNames;
      const conflict = rng.chance(0.5);
      action = conflict ? (twin.action === 'Allowed' ? 'Block' : 'Allowed') : (twin.action as IndicatorAction);
      if (NETWORK_TYPES.has(finalType) && action === 'BlockAndRemediate') action = 'Block';
    }
    const created = nowMs - rng.int(1, 300) * DAY - rng.int(0, 86_399) * 1000;
    const who = person ? rng.pick(PEOPLE) : null;
    const w = wireIndicator({
      id: store.allocateId(),
      indicatorValue: value,
      indicatorType: finalType,
      action,
      title: person ? `${rng.pick(['Block', 'Track', 'Investigate', 'Allow'])} ${finalType} from case ${rng.int(1000, 9999)}` : `TI feed ${rng.pick(['ThreatFox', 'URLhaus', 'MISP', 'Internal'])} ${finalType}`,
      description: person ? 'Added during incident response.' : `Imported by ${SOAR_APP.displayName} from the threat intelligence feed.`,
      severity: rng.pick(['Informational', 'Low', 'Medium', 'High']),
      rbacGroupNames: groups,
      generateAlert: action === 'Audit' ? true : rng.chance(0.3),
      createdBy: who ?? SOAR_APP.appId,
      createdByDisplayName: who ?? SOAR_APP.displayName,
      createdBySource: who ? 'Portal' : 'PublicApi',
      createdMs: created,
      expirationMs: expiryFor(rng, created, nowMs),
      recommendedActions: person ? 'Isolate the device if the indicator is seen.' : null,
    });
    store.put(w);
    recent.push(w);
    if (recent.length > 50) recent.shift();
  }
}

export { MDCA_APP_CATALOGUE };
