/**
 * Entity types as they arrive on the wire, after schema validation and sanitising.
 *
 * These are the contract between the simulator (which produces them), the API clients
 * (which validate them with zod in src/api/schemas) and the domain logic (which reads them).
 * Field names are the documented wire names; see ../shared/reference/api-contracts.md.
 *
 * Enum-like fields are typed as "known values | string": the console must keep and show
 * values it does not know yet (Microsoft adds enum members), never drop them.
 */

/** A string enum that still accepts values Microsoft adds later. */
export type Open<T extends string> = T | (string & {});

// ---------------------------------------------------------------------------
// MDE API — custom indicators (GET /api/indicators)

export type IndicatorType =
  | 'FileSha1'
  | 'FileSha256'
  | 'FileMd5'
  | 'CertificateThumbprint'
  | 'IpAddress'
  | 'DomainName'
  | 'Url';

/** Accepted for new writes: Allowed, Audit, Block, BlockAndRemediate, Warn. Alert/AlertAndBlock are legacy. */
export type IndicatorAction = 'Warn' | 'Block' | 'Audit' | 'Alert' | 'AlertAndBlock' | 'BlockAndRemediate' | 'Allowed';

export type IndicatorSeverity = 'Informational' | 'Low' | 'Medium' | 'High';

export interface Indicator {
  /** Numeric string, e.g. "995". */
  id: string;
  indicatorValue: string;
  indicatorType: Open<IndicatorType>;
  action: Open<IndicatorAction>;
  title: string;
  description: string | null;
  application: string | null;
  severity: Open<IndicatorSeverity> | null;
  recommendedActions: string | null;
  /** Device-group names; an empty array means all devices. */
  rbacGroupNames: string[];
  rbacGroupIds: string[];
  generateAlert: boolean | null;
  /** "Portal", "PublicApi", … — values for Defender for Cloud Apps are unverified. */
  createdBySource: string | null;
  /** UPN (portal) or app id (API). */
  createdBy: string | null;
  /** UPN (portal) or app display name. */
  createdByDisplayName: string | null;
  /** Legacy, only in some doc samples: "User" | "AadApp". */
  sourceType?: string | null;
  source?: string | null;
  lastUpdatedBy: string | null;
  /** ISO 8601 UTC. */
  creationTimeDateTimeUtc: string;
  /** ISO 8601 UTC; null = never expires. */
  expirationTime: string | null;
  lastUpdateTime: string | null;
  externalId?: string | null;
  educateUrl?: string | null;
  category?: number | null;
  mitreTechniques?: string[] | null;
}

// ---------------------------------------------------------------------------
// MDE API — machines (GET /api/machines)

export interface Machine {
  /** 40 hex characters. */
  id: string;
  computerDnsName: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  /** e.g. Windows10, Windows11, WindowsServer2019, macOS, Linux. */
  osPlatform: string | null;
  osVersion: string | null;
  /** Feature version, e.g. "21H2" or "1809". */
  version: string | null;
  osBuild: number | null;
  healthStatus: Open<'Active' | 'Inactive' | 'ImpairedCommunication' | 'NoSensorData' | 'NoSensorDataImpairedCommunication' | 'Unknown'> | null;
  /** PascalCase on the wire ("Onboarded"); compare case-insensitively. */
  onboardingStatus: string | null;
  /** 0 = no device group. A number on the wire. */
  rbacGroupId: number | null;
  /** null when the device is in no group. */
  rbacGroupName: string | null;
  agentVersion: string | null;
  /** e.g. "Active", "Passive", "EDRBlocked", "Disabled". */
  defenderAvStatus: string | null;
  machineTags: string[];
  lastIpAddress?: string | null;
  riskScore?: string | null;
  exposureLevel?: string | null;
}

/**
 * Per-device security posture that the machines API does not carry, read through advanced hunting
 * (DeviceTvmSecureConfigurationAssessment scid-96 and DeviceTvmSoftwareInventory/DeviceInfo).
 */
export type NetworkProtectionMode = 'block' | 'audit' | 'off' | 'unknown';

export interface DevicePosture {
  deviceId: string;
  deviceName: string | null;
  networkProtection: NetworkProtectionMode;
  /** Antimalware platform version, e.g. "4.18.24090.11". */
  antimalwarePlatformVersion: string | null;
  /**
   * Defender Antivirus mode from GET /api/deviceavinfo `avMode`: '0' active, '1' passive,
   * '2' disabled, '4' EDR blocked. The machines API's defenderAvStatus does not say "passive".
   */
  avMode?: string | null;
}

// ---------------------------------------------------------------------------
// Microsoft Graph — security incidents (GET /v1.0/security/incidents)

export type DefenderIncidentStatus = 'active' | 'resolved' | 'inProgress' | 'redirected' | 'awaitingAction' | 'unknownFutureValue';
export type DefenderSeverity = 'unknown' | 'informational' | 'low' | 'medium' | 'high' | 'unknownFutureValue';
export type DefenderClassification = 'unknown' | 'falsePositive' | 'truePositive' | 'informationalExpectedActivity' | 'unknownFutureValue';

export interface DefenderAlert {
  id: string;
  incidentId: string | null;
  title: string | null;
  severity: Open<DefenderSeverity> | null;
  status: string | null;
  serviceSource: string | null;
  detectionSource: string | null;
  productName?: string | null;
  createdDateTime: string | null;
}

export interface DefenderIncident {
  /** Numeric string. This is what Sentinel stores as providerIncidentId. */
  id: string;
  tenantId: string | null;
  displayName: string | null;
  status: Open<DefenderIncidentStatus>;
  severity: Open<DefenderSeverity> | null;
  classification: Open<DefenderClassification> | null;
  determination: string | null;
  /** UPN or null. */
  assignedTo: string | null;
  createdDateTime: string;
  lastUpdateDateTime: string;
  incidentWebUrl: string | null;
  /** Set when the incident was merged into another. */
  redirectIncidentId: string | null;
  customTags: string[];
  systemTags?: string[];
  lastModifiedBy?: string | null;
  alerts?: DefenderAlert[];
}

// ---------------------------------------------------------------------------
// Microsoft Sentinel (ARM) — incidents, data connectors, alert rules

export type SentinelIncidentStatus = 'New' | 'Active' | 'Closed';
export type SentinelSeverity = 'High' | 'Medium' | 'Low' | 'Informational';
export type SentinelClassification = 'Undetermined' | 'TruePositive' | 'BenignPositive' | 'FalsePositive';

export interface SentinelOwner {
  objectId?: string | null;
  email?: string | null;
  assignedTo?: string | null;
  userPrincipalName?: string | null;
  ownerType?: string | null;
}

export interface SentinelIncidentProperties {
  /** Sentinel's own counter. Never use it to match or link a Defender incident. */
  incidentNumber: number;
  title: string;
  description?: string | null;
  severity: Open<SentinelSeverity>;
  status: Open<SentinelIncidentStatus>;
  classification?: Open<SentinelClassification> | null;
  classificationReason?: string | null;
  classificationComment?: string | null;
  owner?: SentinelOwner | null;
  labels?: { labelName: string; labelType?: string }[];
  createdTimeUtc: string;
  lastModifiedTimeUtc: string;
  firstActivityTimeUtc?: string | null;
  lastActivityTimeUtc?: string | null;
  incidentUrl?: string | null;
  /** "Microsoft XDR" (current), "Microsoft 365 Defender" (older), "Azure Sentinel" (native). */
  providerName?: string | null;
  /** The Defender incident id for incidents synced by the XDR connector. */
  providerIncidentId?: string | null;
  relatedAnalyticRuleIds?: string[];
  additionalData?: {
    alertsCount?: number;
    alertProductNames?: string[];
    providerIncidentUrl?: string | null;
    tactics?: string[];
  } | null;
}

export interface SentinelIncident {
  /** Full ARM resource id. */
  id: string;
  /** GUID. */
  name: string;
  type?: string;
  etag?: string | null;
  properties: SentinelIncidentProperties;
}

export interface DataConnector {
  id: string;
  name: string;
  /** e.g. MicrosoftThreatProtection, MicrosoftDefenderAdvancedThreatProtection, Office365, … */
  kind: string;
  properties: {
    tenantId?: string | null;
    /** Each data type: { state: "Enabled" | "Disabled" }. */
    dataTypes?: Record<string, { state?: string } | undefined>;
    filteredProviders?: { alerts?: string[] } | null;
    [key: string]: unknown;
  };
}

export interface AlertRule {
  id: string;
  name: string;
  /** Scheduled, Fusion, MicrosoftSecurityIncidentCreation, MLBehaviorAnalytics, ThreatIntelligence, NRT. */
  kind: string;
  properties: {
    displayName?: string;
    enabled?: boolean;
    /** For MicrosoftSecurityIncidentCreation: "Microsoft Defender Advanced Threat Protection", … */
    productFilter?: string | null;
    severitiesFilter?: string[] | null;
    displayNamesFilter?: string[] | null;
    lastModifiedUtc?: string | null;
    [key: string]: unknown;
  };
}

// ---------------------------------------------------------------------------
// Log Analytics — workspace tables (ARM) and query results (data plane)

export interface WorkspaceTable {
  id?: string;
  name: string;
  properties: {
    retentionInDays?: number | null;
    totalRetentionInDays?: number | null;
    archiveRetentionInDays?: number | null;
    retentionInDaysAsDefault?: boolean | string | null;
    plan?: string | null;
    [key: string]: unknown;
  };
}

export interface Workspace {
  id: string;
  name: string;
  properties: {
    customerId?: string;
    retentionInDays?: number;
    [key: string]: unknown;
  };
}

export interface LogAnalyticsColumn {
  name: string;
  type: string;
}

export interface LogAnalyticsTable {
  name: string;
  columns: LogAnalyticsColumn[];
  rows: unknown[][];
}

export interface LogAnalyticsResult {
  tables: LogAnalyticsTable[];
  /** Set with a 200 when only part of the query succeeded (code "PartialError"). */
  error?: { code: string; message: string } | null;
}

// ---------------------------------------------------------------------------
// Azure Monitor metrics (Event Hubs namespace)

export interface MetricPoint {
  /** ISO 8601 start of the bucket. */
  timeStamp: string;
  total?: number;
  average?: number;
  maximum?: number;
  minimum?: number;
  count?: number;
}

export interface MetricTimeSeries {
  metadatavalues: { name: { value: string; localizedValue?: string }; value: string }[];
  data: MetricPoint[];
}

export interface Metric {
  id?: string;
  type?: string;
  name: { value: string; localizedValue?: string };
  unit: string;
  timeseries: MetricTimeSeries[];
  errorCode?: string;
  errorMessage?: string;
}

export interface MetricsResponse {
  cost?: number;
  /** ISO 8601 interval "start/end". */
  timespan: string;
  /** e.g. PT1M. */
  interval?: string;
  namespace?: string;
  resourceregion?: string;
  value: Metric[];
}

// ---------------------------------------------------------------------------
// Microsoft Graph — subscribedSkus

export interface ServicePlan {
  servicePlanId: string;
  servicePlanName: string;
  provisioningStatus: string;
  appliesTo?: string;
  servicePlanType?: string;
}

export interface SubscribedSku {
  id: string;
  skuId: string;
  skuPartNumber: string;
  /** Enabled, Warning, Suspended, Deleted, LockedOut. */
  capabilityStatus: string;
  consumedUnits: number;
  prepaidUnits: { enabled: number; suspended?: number; warning?: number; lockedOut?: number };
  servicePlans: ServicePlan[];
  appliesTo?: string;
}

// ---------------------------------------------------------------------------
// Microsoft Graph — advanced hunting (POST /v1.0/security/runHuntingQuery)

export interface HuntingQueryResult {
  schema: { name: string; type: string }[];
  results: Record<string, unknown>[];
}
