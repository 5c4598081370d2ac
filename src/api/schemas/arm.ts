/** Azure Resource Manager schemas: Sentinel, workspace, Event Hubs, Azure Monitor metrics (api-contracts §c, §d, §e). */
import { z } from 'zod';
import type { AlertRule, DataConnector, MetricsResponse, SentinelIncident, Workspace, WorkspaceTable } from '../../domain/types.js';

/** ARM list envelope; `nextLink` is an opaque absolute URL ($skipToken). */
export function armPage<T extends z.ZodType>(item: T) {
  return z.looseObject({ value: z.array(item), nextLink: z.string().nullish() });
}

export const sentinelIncidentSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  type: z.string().optional(),
  etag: z.string().nullish(),
  properties: z.looseObject({
    incidentNumber: z.number(),
    title: z.string(),
    severity: z.string(),
    status: z.string(),
    createdTimeUtc: z.string(),
    lastModifiedTimeUtc: z.string(),
    providerName: z.string().nullish(),
    providerIncidentId: z.string().nullish(),
    classification: z.string().nullish(),
    labels: z.array(z.looseObject({ labelName: z.string(), labelType: z.string().optional() })).optional(),
    relatedAnalyticRuleIds: z.array(z.string()).optional(),
    additionalData: z
      .looseObject({
        alertsCount: z.number().optional(),
        alertProductNames: z.array(z.string()).optional(),
        providerIncidentUrl: z.string().nullish(),
        tactics: z.array(z.string()).optional(),
      })
      .nullish(),
  }),
});
const _incCheck: (x: z.output<typeof sentinelIncidentSchema>) => SentinelIncident = (x) => x;

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
void _dcCheck;
void _ruleCheck;
void _wsCheck;
void _tblCheck;
void _metCheck;
