/**
 * Microsoft Graph response schemas (api-contracts §b, §f). Enums stay strings. Incidents and their
 * alerts are `z.object` (undeclared fields dropped; see DeclaresAll in parse.ts): ~50,000 of them are
 * read per full load.
 */
import { z } from 'zod';
import type { DefenderAlert, DefenderIncident, HuntingQueryResult, SubscribedSku } from '../../domain/types.js';
import { optStr, strArray, type DeclaresAll } from './parse.js';

export const alertSchema = z.object({
  id: z.string(),
  incidentId: optStr,
  title: optStr,
  severity: optStr,
  status: optStr,
  serviceSource: optStr,
  detectionSource: optStr,
  productName: optStr,
  createdDateTime: optStr,
});
const _alertCheck: (x: z.output<typeof alertSchema>) => DefenderAlert = (x) => x;
const _alertFields: DeclaresAll<typeof alertSchema, DefenderAlert> = true;

export const incidentSchema = z.object({
  id: z.string(),
  tenantId: optStr,
  displayName: optStr,
  status: z.string(),
  severity: optStr,
  classification: optStr,
  determination: optStr,
  assignedTo: optStr,
  createdDateTime: z.string(),
  lastUpdateDateTime: z.string(),
  incidentWebUrl: optStr,
  redirectIncidentId: optStr,
  customTags: strArray,
  systemTags: strArray,
  lastModifiedBy: optStr,
  alerts: z.array(alertSchema).optional(),
});
const _incidentCheck: (x: z.output<typeof incidentSchema>) => DefenderIncident = (x) => x;
const _incidentFields: DeclaresAll<typeof incidentSchema, DefenderIncident> = true;

export const servicePlanSchema = z.looseObject({
  servicePlanId: z.string(),
  servicePlanName: z.string(),
  provisioningStatus: z.string(),
  appliesTo: z.string().optional(),
  servicePlanType: z.string().optional(),
});

export const subscribedSkuSchema = z.looseObject({
  id: z.string(),
  skuId: z.string(),
  skuPartNumber: z.string(),
  capabilityStatus: z.string(),
  consumedUnits: z.number(),
  prepaidUnits: z.looseObject({ enabled: z.number(), suspended: z.number().optional(), warning: z.number().optional(), lockedOut: z.number().optional() }),
  servicePlans: z.array(servicePlanSchema),
  appliesTo: z.string().optional(),
});
const _skuCheck: (x: z.output<typeof subscribedSkuSchema>) => SubscribedSku = (x) => x;

/** Older doc revisions spell the schema keys `Name`/`Type`; normalise before validating. */
const huntingColumn = z.preprocess(
  (c) => {
    if (c && typeof c === 'object' && !('name' in c) && 'Name' in c) {
      const o = c as Record<string, unknown>;
      return { ...o, name: o['Name'], type: o['Type'] };
    }
    return c;
  },
  z.looseObject({ name: z.string(), type: z.string() }),
);

export const huntingResultSchema = z.looseObject({
  schema: z.array(huntingColumn),
  results: z.array(z.record(z.string(), z.unknown())),
});
const _huntCheck: (x: z.output<typeof huntingResultSchema>) => HuntingQueryResult = (x) => x;

void _alertCheck;
void _alertFields;
void _incidentCheck;
void _incidentFields;
void _skuCheck;
void _huntCheck;
