import { describe, expect, it } from 'vitest';
import { parseIsoUtcMs } from '../../../../src/domain/sync/isoTime.js';

describe('parseIsoUtcMs', () => {
  it('agrees with Date.parse on wire timestamps and falls back on everything else', () => {
    const samples = [
      '2026-01-22T12:09:23.1433333Z', // Graph, 7 fractional digits
      '2026-02-25T16:29:33.1Z',
      '2019-01-01T13:15:30Z', // ARM, no fraction
      '2024-02-29T23:59:59.999Z', // leap day (fallback path: day > 28)
      '2000-03-01T00:00:00Z',
      '1969-12-31T23:59:59.5Z',
      '2026-03-02T12:00:00+01:00', // offset → Date.parse
      '2026-03-02T12:00:00', // no zone → Date.parse
      'not a date',
      '2026-13-01T00:00:00Z',
    ];
    for (const s of samples) expect(Object.is(parseIsoUtcMs(s), Date.parse(s)), s).toBe(true);
  });
});
