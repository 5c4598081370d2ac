/**
 * Error responses in each service's real wire shape (api-contracts.md §a Errors, §b Errors &
 * throttling, §c ARM errors, §d Log Analytics errors; samples/graph-throttling-429.json,
 * samples/loganalytics-errors.json, samples/mde-error-resourcenotfound.json).
 * Messages marked [I] are not documented verbatim; the codes and shapes are.
 */
import type { SimResponse } from '../contract.js';
import type { ResourceService } from './appRegistry.js';
import type { BearerCheck } from './tokens.js';

type AuthFailure = Exclude<BearerCheck, { kind: 'valid' }>;

export interface ErrorContext {
  requestId: string;
  /** Client's own request id (Graph echoes `client-request-id`). */
  clientRequestId: string;
  nowMs: number;
}

/** Graph's innerError date: "yyyy-MM-ddTHH:mm:ss", no fraction, no zone (graph/errors). */
function graphDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

function graphError(status: number, code: string, message: string, ctx: ErrorContext, extraInner: Record<string, string> = {}): SimResponse {
  return {
    status,
    body: { error: { code, message, innerError: { date: graphDate(ctx.nowMs), 'request-id': ctx.requestId, 'client-request-id': ctx.clientRequestId, ...extraInner } } },
  };
}

function mdeError(status: number, code: string, message: string, ctx: ErrorContext): SimResponse {
  return { status, body: { error: { code, message, target: ctx.requestId } } };
}

function cloudError(status: number, code: string, message: string): SimResponse {
  return { status, body: { error: { code, message } } };
}

/** ARM's expiry message prints .NET's invariant date format, e.g. "5/14/2023 3:04:05 PM". */
function dotnetUtc(seconds: number): string {
  const d = new Date(seconds * 1000);
  const h = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

const ARM_AUDIENCES = "'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'";
const LA_AUDIENCES = "'https://api.loganalytics.io','https://api.loganalytics.azure.com'";

export function authFailureResponse(service: ResourceService, failure: AuthFailure, ctx: ErrorContext): SimResponse {
  switch (service) {
    case 'graph':
      // Graph: always 401 InvalidAuthenticationToken; messages as Graph sends them.
      switch (failure.kind) {
        case 'missing':
          return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.', ctx);
        case 'expired':
          return graphError(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.', ctx);
        case 'wrong-audience':
          return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.', ctx);
        case 'invalid':
          return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure.', ctx);
      }
      break;
    case 'mde':
      // MDE common-errors: 401 Unauthorized, body target = correlation id. Message text [I].
      return mdeError(401, 'Unauthorized', failure.kind === 'expired' ? 'Authorization has been denied for this request. The access token has expired.' : 'Authorization has been denied for this request.', ctx);
    case 'arm':
      switch (failure.kind) {
        case 'missing':
          return cloudError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
        case 'expired':
          return cloudError(401, 'ExpiredAuthenticationToken', `The access token expiry UTC time '${dotnetUtc(failure.exp)}' is earlier than current UTC time '${dotnetUtc(failure.now)}'.`);
        case 'wrong-audience':
          return cloudError(401, 'InvalidAuthenticationTokenAudience', `The access token has been obtained for wrong audience or resource '${failure.aud}'. It should exactly match with one of the allowed audiences ${ARM_AUDIENCES}.`);
        case 'invalid':
          return cloudError(401, 'InvalidAuthenticationToken', 'The access token is invalid.');
      }
      break;
    case 'loganalytics':
      // Log Analytics (logs/api/errors): missing → 401 AuthenticationFailed; invalid → 403
      // InvalidAuthenticationToken; wrong audience → 403 InvalidAuthenticationTokenAudience
      // (fidelity checklist 5). Expired → 401 [I: code not documented].
      switch (failure.kind) {
        case 'missing':
          return cloudError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
        case 'expired':
          return { status: 401, body: { error: { code: 'InvalidTokenError', message: 'The provided authentication is not valid for this resource', innererror: { code: 'TokenExpiredError', message: 'Your token has expired.' } } } };
        case 'wrong-audience':
          return cloudError(403, 'InvalidAuthenticationTokenAudience', `The access token has been obtained from wrong audience or resource '${failure.aud}'. It should exactly match (including forward slash) with one of the allowed audiences ${LA_AUDIENCES}.`);
        case 'invalid':
          return cloudError(403, 'InvalidAuthenticationToken', 'The access token is invalid.');
      }
  }
  throw new Error(`unhandled auth failure ${failure.kind} for ${service}`);
}

/** 429 in the service's shape. `retryAfterSeconds` is already rounded as the service sends it. */
export function throttledResponse(service: ResourceService | 'login', retryAfterSeconds: number, ctx: ErrorContext, detail: string): SimResponse {
  const headers = { 'Retry-After': String(retryAfterSeconds) };
  switch (service) {
    case 'graph':
      // Body verbatim in shape from graph/throttling (samples/graph-throttling-429.json).
      return {
        status: 429,
        headers,
        body: { error: { code: 'TooManyRequests', innerError: { code: '429', date: graphDate(ctx.nowMs), message: 'Please retry after', 'request-id': ctx.requestId, status: '429' }, message: 'Please retry again later.' } },
      };
    case 'mde':
      return { ...mdeError(429, 'TooManyRequests', `API calls quota exceeded! ${detail}`, ctx), headers };
    case 'arm':
      // ARM throttling (request-limits-and-throttling): CloudError "SubscriptionRequestsThrottled".
      return { ...cloudError(429, 'SubscriptionRequestsThrottled', `${detail} Please try again after '${retryAfterSeconds}' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.`), headers };
    case 'loganalytics':
      return { ...cloudError(429, 'ThrottledError', `Too many requests. ${detail} Retry after ${retryAfterSeconds} seconds.`), headers };
    case 'login':
      return { status: 429, headers, body: { error: 'temporarily_unavailable', error_description: 'AADSTS90055: The request is throttled temporarily. Please try after some time.', error_codes: [90055], timestamp: new Date(ctx.nowMs).toISOString().replace('T', ' ').slice(0, 19) + 'Z', trace_id: ctx.requestId, correlation_id: ctx.clientRequestId } };
  }
}

/** A 5xx (the `NNN` fault kind) in the service's shape. */
export function serverErrorResponse(service: ResourceService | 'login', status: number, ctx: ErrorContext): SimResponse {
  const unavailable = status === 503;
  switch (service) {
    case 'graph':
      return graphError(status, unavailable ? 'serviceNotAvailable' : 'generalException', unavailable ? 'The service is temporarily unavailable for maintenance or is overloaded.' : 'An unspecified error has occurred.', ctx);
    case 'mde':
      return mdeError(status, 'InternalServerError', 'An internal error occurred. Please retry.', ctx);
    case 'arm':
      return cloudError(status, unavailable ? 'ServiceUnavailable' : status === 504 ? 'GatewayTimeout' : 'InternalServerError', `Encountered internal server error. Diagnostic information: timestamp '${new Date(ctx.nowMs).toISOString()}', tracking id '${ctx.requestId}', request correlation id '${ctx.clientRequestId}'.`);
    case 'loganalytics':
      return cloudError(status, status === 504 ? 'GatewayTimeout' : unavailable ? 'ServiceUnavailableError' : 'InternalServerError', 'An internal error occurred while processing the request.');
    case 'login':
      return { status, body: { error: 'temporarily_unavailable', error_description: 'AADSTS90033: A transient error has occurred. Please try again.', error_codes: [90033], timestamp: new Date(ctx.nowMs).toISOString().replace('T', ' ').slice(0, 19) + 'Z', trace_id: ctx.requestId, correlation_id: ctx.clientRequestId } };
  }
}

/** A request body that is not JSON, in the service's 400 shape. */
export function unparsableBodyResponse(service: ResourceService, ctx: ErrorContext): SimResponse {
  switch (service) {
    case 'graph':
      return graphError(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.', ctx);
    case 'mde':
      return mdeError(400, 'InvalidRequestBody', 'Request body is incorrect', ctx);
    case 'arm':
      return cloudError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
    case 'loganalytics':
      return { status: 400, body: { error: { code: 'BadArgumentError', message: 'The request had some invalid properties', innererror: { code: 'InvalidJsonBody', message: 'The request body is not valid JSON.' } } } };
  }
}

/** A service whose handler is not wired (should not happen once the tenant is built). */
export function serviceUnavailableResponse(service: ResourceService, ctx: ErrorContext): SimResponse {
  return serverErrorResponse(service, 503, ctx);
}
