/**
 * Incident sync between Defender (Graph incidents) and Sentinel (ARM incidents): pure logic for the Sync
 * screen, `mde-console sync`, and the health screen's "Incident sync" check.
 *
 *   const intern = createInterner();   // per read: records share repeated strings
 *   const d = prepareDefenderIncident(wire, intern), s = prepareSentinelIncident(wire, intern);   // once per record
 *   const report = matchIncidents(defender, sentinel, { now, syncWindowMinutes, incidentCreationRules, windowStart });
 *   formatSyncReport(report, 'json', { states });   syncExitCode(report);   syncHealthSummary(report);
 *   planStatusAlignment(report.entries.filter(isDrifted));
 */
export * from './ids.js';
export * from './syncRecords.js';
export type { DefenderFacts, SentinelFacts } from './matchFacts.js';
export {
  type SyncField,
  type StatusClass,
  type ClassificationClass,
  type FieldDifference,
  defenderStatusClass,
  sentinelStatusClass,
  sentinelSeverityFor,
  defenderClassificationClass,
  sentinelClassificationClass,
  sentinelOwnerLabel,
  differingFields,
  SENTINEL_CLASSIFICATION,
} from './equivalence.js';
export { XDR_PROVIDER_NAMES, XDR_COVERED_PRODUCTS, isXdrIncident, isNativeSentinelIncident, isIncidentCreationRuleIncident } from './providers.js';
export * from './lagStats.js';
export * from './portalLinks.js';
export * from './matchIncidents.js';
export * from './syncExitCode.js';
export * from './syncHealthSummary.js';
export * from './formatSyncReport.js';
export * from './planStatusAlignment.js';

import type { DefenderSyncEntry, DriftedEntry } from './matchIncidents.js';
/** Narrowing helper for the screen's filters and for planStatusAlignment's input. */
export const isDrifted = (e: DefenderSyncEntry): e is DriftedEntry => e.state === 'drifted';
