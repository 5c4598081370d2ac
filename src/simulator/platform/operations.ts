/**
 * Names a request's operation, e.g. "GET /api/indicators" or
 * "GET /subscriptions/{id}/resourceGroups/{id}/providers/Microsoft.OperationalInsights/workspaces/{id}/providers/Microsoft.SecurityInsights/incidents".
 * Ids are replaced so that /_sim/requests counts API cost per operation, and rate limits are
 * keyed by operation as the documentation states them.
 */
import type { ServiceName } from '../contract.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEXID = /^[0-9a-f]{32,}$/i; // MDE machine ids are 40 hex characters
const NUMERIC = /^\d+$/;

function isIdSegment(s: string): boolean {
  return GUID.test(s) || HEXID.test(s) || NUMERIC.test(s);
}

/**
 * ARM paths are /subscriptions/{id}/resourceGroups/{name}/providers/{Namespace}/{type}/{name}/…,
 * where names are free text, so position, not shape, says what is an id.
 */
function normaliseArmPath(segments: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let inProvider = false;
  let expectName = false;
  while (i < segments.length) {
    const s = segments[i]!;
    const lower = s.toLowerCase();
    if (expectName) {
      out.push('{id}');
      expectName = false;
    } else if (lower === 'subscriptions' || lower === 'resourcegroups') {
      out.push(s);
      expectName = true;
    } else if (lower === 'providers') {
      out.push(s);
      if (i + 1 < segments.length) out.push(segments[++i]!); // the namespace
      inProvider = true;
    } else if (inProvider) {
      out.push(s); // a resource type; the next segment, if any, is its name
      expectName = true;
    } else {
      out.push(s);
    }
    i++;
  }
  return out;
}

export function operationName(service: ServiceName, method: string, path: string): string {
  let segments = path.split('/').filter(Boolean).map((s) => decodeURIComponentSafe(s));
  if (service === 'mde' && segments[0]?.toLowerCase() === 'api' && /^v1\.0$/i.test(segments[1] ?? '')) {
    // "/api/v1.0/indicators" is the same API as "/api/indicators" (api-contracts.md §a).
    segments = [segments[0]!, ...segments.slice(2)];
  }
  if (service === 'login') {
    // /{tenant}/oauth2/v2.0/token — the tenant segment may be a GUID or "organizations".
    segments = segments.map((s, i) => (i === 0 && segments.length > 1 && s !== 'discovery' && s !== 'devicelogin' ? '{tenant}' : s));
  }
  const normalised = service === 'arm' ? normaliseArmPath(segments) : segments.map((s) => (isIdSegment(s) ? '{id}' : s));
  return `${method.toUpperCase()} /${normalised.join('/')}`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
