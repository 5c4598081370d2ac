/**
 * Microsoft Sentinel side of the integration (api-contracts §c, §d; domain-notes §0.6, §1
 * "Duplicates", §3.6; seed sentinel-m365d-connector). Three results with stable ids:
 * - `sentinel-connector`: the Defender XDR connector (kind MicrosoftThreatProtection) with
 *   incidents and alerts connected; the standalone Defender for Endpoint connector alongside.
 * - `sentinel-rules`: enabled Microsoft incident-creation rules for products the XDR connector
 *   already covers → duplicate incidents.
 * - `sentinel-freshness`: newest row per advanced-hunting table vs the threshold, because a
 *   "connected" connector is not a flowing one and SentinelHealth does not cover this connector.
 */
import type { Thresholds } from '../../config/types.js';
import type { AlertRule, DataConnector } from '../types.js';
import { DOC_URLS } from './docs.js';
import { formatDuration, listSome, plural, timeWithAge } from './format.js';
import { judged, unknown, type CheckMeta } from './result.js';
import type { CheckResult, Evidence, MaybeAvailable } from './types.js';
import { isUnavailable } from './types.js';

export const XDR_CONNECTOR_KIND = 'MicrosoftThreatProtection';
export const MDE_CONNECTOR_KIND = 'MicrosoftDefenderAdvancedThreatProtection';
export const INCIDENT_CREATION_RULE_KIND = 'MicrosoftSecurityIncidentCreation';

/**
 * productFilter values whose alerts the XDR connector already turns into incidents
 * (api-contracts §c duplicate-incident hazard).
 */
export const XDR_COVERED_PRODUCTS: readonly string[] = [
  'Microsoft Defender Advanced Threat Protection',
  'Microsoft Cloud App Security',
  'Azure Advanced Threat Protection',
  'Office 365 Advanced Threat Protection',
  'Azure Active Directory Identity Protection',
];

/** The rest of the documented productFilter enum: not covered by the XDR connector. */
export const XDR_UNCOVERED_PRODUCTS: readonly string[] = ['Azure Security Center', 'Azure Security Center for IoT'];

/**
 * Advanced-hunting tables the XDR connector can stream into the workspace ("Connect events"),
 * i.e. the GA streamable tables (supported-event-types, api-contracts §e).
 */
export const XDR_ADVANCED_HUNTING_TABLES: readonly string[] = [
  'AlertEvidence', 'AlertInfo', 'CloudAppEvents', 'DeviceEvents', 'DeviceFileCertificateInfo', 'DeviceFileEvents',
  'DeviceImageLoadEvents', 'DeviceInfo', 'DeviceLogonEvents', 'DeviceNetworkEvents', 'DeviceNetworkInfo',
  'DeviceProcessEvents', 'DeviceRegistryEvents', 'EmailAttachmentInfo', 'EmailEvents', 'EmailPostDeliveryEvents',
  'EmailUrlInfo', 'IdentityDirectoryEvents', 'IdentityLogonEvents', 'IdentityQueryEvents', 'UrlClickEvents',
];

/**
 * Newest row per workspace table, from Log Analytics (`max(TimeGenerated)` per table over a
 * window, or the newest `Usage` bucket per DataType — hourly, so coarser). `lastRowAt` null =
 * no row in the window.
 */
export interface TableFreshness {
  table: string;
  lastRowAt: string | null;
  rowsInWindow?: number;
}

const ieq = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
const stateOf = (c: DataConnector | undefined, dataType: string): string => c?.properties.dataTypes?.[dataType]?.state ?? 'absent';
const isAhTable = (t: string) => XDR_ADVANCED_HUNTING_TABLES.some((x) => ieq(x, t));

const SENTINEL_SOURCE = { api: 'ARM GET …/Microsoft.SecurityInsights/dataConnectors and …/alertRules', permission: 'Microsoft Sentinel Reader' };

const CONNECTOR_META: CheckMeta = {
  id: 'sentinel-connector',
  area: 'sentinel',
  title: 'Sentinel: Defender XDR connector',
  remediation:
    'Microsoft Sentinel → Data connectors → Microsoft Defender XDR → Open connector page → "Connect incidents & alerts" (and tick "Turn off all Microsoft incident creation rules for these products").',
  docUrl: DOC_URLS.sentinelConnectXdr,
  source: SENTINEL_SOURCE,
};

const RULES_META: CheckMeta = {
  id: 'sentinel-rules',
  area: 'sentinel',
  title: 'Sentinel: Microsoft incident-creation rules',
  remediation:
    'Microsoft Sentinel → Analytics → Active rules: disable the "Microsoft Security" (incident creation) rules named here; the XDR connector already creates these incidents.',
  docUrl: DOC_URLS.sentinelXdrIntegration,
  source: SENTINEL_SOURCE,
};

const FRESHNESS_META: CheckMeta = {
  id: 'sentinel-freshness',
  area: 'sentinel',
  title: 'Sentinel: advanced-hunting tables flowing',
  remediation:
    'Microsoft Sentinel → Data connectors → Microsoft Defender XDR → Connect events: confirm the table is still ticked; if it is, disconnect and reconnect the table, and check the Defender portal service health.',
  docUrl: DOC_URLS.sentinelConnectXdr,
  source: { api: 'Log Analytics POST /v1/workspaces/{id}/query (max(TimeGenerated) per table)', permission: 'Log Analytics Reader (Data.Read)' },
};

/** AH tables with rows, for the connector's "which tables it streams" evidence. */
function streamedTables(freshness: MaybeAvailable<readonly TableFreshness[]>): string {
  if (isUnavailable(freshness)) return `unknown: ${freshness.reason}`;
  const names = freshness.filter((f) => f.lastRowAt !== null && isAhTable(f.table)).map((f) => f.table).sort();
  return names.length ? `${names.length}: ${listSome(names, 6)}` : 'none with rows in the window';
}

/**
 * FAIL: no XDR connector, or its incidents data type not Enabled. WARN: alerts not Enabled.
 * OK: incidents and alerts connected.
 */
export function checkXdrConnector(
  connectors: MaybeAvailable<readonly DataConnector[]>,
  freshness: MaybeAvailable<readonly TableFreshness[]>,
  opts: { now: Date },
): CheckResult {
  const { now } = opts;
  if (isUnavailable(connectors)) return unknown(CONNECTOR_META, now, connectors.reason);
  const xdr = connectors.find((c) => ieq(c.kind, XDR_CONNECTOR_KIND));
  const mde = connectors.find((c) => ieq(c.kind, MDE_CONNECTOR_KIND));
  const filtered = xdr?.properties.filteredProviders?.alerts ?? [];
  const evidence: Evidence[] = [
    { label: 'XDR connector', value: xdr ? `${xdr.name}: incidents ${stateOf(xdr, 'incidents')}, alerts ${stateOf(xdr, 'alerts')}` : 'absent' },
    {
      label: 'Standalone Defender for Endpoint connector',
      value: mde
        ? `alerts ${stateOf(mde, 'alerts')} (alerts only, not bi-directional; the XDR connector connects it in the background)`
        : 'absent',
    },
  ];
  if (filtered.length > 0) evidence.push({ label: 'Filtered alert providers', value: filtered.join(', ') });
  evidence.push({ label: 'Raw tables streaming (from newest rows)', value: streamedTables(freshness) });
  evidence.push({ label: 'Per-table "Connect events" setting', value: 'not in the public API: judged from rows arriving in the workspace' });

  if (!xdr) {
    return judged(
      CONNECTOR_META,
      now,
      'FAIL',
      mde
        ? 'No Defender XDR connector: only the standalone Defender for Endpoint connector (alerts only, no incident sync)'
        : 'No Defender XDR connector (kind MicrosoftThreatProtection) in the workspace',
      evidence,
    );
  }
  if (!ieq(stateOf(xdr, 'incidents'), 'Enabled')) {
    return judged(CONNECTOR_META, now, 'FAIL', `Defender XDR connector present but incidents are ${stateOf(xdr, 'incidents')}: no incident sync`, evidence);
  }
  if (!ieq(stateOf(xdr, 'alerts'), 'Enabled')) {
    return judged(CONNECTOR_META, now, 'WARN', `Defender XDR connector syncs incidents but alerts are ${stateOf(xdr, 'alerts')}`, evidence);
  }
  return judged(CONNECTOR_META, now, 'OK', 'Defender XDR connector connected: incidents and alerts Enabled', evidence);
}

/**
 * FAIL "duplicate incidents": the XDR connector syncs incidents AND enabled
 * MicrosoftSecurityIncidentCreation rules exist for products it covers (each rule named).
 * WARN: an enabled rule's productFilter is not a documented value, so coverage is unknown.
 * OK otherwise (without XDR incident sync these rules are the incident source, not duplicates).
 */
export function checkIncidentCreationRules(
  connectors: MaybeAvailable<readonly DataConnector[]>,
  alertRules: MaybeAvailable<readonly AlertRule[]>,
  opts: { now: Date },
): CheckResult {
  const { now } = opts;
  if (isUnavailable(alertRules)) return unknown(RULES_META, now, `alert rules: ${alertRules.reason}`);
  if (isUnavailable(connectors)) return unknown(RULES_META, now, `data connectors (needed to know whether XDR incidents sync): ${connectors.reason}`);
  const xdr = connectors.find((c) => ieq(c.kind, XDR_CONNECTOR_KIND));
  const xdrIncidents = !!xdr && ieq(stateOf(xdr, 'incidents'), 'Enabled');
  const enabled = alertRules.filter((r) => ieq(r.kind, INCIDENT_CREATION_RULE_KIND) && r.properties.enabled === true);
  const name = (r: AlertRule) => r.properties.displayName ?? r.name;
  const product = (r: AlertRule) => r.properties.productFilter ?? '(no product filter)';
  const covered = enabled.filter((r) => XDR_COVERED_PRODUCTS.some((p) => ieq(p, r.properties.productFilter)));
  const unrecognised = enabled.filter(
    (r) => ![...XDR_COVERED_PRODUCTS, ...XDR_UNCOVERED_PRODUCTS].some((p) => ieq(p, r.properties.productFilter)),
  );

  const evidence: Evidence[] = [
    { label: 'XDR incident sync', value: xdrIncidents ? 'Enabled' : 'not enabled' },
    { label: 'Enabled Microsoft incident-creation rules', value: enabled.length ? enabled.map((r) => `"${name(r)}" (${product(r)})`).join('; ') : 'none' },
  ];

  if (xdrIncidents && covered.length > 0) {
    return judged(
      RULES_META,
      now,
      'FAIL',
      `Duplicate incidents: ${plural(covered.length, 'enabled Microsoft incident-creation rule')} for products the XDR connector covers — ${covered
        .map((r) => `"${name(r)}" (${product(r)})`)
        .join(', ')}`,
      evidence,
    );
  }
  if (xdrIncidents && unrecognised.length > 0) {
    return judged(
      RULES_META,
      now,
      'WARN',
      `Enabled incident-creation rule with an unrecognised product filter, may duplicate XDR incidents: ${unrecognised
        .map((r) => `"${name(r)}" (${product(r)})`)
        .join(', ')}`,
      evidence,
      'Microsoft Sentinel → Analytics → Active rules: check which product these rules read; disable them if the Defender XDR connector already covers it.',
    );
  }
  return judged(
    RULES_META,
    now,
    'OK',
    xdrIncidents
      ? 'No enabled Microsoft incident-creation rule duplicates the XDR connector'
      : 'XDR incident sync is off: Microsoft incident-creation rules are the incident source, no duplicates',
    evidence,
  );
}

/**
 * Judged tables: `expectedTables` when given (profile/caller knows what the connector should
 * fill), otherwise every XDR advanced-hunting table that has rows in the window.
 * FAIL: a judged table's newest row is older than `tableFreshnessMinutes` (each stale table with
 * its newest time). WARN: an expected table has no row at all, or no advanced-hunting table has
 * rows (nothing to prove the flow — a table that stopped before the window looks the same).
 * SecurityAlert/SecurityIncident are shown but not judged: they are quiet when nothing happens.
 */
export function checkTableFreshness(
  freshness: MaybeAvailable<readonly TableFreshness[]>,
  opts: { now: Date; thresholds: Pick<Thresholds, 'tableFreshnessMinutes'>; expectedTables?: readonly string[] },
): CheckResult {
  const { now } = opts;
  if (isUnavailable(freshness)) return unknown(FRESHNESS_META, now, freshness.reason);
  const limitMs = opts.thresholds.tableFreshnessMinutes * 60_000;
  const byName = new Map(freshness.map((f) => [f.table.toLowerCase(), f]));
  const judgedTables = opts.expectedTables
    ? opts.expectedTables.map((t) => byName.get(t.toLowerCase()) ?? { table: t, lastRowAt: null })
    : freshness.filter((f) => f.lastRowAt !== null && isAhTable(f.table));

  const evidence: Evidence[] = [{ label: 'Threshold', value: `newest row within ${opts.thresholds.tableFreshnessMinutes} min` }];
  const stale: { table: string; at: string; ageMs: number }[] = [];
  const empty: string[] = [];
  for (const f of [...judgedTables].sort((a, b) => a.table.localeCompare(b.table))) {
    if (f.lastRowAt === null) {
      empty.push(f.table);
      evidence.push({ label: f.table, value: 'no rows in the window' });
      continue;
    }
    const ageMs = now.getTime() - Date.parse(f.lastRowAt);
    evidence.push({ label: f.table, value: `newest ${timeWithAge(f.lastRowAt, now)}${ageMs > limitMs ? ' — STALE' : ''}` });
    if (ageMs > limitMs) stale.push({ table: f.table, at: f.lastRowAt, ageMs });
  }
  for (const t of ['SecurityAlert', 'SecurityIncident']) {
    const f = byName.get(t.toLowerCase());
    if (f) evidence.push({ label: `${t} (not judged)`, value: f.lastRowAt ? `newest ${timeWithAge(f.lastRowAt, now)}` : 'no rows in the window' });
  }

  if (stale.length > 0) {
    stale.sort((a, b) => b.ageMs - a.ageMs);
    return judged(
      FRESHNESS_META,
      now,
      'FAIL',
      `${plural(stale.length, 'table')} stopped flowing: ${stale
        .map((s) => `${s.table} (newest ${new Date(Date.parse(s.at)).toISOString()}, ${formatDuration(s.ageMs)} ago)`)
        .join(', ')}`,
      evidence,
    );
  }
  if (judgedTables.length === 0) {
    return judged(
      FRESHNESS_META,
      now,
      'WARN',
      'No advanced-hunting table has rows in the workspace: raw events are not streamed, or all stopped before the window',
      evidence,
    );
  }
  if (empty.length > 0) {
    return judged(
      FRESHNESS_META,
      now,
      'WARN',
      `${plural(empty.length, 'expected table')} with no rows: ${listSome(empty)} — probably not ticked under Connect events`,
      evidence,
    );
  }
  return judged(FRESHNESS_META, now, 'OK', `${plural(judgedTables.length, 'table')} flowing, every newest row within ${opts.thresholds.tableFreshnessMinutes} min`, evidence);
}

/** The three Sentinel results in display order: connector, rules, freshness. */
export function checkSentinelConnector(
  connectors: MaybeAvailable<readonly DataConnector[]>,
  alertRules: MaybeAvailable<readonly AlertRule[]>,
  tableFreshness: MaybeAvailable<readonly TableFreshness[]>,
  opts: { now: Date; thresholds: Pick<Thresholds, 'tableFreshnessMinutes'>; expectedTables?: readonly string[] },
): CheckResult[] {
  return [
    checkXdrConnector(connectors, tableFreshness, opts),
    checkIncidentCreationRules(connectors, alertRules, opts),
    checkTableFreshness(tableFreshness, opts),
  ];
}
