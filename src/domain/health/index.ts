/**
 * Integration health rules (issue 6): pure functions over API data, shared by the Health screen
 * and `mde-console check`. No I/O, no React; every check takes `now`.
 */
export * from './types.js';
export { DOC_URLS } from './docs.js';
export { formatDuration, timeWithAge } from './format.js';
export {
  checkLicences,
  checkOfficeIdentity,
  capabilityState,
  describeCapability,
  SERVICE_PLANS,
  type Capability,
  type CapabilityState,
  type CapabilityGrant,
} from './licences.js';
export { checkMdcaIntegration, MDCA_MANUAL_CHECK, DEFAULT_MDCA_STALE_AFTER_DAYS, type MdcaCheckOptions } from './mdca.js';
export { defaultIsMdca, makeIsMdca, isNetworkIndicator, appliesToGroup, type IsMdca } from './indicatorFacts.js';
export { checkNetworkProtection, networkProtectionByGroup, UNGROUPED_LABEL, type GroupNetworkProtection } from './networkProtection.js';
export {
  checkDevicePrerequisites,
  readOsBuild,
  win10BuildVerdict,
  compareVersions,
  MIN_WIN10_BUILD,
  MIN_WIN10_REVISION,
  MIN_ANTIMALWARE_PLATFORM,
  type OsBuild,
  type OsBuildVerdict,
} from './devicePrerequisites.js';
export {
  checkSentinelConnector,
  checkXdrConnector,
  checkIncidentCreationRules,
  checkTableFreshness,
  XDR_CONNECTOR_KIND,
  MDE_CONNECTOR_KIND,
  INCIDENT_CREATION_RULE_KIND,
  XDR_COVERED_PRODUCTS,
  XDR_ADVANCED_HUNTING_TABLES,
  type TableFreshness,
} from './sentinel.js';
export { checkStreaming, type StreamingHealthInput } from './streaming.js';
export { checkRetention, effectiveRetention, DEFENDER_RETENTION_REMINDER, type EffectiveRetention } from './retention.js';
export { checkIncidentSync, DEFAULT_SYNC_LAG_TARGET_MS, type IncidentSyncSummary } from './incidentSync.js';
export { runAllChecks, DEFAULT_HEALTH_THRESHOLDS, type HealthInputs, type RunAllChecksOptions } from './runAllChecks.js';
export {
  summarize,
  sortWorstFirst,
  checkExitCode,
  formatCheckText,
  formatCheckJson,
  toCheckReport,
  summaryLine,
  STATUS_RANK,
  STATUS_SYMBOL,
  type CheckSummary,
  type CheckReportJson,
  type CheckJson,
} from './report.js';
