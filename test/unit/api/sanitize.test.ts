import { describe, expect, it } from 'vitest';
import { sanitizeDeep, sanitizeString, singleLine } from '../../../src/api/sanitize.js';

describe('sanitizeString', () => {
  it('removes CSI sequences such as clear-screen and colours', () => {
    expect(sanitizeString('a\u001b[2Jb\u001b[31;1mred\u001b[0m')).toBe('abred');
  });

  it('removes an OSC 52 clipboard write with its payload (BEL or ST terminated)', () => {
    expect(sanitizeString('x\u001b]52;c;ZXZpbA==\u0007y')).toBe('xy');
    expect(sanitizeString('x\u001b]52;c;ZXZpbA==\u001b\\y')).toBe('xy');
    expect(sanitizeString('x\u001b]8;;https://evil\u001b\\link\u001b]8;;\u001b\\')).toBe('xlink');
  });

  it('removes an unterminated OSC to the end rather than leaving its payload', () => {
    expect(sanitizeString('safe\u001b]0;title never ends')).toBe('safe');
  });

  it('removes DCS and 8-bit C1 forms', () => {
    expect(sanitizeString('a\u001bP1;2|payload\u001b\\b')).toBe('ab');
    expect(sanitizeString('a\u009b2Jb')).toBe('ab');
    expect(sanitizeString('a\u009d52;c;AA\u009cb')).toBe('ab');
  });

  it('removes bidi overrides and isolates so file names cannot read backwards', () => {
    expect(sanitizeString('invoice\u202Etxt.exe')).toBe('invoicetxt.exe');
    expect(sanitizeString('\u2066a\u2067b\u2068c\u2069')).toBe('abc');
  });

  it('keeps newlines and tabs, turns CRLF into LF and drops other C0 controls', () => {
    expect(sanitizeString('line1\r\nline2\tx\u0007\u0000\u007f')).toBe('line1\nline2\tx');
  });

  it('leaves ordinary Unicode alone', () => {
    const s = 'Défense — 攻撃 ✓ émoji 🙂';
    expect(sanitizeString(s)).toBe(s);
  });
});

describe('sanitizeDeep', () => {
  it('cleans nested values and keys, keeps other types', () => {
    const input = { title: 'a\u001b[2Jb', n: 3, ok: true, nil: null, list: ['\u001b]52;c;AA\u0007x', { deep: '\u202Ey' }], ['k\u001b[1m']: 'v' };
    const out = sanitizeDeep(input);
    expect(out).toEqual({ title: 'ab', n: 3, ok: true, nil: null, list: ['x', { deep: 'y' }], k: 'v' });
  });

  it('returns clean strings unchanged and the same object graph', () => {
    const row = { id: '1', tags: ['a', 'b'] };
    const rows = [row];
    const out = sanitizeDeep(rows);
    expect(out).toBe(rows);
    expect(out[0]).toBe(row);
  });
});

describe('singleLine', () => {
  it('flattens line breaks and tabs for table cells', () => {
    expect(singleLine('a\n\nb\tc')).toBe('a b c');
  });
});
