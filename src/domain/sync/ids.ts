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

/**
 * How matchIncidents joins a Defender incident with its XDR copies: the trimmed id itself, or — when it
 * is a plain decimal number, as Defender incident ids are in practice — that number. Equal keys ⇔ equal
 * trimmed ids (only digit strings without a leading zero become numbers, so "07" stays a string and never
 * meets 7). A small-integer key is compared without reading a string from memory, and lets matchIncidents
 * join 50,000 incidents per side through a plain array over the ids' range instead of a Map (bench "Sync
 * diff"). Worked out once per record, when it is prepared (syncRecords.ts).
 */
export type IncidentJoinKey = (number | string) & { readonly [brand]: 'IncidentJoinKey' };

/** Up to 9 digits: always a small integer (a V8 Smi), never a float. */
const MAX_NUMERIC_KEY_DIGITS = 9;

export function incidentJoinKey(id: DefenderIncidentId): IncidentJoinKey {
  const n = id.length;
  if (n === 0 || n > MAX_NUMERIC_KEY_DIGITS || (n > 1 && id.charCodeAt(0) === 48)) return id as string as IncidentJoinKey;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const c = id.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return id as string as IncidentJoinKey;
    value = value * 10 + c;
  }
  return value as IncidentJoinKey;
}

/** The trimmed Defender id a join key was made from. */
export const defenderIdOfJoinKey = (key: IncidentJoinKey): DefenderIncidentId => (typeof key === 'number' ? String(key) : key) as DefenderIncidentId;
