/**
 * Test factory for indicators in the real wire shape (see
 * ../shared/reference/samples/mde-indicators-list-swimlane-captured.json).
 */
import type { Indicator } from '../../../../src/domain/types.js';

let nextId = 1000;

export const NOW = new Date('2026-03-01T12:00:00Z');
export const APP_ID = '0f3c2b1a-9d8e-4f7a-b6c5-d4e3f2a1b0c9';

export function indicator(over: Partial<Indicator> = {}): Indicator {
  return {
    id: String(nextId++),
    indicatorValue: 'bec1b52d350d721c7e22a6d4bb0a92909893a3ae',
    indicatorType: 'FileSha1',
    action: 'Block',
    title: 'test',
    description: 'test',
    application: null,
    severity: 'Informational',
    recommendedActions: null,
    rbacGroupNames: [],
    rbacGroupIds: [],
    generateAlert: false,
    createdBySource: 'Portal',
    createdBy: 'pov@contoso.onmicrosoft.com',
    createdByDisplayName: 'pov@contoso.onmicrosoft.com',
    lastUpdatedBy: null,
    creationTimeDateTimeUtc: '2026-01-10T17:37:28.8510566Z',
    expirationTime: null,
    lastUpdateTime: '2026-01-10T18:05:39.4204981Z',
    externalId: null,
    educateUrl: null,
    category: 1,
    mitreTechniques: [],
    ...over,
  };
}

export function person(upn: string, over: Partial<Indicator> = {}): Indicator {
  return indicator({ createdBy: upn, createdByDisplayName: upn, createdBySource: 'Portal', ...over });
}

export function app(name: string, over: Partial<Indicator> = {}): Indicator {
  return indicator({ createdBy: APP_ID, createdByDisplayName: name, createdBySource: 'PublicApi', ...over });
}

/** As the simulator writes Defender for Cloud Apps indicators (the real values are unverified). */
export function mdca(appName: string, over: Partial<Indicator> = {}): Indicator {
  return indicator({
    indicatorType: 'DomainName',
    indicatorValue: `${appName.toLowerCase()}.example.com`,
    action: 'Block',
    title: 'Unsanctioned cloud app access was blocked',
    description: `Defender for Cloud Apps: ${appName} is unsanctioned`,
    application: appName,
    generateAlert: true,
    createdBy: 'Microsoft Defender for Cloud Apps',
    createdByDisplayName: 'Microsoft Defender for Cloud Apps',
    createdBySource: 'MicrosoftDefenderForCloudApps',
    ...over,
  });
}

export function daysFromNow(days: number): string {
  return new Date(NOW.getTime() + days * 86_400_000).toISOString();
}
