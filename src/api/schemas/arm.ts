/** Azure Resource Manager schemas: Sentinel, workspace, Event Hubs, Azure Monitor metrics (api-contracts §c, §d, §e). */
import { z } from 'zod';
import type { AlertRule, DataConnector, MetricsResponse, SentinelIncident, SentinelIncidentProperties, SentinelOwner, Workspace, WorkspaceTable } from '../../domain/types.js';
import type { DeclaresAll } from './parse.js';

/** ARM list envelope; `nextLink` is an opaque absolute URL ($skipToken). */
export function armPage<T extends z.ZodType>(item: T) {
  return z.looseObject({ value: z.array(item), nextLink: z.string().nullish() });
}

const sentinelOwnerSchema = z.object({
  objectId: z.string().nullish(),
  email: z.string().nullish(),
  assignedTo: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
  ownerType: z.string().nullish(),
});

const sentinelAdditionalDataSchema = z.object({
  alertsCount: z.number().optional(),
  alertProductNames: z.array(z.string()).optional(),
  providerIncidentUrl: z.string().nullish(),
  tactics: z.array(z.string()).optional(),
});

const sentinelLabelSchema = z.object({ labelName: z.string(), labelType: z.string().optional() });

/**
 * `z.object` throughout (undeclared fields dropped; see DeclaresAll in parse.ts): ~50,000 are read per
 * full load. Every writable property is declared, because the status alignment PUTs the properties
 * back as read (planStatusAlignment) and a property missing from a PUT is cleared.
 */
const sentinelIncidentPropertiesSchema = z.object({
  incidentNumber: z.number(),
  title: z.string(),
  description: z.string().nullish(),
  severity: z.string(),
  status: z.string(),
  classification: z.string().nullish(),
  classificationReason: z.string().nullish(),
  classificationComment: z.string().nullish(),
  owner: sentinelOwnerSchema.nullish(),
  labels: z.array(sentinelLabelSchema).optional(),
  createdTimeUtc: z.string(),
  lastModifiedTimeUtc: z.string(),
  firstActivityTimeUtc: z.string().nullish(),
  lastActivityTimeUtc: z.string().nullish(),
  incidentUrl: z.string().nullish(),
  providerName: z.string().nullish(),
  providerIncidentId: z.string().nullish(),
  relatedAnalyticRuleIds: z.array(z.string()).optional(),
  additionalData: sentinelAdditionalDataSchema.nullish(),
});

export const sentinelIncidentSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string().optional(),
  etag: z.string().nullish(),
  properties: sentinelIncidentPropertiesSchema,
});
const _incCheck: (x: z.output<typeof sentinelIncidentSchema>) => SentinelIncident = (x) => x;
const _incFields: DeclaresAll<typeof sentinelIncidentSchema, SentinelIncident> = true;
const _incPropFields: DeclaresAll<typeof sentinelIncidentPropertiesSchema, SentinelIncidentProperties> = true;
const _ownerFields: DeclaresAll<typeof sentinelOwnerSchema, SentinelOwner> = true;
const _additionalFields: DeclaresAll<typeof sentinelAdditionalDataSchema, NonNullable<SentinelIncidentProperties['additionalData']>> = true;
const _labelFields: DeclaresAll<typeof sentinelLabelSchema, NonNullable<SentinelIncidentProperties['labels']>[number]> = true;

const looseProps = z.looseObject({}).nullish().transform((v) => v ?? {});

export const dataConnectorSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  // Kinds the stable api-version's model does not know can come back without `kind` (api-contracts §c).
  kind: z.string().nullish().transform((v) => v ?? 'Unknown'),
  properties: z
    .looseObject({
      tenantId: z.string().nullish(),
      dataTypes: z.record(z.string(), z.looseObject({ state: z.string().optional() }).optional()).optional(),
      filteredProviders: z.looseObject({ alerts: z.array(z.string()).optional() }).nullish(),
    })
    .nullish()
    .transform((v) => v ?? {}),
});
const _dcCheck: (x: z.output<typeof dataConnectorSchema>) => DataConnector = (x) => x;

export const alertRuleSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  properties: z
    .looseObject({
      displayName: z.string().optional(),
      enabled: z.boolean().optional(),
      productFilter: z.string().nullish(),
      severitiesFilter: z.array(z.string()).nullish(),
      displayNamesFilter: z.array(z.string()).nullish(),
      lastModifiedUtc: z.string().nullish(),
    })
    .nullish()
    .transform((v) => v ?? {}),
});
const _ruleCheck: (x: z.output<typeof alertRuleSchema>) => AlertRule = (x) => x;

export const workspaceSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  properties: z.looseObject({ customerId: z.string().optional(), retentionInDays: z.number().optional() }),
});
const _wsCheck: (x: z.output<typeof workspaceSchema>) => Workspace = (x) => x;

export const workspaceTableSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  properties: z.looseObject({
    retentionInDays: z.number().nullish(),
    totalRetentionInDays: z.number().nullish(),
    archiveRetentionInDays: z.number().nullish(),
    // The spec example encodes this as the string "False" (samples/loganalytics-tables-list.json).
    retentionInDaysAsDefault: z.union([z.boolean(), z.string()]).nullish(),
    plan: z.string().nullish(),
  }),
});
const _tblCheck: (x: z.output<typeof workspaceTableSchema>) => WorkspaceTable = (x) => x;

/** Any ARM resource (Event Hubs namespace, event hub). */
export const armResourceSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  type: z.string().optional(),
  location: z.string().optional(),
  sku: z.looseObject({ name: z.string().optional(), tier: z.string().optional(), capacity: z.number().optional() }).optional(),
  properties: looseProps,
});
export type ArmResource = z.output<typeof armResourceSchema>;

const metricPoint = z.looseObject({
  timeStamp: z.string(),
  total: z.number().optional(),
  average: z.number().optional(),
  maximum: z.number().optional(),
  minimum: z.number().optional(),
  count: z.number().optional(),
});

export const metricsResponseSchema = z.looseObject({
  cost: z.number().optional(),
  timespan: z.string(),
  interval: z.string().optional(),
  namespace: z.string().optional(),
  resourceregion: z.string().optional(),
  value: z.array(
    z.looseObject({
      id: z.string().optional(),
      type: z.string().optional(),
      name: z.looseObject({ value: z.string(), localizedValue: z.string().optional() }),
      unit: z.string(),
      timeseries: z
        .array(
          z.looseObject({
            metadatavalues: z
              .array(z.looseObject({ name: z.looseObject({ value: z.string(), localizedValue: z.string().optional() }), value: z.string() }))
              .optional()
              .transform((v) => v ?? []),
            data: z.array(metricPoint).optional().transform((v) => v ?? []),
          }),
        )
        .optional()
        .transform((v) => v ?? []),
      errorCode: z.string().optional(),
      errorMessage: z.string().optional(),
    }),
  ),
});
const _metCheck: (x: z.output<typeof metricsResponseSchema>) => MetricsResponse = (x) => x;

void _incCheck;
void _incFields;
void _incPropFields;
void _ownerFields;
void _additionalFields;
void _labelFields;
void _dcCheck;
void _ruleCheck;
void _wsCheck;
void _tblCheck;
void _metCheck;
