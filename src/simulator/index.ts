/**
 * The tenant simulator: a local Defender/Sentinel tenant speaking the real wire formats over
 * loopback HTTPS (issue 3). `startSimulator` composes the seed-derived identity, the simulated
 * tenant (src/simulator/tenant), its service handlers (src/simulator/services) and the platform
 * (src/simulator/platform: TLS, sign-in, tokens, rate limits, faults, /_sim).
 */
import type { SimulatorHandle, SimulatorOptions, ServiceName } from './contract.js';
import { deriveTenantIdentity, generateSimulatorCertificates, startPlatform, type RateLimitConfig, type SimulatorCertificates } from './platform/index.js';
import { createTenant } from './tenant/index.js';
import { createServices } from './services/index.js';

export * from './contract.js';

/** Knobs beyond the contract's SimulatorOptions, for tests and benchmarks. */
export interface SimulatorTestOptions {
  /** Real-time clock (ms) for tokens, rate limits and device codes; default Date.now. */
  clockMs?: () => number;
  /** Turn documented rate limits off (benchmarks measuring the console, not quotas) or tune them. */
  rateLimits?: RateLimitConfig & { enabled?: boolean };
  /** Device-code polling interval sent to clients; default 5 s (Entra's value). */
  deviceCodeIntervalSeconds?: number;
  /** Reuse key material across starts (saves ~0.2 s per start in test suites). */
  certificates?: SimulatorCertificates;
}

export interface StartedSimulator extends SimulatorHandle {
  /** Base URL of each service, e.g. serviceUrls.graph = "https://127.0.0.1:8443/graph". */
  serviceUrls: Record<ServiceName, string>;
}

export async function startSimulator(opts: SimulatorOptions & SimulatorTestOptions = {}): Promise<StartedSimulator> {
  const seed = opts.seed ?? 1;
  const scale = opts.scale ?? 'demo';
  const speed = opts.speed ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`simulator seed must be a whole number, got ${seed}`);
  if (scale !== 'demo' && scale !== 'large') throw new Error(`simulator scale must be demo or large, got ${String(scale)}`);
  if (!(speed >= 0) || !Number.isFinite(speed)) throw new Error(`simulator speed must be a non-negative number, got ${speed}`);

  // Key generation is asynchronous (WebCrypto); the tenant is built synchronously meanwhile.
  const certificates = opts.certificates ? Promise.resolve(opts.certificates) : generateSimulatorCertificates();
  const identity = deriveTenantIdentity(seed);
  const tenant = createTenant({ seed, scale, speed, identity, ...(opts.startTime ? { startTime: opts.startTime } : {}) });
  const services = createServices(tenant);

  const platform = await startPlatform({
    identity,
    tenant,
    services,
    certificates: await certificates,
    info: { seed, scale, speed },
    ...(opts.host !== undefined ? { host: opts.host } : {}),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.httpPort !== undefined ? { httpPort: opts.httpPort } : {}),
    ...(opts.faults !== undefined ? { faults: opts.faults } : {}),
    ...(opts.autoApproveDeviceCodeMs !== undefined ? { autoApproveDeviceCodeMs: opts.autoApproveDeviceCodeMs } : {}),
    ...(opts.clockMs ? { clockMs: opts.clockMs } : {}),
    ...(opts.rateLimits ? { rateLimits: opts.rateLimits } : {}),
    ...(opts.deviceCodeIntervalSeconds !== undefined ? { deviceCodeIntervalSeconds: opts.deviceCodeIntervalSeconds } : {}),
  });

  return {
    baseUrl: platform.baseUrl,
    ...(platform.httpBaseUrl ? { httpBaseUrl: platform.httpBaseUrl } : {}),
    caCertPem: platform.caCertPem,
    clientCertificatePem: platform.clientCertificatePem,
    identity,
    serviceUrls: platform.serviceUrls,
    now: () => tenant.now(),
    close: () => platform.close(),
  };
}
