/**
 * Minimal JWS compact serialisation for the simulated Entra ID: RS256 signing of access and id
 * tokens, and RS256/PS256 verification of client assertions. msal-node signs certificate
 * assertions with PS256 when given a SHA-256 thumbprint and RS256 with a SHA-1 one
 * (msal-node ClientAssertion.createJwt), so both must verify.
 */
import { createSign, verify as cryptoVerify, constants, type KeyObject } from 'node:crypto';

export type JwtHeader = Record<string, unknown> & { alg?: string; kid?: string; x5t?: string; 'x5t#S256'?: string; x5c?: string[] };
export type JwtPayload = Record<string, unknown>;

export function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

export function signJwtRs256(header: JwtHeader, payload: JwtPayload, privateKey: KeyObject): string {
  const signingInput = `${base64url(JSON.stringify({ ...header, alg: 'RS256', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKey);
  return `${signingInput}.${base64url(signature)}`;
}

export type DecodedJwt = { header: JwtHeader; payload: JwtPayload; signingInput: string; signature: Buffer };

/** Splits and parses a compact JWT without checking its signature; null when it is not one. */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [h, p, s] = parts as [string, string, string];
  try {
    const header: unknown = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    const payload: unknown = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    if (!isObject(header) || !isObject(payload)) return null;
    return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
  } catch {
    return null;
  }
}

/** True when the JWT's signature verifies with the key under its declared alg (RS256 or PS256 only). */
export function verifyJwtSignature(jwt: DecodedJwt, publicKey: KeyObject): boolean {
  const data = Buffer.from(jwt.signingInput);
  switch (jwt.header.alg) {
    case 'RS256':
      return cryptoVerify('sha256', data, publicKey, jwt.signature);
    case 'PS256':
      return cryptoVerify('sha256', data, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, jwt.signature);
    default:
      return false;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
