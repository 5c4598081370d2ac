/**
 * Why an input could not be collected, as the one line a check shows after "Could not check:".
 * A 403 names the permission to grant; a profile that lacks the Sentinel workspace or the Event
 * Hubs namespace says so; any other API error is its own one-line message (ApiError.toString).
 */
// Leaf modules, not the api barrel (which would load every client before the first frame).
import { isApiError } from '../../api/errors.js';
import { SERVICE_LABELS } from '../../api/operations.js';

export function unavailableReason(err: unknown): string {
  if (isApiError(err)) {
    if (err.missingPermission) {
      const where = err.service === 'unknown' ? 'API' : SERVICE_LABELS[err.service];
      return `missing permission ${err.missingPermission} (${where} 403 on ${err.method} ${err.path})`;
    }
    if (err.kind === 'not-configured') {
      if (/workspace/i.test(err.detail)) return `no Sentinel workspace in the profile (${err.detail})`;
      if (/event hubs/i.test(err.detail)) return `no Event Hubs namespace in the profile (${err.detail})`;
      return err.detail;
    }
    return err.message;
  }
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0]?.trim() || 'request failed';
}
