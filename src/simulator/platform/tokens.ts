/**
 * Access tokens of the simulated Entra ID: RS256 JWTs signed with the key published at
 * /login/{tenant}/discovery/v2.0/keys, and their validation by the resource services.
 *
 * Times (iat/nbf/exp) follow the platform's real-time clock, not the simulated tenant clock:
 * MSAL caches tokens by wall-clock `expires_in`, so tokens must expire in real time. The clock is
 * injectable so tests expire a token without waiting an hour.
 */
import { randomUUID } from 'node:crypto';
import { SERVICE_AUDIENCES, type TokenClaims } from '../contract.js';
import type { CertifiedKey } from './certificates.js';
import { decodeJwt, signJwtRs256, verifyJwtSignature } from './jwt.js';
import { normaliseResource, type ResourceService } from './appRegistry.js';

/** Entra ID's default access-token lifetime as sent in `expires_in` (api-contracts.md §a Token). */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3599;

/** Entra ID tolerates 5 minutes of clock skew on nbf; expiry is enforced exactly here. */
const NBF_SKEW_SECONDS = 300;

export type AccessTokenSubject =
  | { kind: 'app'; appid: string; roles: string[] }
  | { kind: 'user'; appid: string; scp: string[]; upn: string; oid: string; name: string };

export interface TokenMinter {
  mintAccessToken(opts: { issuer: string; aud: string; subject: AccessTokenSubject }): { token: string; expiresIn: number };
  mintIdToken(opts: { issuer: string; clientId: string; upn: string; oid: string; name: string }): string;
  lifetimeSeconds(): number;
  setLifetimeSeconds(seconds: number): void;
}

export function createTokenMinter(tenantId: string, signing: CertifiedKey, clockMs: () => number, lifetime = DEFAULT_TOKEN_LIFETIME_SECONDS): TokenMinter {
  let lifetimeSeconds = lifetime;
  const header = { kid: signing.x5t, x5t: signing.x5t };
  return {
    lifetimeSeconds: () => lifetimeSeconds,
    setLifetimeSeconds(seconds) {
      lifetimeSeconds = seconds;
    },
    mintAccessToken({ issuer, aud, subject }) {
      const now = Math.floor(clockMs() / 1000);
      const common = { aud, iss: issuer, iat: now, nbf: now, exp: now + lifetimeSeconds, tid: tenantId, appid: subject.appid, azp: subject.appid, uti: randomUUID(), ver: '1.0' };
      const payload =
        subject.kind === 'app'
          ? { ...common, idtyp: 'app', appidacr: '1', oid: subject.appid, sub: subject.appid, roles: subject.roles }
          : { ...common, idtyp: 'user', appidacr: '0', oid: subject.oid, sub: subject.oid, scp: subject.scp.join(' '), upn: subject.upn, unique_name: subject.upn, name: subject.name };
      return { token: signJwtRs256(header, payload, signing.privateKey), expiresIn: lifetimeSeconds };
    },
    mintIdToken({ issuer, clientId, upn, oid, name }) {
      const now = Math.floor(clockMs() / 1000);
      const payload = { aud: clientId, iss: issuer, iat: now, nbf: now, exp: now + 3600, tid: tenantId, oid, sub: oid, preferred_username: upn, name, ver: '2.0' };
      return signJwtRs256(header, payload, signing.privateKey);
    },
  };
}

export type BearerCheck =
  | { kind: 'valid'; claims: TokenClaims }
  | { kind: 'missing' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'expired'; exp: number; now: number }
  | { kind: 'wrong-audience'; aud: string };

/**
 * Checks an Authorization header for `service`. `forceExpired` is the `expired-token` fault:
 * a token that would be valid is answered as expired.
 */
export function checkBearer(
  authorization: string | undefined,
  service: ResourceService,
  ctx: { tenantId: string; signingKey: CertifiedKey; nowMs: number; forceExpired?: boolean },
): BearerCheck {
  if (!authorization || authorization.trim() === '') return { kind: 'missing' };
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m) return { kind: 'invalid', reason: 'Authorization header is not a Bearer token' };
  const jwt = decodeJwt(m[1]!);
  if (!jwt) return { kind: 'invalid', reason: 'token is not a JWT' };
  if (jwt.header.kid !== ctx.signingKey.x5t || !verifyJwtSignature(jwt, ctx.signingKey.publicKey)) return { kind: 'invalid', reason: 'signature validation failed' };
  const p = jwt.payload;
  if (p.tid !== ctx.tenantId) return { kind: 'invalid', reason: 'token was issued for another tenant' };
  const now = Math.floor(ctx.nowMs / 1000);
  const exp = typeof p.exp === 'number' ? p.exp : 0;
  if (typeof p.nbf === 'number' && p.nbf > now + NBF_SKEW_SECONDS) return { kind: 'expired', exp, now };
  if (ctx.forceExpired || exp <= now) return { kind: 'expired', exp, now };
  const aud = typeof p.aud === 'string' ? p.aud : '';
  const accepted = SERVICE_AUDIENCES[service].map((a) => a.toLowerCase());
  if (!accepted.includes(normaliseResource(aud).toLowerCase())) return { kind: 'wrong-audience', aud };
  const claims: TokenClaims = {
    aud,
    tid: ctx.tenantId,
    appid: typeof p.appid === 'string' ? p.appid : '',
    roles: Array.isArray(p.roles) ? p.roles.filter((r): r is string => typeof r === 'string') : [],
    scp: typeof p.scp === 'string' ? p.scp.split(' ').filter(Boolean) : [],
    exp,
  };
  if (typeof p.upn === 'string') claims.upn = p.upn;
  return { kind: 'valid', claims };
}
