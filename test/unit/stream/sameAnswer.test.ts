/** "Did this poll bring anything new?" per Streaming source (src/stores/stream/sameAnswer.ts). */
import { describe, expect, it } from 'vitest';
import { sameHubMetrics, sameJson } from '../../../src/stores/stream/sameAnswer.js';
import type { HubMetrics } from '../../../src/stores/stream/index.js';
import type { MetricsResponse } from '../../../src/domain/types.js';

function response(end: string, total: number): MetricsResponse {
  return {
    timespan: `2025-01-01T09:00:00Z/${end}`,
    interval: 'PT1M',
    value: [
      {
        name: { value: 'IncomingMessages' },
        unit: 'Count',
        timeseries: [{ metadatavalues: [{ name: { value: 'entityname' }, value: 'hub-a' }], data: [{ timeStamp: '2025-01-01T09:58:00Z', total }] }],
      },
    ],
  };
}
const metrics = (end: string, total: number): HubMetrics => ({ responses: [response(end, total)], serverNow: end, clockOffsetMs: 0 });

describe('sameHubMetrics', () => {
  it('takes an answer with the same figures in the same service minute for the same, although its clock moved on', () => {
    expect(sameHubMetrics(metrics('2025-01-01T10:00:05Z', 120), metrics('2025-01-01T10:00:35Z', 120))).toBe(true);
  });

  it('sees a changed figure', () => {
    expect(sameHubMetrics(metrics('2025-01-01T10:00:05Z', 120), metrics('2025-01-01T10:00:35Z', 121))).toBe(false);
  });

  it('sees a new minute even with the same figures (the window moved on)', () => {
    expect(sameHubMetrics(metrics('2025-01-01T10:00:55Z', 120), metrics('2025-01-01T10:01:05Z', 120))).toBe(false);
  });

  it('sees a different number of answers (a longer window asks twice)', () => {
    const two: HubMetrics = { ...metrics('2025-01-01T10:00:35Z', 120), responses: [response('2025-01-01T10:00:35Z', 120), response('2025-01-01T10:00:35Z', 120)] };
    expect(sameHubMetrics(metrics('2025-01-01T10:00:05Z', 120), two)).toBe(false);
  });
});

describe('sameJson', () => {
  it('compares by value, in order', () => {
    expect(sameJson([{ table: 'A', eventsLast24h: 3 }], [{ table: 'A', eventsLast24h: 3 }])).toBe(true);
    expect(sameJson([{ table: 'A', eventsLast24h: 3 }], [{ table: 'A', eventsLast24h: 4 }])).toBe(false);
  });
});
