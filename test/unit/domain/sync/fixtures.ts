import type { AlertRule, DefenderIncident, SentinelIncident } from '../../../../src/domain/types.js';
import {
  createInterner,
  matchIncidents,
  prepareDefenderIncident,
  prepareSentinelIncident,
  type MatchOptions,
  type SyncReport,
} from '../../../../src/domain/sync/index.js';

export const NOW = new Date('2026-03-02T12:00:00Z');
export const TENANT = 'cfcdbe43-297b-4c6b-ac7e-8d7f6befb514';
const WS = '/subscriptions/sub1/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws/providers/Microsoft.SecurityInsights';

/** ISO time `minutes` before NOW. */
export const ago = (minutes: number): string => new Date(NOW.getTime() - minutes * 60_000).toISOString();

export function defenderIncident(id: string, over: Partial<DefenderIncident> = {}): DefenderIncident {
  return {
    id,
    tenantId: TENANT,
    displayName: `Incident ${id}`,
    status: 'active',
    severity: 'high',
    classification: null,
    determination: null,
    assignedTo: null,
    createdDateTime: ago(60),
    lastUpdateDateTime: ago(60),
    incidentWebUrl: null,
    redirectIncidentId: null,
    customTags: [],
    ...over,
  };
}

let counter = 1000;
export function sentinelIncident(providerIncidentId: string | null, over: Partial<SentinelIncident['properties']> = {}, name?: string): SentinelIncident {
  const n = counter++;
  const guid = name ?? `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
  return {
    id: `${WS}/incidents/${guid}`,
    name: guid,
    etag: `"etag-${n}"`,
    properties: {
      incidentNumber: n,
      title: `Incident ${providerIncidentId}`,
      severity: 'High',
      status: 'New',
      classification: null,
      owner: { objectId: null, email: null, assignedTo: null, userPrincipalName: null },
      createdTimeUtc: ago(55),
      lastModifiedTimeUtc: ago(55),
      providerName: 'Microsoft XDR',
      providerIncidentId,
      ...over,
    },
  };
}

export function incidentCreationRule(id: string, productFilter: string, enabled = true): AlertRule {
  return { id: `${WS}/alertRules/${id}`, name: id, kind: 'MicrosoftSecurityIncidentCreation', properties: { productFilter, enabled, displayName: id } };
}

/** matchIncidents on wire incidents prepared as the store prepares them (one interner per read). */
export function matchPrepared(defender: readonly DefenderIncident[], sentinel: readonly SentinelIncident[], opts: MatchOptions): SyncReport {
  const intern = createInterner();
  return matchIncidents(
    defender.map((d) => prepareDefenderIncident(d, intern)),
    sentinel.map((s) => prepareSentinelIncident(s, intern)),
    opts,
  );
}
