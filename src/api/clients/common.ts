import { ApiError } from '../errors.js';
import type { ApiServiceName } from '../operations.js';

/** Join a service base URL (which may carry a path prefix, e.g. the simulator's /mde) and a path. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + (path.startsWith('/') ? path : '/' + path);
}

export function invalidRequest(service: ApiServiceName, operation: string, method: string, path: string, message: string): ApiError {
  return new ApiError({ kind: 'invalid-request', service, operation, method, path, message });
}

export function notConfigured(service: ApiServiceName, operation: string, message: string): ApiError {
  return new ApiError({ kind: 'not-configured', service, operation, method: 'GET', path: '-', message });
}

/** OData string literal: single quotes doubled. */
export function odataString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** ISO timestamp for OData date comparisons (no quotes: DateTimeOffset literal). */
export function odataDate(d: Date | string): string {
  return typeof d === 'string' ? d : d.toISOString();
}

export function andFilters(...parts: (string | undefined)[]): string | undefined {
  const ps = parts.filter((p): p is string => !!p && p.trim() !== '');
  if (ps.length === 0) return undefined;
  return ps.length === 1 ? ps[0] : ps.map((p) => `(${p})`).join(' and ');
}
