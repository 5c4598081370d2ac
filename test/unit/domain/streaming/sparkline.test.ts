import { describe, expect, it } from 'vitest';
import { sparkline } from '../../../../src/domain/streaming/index.js';

describe('sparkline', () => {
  it('scales from 0 to the maximum over eight block heights', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8)).toBe('▁▂▃▄▅▆▇█');
  });

  it('shows missing points as blanks and zero as the lowest bar', () => {
    expect(sparkline([4, null, 0, 4], 4)).toBe('█ ▁█');
    expect(sparkline([0, 0, 0], 3)).toBe('▁▁▁');
  });

  it('right-aligns short series and keeps spikes when downsampling', () => {
    expect(sparkline([7], 3)).toBe('  █');
    // Two cells of four values each: max(1,0,0,0)=1 → level round(1/8×7)=1; max(…,8)=8 → top.
    expect(sparkline([1, 0, 0, 0, 0, 0, 0, 8], 2)).toBe('▂█');
    expect(sparkline([null, null, 3, 3], 2)).toBe(' █');
  });

  it('has an ASCII variant and returns exactly width characters', () => {
    expect(sparkline([0, 7, null], 3, { symbols: 'ascii' })).toBe('_# ');
    expect([...sparkline(Array.from({ length: 60 }, (_, i) => i), 17)]).toHaveLength(17);
    expect(sparkline([1, 2], 0)).toBe('');
  });
});
