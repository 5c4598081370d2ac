/**
 * Documented limits of the MDE custom-indicators API, in one place so every plan, meter and
 * validator quotes the same figures. Sources: ../shared/reference/api-contracts.md §a and
 * domain-notes.md §1.
 */

/** "There is a limit of 15,000 indicators per tenant. Increases to this limit are not supported." (indicators-overview.md) */
export const INDICATOR_LIMIT = 15_000;

/** The quota meter warns from this share of the limit (issue 5: "warning from 90 %"). */
export const QUOTA_WARN_RATIO = 0.9;

/** POST /api/indicators (submit or update): 100 calls/min, 1,500 calls/h (post-ti-indicator). */
export const SUBMIT_RATE = { perMinute: 100, perHour: 1_500 } as const;

/** POST /api/indicators/BatchDelete: 30 calls/min, 1,500 calls/h, at most 500 ids per call (batch-delete-ti-indicators). */
export const BATCH_DELETE_RATE = { perMinute: 30, perHour: 1_500 } as const;
export const BATCH_DELETE_MAX_IDS = 500;

/** The portal's CSV import takes at most 500 rows per file (indicator-manage.md). */
export const IMPORT_MAX_ROWS_PER_FILE = 500;

export interface RateLimit {
  perMinute: number;
  perHour: number;
}

/**
 * Lower bound on how long `calls` calls take when the only wait is the documented rate limit
 * (network time excluded): call k (0-based) may start at the later of its per-minute and
 * per-hour window, so the last call starts at max(⌊(n−1)/perMinute⌋·60 s, ⌊(n−1)/perHour⌋·3600 s).
 */
export function rateLimitedSeconds(calls: number, rate: RateLimit): number {
  if (calls <= 0) return 0;
  const last = calls - 1;
  return Math.max(Math.floor(last / rate.perMinute) * 60, Math.floor(last / rate.perHour) * 3600);
}
