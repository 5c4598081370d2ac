/**
 * Portal links, each built from the id its portal actually uses — never from Sentinel's incidentNumber.
 *
 * - Defender portal: Graph's `incidentWebUrl` when present (it is the service's own link), otherwise the
 *   documented form `https://security.microsoft.com/incident2/{id}/overview?tid={tenantId}`
 *   (api-contracts §b, incident properties; samples/graph-security-incidents-list.json).
 * - Azure portal (Sentinel): `https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident{armId}`
 *   where armId is the incident's full ARM resource id (the form of `incidentUrl` in the ARM example,
 *   samples/sentinel-incidents-list.json).
 * Sovereign clouds use other portal hosts; pass them as bases.
 */
import type { SyncDefenderIncident as DefenderIncident, SyncSentinelIncident as SentinelIncident } from './syncRecords.js';
import { hasUsablePortalUrl } from './matchFacts.js';

export const DEFENDER_PORTAL_BASE = 'https://security.microsoft.com';
export const AZURE_PORTAL_BASE = 'https://portal.azure.com';

/** Graph's own link is used when it is an https URL (judged when the record is prepared: `hasUsablePortalUrl`). */
export const hasPortalUrl = (d: Pick<DefenderIncident, 'incidentWebUrl'>): boolean => !!d.incidentWebUrl && d.incidentWebUrl.startsWith('https://');

/** A link builder with its options resolved once (matchIncidents builds 50,000 links per run). */
export function defenderLinker(opts: { tenantId?: string; portalBase?: string } = {}): (d: DefenderIncident) => string {
  const base = (opts.portalBase ?? DEFENDER_PORTAL_BASE).replace(/\/+$/, '');
  return (d) => {
    if (hasUsablePortalUrl(d.facts)) return d.incidentWebUrl!;
    const tid = d.tenantId ?? opts.tenantId;
    const url = `${base}/incident2/${encodeURIComponent(d.defenderId)}/overview`;
    return tid ? `${url}?tid=${encodeURIComponent(tid)}` : url;
  };
}

export function sentinelLinker(opts: { portalBase?: string } = {}): (s: SentinelIncident) => string {
  const base = `${(opts.portalBase ?? AZURE_PORTAL_BASE).replace(/\/+$/, '')}/#asset/Microsoft_Azure_Security_Insights/Incident`;
  return (s) => (s.id.startsWith('/') ? base + s.id : `${base}/${s.id}`);
}

export function defenderIncidentLink(d: DefenderIncident, opts: { tenantId?: string; portalBase?: string } = {}): string {
  return defenderLinker(opts)(d);
}

export function sentinelIncidentLink(s: SentinelIncident, opts: { portalBase?: string } = {}): string {
  return sentinelLinker(opts)(s);
}
