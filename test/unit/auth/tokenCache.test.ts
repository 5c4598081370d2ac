import { describe, expect, it, vi } from 'vitest';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { TokenCache } from '../../../src/auth/tokenCache.js';

const HOUR = 3_600_000;
const MIN = 60_000;

function fakeCredential(now: () => number, lifetimeMs = HOUR) {
  let n = 0;
  const getToken = vi.fn(async (scopes: string | string[]): Promise<AccessToken> => {
    n++;
    return { token: `${[scopes].flat().join(',')}#${n}`, expiresOnTimestamp: now() + lifetimeMs };
  });
  return { getToken } satisfies TokenCredential;
}

describe('TokenCache', () => {
  it('keeps one token per scope and reuses it until 5 minutes before expiry', async () => {
    let t = 0;
    const inner = fakeCredential(() => t);
    const cache = new TokenCache(inner, { now: () => t });
    const graph = 'https://graph.microsoft.com/.default';
    const mde = 'https://api.securitycenter.microsoft.com/.default';
    expect((await cache.getToken(graph)).token).toBe(`${graph}#1`);
    expect((await cache.getToken(mde)).token).toBe(`${mde}#2`);
    t = HOUR - 5 * MIN - 1;
    expect((await cache.getToken(graph)).token).toBe(`${graph}#1`);
    expect(inner.getToken).toHaveBeenCalledTimes(2);
    t = HOUR - 5 * MIN;
    expect((await cache.getToken(graph)).token).toBe(`${graph}#3`);
    expect(inner.getToken).toHaveBeenCalledTimes(3);
  });

  it('shares one in-flight request between concurrent callers', async () => {
    const inner = fakeCredential(() => 0);
    const cache = new TokenCache(inner, { now: () => 0 });
    const [a, b] = await Promise.all([cache.getToken('s'), cache.getToken(['s'])]);
    expect(a.token).toBe(b.token);
    expect(inner.getToken).toHaveBeenCalledTimes(1);
  });

  it('keeps serving a still-valid token when the early refresh fails, and fails once it has expired', async () => {
    let t = 0;
    let fail = false;
    const inner: TokenCredential = {
      getToken: vi.fn(async () => {
        if (fail) throw new Error('AADSTS50058: network down');
        return { token: 'tok', expiresOnTimestamp: t + HOUR };
      }),
    };
    const cache = new TokenCache(inner, { now: () => t });
    await cache.getToken('s');
    fail = true;
    t = HOUR - MIN; // inside the refresh margin, not yet expired
    expect((await cache.getToken('s')).token).toBe('tok');
    t = HOUR;
    await expect(cache.getToken('s')).rejects.toThrow('AADSTS50058');
  });

  it("honours the credential's refreshAfterTimestamp and refreshes short-lived tokens at half-life", async () => {
    let t = 0;
    let n = 0;
    const inner: TokenCredential = {
      getToken: vi.fn(async () => ({ token: `t${++n}`, expiresOnTimestamp: t + 4 * MIN, ...(n === 1 ? { refreshAfterTimestamp: t + MIN } : {}) })),
    };
    const cache = new TokenCache(inner, { now: () => t });
    await cache.getToken('s');
    t = MIN;
    expect((await cache.getToken('s')).token).toBe('t2'); // refreshAfter reached
    t = MIN + 2 * MIN - 1;
    expect((await cache.getToken('s')).token).toBe('t2'); // 4-min token: refresh at half-life
    t = MIN + 2 * MIN;
    expect((await cache.getToken('s')).token).toBe('t3');
  });

  it('bypasses the cache for a claims challenge', async () => {
    const inner = fakeCredential(() => 0);
    const cache = new TokenCache(inner, { now: () => 0 });
    await cache.getToken('s');
    await cache.getToken('s', { claims: '{"access_token":{}}' });
    expect(inner.getToken).toHaveBeenCalledTimes(2);
  });
});
