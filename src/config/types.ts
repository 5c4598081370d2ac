/**
 * Profile types: which tenant, in which cloud, signed in how, and where each API lives.
 * A profile on disk (`Profile`) is resolved once per run into a `ResolvedProfile`, which is
 * all the data plane needs: concrete base URLs, token scopes, and the hosts tokens may go to.
 */

export type CloudName = 'public' | 'usgov-gcc' | 'usgov-gcchigh' | 'usgov-dod' | 'china';

export type AuthMethod = 'device-code' | 'azure-cli' | 'environment' | 'client-certificate' | 'managed-identity' | 'client-secret';

/** The APIs the console talks to. `monitor` (Azure Monitor metrics) is served by ARM. */
export type ApiService = 'login' | 'graph' | 'mde' | 'arm' | 'loganalytics';

export type ServiceEndpoints = Record<ApiService, string>;

export interface SentinelWorkspaceRef {
  subscriptionId: string;
  resourceGroup: string;
  workspaceName: string;
  /** Log Analytics workspace (customer) id, a GUID — used by the query API. */
  workspaceId: string;
}

export interface AuthSettings {
  method: AuthMethod;
  /** App (client) id. Device code defaults to the Azure CLI public client when absent. */
  clientId?: string;
  /** client-certificate: path to a PEM with the private key (never the key itself). */
  certificatePath?: string;
  /** client-secret: the secret is read from this environment variable, never from argv or the config file. */
  clientSecretEnv?: string;
  /** managed-identity: user-assigned identity's client id. */
  managedIdentityClientId?: string;
}

/** Thresholds the checks and screens use; every one has a documented default. */
export interface Thresholds {
  /** A table whose newest row is older than this is stale (minutes). */
  tableFreshnessMinutes: number;
  /** Defender → Sentinel incident sync window (minutes); documented "up to 10 minutes". */
  syncWindowMinutes: number;
  /** Window of Defender incidents compared with Sentinel (days). */
  syncLookbackDays: number;
  /** Streaming gap: a table with no events for longer than this is flagged (minutes). */
  streamGapMinutes: number;
  /** Retention policy for Device* tables etc. (days). */
  retentionPolicyDays: number;
  /** Indicators expiring within this many days are "expiring soon". */
  expiringSoonDays: number;
}

export interface CostSettings {
  /** Price per GB ingested (estimate); documented default in README. */
  pricePerGb: number;
  currency: string;
}

/** One extra row for the creator-class table (see src/domain/indicators). */
export interface CreatorRule {
  class: 'mdca' | 'person' | 'app' | 'portal' | 'other';
  /** Field of the raw indicator to test. */
  field: 'createdBySource' | 'createdBy' | 'createdByDisplayName' | 'sourceType';
  /** Case-insensitive regular expression. */
  pattern: string;
}

/** A profile as stored in config.json under `profiles.<name>`. */
export interface Profile {
  tenantId: string;
  cloud: CloudName;
  /** Regional MDE API host key (e.g. "us", "eu", "uk"); default the global host. */
  mdeRegion?: string;
  auth: AuthSettings;
  sentinel?: SentinelWorkspaceRef;
  /** ARM resource id of the Event Hubs namespace the Streaming API writes to. */
  eventHubNamespaceId?: string;
  /** Per-service base URL overrides (simulator, private endpoints). */
  endpoints?: Partial<ServiceEndpoints>;
  /** PEM CA certificate file to trust for the overridden endpoints. */
  caCertFile?: string;
  thresholds?: Partial<Thresholds>;
  cost?: Partial<CostSettings>;
  creatorRules?: CreatorRule[];
}

/** Everything the data plane needs for one run. */
export interface ResolvedProfile {
  name: string;
  /** True for the in-process simulator started by --demo. */
  demo: boolean;
  tenantId: string;
  cloud: CloudName;
  auth: AuthSettings;
  sentinel?: SentinelWorkspaceRef;
  eventHubNamespaceId?: string;
  /** Concrete base URLs, overrides applied. */
  endpoints: ServiceEndpoints;
  /** OAuth scope per API, e.g. graph → "https://graph.microsoft.com/.default". */
  scopes: Record<Exclude<ApiService, 'login'>, string>;
  /** Hostnames (no port) a bearer token may be sent to: the cloud's hosts plus explicit overrides. */
  allowedHosts: ReadonlySet<string>;
  /** Extra CA to trust (PEM text), from caCertFile or the in-process simulator. */
  caCertPem?: string;
  thresholds: Thresholds;
  cost: CostSettings;
  creatorRules: CreatorRule[];
}
