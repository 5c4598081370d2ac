/**
 * The seam between the simulator's HTTP platform (server, TLS, tokens, rate limits, faults,
 * control API — src/simulator/platform/) and the simulated tenant (data model and the
 * service handlers that answer from it — src/simulator/tenant/ and src/simulator/services/).
 *
 * The platform terminates TLS, strips the service prefix, checks the bearer token's audience,
 * applies documented rate limits and injected faults, parses the body, and hands the request to
 * the service's handler. Handlers are plain functions of (tenant, request): no sockets, so
 * they are tested directly.
 */

/** Each service lives under a fixed path prefix on one loopback port: /login, /mde, /graph, … */
export type ServiceName = 'login' | 'mde' | 'graph' | 'arm' | 'loganalytics';

export const SERVICE_PREFIXES: Record<ServiceName, string> = {
  login: '/login',
  mde: '/mde',
  graph: '/graph',
  arm: '/arm',
  loganalytics: '/loganalytics',
};

/**
 * Token audience each service accepts (the `aud` claim; the scope a client requests is
 * `${audience}/.default`). These are the real clouds' resource ids, so clients request the same
 * scopes against the simulator as against the cloud.
 */
export const SERVICE_AUDIENCES: Record<Exclude<ServiceName, 'login'>, readonly string[]> = {
  mde: ['https://api.securitycenter.microsoft.com', 'https://api.security.microsoft.com', 'https://securitycenter.onmicrosoft.com/windowsatpservice'],
  graph: ['https://graph.microsoft.com'],
  arm: ['https://management.azure.com', 'https://management.core.windows.net'],
  loganalytics: ['https://api.loganalytics.io', 'https://api.loganalytics.azure.com'],
};

/** Claims of a validated access token, as the platform passes them to handlers. */
export interface TokenClaims {
  aud: string;
  tid: string;
  /** App id of the caller (client credentials) or of the public client (device code). */
  appid: string;
  /** Application permissions (client credentials), e.g. ["Ti.ReadWrite.All", "Machine.Read.All"]. */
  roles: string[];
  /** Delegated scopes (device code), space-separated in the JWT, split here. */
  scp: string[];
  /** UPN for delegated tokens. */
  upn?: string;
  exp: number;
}

export interface SimRequest {
  service: ServiceName;
  method: string;
  /** Path after the service prefix, e.g. "/api/indicators" for https://host:port/mde/api/indicators. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body (or form fields for the token endpoint); undefined when there is none. */
  body: unknown;
  /** Present for every service but login (the platform rejects requests without a valid token). */
  token?: TokenClaims;
  /** Correlation id the platform generated; echoed in error bodies and headers. */
  requestId: string;
  /**
   * Absolute base URL of this service as the client reached it, e.g. "https://127.0.0.1:8443/graph".
   * Handlers build absolute @odata.nextLink / nextLink values from it.
   */
  serviceBaseUrl: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is a string (sent as is) or undefined (no body). */
  body?: unknown;
}

export type ServiceHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

/** Identity of the simulated tenant and its resources, printed by `mde-console simulator`. */
export interface SimulatedTenantIdentity {
  tenantId: string;
  /** App registration for client-credentials sign-in. */
  clientId: string;
  clientSecret: string;
  /** Public client id for device-code sign-in. */
  publicClientId: string;
  subscriptionId: string;
  resourceGroup: string;
  workspaceName: string;
  /** Log Analytics workspace (customer) id, a GUID. */
  workspaceId: string;
  /** ARM resource id of the Event Hubs namespace the Streaming API writes to. */
  eventHubNamespaceId: string;
}

export interface SimulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  seed?: number;
  scale?: 'demo' | 'large';
  /** Simulated seconds per real second. */
  speed?: number;
  /** Fault specs as given to --faults, e.g. "mde:429:3,graph:latency:500". */
  faults?: string;
  /** Approve device-code logins automatically after this many ms (demo); undefined = only via /_sim. */
  autoApproveDeviceCodeMs?: number;
  /** Also serve plain HTTP on this port (0 = pick one); undefined = TLS only. */
  httpPort?: number;
  /** Fixed start time of simulated time (tests); default now. */
  startTime?: Date;
}

export interface SimulatorHandle {
  /** e.g. https://127.0.0.1:8443 — each service is `${baseUrl}${SERVICE_PREFIXES[name]}`. */
  baseUrl: string;
  httpBaseUrl?: string;
  /** PEM of the certificate (self-signed, for 127.0.0.1 and localhost) clients must trust. */
  caCertPem: string;
  identity: SimulatedTenantIdentity;
  /** PEM certificate + key registered for the app, for client-certificate sign-in tests. */
  clientCertificatePem: string;
  /** Simulated "now". */
  now(): Date;
  close(): Promise<void>;
}
