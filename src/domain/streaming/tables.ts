/**
 * Advanced-hunting tables the Streaming API can send, and how their Event Hubs are named.
 *
 * With the Event Hub name left blank, Defender writes each table to its own hub named
 * `insights-logs-advancedhunting-<table lower-case>` (api-contracts §e "Event Hub target"); Azure Monitor
 * metrics split by the `entityname` dimension therefore give per-table figures.
 */

/** GA streamable tables (api-contracts §e, Microsoft's supported-event-types page). Others are kept as seen. */
export const STREAMING_TABLES: readonly string[] = [
  'AlertEvidence', 'AlertInfo', 'CloudAppEvents', 'DeviceEvents', 'DeviceFileCertificateInfo', 'DeviceFileEvents',
  'DeviceImageLoadEvents', 'DeviceInfo', 'DeviceLogonEvents', 'DeviceNetworkEvents', 'DeviceNetworkInfo',
  'DeviceProcessEvents', 'DeviceRegistryEvents', 'EmailAttachmentInfo', 'EmailEvents', 'EmailPostDeliveryEvents',
  'EmailUrlInfo', 'IdentityDirectoryEvents', 'IdentityLogonEvents', 'IdentityQueryEvents', 'UrlClickEvents',
];

/**
 * Tables the Defender XDR connector ingests into Sentinel free of charge; every other table is billed
 * (domain-notes §0.9, §3.8 — MicrosoftDocs/azure-docs#111492).
 */
export const FREE_TABLES: readonly string[] = ['SecurityAlert', 'SecurityIncident'];

export const isFreeTable = (table: string): boolean => FREE_TABLES.some((t) => t.toLowerCase() === table.toLowerCase());

export const STREAMING_HUB_PREFIX = 'insights-logs-advancedhunting-';

const byLower = new Map(STREAMING_TABLES.map((t) => [t.toLowerCase(), t]));

export function hubNameForTable(table: string): string {
  return STREAMING_HUB_PREFIX + table.toLowerCase();
}

/**
 * Table name for a hub name: the documented table's spelling when known, else the hub's suffix as is
 * (a table Microsoft adds later still shows up). A hub outside the naming scheme is kept under its own name.
 */
export function tableForHubName(hub: string): string {
  const lower = hub.trim().toLowerCase();
  if (!lower.startsWith(STREAMING_HUB_PREFIX)) return hub;
  const suffix = lower.slice(STREAMING_HUB_PREFIX.length);
  return byLower.get(suffix) ?? suffix;
}

/** Canonical spelling for a table name given in any case (Log Analytics and Usage use the table's own name). */
export function canonicalTableName(table: string): string {
  return byLower.get(table.toLowerCase()) ?? table;
}
