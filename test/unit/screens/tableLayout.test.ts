import { describe, expect, it } from 'vitest';
import { layoutColumns } from '../../../screens/components/tableLayout.js';
import { cellWidth, fit } from '../../../screens/components/text.js';

describe('layoutColumns', () => {
  const cols = [
    { id: 'value', minWidth: 20, flex: 2, priority: 1 },
    { id: 'type', width: 10, priority: 1 },
    { id: 'title', minWidth: 15, flex: 1, priority: 2 },
    { id: 'updated', width: 12, priority: 3 },
  ];

  it('fills the width exactly when everything fits', () => {
    const w = layoutColumns(cols, 120, 2);
    expect([...w.keys()]).toEqual(['value', 'type', 'title', 'updated']);
    const total = [...w.values()].reduce((a, b) => a + b, 0) + 3 + 2;
    expect(total).toBe(120);
    expect(w.get('type')).toBe(10);
    // Flexible columns share the spare width 2:1.
    expect((w.get('value') ?? 0) - 20).toBeGreaterThanOrEqual(2 * ((w.get('title') ?? 0) - 15) - 2);
  });

  it('drops the least important columns first when narrow', () => {
    expect([...layoutColumns(cols, 60, 2).keys()]).toEqual(['value', 'type', 'title']);
    expect([...layoutColumns(cols, 40, 2).keys()]).toEqual(['value', 'type']);
  });
});

describe('fit', () => {
  it('pads and truncates by terminal cells', () => {
    expect(fit('abc', 5)).toBe('abc  ');
    expect(fit('abcdef', 4)).toBe('abc…');
    expect(fit('7', 3, 'right')).toBe('  7');
    expect(cellWidth('日本')).toBe(4);
    expect(fit('日本語テキスト', 6)).toBe('日本… ');
    expect(cellWidth(fit('日本語テキスト', 6))).toBe(6);
  });

  it('flattens newlines and tabs so a row stays one line', () => {
    expect(fit('a\nb\tc', 6)).toBe('a b c ');
  });
});
