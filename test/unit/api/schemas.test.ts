/**
 * The records the console keeps are `z.object`: a list item keeps exactly the fields its schema
 * declares, and an undeclared field is dropped on purpose (loose objects with many undeclared keys
 * became V8 dictionaries, ~1.6 KB per stored indicator instead of ~0.2 KB; see DeclaresAll in
 * src/api/schemas/parse.ts). These lists are the contract: a field the console reads must be here.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { alertSchema, deviceAvInfoSchema, incidentSchema, indicatorSchema, machineSchema, optBool, optNum, optStr, sentinelIncidentSchema, strArray } from '../../../src/api/schemas/index.js';
import { incident, indicator } from './helpers/tls-server.js';

const UNKNOWN = { brandNewField: 'x', historicalDetection: false, '@odata.type': '#microsoft.graph.security.incident' };

const sorted = (o: object) => Object.keys(o).sort();

describe('list-item schemas keep exactly the declared fields', () => {
  it('indicator: every documented field the console reads, legacy sourceType/source included', () => {
    const wire = indicator('1', { sourceType: 'User', source: 'user@contoso.com', externalId: 'ext-1', educateUrl: 'https://learn.example/why', mitreTechniques: ['T1566'], ...UNKNOWN });
    const parsed = indicatorSchema.parse(wire);
    expect(sorted(parsed)).toEqual(
      [
        'id', 'indicatorValue', 'indicatorType', 'action', 'title', 'description', 'application', 'severity', 'recommendedActions',
        'rbacGroupNames', 'rbacGroupIds', 'generateAlert', 'createdBySource', 'createdBy', 'createdByDisplayName', 'lastUpdatedBy',
        'creationTimeDateTimeUtc', 'expirationTime', 'lastUpdateTime', 'mitreTechniques', 'category', 'sourceType', 'source', 'externalId', 'educateUrl',
      ].sort(),
    );
    expect(parsed).toMatchObject({ sourceType: 'User', source: 'user@contoso.com', externalId: 'ext-1', educateUrl: 'https://learn.example/why', mitreTechniques: ['T1566'], category: 1 });
    expect(parsed).not.toHaveProperty('brandNewField');
  });

  it('indicator: optional legacy fields absent on the wire stay absent (no undefined keys)', () => {
    const parsed = indicatorSchema.parse(indicator('1'));
    expect(parsed).not.toHaveProperty('sourceType');
    expect(parsed).not.toHaveProperty('educateUrl');
  });

  it('machine', () => {
    const wire = {
      id: 'a'.repeat(40), computerDnsName: 'pc1.contoso.com', firstSeen: '2025-01-01T00:00:00Z', lastSeen: '2025-05-01T00:00:00Z', osPlatform: 'Windows11',
      osVersion: null, version: '23H2', osBuild: 22631, healthStatus: 'Active', onboardingStatus: 'Onboarded', rbacGroupId: 0, rbacGroupName: null,
      agentVersion: '10.8', defenderAvStatus: 'Active', machineTags: ['tier0'], lastIpAddress: '10.0.0.1', riskScore: 'Low', exposureLevel: 'Medium',
      lastExternalIpAddress: '1.2.3.4', aadDeviceId: null, ipAddresses: [], vmMetadata: null, ...UNKNOWN,
    };
    const parsed = machineSchema.parse(wire);
    expect(sorted(parsed)).toEqual(
      [
        'id', 'computerDnsName', 'firstSeen', 'lastSeen', 'osPlatform', 'osVersion', 'version', 'osBuild', 'healthStatus', 'onboardingStatus',
        'rbacGroupId', 'rbacGroupName', 'agentVersion', 'defenderAvStatus', 'machineTags', 'lastIpAddress', 'riskScore', 'exposureLevel',
      ].sort(),
    );
    expect(parsed.riskScore).toBe('Low');
  });

  it('deviceavinfo row', () => {
    const wire = {
      machineId: 'm1', computerDnsName: 'pc1', osKind: 'windows', osPlatform: 'Windows11', avMode: '0', avEngineVersion: '1.1', avPlatformVersion: '4.18.24090.11',
      avSignatureVersion: '1.4', avIsEngineUpToDate: 'true', avIsPlatformUpToDate: 'true', avIsSignatureUpToDate: 'true', lastSeenTime: '2025-05-01T00:00:00Z',
      rbacGroupName: 'g', avSignaturePublishTime: 'x', dataRefreshTimestamp: 'y', ...UNKNOWN,
    };
    expect(sorted(deviceAvInfoSchema.parse(wire))).toEqual(
      [
        'machineId', 'computerDnsName', 'osKind', 'osPlatform', 'avMode', 'avEngineVersion', 'avPlatformVersion', 'avSignatureVersion',
        'avIsEngineUpToDate', 'avIsPlatformUpToDate', 'avIsSignatureUpToDate', 'lastSeenTime',
      ].sort(),
    );
  });

  it('Defender incident and its alerts', () => {
    const alert = {
      id: 'da1', incidentId: '7', title: 'Suspicious', severity: 'high', status: 'new', serviceSource: 'microsoftDefenderForEndpoint', detectionSource: 'antivirus',
      productName: 'Microsoft Defender for Endpoint', createdDateTime: '2025-05-01T10:00:00Z', evidence: [{ x: 1 }], mitreTechniques: [], ...UNKNOWN,
    };
    const wire = incident('7', { lastModifiedBy: 'API-App:x', description: 'long text', summary: null, comments: [], priorityScore: 3, resolvingComment: null, alerts: [alert], ...UNKNOWN });
    const parsed = incidentSchema.parse(wire);
    expect(sorted(parsed)).toEqual(
      [
        'id', 'tenantId', 'displayName', 'status', 'severity', 'classification', 'determination', 'assignedTo', 'createdDateTime', 'lastUpdateDateTime',
        'incidentWebUrl', 'redirectIncidentId', 'customTags', 'systemTags', 'lastModifiedBy', 'alerts',
      ].sort(),
    );
    expect(sorted(parsed.alerts![0]!)).toEqual(['id', 'incidentId', 'title', 'severity', 'status', 'serviceSource', 'detectionSource', 'productName', 'createdDateTime'].sort());
    expect(sorted(alertSchema.parse(alert))).toEqual(sorted(parsed.alerts![0]!));
  });

  it('Sentinel incident: every property the status alignment PUTs back, nested owner/labels/additionalData included', () => {
    const wire = {
      id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w/providers/Microsoft.SecurityInsights/incidents/n1',
      name: 'n1',
      type: 'Microsoft.SecurityInsights/incidents',
      etag: '"0300bf09"',
      systemData: { createdBy: 'x' },
      properties: {
        incidentNumber: 3177, title: 'My incident', description: 'demo', severity: 'High', status: 'Closed', classification: 'FalsePositive',
        classificationReason: 'IncorrectAlertLogic', classificationComment: 'Not malicious',
        owner: { objectId: 'o1', email: 'john@contoso.com', assignedTo: 'John', userPrincipalName: 'john@contoso.com', ownerType: 'User', extra: 1 },
        labels: [{ labelName: 'vip', labelType: 'User', extra: 1 }],
        createdTimeUtc: '2019-01-01T13:15:30Z', lastModifiedTimeUtc: '2019-01-01T13:15:30Z', firstActivityTimeUtc: '2019-01-01T13:00:30Z', lastActivityTimeUtc: '2019-01-01T13:05:30Z',
        incidentUrl: 'https://portal.azure.com/#x', providerName: 'Microsoft XDR', providerIncidentId: '7', relatedAnalyticRuleIds: ['/rules/1'],
        additionalData: { alertsCount: 2, alertProductNames: ['Microsoft Defender for Endpoint'], providerIncidentUrl: 'https://security.microsoft.com/incidents/7', tactics: ['Persistence'], bookmarksCount: 0, commentsCount: 3 },
        teamInformation: null,
        ...UNKNOWN,
      },
      ...UNKNOWN,
    };
    const parsed = sentinelIncidentSchema.parse(wire);
    expect(sorted(parsed)).toEqual(['id', 'name', 'type', 'etag', 'properties'].sort());
    expect(sorted(parsed.properties)).toEqual(
      [
        'incidentNumber', 'title', 'description', 'severity', 'status', 'classification', 'classificationReason', 'classificationComment', 'owner', 'labels',
        'createdTimeUtc', 'lastModifiedTimeUtc', 'firstActivityTimeUtc', 'lastActivityTimeUtc', 'incidentUrl', 'providerName', 'providerIncidentId',
        'relatedAnalyticRuleIds', 'additionalData',
      ].sort(),
    );
    expect(parsed.properties.owner).toEqual({ objectId: 'o1', email: 'john@contoso.com', assignedTo: 'John', userPrincipalName: 'john@contoso.com', ownerType: 'User' });
    expect(parsed.properties.labels).toEqual([{ labelName: 'vip', labelType: 'User' }]);
    expect(parsed.properties.additionalData).toEqual({ alertsCount: 2, alertProductNames: ['Microsoft Defender for Endpoint'], providerIncidentUrl: 'https://security.microsoft.com/incidents/7', tactics: ['Persistence'] });
  });
});

describe('field building blocks (no transforms, same results)', () => {
  const rec = z.object({ s: optStr, n: optNum, b: optBool, a: strArray });

  it('missing or null reads as null (scalars) and [] (arrays); present values are kept', () => {
    expect(rec.parse({})).toEqual({ s: null, n: null, b: null, a: [] });
    expect(rec.parse({ s: null, n: null, b: null, a: null })).toEqual({ s: null, n: null, b: null, a: [] });
    expect(rec.parse({ s: 'x', n: 0, b: false, a: ['g'] })).toEqual({ s: 'x', n: 0, b: false, a: ['g'] });
  });

  it('each record gets its own empty array, never a shared one', () => {
    const one = rec.parse({});
    const two = rec.parse({ a: null });
    expect(one.a).not.toBe(two.a);
  });

  it('still rejects the wrong type', () => {
    expect(rec.safeParse({ s: 5 }).success).toBe(false);
    expect(rec.safeParse({ n: '5' }).success).toBe(false);
    expect(rec.safeParse({ b: 'true' }).success).toBe(false);
    expect(rec.safeParse({ a: 'g' }).success).toBe(false);
    expect(rec.safeParse({ a: [1] }).success).toBe(false);
  });
});
