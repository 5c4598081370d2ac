/** Documented defaults for thresholds and the cost estimate; every one is overridable per profile. */
import type { CostSettings, Thresholds } from './types.js';

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  // A table whose newest row is older than an hour is stale for the health screen.
  tableFreshnessMinutes: 60,
  // Defender XDR → Sentinel incident sync is documented as "up to 10 minutes".
  syncWindowMinutes: 10,
  syncLookbackDays: 7,
  streamGapMinutes: 15,
  retentionPolicyDays: 180,
  expiringSoonDays: 7,
});

/**
 * Cost estimate only. Microsoft Sentinel "simplified pricing" pay-as-you-go for analytics logs (Sentinel and
 * Log Analytics combined) was listed at about USD 5.22 per GB in East US (azure.microsoft.com/pricing/details/
 * microsoft-sentinel). Prices vary by region, agreement and date and could not be re-confirmed here, so the value
 * is an estimate the operator should set (`cost.pricePerGb`, `cost.currency`) to their own rate.
 */
export const DEFAULT_COST: Readonly<CostSettings> = Object.freeze({ pricePerGb: 5.22, currency: 'USD' });
