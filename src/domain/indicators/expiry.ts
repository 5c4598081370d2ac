/**
 * Expiry buckets and the row texts for expiry and scope.
 * `expirationTime: null` means the indicator never expires (ti-indicator.md).
 */

export type ExpiryBucket = 'never' | 'expired' | 'soon' | 'later';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** Milliseconds since the epoch, or NaN for "never" and for unparseable times. */
export function expiryMs(expirationTime: string | null | undefined): number {
  return expirationTime ? Date.parse(expirationTime) : Number.NaN;
}

/** expired: at or before now; soon: within `soonDays` after now; later: beyond; never: no expiry. */
export function expiryBucketOf(expiresAtMs: number, nowMs: number, soonDays: number): ExpiryBucket {
  if (Number.isNaN(expiresAtMs)) return 'never';
  if (expiresAtMs <= nowMs) return 'expired';
  return expiresAtMs <= nowMs + soonDays * DAY_MS ? 'soon' : 'later';
}

export interface ExpiryText {
  /** "in 3d", "expired 2h ago", "never". */
  text: string;
  /** What the row should mark: expired, expiring soon, or nothing. */
  marker: 'expired' | 'soon' | 'none';
}

function span(ms: number): string {
  if (ms < HOUR_MS) return `${Math.max(1, Math.floor(ms / MINUTE_MS))}m`;
  if (ms < DAY_MS) return `${Math.floor(ms / HOUR_MS)}h`;
  return `${Math.floor(ms / DAY_MS)}d`;
}

/** Relative expiry for a row: "in 3d" / "expired 2h ago" / "never", with the marker to show. Units round down. */
export function formatRelativeExpiry(expirationTime: string | null, now: Date, soonDays: number): ExpiryText {
  const at = expiryMs(expirationTime);
  const nowMs = now.getTime();
  if (Number.isNaN(at)) return { text: expirationTime ? `invalid (${expirationTime})` : 'never', marker: 'none' };
  if (at <= nowMs) return { text: `expired ${span(nowMs - at)} ago`, marker: 'expired' };
  return { text: `in ${span(at - nowMs)}`, marker: at <= nowMs + soonDays * DAY_MS ? 'soon' : 'none' };
}

/** "All devices" for an empty group list (the API's meaning of []), else the group names. */
export function formatScope(rbacGroupNames: readonly string[]): string {
  return rbacGroupNames.length === 0 ? 'All devices' : rbacGroupNames.join(', ');
}
