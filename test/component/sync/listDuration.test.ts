/** The Sync list's "for" column (screens/sync/listDuration.ts). */
import { describe, expect, it } from 'vitest';
import { listDuration } from '../../../screens/sync/listDuration.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('listDuration', () => {
  it('is exact under an hour, where the 10-minute lag target is judged', () => {
    expect(listDuration(8 * MIN + 37_000)).toBe('8m37s');
    expect(listDuration(59 * MIN)).toBe('59m');
  });

  it('is whole hours from an hour on, so an hour-old row does not change every minute', () => {
    expect(listDuration(HOUR)).toBe('1h');
    expect(listDuration(12 * HOUR + 4 * MIN)).toBe('12h');
    expect(listDuration(12 * HOUR + 59 * MIN)).toBe(listDuration(12 * HOUR + 4 * MIN));
    expect(listDuration(13 * HOUR)).toBe('13h');
  });

  it('is days and hours from two days on', () => {
    expect(listDuration(50 * HOUR + 30 * MIN)).toBe('2d2h');
  });
});
