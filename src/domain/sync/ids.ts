/**
 * Branded ids for the two incident worlds, so they cannot be mixed by accident.
 *
 * The XDR connector stores the Defender incident id in Sentinel's `providerIncidentId`; Sentinel's own
 * `incidentNumber` is an unrelated counter (domain-notes §0.7, §1 "ProviderName / IDs"). Native
 * "Azure Sentinel" incidents even carry `providerIncidentId` = their incidentNumber (see
 * samples/sentinel-incidents-list.json), so a plain string compare across kinds is a real bug, not a
 * theoretical one. Only these constructors produce the branded values.
 */

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Graph `security/incidents` id (numeric string); equals Sentinel `providerIncidentId` for XDR copies. */
export type DefenderIncidentId = Brand<string, 'DefenderIncidentId'>;
/** Sentinel's per-workspace counter. Display only: never match or link by it. */
export type SentinelIncidentNumber = Brand<number, 'SentinelIncidentNumber'>;
/** Sentinel incident resource name (a GUID), the last segment of the ARM id. */
export type SentinelIncidentName = Brand<string, 'SentinelIncidentName'>;
/** Full ARM resource id of a Sentinel incident; the Azure portal link is built from it. */
export type SentinelIncidentArmId = Brand<string, 'SentinelIncidentArmId'>;

export const defenderIncidentId = (id: string): DefenderIncidentId => id.trim() as DefenderIncidentId;
export const sentinelIncidentNumber = (n: number): SentinelIncidentNumber => n as SentinelIncidentNumber;
export const sentinelIncidentName = (name: string): SentinelIncidentName => name as SentinelIncidentName;
export const sentinelIncidentArmId = (id: string): SentinelIncidentArmId => id as SentinelIncidentArmId;
