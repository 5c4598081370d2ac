/**
 * Documentation addresses the checks point to. Every one is taken from the team's references
 * (../shared/reference/api-contracts.md and domain-notes.md §9), none is guessed.
 */
export const DOC_URLS = {
  /** Service-plan names/ids used to detect products (api-contracts §f). */
  licensingServicePlans: 'https://learn.microsoft.com/en-us/entra/identity/users/licensing-service-plan-reference',
  /** Defender for Cloud Apps → Defender for Endpoint governance: unsanctioned → Block, monitored → Warn, scoped profiles, prerequisites. */
  mdcaGovern: 'https://learn.microsoft.com/en-us/defender-cloud-apps/mde-govern',
  /** URL/IP/domain indicators need network protection in block mode and "Custom network indicators". */
  indicatorIpDomain: 'https://learn.microsoft.com/en-us/defender-endpoint/indicator-ip-domain',
  enableNetworkProtection: 'https://learn.microsoft.com/en-us/defender-endpoint/enable-network-protection',
  /** Advanced features page: Custom network indicators, Defender for Cloud Apps, Office 365 / Identity integration notes. */
  advancedFeatures: 'https://learn.microsoft.com/en-us/defender-endpoint/advanced-features',
  sentinelConnectXdr: 'https://learn.microsoft.com/en-us/azure/sentinel/connect-microsoft-365-defender',
  sentinelXdrIntegration: 'https://learn.microsoft.com/en-us/azure/sentinel/microsoft-365-defender-sentinel-integration',
  usageTable: 'https://learn.microsoft.com/en-us/azure/azure-monitor/reference/tables/usage',
  streamingEventHub: 'https://learn.microsoft.com/en-us/defender-xdr/streaming-api-event-hub',
  retentionConfigure: 'https://learn.microsoft.com/en-us/azure/azure-monitor/logs/data-retention-configure',
} as const;
