/**
 * Documented rate limits, enforced per app + tenant (limits apply per application and tenant:
 * MicrosoftDocs/microsoft-365-docs#10124) on a clock the caller injects, so a test can pass a
 * minute without sleeping. Rejected calls do not consume quota.
 *
 * Sources (api-contracts.md): MDE indicators list/submit/delete and machines 100/min + 1,500/h,
 * import and BatchDelete 30/min (BatchDelete also 1,500/h); Graph `/security/*` 150/min per app
 * per tenant (no documented row for incidents — configurable), runHuntingQuery 45/min + 1,500/h
 * (hunting quota); ARM subscription token bucket reads 250 refilling 25/s (writes/deletes 200
 * refilling 10/s); Log Analytics 200 requests / 30 s per user.
 */
import type { ResourceService } from './appRegistry.js';

export interface WindowLimit {
  max: number;
  windowMs: number;
  /** Words for the 429 message, e.g. "100 calls per minute". */
  label: string;
}

export interface RateLimitConfig {
  /** Graph `/security/*` requests per minute per app per tenant (default 150). */
  graphSecurityPerMinute?: number;
}

export type RateDecision =
  | { kind: 'allowed'; headers: Record<string, string> }
  | { kind: 'throttled'; retryAfterSeconds: number; detail: string; headers: Record<string, string> };

interface Rule {
  /** Bucket name shared by the operations it covers. */
  bucket: string;
  limits: WindowLimit[];
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const perMinute = (n: number): WindowLimit => ({ max: n, windowMs: MINUTE, label: `${n} calls per minute` });
const perHour = (n: number): WindowLimit => ({ max: n, windowMs: HOUR, label: `${n} calls per hour` });

function mdeRule(method: string, path: string): Rule | undefined {
  const p = path.toLowerCase().replace(/^\/api\/v1\.0\//, '/api/').replace(/\/+$/, '');
  if (p === '/api/indicators/import' && method === 'POST') return { bucket: 'mde:indicators.import', limits: [perMinute(30)] };
  if (p === '/api/indicators/batchdelete' && method === 'POST') return { bucket: 'mde:indicators.batchDelete', limits: [perMinute(30), perHour(1500)] };
  if (p === '/api/indicators') {
    if (method === 'GET') return { bucket: 'mde:indicators.list', limits: [perMinute(100), perHour(1500)] };
    if (method === 'POST') return { bucket: 'mde:indicators.submit', limits: [perMinute(100), perHour(1500)] };
  }
  if (/^\/api\/indicators\/[^/]+$/.test(p) && method === 'DELETE') return { bucket: 'mde:indicators.delete', limits: [perMinute(100), perHour(1500)] };
  if (p === '/api/machines' || p.startsWith('/api/machines/')) return { bucket: 'mde:machines', limits: [perMinute(100), perHour(1500)] };
  return undefined;
}

function graphRule(method: string, path: string, cfg: RateLimitConfig): Rule | undefined {
  const p = path.toLowerCase().replace(/^\/(v1\.0|beta)/, '');
  if (p === '/security/runhuntingquery' || p === '/security/microsoft.graph.security.runhuntingquery') return { bucket: 'graph:runHuntingQuery', limits: [perMinute(45), perHour(1500)] };
  if (p.startsWith('/security/')) {
    const n = cfg.graphSecurityPerMinute ?? 150;
    return { bucket: 'graph:security', limits: [{ max: n, windowMs: MINUTE, label: `${n} requests per minute on /security` }] };
  }
  return undefined;
}

/** Sliding-window log of accepted call times for one key. */
class SlidingWindow {
  private times: number[] = [];
  constructor(private readonly limits: WindowLimit[]) {}

  /** ms until a call fits in every window, 0 when it fits now. */
  waitMs(now: number): { waitMs: number; limit?: WindowLimit } {
    const longest = Math.max(...this.limits.map((l) => l.windowMs));
    while (this.times.length > 0 && this.times[0]! <= now - longest) this.times.shift();
    let worst = { waitMs: 0 } as { waitMs: number; limit?: WindowLimit };
    for (const limit of this.limits) {
      const inWindow = this.times.filter((t) => t > now - limit.windowMs);
      if (inWindow.length >= limit.max) {
        // The call fits once the oldest call that keeps the window full has left it.
        const oldestBlocking = inWindow[inWindow.length - limit.max]!;
        const wait = oldestBlocking + limit.windowMs - now;
        if (wait > worst.waitMs) worst = { waitMs: wait, limit };
      }
    }
    return worst;
  }

  record(now: number): void {
    this.times.push(now);
  }
}

/** ARM's token bucket (request-limits-and-throttling, 2024 model). */
class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(private readonly capacity: number, private readonly refillPerSecond: number, now: number) {
    this.tokens = capacity;
    this.last = now;
  }
  take(now: number): { ok: true; remaining: number } | { ok: false; waitMs: number } {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.refillPerSecond);
    this.last = now;
    if (this.tokens < 1) return { ok: false, waitMs: ((1 - this.tokens) / this.refillPerSecond) * 1000 };
    this.tokens -= 1;
    return { ok: true, remaining: Math.floor(this.tokens) };
  }
}

export interface RateLimiter {
  /** Decides and, when allowed, records the call. `caller` is "tenant:app" (or the UPN for users). */
  check(service: ResourceService, method: string, path: string, caller: string): RateDecision;
  reset(): void;
}

export function createRateLimiter(clockMs: () => number, cfg: RateLimitConfig = {}): RateLimiter {
  let windows = new Map<string, SlidingWindow>();
  let buckets = new Map<string, TokenBucket>();

  function windowed(key: string, rule: Rule, retry: (ms: number) => number): RateDecision {
    const now = clockMs();
    let w = windows.get(key);
    if (!w) windows.set(key, (w = new SlidingWindow(rule.limits)));
    const { waitMs, limit } = w.waitMs(now);
    if (waitMs > 0) return { kind: 'throttled', retryAfterSeconds: retry(waitMs), detail: `Maximum allowed ${limit!.label}.`, headers: {} };
    w.record(now);
    return { kind: 'allowed', headers: {} };
  }
  // Retry-After in whole seconds (MDE, ARM, Log Analytics); Graph may send fractions ("2.128").
  const wholeSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
  const fractionalSeconds = (ms: number) => Math.max(0.001, Math.ceil(ms) / 1000);

  return {
    reset() {
      windows = new Map();
      buckets = new Map();
    },
    check(service, method, path, caller) {
      const m = method.toUpperCase();
      switch (service) {
        case 'mde': {
          const rule = mdeRule(m, path);
          return rule ? windowed(`${caller}|${rule.bucket}`, rule, wholeSeconds) : { kind: 'allowed', headers: {} };
        }
        case 'graph': {
          const rule = graphRule(m, path, cfg);
          return rule ? windowed(`${caller}|${rule.bucket}`, rule, fractionalSeconds) : { kind: 'allowed', headers: {} };
        }
        case 'loganalytics':
          return windowed(`${caller}|loganalytics`, { bucket: 'loganalytics', limits: [{ max: 200, windowMs: 30_000, label: '200 requests per 30 seconds' }] }, wholeSeconds);
        case 'arm': {
          const kind = m === 'GET' || m === 'HEAD' ? 'reads' : m === 'DELETE' ? 'deletes' : 'writes';
          const sub = /\/subscriptions\/([^/]+)/i.exec(path)?.[1]?.toLowerCase() ?? 'tenant';
          const key = `${caller}|${sub}|${kind}`;
          const now = clockMs();
          let b = buckets.get(key);
          if (!b) buckets.set(key, (b = kind === 'reads' ? new TokenBucket(250, 25, now) : new TokenBucket(200, 10, now)));
          const taken = b.take(now);
          if (!taken.ok) {
            const retryAfterSeconds = wholeSeconds(taken.waitMs);
            return { kind: 'throttled', retryAfterSeconds, detail: `Number of '${kind === 'reads' ? 'read' : kind === 'deletes' ? 'delete' : 'write'}' requests for subscription '${sub}' exceeded.`, headers: { [`x-ms-ratelimit-remaining-subscription-${kind}`]: '0' } };
          }
          return { kind: 'allowed', headers: { [`x-ms-ratelimit-remaining-subscription-${kind}`]: String(taken.remaining) } };
        }
      }
    },
  };
}
