/**
 * Sentinel workspace configuration: data connectors, analytics (alert) rules, the workspace and
 * its tables with retention, and the tenant's licences (subscribedSkus).
 */
import type { AlertRule, DataConnector, SubscribedSku, WorkspaceTable } from '../../domain/types.js';
import type { SimulatedTenantIdentity } from '../contract.js';
import { ALL_TABLES } from './streaming.js';
import { isoSeconds } from './clock.js';

export function workspaceResourceId(id: SimulatedTenantIdentity): string {
  return `/subscriptions/${id.subscriptionId}/resourceGroups/${id.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${id.workspaceName}`;
}

export function sentinelBase(id: SimulatedTenantIdentity): string {
  return `${workspaceResourceId(id)}/providers/Microsoft.SecurityInsights`;
}

/** productFilter values of MicrosoftSecurityIncidentCreation rules (alert-rules spec enum). */
export const PRODUCT_FILTERS = {
  mde: 'Microsoft Defender Advanced Threat Protection',
  mdca: 'Microsoft Cloud App Security',
  mdi: 'Azure Advanced Threat Protection',
  mdo: 'Office 365 Advanced Threat Protection',
} as const;

export interface SimAlertRule {
  wire: AlertRule & { type: string; etag: string };
  /** Since when the rule has been enabled (simulated ms); null when disabled. */
  enabledSinceMs: number | null;
}

export function createAlertRules(ident: SimulatedTenantIdentity, nowMs: number, guid: () => string): SimAlertRule[] {
  const base = sentinelBase(ident);
  const mk = (kind: string, properties: Record<string, unknown>): SimAlertRule => {
    const name = guid();
    const modified = Date.parse(String(properties.lastModifiedUtc));
    return { wire: { id: `${base}/alertRules/${name}`, name, type: 'Microsoft.SecurityInsights/alertRules', kind, etag: `"${guid()}"`, properties: properties as AlertRule['properties'] }, enabledSinceMs: properties.enabled === true ? modified : null };
  };
  const incidentCreation = (product: string, enabled: boolean, modifiedMs: number): SimAlertRule =>
    mk('MicrosoftSecurityIncidentCreation', {
      productFilter: product,
      displayName: `Create incidents based on ${product} alerts`,
      description: `Create incidents based on all alerts generated in ${product}`,
      enabled,
      severitiesFilter: null,
      displayNamesFilter: null,
      displayNamesExcludeFilter: null,
      alertRuleTemplateName: null,
      lastModifiedUtc: isoSeconds(modifiedMs),
    });
  const scheduled = (displayName: string, severity: string, query: string): SimAlertRule =>
    mk('Scheduled', {
      displayName,
      description: '',
      severity,
      enabled: true,
      query,
      queryFrequency: 'PT1H',
      queryPeriod: 'P2D',
      triggerOperator: 'GreaterThan',
      triggerThreshold: 0,
      suppressionDuration: 'PT1H',
      suppressionEnabled: false,
      tactics: ['Persistence'],
      alertRuleTemplateName: null,
      lastModifiedUtc: isoSeconds(nowMs - 40 * 86_400_000),
    });
  return [
    // Left enabled after the XDR connector was connected: the cause of duplicate incidents.
    incidentCreation(PRODUCT_FILTERS.mde, true, nowMs - 12 * 3_600_000),
    incidentCreation(PRODUCT_FILTERS.mdca, false, nowMs - 90 * 86_400_000),
    incidentCreation(PRODUCT_FILTERS.mdi, false, nowMs - 90 * 86_400_000),
    incidentCreation(PRODUCT_FILTERS.mdo, false, nowMs - 90 * 86_400_000),
    mk('Fusion', { displayName: 'Advanced Multistage Attack Detection', enabled: true, alertRuleTemplateName: 'f71aba3d-28fb-450b-b192-4e76a83015c8', severity: 'High', tactics: ['Collection', 'CommandAndControl'], lastModifiedUtc: isoSeconds(nowMs - 120 * 86_400_000) }),
    scheduled('Brute force against Azure Portal', 'Medium', 'SigninLogs | where ResultType == "50126" | summarize count() by UserPrincipalName | where count_ > 20'),
    scheduled('Rare RDP connections', 'Low', 'DeviceLogonEvents | where LogonType == "RemoteInteractive" | summarize dcount(RemoteIP) by DeviceName'),
    scheduled('Mass download from SharePoint', 'High', 'OfficeActivity | where Operation == "FileDownloaded" | summarize count() by UserId | where count_ > 500'),
  ];
}

export interface SimDataConnector {
  wire: DataConnector & { type: string; etag: string };
}

export function createDataConnectors(ident: SimulatedTenantIdentity, guid: () => string): SimDataConnector[] {
  const base = sentinelBase(ident);
  const mk = (kind: string, properties: DataConnector['properties']): SimDataConnector => {
    const name = guid();
    return { wire: { id: `${base}/dataConnectors/${name}`, name, type: 'Microsoft.SecurityInsights/dataConnectors', kind, etag: `"${guid()}"`, properties } };
  };
  return [
    mk('MicrosoftThreatProtection', {
      tenantId: ident.tenantId,
      dataTypes: { incidents: { state: 'Enabled' }, alerts: { state: 'Enabled' } },
      filteredProviders: { alerts: ['microsoftDefenderForCloudApps', 'microsoftDefenderForIdentity'] },
    }),
    mk('MicrosoftDefenderAdvancedThreatProtection', { tenantId: ident.tenantId, dataTypes: { alerts: { state: 'Enabled' } } }),
    mk('AzureActiveDirectory', { tenantId: ident.tenantId, dataTypes: { alerts: { state: 'Enabled' } } }),
    mk('Office365', { tenantId: ident.tenantId, dataTypes: { exchange: { state: 'Enabled' }, sharePoint: { state: 'Enabled' }, teams: { state: 'Disabled' } } }),
  ];
}

export const WORKSPACE_RETENTION_DAYS = 90;

/** Per-table retention: some Device tables below a 180-day policy, the rest at 180 or the default. */
export function createTables(ident: SimulatedTenantIdentity): WorkspaceTable[] {
  const shortDevice = new Set(['DeviceNetworkEvents', 'DeviceImageLoadEvents', 'DeviceRegistryEvents', 'DeviceFileCertificateInfo']);
  const names = [...ALL_TABLES.map((t) => t.name), 'SecurityAlert', 'SecurityIncident', 'Usage', 'SigninLogs', 'OfficeActivity'];
  return names.map((name) => {
    const isDefault = !name.startsWith('Device') && !name.startsWith('Alert') && !name.startsWith('Security');
    const retention = isDefault ? WORKSPACE_RETENTION_DAYS : shortDevice.has(name) ? 90 : 180;
    const total = name.startsWith('Device') && !shortDevice.has(name) ? 365 : retention;
    return {
      id: `${workspaceResourceId(ident)}/tables/${name}`,
      name,
      properties: {
        retentionInDays: retention,
        totalRetentionInDays: total,
        archiveRetentionInDays: total - retention,
        retentionInDaysAsDefault: isDefault,
        totalRetentionInDaysAsDefault: isDefault,
        plan: 'Analytics',
        provisioningState: 'Succeeded',
        schema: { name, tableType: 'Microsoft', tableSubType: 'Any', solutions: [], columns: null, standardColumns: null },
      },
    };
  });
}

/** Licences: Microsoft 365 E5 Security + standalone MDE P2 (service plan names and ids: api-contracts §f). */
export function createSubscribedSkus(ident: SimulatedTenantIdentity): (SubscribedSku & Record<string, unknown>)[] {
  const plan = (servicePlanId: string, servicePlanName: string, servicePlanType: string) => ({ servicePlanId, servicePlanName, provisioningStatus: 'Success', appliesTo: 'User', servicePlanType });
  return [
    {
      accountName: 'Contoso',
      accountId: ident.tenantId,
      appliesTo: 'User',
      capabilityStatus: 'Enabled',
      consumedUnits: 412,
      id: `${ident.tenantId}_26124093-3d78-432b-b5dc-48bf992543d5`,
      prepaidUnits: { enabled: 500, lockedOut: 0, suspended: 0, warning: 0 },
      servicePlans: [
        plan('bf28f719-7844-4079-9c78-c1307898e192', 'MTP', 'MTP'),
        plan('871d91ec-ec1a-452b-a83f-bd76c7d770ef', 'WINDEFATP', 'WindowsDefenderATP'),
        plan('8e0c0a52-6a6c-4d40-8370-dd62790dcd70', 'THREAT_INTELLIGENCE', 'Exchange'),
        plan('14ab5db5-e6c4-4b20-b4bc-13e36fd2227f', 'ATA', 'AzureAdvancedThreatAnalytics'),
        plan('2e2ddb96-6af9-4b1d-a3f0-d6ecfd22edb2', 'ADALLOM_S_STANDALONE', 'Adallom'),
      ],
      skuId: '26124093-3d78-432b-b5dc-48bf992543d5',
      skuPartNumber: 'IDENTITY_THREAT_PROTECTION',
      subscriptionIds: ['3c1f0a2b-8d4e-4f6a-9b7c-2e5d8f1a3b6c'],
    },
    {
      accountName: 'Contoso',
      accountId: ident.tenantId,
      appliesTo: 'User',
      capabilityStatus: 'Enabled',
      consumedUnits: 35,
      id: `${ident.tenantId}_111046dd-295b-4d6d-9724-d52ac90bd1f2`,
      prepaidUnits: { enabled: 50, lockedOut: 0, suspended: 0, warning: 0 },
      servicePlans: [plan('871d91ec-ec1a-452b-a83f-bd76c7d770ef', 'WINDEFATP', 'WindowsDefenderATP')],
      skuId: '111046dd-295b-4d6d-9724-d52ac90bd1f2',
      skuPartNumber: 'WIN_DEF_ATP',
      subscriptionIds: ['7a9e2c4d-1b3f-4e5a-8c6d-0f2b4a6c8e1d'],
    },
  ];
}
