/**
 * Event Hubs namespace capacity against what the Streaming API sends.
 *
 * Documented limits (Microsoft Learn, Event Hubs "Scaling with Event Hubs" and "quotas and limits",
 * MicrosoftDocs/azure-docs articles/event-hubs/event-hubs-scalability.md and includes/event-hubs-limits.md):
 * - one throughput unit (Basic/Standard) = ingress up to 1 MB/s or 1,000 events/s, whichever comes first;
 *   egress up to 2 MB/s or 4,096 events/s; beyond it ingress is throttled (ServerBusy);
 * - event hubs per namespace: Basic 10, Standard 10, Premium 100 per processing unit, Dedicated 1,000.
 *   The Streaming API with a blank hub name creates one hub per table, so 11+ tables overflow Standard.
 * Premium and Dedicated are sized in processing/capacity units without a per-unit MB/s figure, so only the
 * hub count and throttling are checked for them.
 * "MB" is taken as 1,048,576 bytes, as Event Hubs uses it for event sizes; the near-capacity warning at
 * 80 % leaves room for the 5 % either way this choice makes.
 */

export const TU_INGRESS_BYTES_PER_SEC = 1_048_576;
export const TU_INGRESS_EVENTS_PER_SEC = 1000;
export const TU_EGRESS_BYTES_PER_SEC = 2 * 1_048_576;
export const NEAR_CAPACITY_RATIO = 0.8;

export type EventHubsTier = 'Basic' | 'Standard' | 'Premium' | 'Dedicated';

/** Hubs per namespace; Premium is per processing unit. */
export function hubLimit(tier: EventHubsTier, units: number): number {
  switch (tier) {
    case 'Basic':
    case 'Standard':
      return 10;
    case 'Premium':
      return 100 * Math.max(1, units);
    case 'Dedicated':
      return 1000;
  }
}

export function parseTier(tier: string): EventHubsTier | null {
  const t = tier.trim().toLowerCase();
  return t === 'basic' ? 'Basic' : t === 'standard' ? 'Standard' : t === 'premium' ? 'Premium' : t === 'dedicated' ? 'Dedicated' : null;
}

export interface CapacityInput {
  /** sku.capacity: throughput units (Basic/Standard) or processing units (Premium). */
  throughputUnits: number;
  hubCount: number;
  tier: EventHubsTier | string;
  /** Namespace ingress per complete minute (bytes/s; null = no data). */
  ingressBytesPerSecByMinute: readonly (number | null)[];
  ingressEventsPerSecByMinute?: readonly (number | null)[];
  egressBytesPerSecByMinute?: readonly (number | null)[];
  /** ThrottledRequests over the window. */
  throttledRequests: number;
}

export type CapacityFinding =
  | { kind: 'ingressBytesOverCapacity' | 'ingressEventsOverCapacity' | 'egressBytesOverCapacity'; severity: 'fail'; peakPerSec: number; capacityPerSec: number; minutesOver: number; message: string }
  | { kind: 'ingressNearCapacity'; severity: 'warn'; peakPerSec: number; capacityPerSec: number; utilisation: number; message: string }
  | { kind: 'hubsOverTierLimit'; severity: 'fail'; hubCount: number; limit: number; tier: string; message: string }
  | { kind: 'throttled'; severity: 'fail'; throttledRequests: number; message: string }
  | { kind: 'unknownTier'; severity: 'warn'; tier: string; message: string };

export interface NamespaceCapacity {
  tier: EventHubsTier | null;
  /** null when the tier has no per-unit MB/s figure (Premium, Dedicated) or is unknown. */
  ingressBytesCapacityPerSec: number | null;
  ingressEventsCapacityPerSec: number | null;
  peakIngressBytesPerSec: number | null;
  latestIngressBytesPerSec: number | null;
  /** latest / capacity (the capacity bar); null when either is unknown. */
  utilisation: number | null;
  hubCount: number;
  hubLimit: number | null;
}

const present = (xs: readonly (number | null)[] | undefined): number[] => (xs ?? []).filter((x): x is number => x !== null && Number.isFinite(x));
const fmtMBs = (bytesPerSec: number): string => `${(bytesPerSec / 1_048_576).toFixed(2)} MB/s`;

export function namespaceCapacity(input: CapacityInput): NamespaceCapacity {
  const tier = parseTier(input.tier);
  const tuBased = tier === 'Basic' || tier === 'Standard';
  const units = Math.max(0, input.throughputUnits);
  const capacity = tuBased ? units * TU_INGRESS_BYTES_PER_SEC : null;
  const values = present(input.ingressBytesPerSecByMinute);
  const latest = [...input.ingressBytesPerSecByMinute].reverse().find((x): x is number => x !== null) ?? null;
  return {
    tier,
    ingressBytesCapacityPerSec: capacity,
    ingressEventsCapacityPerSec: tuBased ? units * TU_INGRESS_EVENTS_PER_SEC : null,
    peakIngressBytesPerSec: values.length ? Math.max(...values) : null,
    latestIngressBytesPerSec: latest,
    utilisation: capacity && latest !== null ? latest / capacity : null,
    hubCount: input.hubCount,
    hubLimit: tier ? hubLimit(tier, units) : null,
  };
}

export function capacityFindings(input: CapacityInput): CapacityFinding[] {
  const findings: CapacityFinding[] = [];
  const tier = parseTier(input.tier);
  if (tier === null) {
    findings.push({ kind: 'unknownTier', severity: 'warn', tier: String(input.tier), message: `Event Hubs tier "${input.tier}" is unknown: capacity not checked. Check the namespace sku.` });
  }
  const units = Math.max(0, input.throughputUnits);
  if (tier === 'Basic' || tier === 'Standard') {
    const over = (kind: 'ingressBytesOverCapacity' | 'ingressEventsOverCapacity' | 'egressBytesOverCapacity', series: readonly (number | null)[] | undefined, capacityPerSec: number, show: (x: number) => string, what: string): boolean => {
      const values = present(series);
      const above = values.filter((v) => v > capacityPerSec);
      if (above.length === 0) return false;
      const peak = Math.max(...above);
      findings.push({
        kind,
        severity: 'fail',
        peakPerSec: peak,
        capacityPerSec,
        minutesOver: above.length,
        message: `${what} peaked at ${show(peak)}, above ${units} TU × ${show(capacityPerSec / Math.max(1, units))} = ${show(capacityPerSec)} in ${above.length} minute(s): add throughput units or enable auto-inflate.`,
      });
      return true;
    };
    const bytesOver = over('ingressBytesOverCapacity', input.ingressBytesPerSecByMinute, units * TU_INGRESS_BYTES_PER_SEC, fmtMBs, 'Ingress');
    over('ingressEventsOverCapacity', input.ingressEventsPerSecByMinute, units * TU_INGRESS_EVENTS_PER_SEC, (x) => `${Math.round(x)} events/s`, 'Ingress');
    over('egressBytesOverCapacity', input.egressBytesPerSecByMinute, units * TU_EGRESS_BYTES_PER_SEC, fmtMBs, 'Egress');
    if (!bytesOver) {
      const capacity = units * TU_INGRESS_BYTES_PER_SEC;
      const values = present(input.ingressBytesPerSecByMinute);
      const peak = values.length ? Math.max(...values) : 0;
      if (capacity > 0 && peak >= capacity * NEAR_CAPACITY_RATIO) {
        findings.push({ kind: 'ingressNearCapacity', severity: 'warn', peakPerSec: peak, capacityPerSec: capacity, utilisation: peak / capacity, message: `Ingress peaked at ${Math.round((peak / capacity) * 100)} % of ${units} TU (${fmtMBs(capacity)}).` });
      }
    }
  }
  if (tier !== null) {
    const limit = hubLimit(tier, units);
    if (input.hubCount > limit) {
      findings.push({ kind: 'hubsOverTierLimit', severity: 'fail', hubCount: input.hubCount, limit, tier, message: `${input.hubCount} event hubs needed but the ${tier} tier allows ${limit} per namespace: split the tables across namespaces or use a larger tier.` });
    }
  }
  if (input.throttledRequests > 0) {
    findings.push({ kind: 'throttled', severity: 'fail', throttledRequests: input.throttledRequests, message: `${input.throttledRequests} throttled request(s) on the namespace: events are being refused; add throughput units.` });
  }
  return findings;
}
