/** Public face of the simulated tenant (used by the platform and the service handlers). */
export { createTenant, type Tenant, type TenantOptions, type ControlResult } from './tenant.js';
export { MDCA_CREATOR, MDCA_APP_CATALOGUE, type MdcaApp, type SanctionState } from './mdcaApps.js';
export { DEVICE_GROUPS, type SimDevice, type DeviceGroup } from './devices.js';
export { INDICATOR_TENANT_LIMIT, SOAR_APP } from './indicators.js';
export { ALL_TABLES, INGESTED_TABLES, hubNameFor, RECORDS_PER_MESSAGE, BYTES_PER_TU_PER_SECOND } from './streaming.js';
export { PRODUCT_FILTERS, WORKSPACE_RETENTION_DAYS } from './workspace.js';
