/**
 * MDE API response schemas (api-contracts §a, §g). Records the console keeps (indicators, machines,
 * deviceavinfo rows) are `z.object`: fields not declared here are dropped (see DeclaresAll in parse.ts
 * for why, and for the check that every field of the domain type is declared). Envelopes stay loose.
 */
import { z } from 'zod';
import type { Indicator, Machine } from '../../domain/types.js';
import { optBool, optNum, optStr, strArray, type DeclaresAll } from './parse.js';

export const indicatorSchema = z.object({
  id: z.string(),
  indicatorValue: z.string(),
  indicatorType: z.string(),
  action: z.string(),
  title: z.string(),
  description: optStr,
  application: optStr,
  severity: optStr,
  recommendedActions: optStr,
  rbacGroupNames: strArray,
  rbacGroupIds: strArray,
  generateAlert: optBool,
  createdBySource: optStr,
  createdBy: optStr,
  createdByDisplayName: optStr,
  lastUpdatedBy: optStr,
  creationTimeDateTimeUtc: z.string(),
  expirationTime: optStr,
  lastUpdateTime: optStr,
  mitreTechniques: z.array(z.string()).nullish(),
  category: z.number().nullish(),
  // Legacy creator fields of older doc samples (creator rules read sourceType), and the rest of the documented record.
  sourceType: z.string().nullish(),
  source: z.string().nullish(),
  externalId: z.string().nullish(),
  educateUrl: z.string().nullish(),
});
const _indicatorCheck: (x: z.output<typeof indicatorSchema>) => Indicator = (x) => x;
const _indicatorFields: DeclaresAll<typeof indicatorSchema, Indicator> = true;

export const machineSchema = z.object({
  id: z.string(),
  computerDnsName: optStr,
  firstSeen: optStr,
  lastSeen: optStr,
  osPlatform: optStr,
  osVersion: optStr,
  version: optStr,
  osBuild: optNum,
  healthStatus: optStr,
  onboardingStatus: optStr,
  rbacGroupId: optNum,
  rbacGroupName: optStr,
  agentVersion: optStr,
  defenderAvStatus: optStr,
  machineTags: strArray,
  lastIpAddress: z.string().nullish(),
  riskScore: z.string().nullish(),
  exposureLevel: z.string().nullish(),
});
const _machineCheck: (x: z.output<typeof machineSchema>) => Machine = (x) => x;
const _machineFields: DeclaresAll<typeof machineSchema, Machine> = true;

/**
 * One row of GET /api/deviceavinfo ("Export device antivirus health details", JSON method):
 * one row per device. Only the device id is relied on; the version fields feed the
 * "indicator exists ≠ indicator blocks" prerequisites (antimalware platform ≥ 4.18.1906).
 */
export const deviceAvInfoSchema = z.object({
  machineId: z.string(),
  computerDnsName: optStr,
  osKind: optStr,
  osPlatform: optStr,
  avMode: optStr,
  avEngineVersion: optStr,
  avPlatformVersion: optStr,
  avSignatureVersion: optStr,
  avIsEngineUpToDate: optStr,
  avIsPlatformUpToDate: optStr,
  avIsSignatureUpToDate: optStr,
  lastSeenTime: optStr,
});
export type DeviceAvInfo = z.output<typeof deviceAvInfoSchema>;

/** OData collection page. `@odata.nextLink` appears on some MDE endpoints (deviceavinfo) and not others. */
export function odataPage<T extends z.ZodType>(item: T) {
  return z.looseObject({ value: z.array(item), '@odata.nextLink': z.string().nullish() });
}

export const importResultSchema = z.looseObject({
  value: z.array(
    z.looseObject({
      id: optStr,
      indicator: optStr,
      isFailed: z.boolean(),
      failureReason: optStr,
    }),
  ),
});
export type ImportResult = z.output<typeof importResultSchema>['value'][number];

void _indicatorCheck;
void _indicatorFields;
void _machineCheck;
void _machineFields;
