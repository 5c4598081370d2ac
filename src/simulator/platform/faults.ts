/**
 * Injected faults, per service, deterministic (counted, never random).
 *
 * Spec syntax (for `--faults` and POST /_sim/faults {"spec": "..."}): comma-separated
 * `<service>:<kind>:<n>` where service is mde | graph | arm | loganalytics | login | * (any):
 *   <service>:429:N            the next N requests get 429 with Retry-After: 1 and the service's 429 body
 *   <service>:5xx:N            e.g. graph:500:2, arm:503:1 — the next N requests get that status and body
 *   <service>:latency:MS       every request waits MS milliseconds first, until cleared (not counted)
 *   <service>:reset:N          the next N requests are processed, then the socket is destroyed mid-response
 *   <service>:malformed:N      the next N requests are processed, then answered 200 with truncated JSON
 *   <service>:nextlink:N       the next N *paged* requests (carrying $skip or $skiptoken) get 500
 *   <service>:expired-token:N  the next N authenticated requests have their token treated as expired (401)
 * A request consumes at most one counted fault: the earliest-added one that applies to it
 * (expired-token applies only where a token is checked, nextlink only to paged requests).
 */
import type { ServiceName } from '../contract.js';

export type FaultTarget = ServiceName | '*';

export type FaultEffect =
  | { kind: 'status'; status: number }
  | { kind: 'latency'; ms: number }
  | { kind: 'reset' }
  | { kind: 'malformed' }
  | { kind: 'nextlink' }
  | { kind: 'expired-token' };

export type CountedEffect = Exclude<FaultEffect, { kind: 'latency' }>;

export type Fault =
  | { id: number; service: FaultTarget; effect: { kind: 'latency'; ms: number } }
  | { id: number; service: FaultTarget; effect: CountedEffect; remaining: number };

/** How a fault is shown by GET /_sim/faults and /_sim/state. */
export interface FaultView {
  id: number;
  spec: string;
  service: FaultTarget;
  kind: string;
  remaining?: number;
  latencyMs?: number;
}

export class FaultSpecError extends Error {}

const TARGETS: readonly FaultTarget[] = ['mde', 'graph', 'arm', 'loganalytics', 'login', '*'];

export type ParsedFault = { service: FaultTarget; effect: FaultEffect; count: number };

export function parseFaultSpec(spec: string): ParsedFault[] {
  const items = spec.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new FaultSpecError('empty fault spec: expected <service>:<kind>:<n>, e.g. mde:429:5');
  return items.map(parseOne);
}

function parseOne(item: string): ParsedFault {
  const parts = item.split(':');
  const usage = `bad fault "${item}": expected <service>:<kind>:<n> with service mde|graph|arm|loganalytics|login|* and kind 429|5xx|latency|reset|malformed|nextlink|expired-token, e.g. mde:429:5`;
  if (parts.length !== 3) throw new FaultSpecError(usage);
  const [service, kind, nText] = parts as [string, string, string];
  if (!TARGETS.includes(service as FaultTarget)) throw new FaultSpecError(usage);
  if (!/^\d+$/.test(nText) || Number(nText) < 1) throw new FaultSpecError(`bad fault "${item}": the last part must be a positive whole number`);
  const n = Number(nText);
  const target = service as FaultTarget;
  if (/^\d{3}$/.test(kind)) {
    const status = Number(kind);
    if (status !== 429 && (status < 500 || status > 599)) throw new FaultSpecError(`bad fault "${item}": status faults are 429 or 500-599`);
    return { service: target, effect: { kind: 'status', status }, count: n };
  }
  switch (kind) {
    case 'latency':
      return { service: target, effect: { kind: 'latency', ms: n }, count: 0 };
    case 'reset':
    case 'malformed':
    case 'nextlink':
    case 'expired-token':
      if (target === 'login' && (kind === 'expired-token')) throw new FaultSpecError(`bad fault "${item}": login requests carry no token`);
      return { service: target, effect: { kind }, count: n };
    default:
      throw new FaultSpecError(usage);
  }
}

export function faultSpecOf(f: Fault): string {
  const kind = f.effect.kind === 'status' ? String(f.effect.status) : f.effect.kind;
  return `${f.service}:${kind}:${f.effect.kind === 'latency' ? f.effect.ms : 'remaining' in f ? f.remaining : ''}`;
}

export class FaultBoard {
  private faults: Fault[] = [];
  private nextId = 1;

  add(parsed: ParsedFault[]): FaultView[] {
    const added = parsed.map((p): Fault => (p.effect.kind === 'latency' ? { id: this.nextId++, service: p.service, effect: p.effect } : { id: this.nextId++, service: p.service, effect: p.effect, remaining: p.count }));
    this.faults.push(...added);
    return added.map(view);
  }

  list(): FaultView[] {
    return this.faults.map(view);
  }

  /** Clears all faults, or those of one target; returns how many were removed. */
  clear(service?: FaultTarget): number {
    const before = this.faults.length;
    this.faults = service ? this.faults.filter((f) => f.service !== service) : [];
    return before - this.faults.length;
  }

  /** Added latency for a request to `service` (the largest that applies). */
  latencyMs(service: ServiceName): number {
    let ms = 0;
    for (const f of this.faults) if (f.effect.kind === 'latency' && applies(f, service)) ms = Math.max(ms, f.effect.ms);
    return ms;
  }

  /** Consumes one `expired-token` fault for an authenticated request, if any applies. */
  takeExpiredToken(service: ServiceName): boolean {
    return this.take(service, (e) => e.kind === 'expired-token') !== undefined;
  }

  /** Consumes the earliest counted fault (other than expired-token) that applies to this request. */
  takeRequestFault(service: ServiceName, paged: boolean): CountedEffect | undefined {
    return this.take(service, (e) => e.kind !== 'expired-token' && (e.kind !== 'nextlink' || paged));
  }

  private take(service: ServiceName, accepts: (e: CountedEffect) => boolean): CountedEffect | undefined {
    for (const f of this.faults) {
      if (!('remaining' in f) || !applies(f, service) || !accepts(f.effect)) continue;
      f.remaining -= 1;
      if (f.remaining <= 0) this.faults = this.faults.filter((x) => x !== f);
      return f.effect;
    }
    return undefined;
  }
}

function applies(f: Fault, service: ServiceName): boolean {
  return f.service === '*' || f.service === service;
}

function view(f: Fault): FaultView {
  const kind = f.effect.kind === 'status' ? String(f.effect.status) : f.effect.kind;
  return f.effect.kind === 'latency'
    ? { id: f.id, spec: faultSpecOf(f), service: f.service, kind, latencyMs: f.effect.ms }
    : { id: f.id, spec: faultSpecOf(f), service: f.service, kind, remaining: 'remaining' in f ? f.remaining : 0 };
}

/** A request is "paged" when it continues a listing (Graph/MDE $skip, ARM/Graph $skiptoken). */
export function isPagedRequest(query: URLSearchParams): boolean {
  for (const [key, value] of query) {
    const k = key.toLowerCase();
    if (k === '$skiptoken' || k === 'skiptoken') return true;
    // "$skip=0" is a first page written explicitly, not a continuation.
    if (k === '$skip' && value.trim() !== '0') return true;
  }
  return false;
}
