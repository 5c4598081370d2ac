/**
 * The simulated Entra ID authority under /login (api-contracts.md §h; fidelity checklist 2–4):
 *   GET  /{tenant}/v2.0/.well-known/openid-configuration
 *   GET  /{tenant}/discovery/v2.0/keys           (also /discovery/v2.0/keys)
 *   POST /{tenant}/oauth2/v2.0/token             client_credentials (secret or certificate assertion),
 *                                                device_code, refresh_token
 *   POST /{tenant}/oauth2/v2.0/devicecode
 *   GET  /devicelogin                            the verification page the device-code message names
 * Every URL in the discovery document is absolute on the host the client used: MSAL rejects a
 * discovery document whose issuer host differs from the authority's (msal-common validateIssuer).
 */
import { randomBytes } from 'node:crypto';
import type { SimRequest, SimResponse, SimulatedTenantIdentity } from '../contract.js';
import { AZURE_CLI_CLIENT_ID, defaultDelegatedScopes, parseScopes, type ResourceService } from './appRegistry.js';
import type { SimulatorCertificates } from './certificates.js';
import { DEVICE_CODE_EXPIRES_IN_SECONDS, type DeviceCodeStore } from './deviceCodes.js';
import { base64url, decodeJwt, verifyJwtSignature } from './jwt.js';
import type { TokenMinter } from './tokens.js';

export interface SimulatedUser {
  upn: string;
  oid: string;
  name: string;
}

export interface LoginServiceDeps {
  identity: SimulatedTenantIdentity;
  certs: SimulatorCertificates;
  minter: TokenMinter;
  deviceCodes: DeviceCodeStore;
  clockMs: () => number;
  appRoles: () => Record<ResourceService, string[]>;
  user: SimulatedUser;
  /** Polling interval sent with device codes (Entra sends 5; tests use a fraction, msal-node accepts it). */
  deviceCodeIntervalSeconds: number;
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const normaliseScopeList = (s: string) => s.trim().split(/\s+/).join(' ');
const NO_STORE = { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache', Expires: '-1' };

export function createLoginService(deps: LoginServiceDeps): (req: SimRequest) => SimResponse {
  const { identity } = deps;
  const refreshTokens = new Map<string, { clientId: string; upn: string }>();
  const publicClients = new Set([identity.publicClientId, AZURE_CLI_CLIENT_ID]);

  function aadError(req: SimRequest, status: number, error: string, code: number, message: string): SimResponse {
    const ts = new Date(deps.clockMs()).toISOString().replace('T', ' ').slice(0, 19) + 'Z';
    const correlationId = req.headers['client-request-id'] ?? req.requestId;
    return {
      status,
      headers: NO_STORE,
      body: {
        error,
        error_description: `AADSTS${code}: ${message} Trace ID: ${req.requestId} Correlation ID: ${correlationId} Timestamp: ${ts}`,
        error_codes: [code],
        timestamp: ts,
        trace_id: req.requestId,
        correlation_id: correlationId,
        error_uri: `${req.serviceBaseUrl}/error?code=${code}`,
      },
    };
  }

  /** The tenant path segment: the tenant id, or the multi-tenant aliases MSAL may use. */
  function resolveTenant(segment: string): boolean {
    return segment.toLowerCase() === identity.tenantId || segment === 'organizations' || segment === 'common';
  }

  function unknownTenant(req: SimRequest, segment: string): SimResponse {
    return aadError(req, 400, 'invalid_request', 90002, `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  }

  const issuerFor = (req: SimRequest) => `${req.serviceBaseUrl}/${identity.tenantId}/v2.0`;

  function openidConfiguration(req: SimRequest, segment: string): SimResponse {
    const base = `${req.serviceBaseUrl}/${segment}`;
    return {
      status: 200,
      headers: { 'Cache-Control': 'max-age=86400, private' },
      body: {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: issuerFor(req),
        request_uri_parameter_supported: false,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'email'],
        tenant_region_scope: 'WW',
        cloud_instance_name: 'microsoftonline.com',
        msgraph_host: 'graph.microsoft.com',
      },
    };
  }

  function jwks(): SimResponse {
    const jwk = deps.certs.tokenSigning.publicKey.export({ format: 'jwk' });
    const key = { kty: 'RSA', use: 'sig', kid: deps.certs.tokenSigning.x5t, x5t: deps.certs.tokenSigning.x5t, n: jwk.n, e: jwk.e, x5c: [deps.certs.tokenSigning.derBase64], issuer: `https://login.microsoftonline.com/${identity.tenantId}/v2.0` };
    return { status: 200, headers: { 'Cache-Control': 'max-age=86400, private' }, body: { keys: [key] } };
  }

  function form(req: SimRequest): Record<string, string> {
    return typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, string>) : {};
  }

  function clientCredentials(req: SimRequest, segment: string, f: Record<string, string>): SimResponse {
    const clientId = f.client_id ?? '';
    if (!clientId) return aadError(req, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
    if (clientId !== identity.clientId) {
      return aadError(req, 400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${identity.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
    }
    if (f.client_secret !== undefined) {
      if (f.client_secret !== identity.clientSecret) {
        return aadError(req, 401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`);
      }
    } else if (f.client_assertion !== undefined) {
      const failure = checkClientAssertion(req, segment, f);
      if (failure) return failure;
    } else {
      return aadError(req, 401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }
    const scopes = parseScopes(f.scope);
    const bad = scopeError(req, scopes, true);
    if (bad || scopes.kind !== 'ok') return bad!;
    const { token, expiresIn } = deps.minter.mintAccessToken({ issuer: issuerFor(req), aud: scopes.resource, subject: { kind: 'app', appid: clientId, roles: [...deps.appRoles()[scopes.service]] } });
    return { status: 200, headers: NO_STORE, body: { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token } };
  }

  /** Verifies a certificate client assertion (RFC 7523): registered thumbprint, signature, aud, iss/sub, time. */
  function checkClientAssertion(req: SimRequest, segment: string, f: Record<string, string>): SimResponse | undefined {
    if (f.client_assertion_type !== JWT_BEARER) return aadError(req, 400, 'invalid_request', 90014, "The required field 'client_assertion_type' is missing or is not 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'.");
    const jwt = decodeJwt(f.client_assertion ?? '');
    if (!jwt) return aadError(req, 401, 'invalid_client', 50027, 'JWT token is invalid or malformed.');
    const cert = deps.certs.clientApp;
    if (jwt.header.x5t !== cert.x5t && jwt.header['x5t#S256'] !== cert.x5tS256) {
      return aadError(req, 401, 'invalid_client', 700027, 'The certificate with identifier used to sign the client assertion is not registered on application.');
    }
    if (!verifyJwtSignature(jwt, cert.publicKey)) return aadError(req, 401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
    const p = jwt.payload;
    if (p.iss !== f.client_id || p.sub !== f.client_id) return aadError(req, 401, 'invalid_client', 700021, "Client assertion application identifier doesn't match 'client_id' parameter.");
    const accepted = new Set([`${req.serviceBaseUrl}/${segment}/oauth2/v2.0/token`, `${req.serviceBaseUrl}/${identity.tenantId}/oauth2/v2.0/token`, `${req.serviceBaseUrl}/${identity.tenantId}/oauth2/token`]);
    if (typeof p.aud !== 'string' || !accepted.has(p.aud)) {
      // [I] Entra reports a wrong assertion audience as an invalid assertion (AADSTS50013).
      return aadError(req, 401, 'invalid_client', 50013, `Assertion audience claim does not match the required value. The audience in the assertion was '${String(p.aud)}' and the expected audience is '${[...accepted][1]}'.`);
    }
    const now = Math.floor(deps.clockMs() / 1000);
    if (typeof p.exp !== 'number' || p.exp < now || (typeof p.nbf === 'number' && p.nbf > now + 300)) return aadError(req, 401, 'invalid_client', 700024, 'Client assertion is not within its valid time range.');
    return undefined;
  }

  function scopeError(req: SimRequest, scopes: ReturnType<typeof parseScopes>, appOnly: boolean): SimResponse | undefined {
    switch (scopes.kind) {
      case 'missing':
        return aadError(req, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'scope'.");
      case 'several-resources':
        return aadError(req, 400, 'invalid_request', 28000, `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scopes.resources.join(' ')} is not valid.`);
      case 'unknown-resource':
        return aadError(req, 400, 'invalid_resource', 500011, `The resource principal named ${scopes.resource} was not found in the tenant named ${identity.tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`);
      case 'ok':
        if (appOnly && (scopes.names.length !== 1 || scopes.names[0] !== '.default')) {
          return aadError(req, 400, 'invalid_scope', 1002012, `The provided value for scope ${scopes.names.map((n) => `${scopes.resource}/${n}`).join(' ')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
        }
        return undefined;
    }
  }

  /** Issues the user tokens for a device-code or refresh-token redemption. */
  function userTokens(req: SimRequest, clientId: string, upn: string, scopeParam: string): SimResponse {
    const scopes = parseScopes(scopeParam);
    const bad = scopeError(req, scopes, false);
    if (bad || scopes.kind !== 'ok') return bad!;
    const scp = scopes.names.includes('.default') ? defaultDelegatedScopes()[scopes.service] : scopes.names;
    const user = { ...deps.user, upn };
    const issuer = issuerFor(req);
    const { token, expiresIn } = deps.minter.mintAccessToken({ issuer, aud: scopes.resource, subject: { kind: 'user', appid: clientId, scp, upn, oid: user.oid, name: user.name } });
    const refreshToken = randomBytes(48).toString('base64url');
    refreshTokens.set(refreshToken, { clientId, upn });
    return {
      status: 200,
      headers: NO_STORE,
      body: {
        token_type: 'Bearer',
        // Echo the requested scopes so MSAL's cache finds this token for the same request again.
        scope: normaliseScopeList(scopeParam) || `${scopes.resource}/.default`,
        expires_in: expiresIn,
        ext_expires_in: expiresIn,
        access_token: token,
        refresh_token: refreshToken,
        id_token: deps.minter.mintIdToken({ issuer, clientId, upn, oid: user.oid, name: user.name }),
        client_info: base64url(JSON.stringify({ uid: user.oid, utid: identity.tenantId })),
      },
    };
  }

  function deviceCodeGrant(req: SimRequest, fields: Record<string, string>): SimResponse {
    const clientId = fields.client_id ?? '';
    const result = deps.deviceCodes.poll(fields.device_code ?? '', clientId);
    switch (result.kind) {
      case 'pending':
        return aadError(req, 400, 'authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.');
      case 'expired':
        return aadError(req, 400, 'expired_token', 70020, "The provided value for the input parameter 'device_code' is not valid. This device code has expired.");
      case 'already-redeemed':
        return aadError(req, 400, 'invalid_grant', 70000, "The provided value for the input parameter 'device_code' is not valid. It has already been redeemed.");
      case 'unknown':
        return aadError(req, 400, 'bad_verification_code', 70000, "The provided value for the input parameter 'device_code' is not valid.");
      case 'approved':
        return userTokens(req, clientId, result.upn, result.entry.scope);
    }
  }

  function refreshGrant(req: SimRequest, fields: Record<string, string>): SimResponse {
    const entry = refreshTokens.get(fields.refresh_token ?? '');
    if (!entry || entry.clientId !== fields.client_id) {
      return aadError(req, 400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
    }
    return userTokens(req, entry.clientId, entry.upn, fields.scope ?? '');
  }

  function deviceCodeStart(req: SimRequest, fields: Record<string, string>): SimResponse {
    const clientId = fields.client_id ?? '';
    if (clientId === identity.clientId) return aadError(req, 401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    if (!publicClients.has(clientId)) {
      return aadError(req, 400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${identity.tenantId}'.`);
    }
    const scopes = parseScopes(fields.scope);
    const bad = scopeError(req, scopes, false);
    if (bad) return bad;
    const entry = deps.deviceCodes.create(clientId, fields.scope ?? '');
    const verificationUri = `${req.serviceBaseUrl}/devicelogin`;
    return {
      status: 200,
      headers: NO_STORE,
      body: {
        user_code: entry.userCode,
        device_code: entry.deviceCode,
        verification_uri: verificationUri,
        expires_in: DEVICE_CODE_EXPIRES_IN_SECONDS,
        interval: deps.deviceCodeIntervalSeconds,
        message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${entry.userCode} to authenticate.`,
      },
    };
  }

  function deviceLoginPage(req: SimRequest): SimResponse {
    const simBase = req.serviceBaseUrl.replace(/\/login$/, '');
    const pending = deps.deviceCodes.pending().map((e) => e.userCode);
    const text = [
      'mde-console tenant simulator: device-code sign-in',
      '',
      `Pending codes: ${pending.length ? pending.join(', ') : '(none)'}`,
      'Approve one with:',
      `  curl --cacert <simulator CA> -X POST ${simBase}/_sim/devicecode/approve -H 'Content-Type: application/json' -d '{"user_code":"<CODE>"}'`,
      'or every pending code with an empty body.',
      '',
    ].join('\n');
    return { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: text };
  }

  return function login(req: SimRequest): SimResponse {
    const segments = req.path.split('/').filter(Boolean);
    const method = req.method.toUpperCase();
    if (method === 'GET' && segments.length === 1 && segments[0] === 'devicelogin') return deviceLoginPage(req);
    if (method === 'GET' && segments.join('/') === 'discovery/v2.0/keys') return jwks();
    const [tenant, ...rest] = segments;
    const route = rest.join('/');
    if (!tenant || !route) return aadError(req, 404, 'invalid_request', 900561, `The endpoint ${req.path} does not exist on the simulated authority.`);
    if (!resolveTenant(tenant)) return unknownTenant(req, tenant);
    if (method === 'GET' && route === 'v2.0/.well-known/openid-configuration') return openidConfiguration(req, tenant);
    if (method === 'GET' && (route === 'discovery/v2.0/keys' || route === 'discovery/keys')) return jwks();
    if (method === 'POST' && route === 'oauth2/v2.0/devicecode') return deviceCodeStart(req, form(req));
    if (method === 'POST' && route === 'oauth2/v2.0/token') {
      const fields = form(req);
      switch (fields.grant_type) {
        case 'client_credentials':
          return clientCredentials(req, tenant, fields);
        case DEVICE_CODE_GRANT:
        case 'device_code': // msal-node sends the short form; Entra's v2 endpoint accepts both
          return deviceCodeGrant(req, fields);
        case 'refresh_token':
          return refreshGrant(req, fields);
        case undefined:
          return aadError(req, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
        default:
          return aadError(req, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${fields.grant_type}'.`);
      }
    }
    return aadError(req, 404, 'invalid_request', 900561, `The endpoint ${method} ${req.path} does not exist on the simulated authority.`);
  };
}
