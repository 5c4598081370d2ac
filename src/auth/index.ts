/** Public face of sign-in: one cached credential per run. */
export { AZURE_CLI_CLIENT_ID, createCredential, type CreateCredentialOptions, type DeviceCodeInfo } from './credential.js';
export { AuthError } from './errors.js';
export { TokenCache, type TokenCacheOptions } from './tokenCache.js';
