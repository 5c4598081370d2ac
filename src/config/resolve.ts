/**
 * Turns a stored profile into the ResolvedProfile the data plane uses: defaults applied, concrete base URLs,
 * token scopes and the set of hosts a bearer token may be sent to.
 */
import { readFileSync } from 'node:fs';
import type { SimulatorHandle } from '../simulator/contract.js';
import { SERVICE_PREFIXES } from '../simulator/contract.js';
import { CLOUDS, cloudScopes, cloudTokenHosts, mdeRegionalHost, type MdeRegion } from './clouds.js';
import { DEFAULT_COST, DEFAULT_THRESHOLDS } from './defaults.js';
import { ConfigError } from './errors.js';
import { loadConfig, type LoadedConfig } from './load.js';
import type { ApiService, Profile, ResolvedProfile, ServiceEndpoints } from './types.js';

/** What --demo needs from a started simulator. */
export type DemoSource = Pick<SimulatorHandle, 'baseUrl' | 'caCertPem' | 'identity'>;

export interface ResolveOptions {
  /** Use the in-process simulator instead of the config file (--demo). */
  demo?: DemoSource;
  /** Already loaded config (the CLI loads once); otherwise loaded from the environment. */
  loaded?: LoadedConfig;
  env?: NodeJS.ProcessEnv;
  /** Receives one-line warnings (e.g. config file permissions). */
  onWarning?: (line: string) => void;
}

const TOKEN_SERVICES = ['graph', 'mde', 'arm', 'loganalytics'] as const;

/**
 * Picks the profile (`name`, else `current`, else the only one) and resolves it. Throws ConfigError with one
 * line naming the file and key when something is missing or wrong.
 */
export function resolveProfile(name: string | undefined, opts: ResolveOptions = {}): ResolvedProfile {
  if (opts.demo) return demoProfile(opts.demo);
  const loaded = opts.loaded ?? loadConfig({ env: opts.env });
  for (const w of loaded.warnings) opts.onWarning?.(w);
  const { path, file } = loaded;
  const names = Object.keys(file.profiles);
  const chosen = name ?? file.current ?? (names.length === 1 ? names[0] : undefined);
  if (chosen === undefined) {
    if (names.length === 0) {
      throw new ConfigError(`${path}: no profiles yet; run \`mde-console profile add NAME\` or try \`mde-console --demo\``);
    }
    throw new ConfigError(`${path}: current: no profile selected (have: ${names.join(', ')}); pass --profile NAME or run \`mde-console profile use NAME\``);
  }
  const profile = file.profiles[chosen];
  if (!profile) {
    throw new ConfigError(`${path}: profiles.${chosen}: no such profile (have: ${names.length ? names.join(', ') : 'none'})`);
  }
  return resolveStoredProfile(chosen, profile, path);
}

/** Resolves one validated profile; `source` names the config file in error lines. */
export function resolveStoredProfile(name: string, profile: Profile, source: string): ResolvedProfile {
  const cloud = CLOUDS[profile.cloud];
  const overrides = normaliseOverrides(profile.endpoints ?? {});
  const mdeDefault = profile.mdeRegion ? `https://${mdeRegionalHost(profile.mdeRegion as MdeRegion)}` : cloud.endpoints.mde;
  const mde = overrides.mde ?? mdeDefault;
  if (!mde) {
    throw new ConfigError(
      `${source}: profiles.${name}.endpoints.mde: the ${profile.cloud} cloud has no documented Defender for Endpoint API host; set endpoints.mde to your API base URL`,
    );
  }
  const endpoints: ServiceEndpoints = {
    login: overrides.login ?? cloud.endpoints.login,
    graph: overrides.graph ?? cloud.endpoints.graph,
    mde,
    arm: overrides.arm ?? cloud.endpoints.arm,
    loganalytics: overrides.loganalytics ?? cloud.endpoints.loganalytics,
  };
  // Tokens may go to the cloud's documented hosts and to hosts the operator named explicitly; nothing else.
  const allowed = new Set(cloudTokenHosts(profile.cloud));
  for (const s of TOKEN_SERVICES) {
    const o = overrides[s];
    if (o) allowed.add(new URL(o).hostname);
  }
  const resolved: ResolvedProfile = {
    name,
    demo: false,
    tenantId: profile.tenantId,
    cloud: profile.cloud,
    auth: { ...profile.auth },
    endpoints,
    scopes: cloudScopes(profile.cloud),
    allowedHosts: allowed,
    thresholds: { ...DEFAULT_THRESHOLDS, ...profile.thresholds },
    cost: { ...DEFAULT_COST, ...profile.cost },
    creatorRules: profile.creatorRules ?? [],
  };
  if (profile.sentinel) resolved.sentinel = { ...profile.sentinel };
  if (profile.eventHubNamespaceId) resolved.eventHubNamespaceId = profile.eventHubNamespaceId;
  if (profile.caCertFile) resolved.caCertPem = readCaCert(profile.caCertFile, `${source}: profiles.${name}.caCertFile`);
  return resolved;
}

function normaliseOverrides(endpoints: Partial<ServiceEndpoints>): Partial<ServiceEndpoints> {
  const out: Partial<ServiceEndpoints> = {};
  for (const [k, v] of Object.entries(endpoints) as [ApiService, string | undefined][]) {
    if (v) out[k] = v.replace(/\/+$/, '');
  }
  return out;
}

function readCaCert(file: string, where: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${where}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(`${where}: ${file} is not a PEM certificate (no "-----BEGIN CERTIFICATE-----" block)`);
  }
  return pem;
}

/**
 * The --demo profile: every service at the in-process simulator, its CA trusted, client-secret sign-in with the
 * simulator's app. The secret is not part of the profile; the caller passes `sim.identity.clientSecret` to
 * createCredential in memory, so it is never written anywhere.
 */
export function demoProfile(sim: DemoSource): ResolvedProfile {
  const base = sim.baseUrl.replace(/\/+$/, '');
  const url = (s: ApiService) => `${base}${SERVICE_PREFIXES[s]}`;
  const id = sim.identity;
  return {
    name: 'demo',
    demo: true,
    tenantId: id.tenantId,
    // Scopes stay the public cloud's: the simulator checks the same audiences the real services do.
    cloud: 'public',
    auth: { method: 'client-secret', clientId: id.clientId },
    sentinel: {
      subscriptionId: id.subscriptionId,
      resourceGroup: id.resourceGroup,
      workspaceName: id.workspaceName,
      workspaceId: id.workspaceId,
    },
    eventHubNamespaceId: id.eventHubNamespaceId,
    endpoints: { login: url('login'), graph: url('graph'), mde: url('mde'), arm: url('arm'), loganalytics: url('loganalytics') },
    scopes: cloudScopes('public'),
    allowedHosts: new Set([new URL(base).hostname]),
    caCertPem: sim.caCertPem,
    thresholds: { ...DEFAULT_THRESHOLDS },
    cost: { ...DEFAULT_COST },
    creatorRules: [],
  };
}

/** True when the login endpoint differs from the cloud's documented one (simulator, private endpoint). */
export function hasCustomAuthority(profile: ResolvedProfile): boolean {
  return profile.endpoints.login.replace(/\/+$/, '') !== CLOUDS[profile.cloud].endpoints.login;
}
