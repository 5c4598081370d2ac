/**
 * One TokenCredential per run, for the profile's auth method, wrapped in a TokenCache. @azure/identity is a
 * heavy SDK, so it is imported dynamically: only paths that actually sign in pay for loading it.
 *
 * Pointing at a simulator or private login endpoint (api-contracts.md §h): `authorityHost` = the login
 * endpoint, and `disableInstanceDiscovery: true` because MSAL otherwise asks login.microsoftonline.com to
 * validate the authority. TLS trust of `profile.caCertPem` uses src/api's shared HttpClient helper.
 */
import { existsSync } from 'node:fs';
import type { TokenCredential } from '@azure/identity';
import { trustOptions } from '../api/trust.js';
import { hasCustomAuthority } from '../config/resolve.js';
import type { ResolvedProfile } from '../config/types.js';
import { AuthError } from './errors.js';
import { TokenCache, type TokenCacheOptions } from './tokenCache.js';

/** Azure CLI's public client: the documented default for device code when the profile names no app. */
export const AZURE_CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

export interface DeviceCodeInfo {
  userCode: string;
  verificationUri: string;
  message: string;
}

export interface CreateCredentialOptions {
  /** Shows the device code and URL (console and plain output). Default: one line on stderr. */
  onDeviceCode?: (info: DeviceCodeInfo) => void;
  /** --demo only: the simulator's secret, passed in memory, never from argv or a file. */
  clientSecret?: string;
  /** Environment to read (client-secret env var, environment auth). Default process.env. */
  env?: NodeJS.ProcessEnv;
  cache?: TokenCacheOptions;
}

export async function createCredential(profile: ResolvedProfile, opts: CreateCredentialOptions = {}): Promise<TokenCredential> {
  const env = opts.env ?? process.env;
  const identity = await import('@azure/identity');
  const auth = profile.auth;
  const custom = hasCustomAuthority(profile);
  const common = {
    ...trustOptions(profile),
    authorityHost: profile.endpoints.login,
    ...(custom ? { disableInstanceDiscovery: true } : {}),
  };
  const where = `profile "${profile.name}"`;
  let inner: TokenCredential;

  switch (auth.method) {
    case 'device-code': {
      const show = opts.onDeviceCode ?? ((i: DeviceCodeInfo) => process.stderr.write(`${i.message}\n`));
      inner = new identity.DeviceCodeCredential({
        ...common,
        tenantId: profile.tenantId,
        clientId: auth.clientId ?? AZURE_CLI_CLIENT_ID,
        userPromptCallback: (info) => show({ userCode: info.userCode, verificationUri: info.verificationUri, message: info.message }),
      });
      break;
    }
    case 'azure-cli':
      // The az CLI picks its own cloud (`az cloud set`) and cannot be pointed at a custom authority.
      if (custom) throw new AuthError(`${where}: azure-cli sign-in cannot use a custom login endpoint; use device-code or client-certificate, or remove endpoints.login`);
      inner = new identity.AzureCliCredential({ tenantId: profile.tenantId });
      break;
    case 'environment': {
      const missing = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID'].filter((k) => !env[k]);
      if (!env.AZURE_CLIENT_SECRET && !env.AZURE_CLIENT_CERTIFICATE_PATH) missing.push('AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH');
      if (missing.length) throw new AuthError(`${where}: environment sign-in needs ${missing.join(', ')}; export them or choose another auth method`);
      if (env.AZURE_TENANT_ID !== profile.tenantId) {
        throw new AuthError(`${where}: AZURE_TENANT_ID (${env.AZURE_TENANT_ID}) is not the profile's tenant (${profile.tenantId}); fix one of them`);
      }
      inner = new identity.EnvironmentCredential(common);
      break;
    }
    case 'client-certificate': {
      if (!auth.clientId || !auth.certificatePath) throw new AuthError(`${where}: client-certificate sign-in needs auth.clientId and auth.certificatePath`);
      if (!existsSync(auth.certificatePath)) throw new AuthError(`${where}: certificate file ${auth.certificatePath} not found; fix auth.certificatePath`);
      inner = new identity.ClientCertificateCredential(profile.tenantId, auth.clientId, { certificatePath: auth.certificatePath }, common);
      break;
    }
    case 'managed-identity': {
      const id = auth.managedIdentityClientId ?? auth.clientId;
      inner = id ? new identity.ManagedIdentityCredential({ ...trustOptions(profile), clientId: id }) : new identity.ManagedIdentityCredential(trustOptions(profile));
      break;
    }
    case 'client-secret': {
      if (!auth.clientId) throw new AuthError(`${where}: client-secret sign-in needs auth.clientId`);
      const secret = opts.clientSecret ?? (auth.clientSecretEnv ? env[auth.clientSecretEnv] : undefined);
      if (!secret) {
        const from = auth.clientSecretEnv ? `$${auth.clientSecretEnv}, which is not set` : 'an environment variable, but auth.clientSecretEnv is not set';
        throw new AuthError(`${where}: client-secret sign-in reads the secret from ${from}; export it (a secret is never accepted on the command line or in config.json)`);
      }
      inner = new identity.ClientSecretCredential(profile.tenantId, auth.clientId, secret, common);
      break;
    }
    default: {
      const never: never = auth.method;
      throw new AuthError(`${where}: unknown auth method ${String(never)}`);
    }
  }
  return new TokenCache(new OneLineErrors(inner, auth.method), opts.cache);
}

/**
 * @azure/identity errors are multi-line (troubleshooting links, inner stacks). Screens print one line, so the
 * first line of the service's reason is kept with the method and scope. The token itself is never in an error.
 */
class OneLineErrors implements TokenCredential {
  constructor(
    private readonly inner: TokenCredential,
    private readonly method: string,
  ) {}
  async getToken(...args: Parameters<TokenCredential['getToken']>) {
    try {
      return await this.inner.getToken(...args);
    } catch (err) {
      if (err instanceof AuthError) throw err;
      const scopes = Array.isArray(args[0]) ? args[0].join(' ') : args[0];
      const first = (err instanceof Error ? err.message : String(err)).split('\n').map((l) => l.trim()).find(Boolean) ?? 'unknown error';
      const e = new AuthError(`sign-in (${this.method}) failed for ${scopes}: ${first.slice(0, 300)}`);
      (e as { cause?: unknown }).cause = err;
      throw e;
    }
  }
}
