import { describe, expect, it } from 'vitest';
import { capacityFindings, namespaceCapacity } from '../../../../src/domain/streaming/index.js';

const MB = 1_048_576;

describe('capacityFindings', () => {
  it('flags ingress above throughput units × 1 MB/s, with the minutes over and the peak', () => {
    // 2 TU → 2,097,152 B/s. Minutes: 1.0 MB/s, 2.2 MB/s, 2.5 MB/s, no data → 2 minutes over, peak 2.5 MB/s.
    const f = capacityFindings({ throughputUnits: 2, hubCount: 5, tier: 'Standard', ingressBytesPerSecByMinute: [1.0 * MB, 2.2 * MB, 2.5 * MB, null], throttledRequests: 0 });
    expect(f.map((x) => x.kind)).toEqual(['ingressBytesOverCapacity']);
    expect(f[0]).toMatchObject({ severity: 'fail', peakPerSec: 2.5 * MB, capacityPerSec: 2 * MB, minutesOver: 2 });
  });

  it('flags ingress above 1,000 events/s per TU and egress above 2 MB/s per TU', () => {
    const f = capacityFindings({
      throughputUnits: 1,
      hubCount: 1,
      tier: 'standard',
      ingressBytesPerSecByMinute: [0.1 * MB],
      ingressEventsPerSecByMinute: [999, 1001],
      egressBytesPerSecByMinute: [2.5 * MB],
      throttledRequests: 0,
    });
    expect(f.map((x) => [x.kind, 'minutesOver' in x ? x.minutesOver : null])).toEqual([
      ['ingressEventsOverCapacity', 1],
      ['egressBytesOverCapacity', 1],
    ]);
  });

  it('warns near capacity without failing', () => {
    const f = capacityFindings({ throughputUnits: 1, hubCount: 1, tier: 'Standard', ingressBytesPerSecByMinute: [0.85 * MB], throttledRequests: 0 });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ kind: 'ingressNearCapacity', severity: 'warn', utilisation: 0.85 });
  });

  it('flags more hubs than the tier allows (Standard 10; Premium 100 per PU) and throttled requests', () => {
    const standard = capacityFindings({ throughputUnits: 4, hubCount: 11, tier: 'Standard', ingressBytesPerSecByMinute: [], throttledRequests: 3 });
    expect(standard.map((x) => x.kind)).toEqual(['hubsOverTierLimit', 'throttled']);
    expect(standard[0]).toMatchObject({ hubCount: 11, limit: 10 });
    const premium = capacityFindings({ throughputUnits: 1, hubCount: 21, tier: 'Premium', ingressBytesPerSecByMinute: [50 * MB], throttledRequests: 0 });
    expect(premium).toEqual([]); // 21 ≤ 100, and Premium has no per-unit MB/s figure
    expect(capacityFindings({ throughputUnits: 1, hubCount: 10, tier: 'Standard', ingressBytesPerSecByMinute: [0.1 * MB], throttledRequests: 0 })).toEqual([]);
  });

  it('warns on an unknown tier instead of guessing', () => {
    expect(capacityFindings({ throughputUnits: 1, hubCount: 30, tier: 'Gold', ingressBytesPerSecByMinute: [5 * MB], throttledRequests: 0 }).map((x) => x.kind)).toEqual(['unknownTier']);
  });
});

describe('namespaceCapacity', () => {
  it('gives the capacity bar: latest ingress over TU capacity', () => {
    const c = namespaceCapacity({ throughputUnits: 4, hubCount: 12, tier: 'Standard', ingressBytesPerSecByMinute: [1 * MB, 3 * MB, null], throttledRequests: 0 });
    expect([c.ingressBytesCapacityPerSec, c.ingressEventsCapacityPerSec, c.peakIngressBytesPerSec, c.latestIngressBytesPerSec, c.utilisation, c.hubLimit]).toEqual([4 * MB, 4000, 3 * MB, 3 * MB, 0.75, 10]);
  });
});
