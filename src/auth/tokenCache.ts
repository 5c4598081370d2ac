/**
 * One token per scope for the whole run, refreshed before it expires. Tokens live only in this object's memory:
 * never logged, printed or written anywhere.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';

export interface TokenCacheOptions {
  /** Refresh this long before expiry. Default 5 minutes (access tokens live about an hour). */
  refreshMarginMs?: number;
  now?: () => number;
}

interface Entry {
  token: AccessToken;
  refreshAt: number;
}

export class TokenCache implements TokenCredential {
  readonly #inner: TokenCredential;
  readonly #margin: number;
  readonly #now: () => number;
  readonly #tokens = new Map<string, Entry>();
  readonly #pending = new Map<string, Promise<AccessToken>>();

  constructor(inner: TokenCredential, opts: TokenCacheOptions = {}) {
    this.#inner = inner;
    this.#margin = opts.refreshMarginMs ?? 5 * 60_000;
    this.#now = opts.now ?? Date.now;
  }

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    const list = (Array.isArray(scopes) ? scopes : [scopes]).slice().sort();
    const key = [options?.tenantId ?? '', ...list].join(' ');
    const cached = this.#tokens.get(key);
    const now = this.#now();
    // A claims challenge (continuous access evaluation) means the cached token was rejected: always ask again.
    if (cached && !options?.claims && now < cached.refreshAt) return cached.token;
    const inFlight = this.#pending.get(key);
    if (inFlight) return inFlight;
    const p = this.#fetch(key, list, options, cached);
    this.#pending.set(key, p);
    try {
      return await p;
    } finally {
      this.#pending.delete(key);
    }
  }

  async #fetch(key: string, scopes: string[], options: GetTokenOptions | undefined, cached: Entry | undefined): Promise<AccessToken> {
    const obtainedAt = this.#now();
    let token: AccessToken | null;
    try {
      token = await this.#inner.getToken(scopes, options);
    } catch (err) {
      // Refreshing early must not turn into an outage: a still-valid token keeps serving until it expires.
      if (cached && !options?.claims && this.#now() < cached.token.expiresOnTimestamp) return cached.token;
      throw err;
    }
    if (!token) throw new Error(`no token returned for ${scopes.join(' ')}`);
    this.#tokens.set(key, { token, refreshAt: refreshTime(token, obtainedAt, this.#margin) });
    return token;
  }

  /** Forget every token (e.g. after switching tenant). */
  clear(): void {
    this.#tokens.clear();
  }
}

/** Earliest of the credential's own refresh hint and expiry − margin; half the lifetime for very short tokens. */
function refreshTime(token: AccessToken, obtainedAt: number, margin: number): number {
  let at = token.expiresOnTimestamp - margin;
  if (at <= obtainedAt) at = obtainedAt + (token.expiresOnTimestamp - obtainedAt) / 2;
  if (token.refreshAfterTimestamp !== undefined) at = Math.min(at, token.refreshAfterTimestamp);
  return at;
}
