/**
 * App registrations of the simulated tenant and what they are granted.
 *
 * - The confidential app (`identity.clientId`) signs in with its secret or certificate and gets
 *   application permissions (`roles`). Default: a full read/write set for every resource, so the
 *   demo can do everything; tests narrow it per resource (e.g. MDE `Ti.ReadWrite` only, to see
 *   the "only indicators the app created" rule of checklist item 9) with `/_sim/app-roles`.
 * - Public clients for device-code sign-in get delegated scopes (`scp`) plus the signed-in UPN.
 *   The Azure CLI's app id is accepted too because it is @azure/identity's default device-code
 *   client and exists in every real tenant (api-contracts.md §h).
 */
import { SERVICE_AUDIENCES, type ServiceName } from '../contract.js';

export type ResourceService = Exclude<ServiceName, 'login'>;

export const RESOURCE_SERVICES: readonly ResourceService[] = ['mde', 'graph', 'arm', 'loganalytics'];

/** Azure CLI / developer sign-on app, @azure/identity's default DeviceCodeCredential client id. */
export const AZURE_CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

/** App roles as named on the resource apps (WindowsDefenderATP, Microsoft Graph, Log Analytics API). */
export function defaultAppRoles(): Record<ResourceService, string[]> {
  return {
    mde: ['Ti.ReadWrite.All', 'Machine.Read.All', 'Machine.ReadWrite.All', 'AdvancedQuery.Read.All'],
    graph: ['SecurityIncident.ReadWrite.All', 'SecurityAlert.ReadWrite.All', 'ThreatHunting.Read.All', 'Organization.Read.All'],
    // ARM authorises through Azure RBAC role assignments, not token roles: app tokens carry none.
    arm: [],
    loganalytics: ['Data.Read'],
  };
}

/** Delegated scopes granted when a device-code user asks for `<resource>/.default`. */
export function defaultDelegatedScopes(): Record<ResourceService, string[]> {
  return {
    mde: ['Ti.ReadWrite', 'Machine.Read', 'AdvancedQuery.Read'],
    graph: ['SecurityIncident.ReadWrite.All', 'SecurityAlert.Read.All', 'ThreatHunting.Read.All', 'Organization.Read.All', 'User.Read'],
    arm: ['user_impersonation'],
    loganalytics: ['Data.Read'],
  };
}

/** Signed-in user for device-code logins. */
export const DEFAULT_DEVICE_CODE_UPN = 'soc.analyst@mdesim.onmicrosoft.com';

/** OIDC scopes MSAL adds to user flows; they name no resource. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

export type ParsedScopes =
  | { kind: 'ok'; resource: string; service: ResourceService; names: string[]; oidc: string[] }
  | { kind: 'missing' }
  | { kind: 'unknown-resource'; resource: string }
  | { kind: 'several-resources'; resources: string[] };

/**
 * Splits a `scope` form value into the one resource it targets and the scope names on it.
 * "https://management.azure.com//.default" (legacy double slash) and trailing slashes are normal.
 */
export function parseScopes(scopeParam: string | undefined): ParsedScopes {
  const all = (scopeParam ?? '').split(/\s+/).filter(Boolean);
  const oidc = all.filter((s) => OIDC_SCOPES.has(s));
  const resourceScopes = all.filter((s) => !OIDC_SCOPES.has(s));
  if (resourceScopes.length === 0) return { kind: 'missing' };
  const resources = new Set<string>();
  const names: string[] = [];
  for (const s of resourceScopes) {
    const cut = s.lastIndexOf('/');
    if (cut <= 'https://'.length) {
      resources.add(s);
      continue;
    }
    resources.add(normaliseResource(s.slice(0, cut)));
    names.push(s.slice(cut + 1));
  }
  if (resources.size > 1) return { kind: 'several-resources', resources: [...resources] };
  const resource = [...resources][0]!;
  const service = serviceForAudience(resource);
  if (!service) return { kind: 'unknown-resource', resource };
  return { kind: 'ok', resource, service, names, oidc };
}

export function normaliseResource(resource: string): string {
  return resource.replace(/\/+$/, '');
}

export function serviceForAudience(aud: string): ResourceService | undefined {
  const want = normaliseResource(aud).toLowerCase();
  return RESOURCE_SERVICES.find((s) => SERVICE_AUDIENCES[s].some((a) => a.toLowerCase() === want));
}
