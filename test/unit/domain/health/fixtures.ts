/** Small factories shaped like the documented samples (../shared/reference/samples). */
import type {
  AlertRule,
  DataConnector,
  DevicePosture,
  Indicator,
  Machine,
  SubscribedSku,
  WorkspaceTable,
} from '../../../../src/domain/types.js';

export const NOW = new Date('2025-06-02T12:00:00.000Z');
export const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();
export const daysAgo = (d: number) => minutesAgo(d * 1440);

/** A SKU as in samples/graph-subscribedskus.json, with the given service plans. */
export function sku(part: string, plans: string[], o: Partial<SubscribedSku> & { planStatus?: string } = {}): SubscribedSku {
  return {
    id: `48a80680-7326-48cd-9935-b556b81d3a4e_${part}`,
    skuId: `00000000-0000-0000-0000-${part.length.toString().padStart(12, '0')}`,
    skuPartNumber: part,
    capabilityStatus: o.capabilityStatus ?? 'Enabled',
    consumedUnits: o.consumedUnits ?? 14,
    prepaidUnits: o.prepaidUnits ?? { enabled: 25, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans: plans.map((p) => ({
      servicePlanId: `id-${p}`,
      servicePlanName: p,
      provisioningStatus: o.planStatus ?? 'Success',
      appliesTo: 'User',
    })),
    appliesTo: 'User',
  };
}

/** Microsoft 365 E5 Security carries all four products (api-contracts §f). */
export const e5Security = (o: Parameters<typeof sku>[2] = {}) =>
  sku('IDENTITY_THREAT_PROTECTION', ['MTP', 'WINDEFATP', 'THREAT_INTELLIGENCE', 'ATA', 'ADALLOM_S_STANDALONE', 'SAFEDOCS'], o);

let nextId = 1000;
export function indicator(o: Partial<Indicator> = {}): Indicator {
  const id = String(nextId++);
  return {
    id,
    indicatorValue: `site${id}.example.com`,
    indicatorType: 'DomainName',
    action: 'Block',
    title: `Indicator ${id}`,
    description: 'test',
    application: null,
    severity: 'Medium',
    recommendedActions: null,
    rbacGroupNames: [],
    rbacGroupIds: [],
    generateAlert: true,
    createdBySource: 'PublicApi',
    createdBy: '3b7d3a4e-1c1f-4c4a-9c0e-6f2b1d9a0b11',
    createdByDisplayName: 'SOC automation',
    lastUpdatedBy: null,
    creationTimeDateTimeUtc: daysAgo(2),
    expirationTime: null,
    lastUpdateTime: null,
    ...o,
  };
}

/** As the simulator creates them: creator "Microsoft Defender for Cloud Apps" (unverified raw value). */
export function mdcaIndicator(app: string, action: 'Block' | 'Warn' | string, o: Partial<Indicator> = {}): Indicator {
  return indicator({
    indicatorValue: `${app.toLowerCase()}.com`,
    indicatorType: 'DomainName',
    action,
    application: app,
    title: action === 'Block' ? 'Unsanctioned cloud app access was blocked' : 'Connection to a risky cloud application was detected',
    createdBySource: 'MicrosoftDefenderForCloudApps',
    createdBy: 'Microsoft Defender for Cloud Apps',
    createdByDisplayName: 'Microsoft Defender for Cloud Apps',
    ...o,
  });
}

let machineSeq = 0;
/** Shaped like samples/mde-machine-get-swimlane-captured.json. */
export function machine(name: string, o: Partial<Machine> = {}): Machine {
  machineSeq += 1;
  return {
    id: machineSeq.toString(16).padStart(40, '0'),
    computerDnsName: name,
    firstSeen: daysAgo(300),
    lastSeen: minutesAgo(30),
    osPlatform: 'Windows11',
    osVersion: null,
    version: '23H2',
    osBuild: 22631,
    healthStatus: 'Active',
    onboardingStatus: 'Onboarded',
    rbacGroupId: 0,
    rbacGroupName: null,
    agentVersion: '10.8760.22631.3593',
    defenderAvStatus: 'Updated',
    machineTags: [],
    ...o,
  };
}

export function inGroup(name: string, group: string, o: Partial<Machine> = {}): Machine {
  return machine(name, { rbacGroupId: group.length, rbacGroupName: group, ...o });
}

export function posture(m: Machine, np: DevicePosture['networkProtection'], platform: string | null = '4.18.24090.11'): DevicePosture {
  return { deviceId: m.id, deviceName: m.computerDnsName, networkProtection: np, antimalwarePlatformVersion: platform };
}

const WS = '/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/resourceGroups/myRg/providers/Microsoft.OperationalInsights/workspaces/myWorkspace/providers/Microsoft.SecurityInsights';

/** samples/sentinel-dataconnector-mtp-get.json */
export function xdrConnector(incidents = 'Enabled', alerts = 'Enabled'): DataConnector {
  return {
    id: `${WS}/dataConnectors/c345bf40-8509-4ed2-b947-50cb773aaf04`,
    name: 'c345bf40-8509-4ed2-b947-50cb773aaf04',
    kind: 'MicrosoftThreatProtection',
    properties: {
      tenantId: '2070ecc9-b4d5-4ae4-adaa-936fa1954fa8',
      dataTypes: { incidents: { state: incidents }, alerts: { state: alerts } },
      filteredProviders: { alerts: ['microsoftDefenderForCloudApps'] },
    },
  };
}

/** The MicrosoftDefenderAdvancedThreatProtection entry of samples/sentinel-dataconnectors-list.json */
export function mdeConnector(): DataConnector {
  return {
    id: `${WS}/dataConnectors/06b3ccb8-1384-4bcc-aec7-852f6d57161b`,
    name: '06b3ccb8-1384-4bcc-aec7-852f6d57161b',
    kind: 'MicrosoftDefenderAdvancedThreatProtection',
    properties: { tenantId: '2070ecc9-b4d5-4ae4-adaa-936fa1954fa8', dataTypes: { alerts: { state: 'Enabled' } } },
  };
}

/** MicrosoftSecurityIncidentCreation rule as in samples/sentinel-alertrules-list.json */
export function incidentRule(displayName: string, productFilter: string, enabled = true): AlertRule {
  return {
    id: `${WS}/alertRules/${displayName.replace(/\W/g, '')}`,
    name: displayName.replace(/\W/g, ''),
    kind: 'MicrosoftSecurityIncidentCreation',
    properties: { productFilter, severitiesFilter: null, displayNamesFilter: null, displayName, enabled, lastModifiedUtc: '2019-09-04T12:05:35.7296311Z' },
  };
}

export function scheduledRule(): AlertRule {
  return { id: `${WS}/alertRules/73e01a99`, name: '73e01a99', kind: 'Scheduled', properties: { displayName: 'My scheduled rule', enabled: true } };
}

/** Shaped like samples/loganalytics-tables-list.json (retentionInDaysAsDefault as a string). */
export function table(name: string, retentionInDays: number, totalRetentionInDays: number, asDefault: string | boolean = 'False'): WorkspaceTable {
  return {
    id: `/subscriptions/0/resourcegroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws/tables/${name}`,
    name,
    properties: {
      retentionInDays,
      totalRetentionInDays,
      archiveRetentionInDays: Math.max(0, totalRetentionInDays - retentionInDays),
      retentionInDaysAsDefault: asDefault,
      plan: 'Analytics',
    },
  };
}
