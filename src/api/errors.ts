/**
 * Errors the API layer raises. Every one prints as ONE line naming what failed and what to do
 * (no stack traces for expected faults), and carries the request id the service gave us so an
 * operator can quote it to Microsoft support.
 */
import { SERVICE_LABELS, type ApiServiceName } from './operations.js';

export type ApiErrorKind =
  | 'http' // the service answered with an error status
  | 'network' // connection reset, DNS, TLS …
  | 'schema' // a response missing or mistyping a field the console relies on
  | 'malformed' // body is not JSON
  | 'read-only' // refused locally: writes are off
  | 'host-not-allowed' // refused locally: token would leave the cloud
  | 'auth' // the credential could not produce a token
  | 'invalid-request' // refused locally: the call breaks a documented limit (e.g. > 500 ids)
  | 'not-configured' // the profile lacks what the call needs (Sentinel workspace, Event Hubs namespace)
  | 'aborted';

export interface ApiErrorInit {
  kind: ApiErrorKind;
  /** 'unknown' only for a raw request to a URL that belongs to none of the profile's services. */
  service: ApiServiceName | 'unknown';
  /** Operation id from the operations table, or "METHOD /path" when unknown. */
  operation: string;
  method: string;
  /** Path (no query string, no host) for the message. */
  path: string;
  status?: number;
  code?: string;
  message: string;
  requestId?: string;
  /** Seconds the service asked us to wait (429/503). */
  retryAfter?: number;
  /** The permission to grant, for 403s. */
  missingPermission?: string;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly service: ApiServiceName | 'unknown';
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  readonly retryAfter: number | undefined;
  readonly missingPermission: string | undefined;
  /** The service's own message, without our framing. */
  readonly detail: string;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'ApiError';
    this.kind = init.kind;
    this.service = init.service;
    this.operation = init.operation;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
    this.missingPermission = init.missingPermission;
    this.detail = init.message;
    // The one-line form is the message: anything that prints `err.message` prints the right thing.
    this.message = this.toString();
  }

  override toString(): string {
    const label = this.service === 'unknown' ? 'API' : SERVICE_LABELS[this.service];
    const status = this.status !== undefined ? ` ${this.status}${STATUS_TEXT[this.status] ? ' ' + STATUS_TEXT[this.status] : ''}` : '';
    const what = this.missingPermission ? `missing permission ${this.missingPermission}` : this.detail;
    const rid = this.requestId ? ` (request id ${this.requestId})` : '';
    return `${label}${status} on ${this.method} ${this.path}: ${what}${rid}`;
  }
}

/** A call that would change the tenant while the run is read-only. */
export class ReadOnlyError extends ApiError {
  constructor(init: Omit<ApiErrorInit, 'kind' | 'message'>) {
    super({ ...init, kind: 'read-only', message: `refused: ${init.operation} changes the tenant and this run is read-only (start with --write to allow changes)` });
    this.name = 'ReadOnlyError';
  }
}

/** A request to a host outside the profile's cloud: refused before a token is attached. */
export class HostNotAllowedError extends ApiError {
  readonly host: string;
  constructor(init: Omit<ApiErrorInit, 'kind' | 'message'> & { host: string; reason?: string }) {
    super({
      ...init,
      kind: 'host-not-allowed',
      message:
        init.reason ??
        `refused: ${init.host} is not a host of this profile's cloud or its overrides, so no token is sent there (add it to the profile's endpoints if it is yours)`,
    });
    this.name = 'HostNotAllowedError';
    this.host = init.host;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
