/** Public face of configuration: profiles on disk, clouds, and resolution for one run. */
export { CLOUDS, CLOUD_NAMES, MDE_REGIONS, cloudScopes, cloudTokenHosts, isCloudName, type CloudDefinition, type MdeRegion } from './clouds.js';
export { DEFAULT_COST, DEFAULT_THRESHOLDS } from './defaults.js';
export { ConfigError } from './errors.js';
export { loadConfig, parseConfigText, permissionWarning, type LoadedConfig, type LoadOptions } from './load.js';
export { configFilePath } from './paths.js';
export { demoProfile, hasCustomAuthority, resolveProfile, resolveStoredProfile, type DemoSource, type ResolveOptions } from './resolve.js';
export { saveConfig } from './save.js';
export { AUTH_METHODS, PROFILE_NAME, parseConfigFile, parseProfile, type ConfigFile } from './schema.js';
export type * from './types.js';
