import { describe, expect, it } from 'vitest';
import { jsonMayNeedSanitizing, parseJsonSanitized, sanitizeDeep, sanitizeString, singleLine } from '../../../src/api/sanitize.js';

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

/** Every way JSON text can spell the character `cp` inside a string: raw, short escape, \\u with each hex-digit case. */
function spellings(cp: number): string[] {
  const out: string[] = [];
  // Raw: JSON.parse rejects raw C0 controls in strings; '"' and '\\' cannot stand alone.
  if (cp >= 0x20 && cp !== 0x22 && cp !== 0x5c) out.push(String.fromCharCode(cp));
  const short: Record<number, string> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r', 0x22: '\\"', 0x2f: '\\/', 0x5c: '\\\\' };
  if (short[cp]) out.push(short[cp]);
  const hex = cp.toString(16).padStart(4, '0');
  const letters = [...hex].map((c, i) => (/[a-f]/.test(c) ? i : -1)).filter((i) => i >= 0);
  for (let mask = 0; mask < 1 << letters.length; mask++) {
    const digits = [...hex];
    letters.forEach((pos, bit) => {
      if (mask & (1 << bit)) digits[pos] = digits[pos]!.toUpperCase();
    });
    out.push('\\u' + digits.join(''));
  }
  return out;
}

/**
 * The spelled character as a whole value, inside a value, inside a key, right after an escaped
 * backslash (the escape hop must not lose step), and each of these again in a text that is not pure
 * ASCII (the other raw check). No other string holds a removable character.
 */
const bodies = (sp: string) => {
  const ascii = [`"${sp}"`, `{"id":"1","a":["x${sp}y"],"n":3}`, `{"k${sp}":"v","ok":true}`, `["\\\\${sp}","\\"q\\\\"]`];
  return [...ascii, ...ascii.map((b) => `[${b},"Zürich 攻撃 🙂"]`)];
};

describe('parseJsonSanitized (skips the walk for a text proved clean)', () => {
  it('for every BMP code point, raw and in every escape spelling, in keys and values: same value as sanitizeDeep(JSON.parse), never skipping one sanitizeString would change', () => {
    const wrong: string[] = [];
    const missed: string[] = [];
    const needless: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      const ch = String.fromCharCode(cp);
      const removable = sanitizeString(`a${ch}b`) !== `a${ch}b`;
      for (const sp of spellings(cp)) {
        for (const text of bodies(sp)) {
          const fast = JSON.stringify(parseJsonSanitized(text));
          const slow = JSON.stringify(sanitizeDeep(JSON.parse(text) as unknown));
          if (fast !== slow) wrong.push(text);
          const flagged = jsonMayNeedSanitizing(text);
          if (removable && !flagged) missed.push(text);
          // Precision: a character that is kept is never flagged in these bodies (so clean bodies do skip).
          if (!removable && flagged) needless.push(text);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(missed).toEqual([]);
    expect(needless).toEqual([]);
  });

  it('flags every character sanitizeString removes and skips every other one (the removable set is exactly C0 but tab/LF, DEL, C1, bidi controls)', () => {
    const removable: number[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) if (sanitizeString(`a${String.fromCharCode(cp)}b`) !== `a${String.fromCharCode(cp)}b`) removable.push(cp);
    const expected = [...range(0x00, 0x08), ...range(0x0b, 0x1f), ...range(0x7f, 0x9f), ...range(0x202a, 0x202e), ...range(0x2066, 0x2069)];
    expect(removable).toEqual(expected);
  });

  it('a raw control character cannot hide inside a JSON string: JSON.parse rejects it, so raw CR/LF/tab only occur between tokens', () => {
    for (let cp = 0; cp < 0x20; cp++) expect(() => JSON.parse(`"a${String.fromCharCode(cp)}b"`)).toThrow();
    expect(JSON.parse('{\r\n\t"a": "b"\r\n}')).toEqual({ a: 'b' });
    expect(jsonMayNeedSanitizing('{\r\n\t"a": "b"\r\n}')).toBe(false);
  });

  it('reads escapes in step: an escaped backslash followed by u001b or b is text, not a control', () => {
    for (const text of ['"\\\\u001b[2J"', '"C:\\\\bin\\\\fr\\\\rx"', '{"\\\\u202e":"\\\\\\\\u009b"}']) {
      expect(jsonMayNeedSanitizing(text)).toBe(false);
      expect(parseJsonSanitized(text)).toEqual(JSON.parse(text));
    }
    expect(jsonMayNeedSanitizing('"\\\\\\u001b[2J"')).toBe(true);
    expect(parseJsonSanitized('"\\\\\\u001b[2J"')).toBe('\\');
  });

  it('skips clean pages, escapes of kept characters and astral text included', () => {
    const page = JSON.stringify({
      '@odata.context': 'https://api.securitycenter.microsoft.com/api/$metadata#Indicators',
      value: [{ id: '1', title: 'Zürich — 攻撃 🙂', description: 'line 1\nline 2\tcol', path: 'C:\\Windows\\notepad.exe', q: 'say "hi"' }],
    });
    expect(jsonMayNeedSanitizing(page)).toBe(false);
    expect(jsonMayNeedSanitizing('{"a":"\\ud83d\\ude00","b":"\\u00e9\\u2028\\u202f\\u2065\\u206A"}')).toBe(false);
    const parsed = parseJsonSanitized(page);
    expect(parsed).toEqual(JSON.parse(page));
  });

  it('still cleans what a flagged text holds, e.g. an escaped clear-screen and bidi override in a key and a value', () => {
    expect(parseJsonSanitized('{"t\\u001B[2Jx":"pay\\u202Efdp.exe","ok":"\\r\\nz"}')).toEqual({ tx: 'payfdp.exe', ok: '\nz' });
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe('singleLine', () => {
  it('flattens line breaks and tabs for table cells', () => {
    expect(singleLine('a\n\nb\tc')).toBe('a b c');
  });
});
