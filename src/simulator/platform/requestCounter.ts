/**
 * Counts requests per service and operation since start or the last reset (GET/DELETE
 * /_sim/requests). The benchmark reads it to measure a screen's API cost, so every request that
 * reached a service counts — including ones answered 401 or 429, which cost a round trip too.
 */
import type { ServiceName } from '../contract.js';

export interface ServiceCounts {
  total: number;
  /** Requests answered 429 (documented limits and injected faults). */
  throttled: number;
  operations: Record<string, number>;
}

export interface RequestCountsSnapshot {
  since: string;
  total: number;
  services: Partial<Record<ServiceName, ServiceCounts>>;
}

export class RequestCounter {
  private since: number;
  private services = new Map<ServiceName, ServiceCounts>();

  constructor(private readonly clockMs: () => number) {
    this.since = clockMs();
  }

  record(service: ServiceName, operation: string, status: number): void {
    let s = this.services.get(service);
    if (!s) this.services.set(service, (s = { total: 0, throttled: 0, operations: {} }));
    s.total += 1;
    if (status === 429) s.throttled += 1;
    s.operations[operation] = (s.operations[operation] ?? 0) + 1;
  }

  snapshot(): RequestCountsSnapshot {
    const services: Partial<Record<ServiceName, ServiceCounts>> = {};
    let total = 0;
    for (const [name, s] of this.services) {
      services[name] = { total: s.total, throttled: s.throttled, operations: { ...s.operations } };
      total += s.total;
    }
    return { since: new Date(this.since).toISOString(), total, services };
  }

  reset(): void {
    this.services.clear();
    this.since = this.clockMs();
  }
}
