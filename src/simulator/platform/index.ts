/** Public face of the simulator platform (HTTPS server, sign-in, tokens, rate limits, faults, control API). */
export { startPlatform, type PlatformOptions, type PlatformHandle } from './server.js';
export type { TenantPort, TenantControlResult } from './tenantPort.js';
export { deriveTenantIdentity, seededGuid } from './identity.js';
export { generateSimulatorCertificates, type SimulatorCertificates } from './certificates.js';
export { parseFaultSpec, FaultSpecError, type FaultView } from './faults.js';
export { defaultAppRoles, AZURE_CLI_CLIENT_ID, type ResourceService } from './appRegistry.js';
export type { RateLimitConfig } from './rateLimits.js';
export type { RequestCountsSnapshot } from './requestCounter.js';
