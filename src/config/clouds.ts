/**
 * Hosts and token scopes of each Microsoft cloud the console can talk to.
 *
 * Sources (as consulted):
 * - Defender for Endpoint API hosts and regional hosts: learn.microsoft.com/defender-endpoint/api/exposed-apis-list
 *   and exposed-apis-create-app-nativeapp ("use a server closer to your geolocation": us/eu/uk/au/swa/ina/aea).
 * - US Government MDE hosts and login hosts: learn.microsoft.com/defender-endpoint/gov ("API" table:
 *   GCC login.microsoftonline.com + api-gcc.securitycenter.microsoft.us; GCC High & DoD login.microsoftonline.us +
 *   api-gov.securitycenter.microsoft.us).
 * - Graph roots per national cloud: learn.microsoft.com/graph/deployments (GCC uses the global graph.microsoft.com,
 *   GCC High graph.microsoft.us, DoD dod-graph.microsoft.us, China microsoftgraph.chinacloudapi.cn).
 * - Log Analytics query API: learn.microsoft.com/azure/azure-monitor/logs/api/request-format (api.loganalytics.io,
 *   alias api.loganalytics.azure.com; Azure China docs.azure.cn: api.loganalytics.azure.cn); Gov api.loganalytics.us
 *   per ../shared/reference/api-contracts.md §d.
 *
 * Values marked UNVERIFIED could not be confirmed in Microsoft documentation; every one of them can be
 * replaced per profile with `endpoints` (base URL), which also adds that host to the token allow-list.
 */
import type { ApiService, CloudName, ResolvedProfile, ServiceEndpoints } from './types.js';

export type TokenService = Exclude<ApiService, 'login'>;

export interface CloudDefinition {
  name: CloudName;
  label: string;
  /** Base URLs. `mde: null` means no documented Defender for Endpoint API host in that cloud. */
  endpoints: Omit<ServiceEndpoints, 'mde'> & { mde: string | null };
  /** Resource id whose `/.default` scope is requested for each API. */
  audiences: Record<TokenService, string>;
  /** Further documented hosts of this cloud that may receive tokens (aliases, regional hosts). */
  extraHosts: readonly string[];
}

/**
 * Regional MDE API hosts (public cloud only). They serve the same WindowsDefenderATP resource, so the
 * token audience stays the global one (inferred: the docs list the hosts without a separate audience).
 */
export const MDE_REGIONS = ['us', 'eu', 'uk', 'au', 'swa', 'ina', 'aea'] as const;
export type MdeRegion = (typeof MDE_REGIONS)[number];

export function mdeRegionalHost(region: MdeRegion): string {
  return `${region}.api.security.microsoft.com`;
}

export const CLOUD_NAMES: readonly CloudName[] = ['public', 'usgov-gcc', 'usgov-gcchigh', 'usgov-dod', 'china'];

export const CLOUDS: Record<CloudName, CloudDefinition> = {
  public: {
    name: 'public',
    label: 'Microsoft global (commercial)',
    endpoints: {
      login: 'https://login.microsoftonline.com',
      graph: 'https://graph.microsoft.com',
      // The documented client-credentials scope is api.securitycenter.microsoft.com/.default, so the matching
      // host is the default; api.security.microsoft.com and the regional hosts are selectable (mdeRegion).
      mde: 'https://api.securitycenter.microsoft.com',
      arm: 'https://management.azure.com',
      loganalytics: 'https://api.loganalytics.io',
    },
    audiences: {
      graph: 'https://graph.microsoft.com',
      mde: 'https://api.securitycenter.microsoft.com',
      arm: 'https://management.azure.com',
      loganalytics: 'https://api.loganalytics.io',
    },
    extraHosts: ['api.security.microsoft.com', 'api.loganalytics.azure.com', ...MDE_REGIONS.map(mdeRegionalHost)],
  },
  'usgov-gcc': {
    name: 'usgov-gcc',
    label: 'US Government GCC',
    endpoints: {
      login: 'https://login.microsoftonline.com',
      graph: 'https://graph.microsoft.com',
      mde: 'https://api-gcc.securitycenter.microsoft.us',
      // GCC tenants sign in to commercial Entra ID, so their Azure subscriptions (Sentinel workspace) are in
      // Azure commercial. Inferred, not stated in one doc; override arm/loganalytics if yours differ.
      arm: 'https://management.azure.com',
      loganalytics: 'https://api.loganalytics.io',
    },
    audiences: {
      graph: 'https://graph.microsoft.com',
      // UNVERIFIED: audience equal to the GCC host (seen in third-party scripts, not in Microsoft docs).
      mde: 'https://api-gcc.securitycenter.microsoft.us',
      arm: 'https://management.azure.com',
      loganalytics: 'https://api.loganalytics.io',
    },
    extraHosts: ['api.loganalytics.azure.com'],
  },
  'usgov-gcchigh': {
    name: 'usgov-gcchigh',
    label: 'US Government GCC High',
    endpoints: {
      login: 'https://login.microsoftonline.us',
      graph: 'https://graph.microsoft.us',
      mde: 'https://api-gov.securitycenter.microsoft.us',
      arm: 'https://management.usgovcloudapi.net',
      loganalytics: 'https://api.loganalytics.us',
    },
    audiences: {
      graph: 'https://graph.microsoft.us',
      // UNVERIFIED: audience equal to the Gov host (third-party scripts).
      mde: 'https://api-gov.securitycenter.microsoft.us',
      arm: 'https://management.usgovcloudapi.net',
      loganalytics: 'https://api.loganalytics.us',
    },
    extraHosts: [],
  },
  'usgov-dod': {
    name: 'usgov-dod',
    label: 'US Government DoD',
    endpoints: {
      login: 'https://login.microsoftonline.us',
      graph: 'https://dod-graph.microsoft.us',
      mde: 'https://api-gov.securitycenter.microsoft.us',
      arm: 'https://management.usgovcloudapi.net',
      loganalytics: 'https://api.loganalytics.us',
    },
    audiences: {
      graph: 'https://dod-graph.microsoft.us',
      // UNVERIFIED: audience equal to the Gov host (third-party scripts).
      mde: 'https://api-gov.securitycenter.microsoft.us',
      arm: 'https://management.usgovcloudapi.net',
      loganalytics: 'https://api.loganalytics.us',
    },
    extraHosts: [],
  },
  china: {
    name: 'china',
    label: 'Azure China (21Vianet)',
    endpoints: {
      login: 'https://login.chinacloudapi.cn',
      graph: 'https://microsoftgraph.chinacloudapi.cn',
      // No Defender for Endpoint API host is documented for 21Vianet: a China profile must set endpoints.mde.
      mde: null,
      arm: 'https://management.chinacloudapi.cn',
      loganalytics: 'https://api.loganalytics.azure.cn',
    },
    audiences: {
      graph: 'https://microsoftgraph.chinacloudapi.cn',
      // UNVERIFIED: only used when endpoints.mde is set; same resource id as the global cloud.
      mde: 'https://api.securitycenter.microsoft.com',
      arm: 'https://management.chinacloudapi.cn',
      // UNVERIFIED: audience assumed equal to the documented China query host.
      loganalytics: 'https://api.loganalytics.azure.cn',
    },
    extraHosts: [],
  },
};

export function isCloudName(value: string): value is CloudName {
  return (CLOUD_NAMES as readonly string[]).includes(value);
}

/** OAuth scopes (`<resource>/.default`) the console requests per API in a cloud. */
export function cloudScopes(cloud: CloudName): ResolvedProfile['scopes'] {
  const a = CLOUDS[cloud].audiences;
  return {
    graph: `${a.graph}/.default`,
    mde: `${a.mde}/.default`,
    arm: `${a.arm}/.default`,
    loganalytics: `${a.loganalytics}/.default`,
  };
}

/** Every documented host of a cloud that may receive a bearer token (never the login host). */
export function cloudTokenHosts(cloud: CloudName): string[] {
  const def = CLOUDS[cloud];
  const hosts = (['graph', 'mde', 'arm', 'loganalytics'] as const)
    .map((s) => def.endpoints[s])
    .filter((u): u is string => u !== null)
    .map((u) => new URL(u).hostname);
  return [...new Set([...hosts, ...def.extraHosts])];
}
