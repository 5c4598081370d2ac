/**
 * The KQL the console sends, as builder functions, and `matchQuery` which recognises exactly these
 * strings (the simulator uses it to answer them; anything else gets the service's real 400).
 *
 * Builders and matcher share one template per query so they cannot drift apart. Table names are
 * restricted to identifiers and windows to whole units so parameters round-trip exactly.
 */

const TABLE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function checkTables(tables: readonly string[]): void {
  if (tables.length === 0) throw new Error('At least one table name is required.');
  for (const t of tables) if (!TABLE_NAME.test(t)) throw new Error(`Not a table name: '${t}'.`);
}

function checkPositiveInt(name: string, n: number): void {
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got ${n}.`);
}

/**
 * (1) Freshness per table over the last `windowHours` (Log Analytics).
 * Columns: Table (string), Count (long), LastTime (datetime). A table with no rows in the window is
 * absent from the result: treat a missing table as Count 0 / never seen.
 */
export function tableFreshnessQuery(tables: readonly string[], windowHours: number): string {
  checkTables(tables);
  checkPositiveInt('windowHours', windowHours);
  return `union withsource=Table ${tables.join(', ')} | where TimeGenerated > ago(${windowHours}h) | summarize Count=count(), LastTime=max(TimeGenerated) by Table`;
}

/**
 * (2) Ingestion per DataType per day over the last `days` (Log Analytics `Usage`).
 * Columns: Day (datetime, start of the UTC day), DataType (string), IsBillable (bool),
 * Quantity (real, MB — Usage.Quantity is in MB). SecurityAlert/SecurityIncident rows are IsBillable false.
 */
export function usageByDayQuery(days: number): string {
  checkPositiveInt('days', days);
  return `Usage | where TimeGenerated > ago(${days}d) | summarize Quantity=sum(Quantity) by Day=bin(TimeGenerated, 1d), DataType, IsBillable | order by Day asc`;
}

/**
 * (3) Events and bytes per table per minute over the last `windowMinutes` (live rates).
 * Columns: Table (string), TimeGenerated (datetime, start of the minute), Events (long), Bytes (long, sum of _BilledSize).
 */
export function tableRatesQuery(tables: readonly string[], windowMinutes = 60): string {
  checkTables(tables);
  checkPositiveInt('windowMinutes', windowMinutes);
  return `union withsource=Table ${tables.join(', ')} | where TimeGenerated > ago(${windowMinutes}m) | summarize Events=count(), Bytes=sum(_BilledSize) by Table, bin(TimeGenerated, 1m)`;
}

/**
 * (4) Network protection mode per device (Graph runHuntingQuery), from the TVM secure-configuration
 * assessment scid-96. Columns: DeviceId (String), DeviceName (String), OSPlatform (String),
 * IsApplicable (Int64 0/1), IsCompliant (Int64 0/1), Context (String), Timestamp (DateTime).
 *
 * Representation (domain-notes §8: scid-96's audit semantics are unverified): IsCompliant is 1 only
 * in block mode; Context carries the EnableNetworkProtection registry value as `[["<0|1|2>"]]`
 * (0 off, 1 block, 2 audit). Read it with `networkProtectionFromContext`.
 */
export function networkProtectionQuery(): string {
  return `DeviceTvmSecureConfigurationAssessment | where ConfigurationId == "scid-96" | summarize arg_max(Timestamp, *) by DeviceId | project DeviceId, DeviceName, OSPlatform, IsApplicable, IsCompliant, Context, Timestamp`;
}

/**
 * (5) Network protection audit/block events per device group over the last `days` (Graph
 * runHuntingQuery). DeviceEvents has no group column in advanced hunting, so the group comes from
 * DeviceInfo.MachineGroup. Columns: MachineGroup (String; empty for devices in no group),
 * ActionType (String: ExploitGuardNetworkProtectionAudited | ExploitGuardNetworkProtectionBlocked), Count (Int64).
 */
export function networkProtectionEventsQuery(days: number): string {
  checkPositiveInt('days', days);
  return `DeviceEvents | where Timestamp > ago(${days}d) | where ActionType in ("ExploitGuardNetworkProtectionAudited", "ExploitGuardNetworkProtectionBlocked") | join kind=leftouter (DeviceInfo | summarize arg_max(Timestamp, MachineGroup) by DeviceId) on DeviceId | summarize Count=count() by MachineGroup, ActionType`;
}

/**
 * (6) Latest state of each Sentinel incident changed in the last `days` (Log Analytics
 * `SecurityIncident`, one row per modification → arg_max). Columns: IncidentName (string, the ARM
 * name), IncidentNumber (int), Title (string), Status (string), Severity (string), ProviderName
 * (string), ProviderIncidentId (string; the Defender id for XDR incidents), CreatedTime (datetime),
 * LastModifiedTime (datetime).
 */
export function sentinelIncidentsQuery(days: number): string {
  checkPositiveInt('days', days);
  return `SecurityIncident | where TimeGenerated > ago(${days}d) | summarize arg_max(TimeGenerated, *) by IncidentName | project IncidentName, IncidentNumber, Title, Status, Severity, ProviderName, ProviderIncidentId, CreatedTime, LastModifiedTime`;
}

/** EnableNetworkProtection value in a scid-96 Context → mode. */
export function networkProtectionFromContext(context: unknown): 'block' | 'audit' | 'off' | 'unknown' {
  let v: unknown = context;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return 'unknown';
    }
  }
  while (Array.isArray(v)) v = v[0];
  switch (String(v)) {
    case '0':
      return 'off';
    case '1':
      return 'block';
    case '2':
      return 'audit';
    default:
      return 'unknown';
  }
}

export function networkProtectionContext(mode: 'block' | 'audit' | 'off'): string {
  return JSON.stringify([[mode === 'off' ? '0' : mode === 'block' ? '1' : '2']]);
}

export type MatchedQuery =
  | { kind: 'tableFreshness'; tables: string[]; windowHours: number }
  | { kind: 'usageByDay'; days: number }
  | { kind: 'tableRates'; tables: string[]; windowMinutes: number }
  | { kind: 'networkProtection' }
  | { kind: 'networkProtectionEvents'; days: number }
  | { kind: 'sentinelIncidents'; days: number };

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Builds a matcher from a builder's output with placeholders swapped for capture groups. */
function template(sample: string, holes: Record<string, string>): RegExp {
  let re = esc(norm(sample));
  for (const [literal, group] of Object.entries(holes)) re = re.replace(esc(literal), group);
  return new RegExp(`^${re}$`);
}

const TABLES_RE = '([A-Za-z][A-Za-z0-9_]*(?:, [A-Za-z][A-Za-z0-9_]*)*)';
const MATCHERS: { re: RegExp; build: (m: RegExpExecArray) => MatchedQuery }[] = [
  {
    re: template(tableFreshnessQuery(['T1__', 'T2__'], 987654), { 'T1__, T2__': TABLES_RE, '987654': '(\\d+)' }),
    build: (m) => ({ kind: 'tableFreshness', tables: m[1]!.split(', '), windowHours: Number(m[2]) }),
  },
  { re: template(usageByDayQuery(987654), { '987654': '(\\d+)' }), build: (m) => ({ kind: 'usageByDay', days: Number(m[1]) }) },
  {
    re: template(tableRatesQuery(['T1__', 'T2__'], 987654), { 'T1__, T2__': TABLES_RE, '987654': '(\\d+)' }),
    build: (m) => ({ kind: 'tableRates', tables: m[1]!.split(', '), windowMinutes: Number(m[2]) }),
  },
  { re: template(networkProtectionQuery(), {}), build: () => ({ kind: 'networkProtection' }) },
  { re: template(networkProtectionEventsQuery(987654), { '987654': '(\\d+)' }), build: (m) => ({ kind: 'networkProtectionEvents', days: Number(m[1]) }) },
  { re: template(sentinelIncidentsQuery(987654), { '987654': '(\\d+)' }), build: (m) => ({ kind: 'sentinelIncidents', days: Number(m[1]) }) },
];

/** Recognises a query built by this module (whitespace-insensitive); null for anything else. */
export function matchQuery(kql: string): MatchedQuery | null {
  const q = norm(kql);
  for (const { re, build } of MATCHERS) {
    const m = re.exec(q);
    if (m) return build(m);
  }
  return null;
}
