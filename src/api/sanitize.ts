/**
 * Strip terminal control sequences from everything an API returns, once, at the client boundary.
 *
 * Why: indicator titles, incident names, hunting results and comments are written by other people
 * (or attackers: an indicator title is attacker-influenced when it mirrors a URL). Printed raw, an
 * `ESC[2J` clears the operator's screen, an OSC 52 writes their clipboard, and a bidi override
 * (U+202E) makes `exe.txt` read as `txt.exe`. Nothing downstream (screens, CLI output, exports)
 * re-checks, so this must run on every string before anything renders or prints it.
 *
 * Kept: `\n` and `\t` (descriptions, comments and KQL are multi-line; table cells flatten them
 * with `singleLine`). Dropped: ESC-introduced sequences (CSI, OSC, DCS, SOS, PM, APC and
 * two-byte escapes) with their payload, their 8-bit C1 forms, every other C0/C1 control, DEL,
 * and the bidi embedding/override/isolate controls U+202A–U+202E and U+2066–U+2069.
 */

/**
 * The characters sanitizeString removes (alone, or as the introducer of a sequence it removes whole):
 * C0 but tab and LF, DEL, C1, and the bidi controls. The one definition SUSPECT, LEFTOVER and the
 * JSON fast path below are built from.
 */
const REMOVED_RANGES: readonly (readonly [number, number])[] = [
  [0x00, 0x08],
  [0x0b, 0x1f],
  [0x7f, 0x9f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
];

function charClass(ranges: readonly (readonly [number, number])[]): string {
  const u = (cp: number) => `\\u${cp.toString(16).padStart(4, '0')}`;
  return `[${ranges.map(([from, to]) => `${u(from)}-${u(to)}`).join('')}]`;
}

function isRemoved(cp: number): boolean {
  for (const [from, to] of REMOVED_RANGES) if (cp >= from && cp <= to) return true;
  return false;
}

// Fast pre-check: one scan for any character we might remove. Most strings (15,000 indicators,
// 50,000 incidents) contain none, and then the string is returned as is without allocation.
const SUSPECT = new RegExp(charClass(REMOVED_RANGES));

// Order matters: string-type sequences (OSC/DCS/SOS/PM/APC) swallow their payload up to the
// string terminator (ESC \, BEL or 8-bit ST) or, if unterminated, to the end of the string.
const SEQUENCES = new RegExp(
  [
    '(?:\\u001b\\]|\\u009d)[\\s\\S]*?(?:\\u0007|\\u001b\\\\|\\u009c|$)', // OSC (incl. OSC 52 clipboard, OSC 8 links)
    '(?:\\u001b[PX^_]|[\\u0090\\u0098\\u009e\\u009f])[\\s\\S]*?(?:\\u001b\\\\|\\u009c|$)', // DCS, SOS, PM, APC
    '(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]?', // CSI (ESC[2J, SGR, cursor moves)
    '\\u001b[\\u0020-\\u002f]*[\\u0030-\\u007e]?', // other escapes (ESC c reset, ESC 7/8, charset selects)
  ].join('|'),
  'g',
);
const LEFTOVER = new RegExp(charClass(REMOVED_RANGES), 'g');

/** Remove terminal control sequences and bidi overrides from one string (keeps \n and \t). */
export function sanitizeString(s: string): string {
  if (!SUSPECT.test(s)) return s;
  // CRLF → LF first so a Windows line break survives as a line break, not as a dropped CR.
  return s.replace(/\r\n/g, '\n').replace(SEQUENCES, '').replace(LEFTOVER, '');
}

/**
 * Sanitise every string (values and object keys) in a parsed JSON value. Returns the same object
 * graph, mutated in place where needed (the input is a freshly parsed response nobody else holds),
 * so a clean 15,000-row page costs one regex test per string and no copies.
 */
export function sanitizeDeep<T>(value: T): T {
  return walk(value) as T;
}

function walk(v: unknown): unknown {
  if (typeof v === 'string') return sanitizeString(v);
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      if (item !== null && (typeof item === 'string' || typeof item === 'object')) v[i] = walk(item);
    }
    return v;
  }
  const obj = v as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const item = obj[key];
    const clean = item !== null && (typeof item === 'string' || typeof item === 'object') ? walk(item) : item;
    const cleanKey = sanitizeString(key);
    if (cleanKey !== key) {
      delete obj[key];
      obj[cleanKey] = clean;
    } else if (clean !== item) {
      obj[key] = clean;
    }
  }
  return obj;
}

/*
 * Proving a JSON text clean, so a clean body (nearly all of them) is never walked.
 *
 * A parsed string (key or value) holds a character c only if the text holds c raw inside a string
 * literal, or an escape that decodes to c: \b \f \n \r \t \" \\ \/ or \uXXXX (hex digits in either
 * case; astral characters come raw or as a surrogate-pair escape, and no removed character is
 * astral). So for a text JSON.parse accepted:
 *  - raw: JSON forbids raw U+0000–U+001F inside a string, so only the removed characters from U+007F
 *    up can be there raw (a raw tab, LF or CR is whitespace between tokens). A pure-ASCII text can
 *    hold only DEL of those; ASCII is the common case (.NET services escape everything else as \u),
 *    and two native scans (UTF-8 length, indexOf) prove it far faster than a character-class regex;
 *  - escapes: in valid JSON every backslash starts an escape (an escaped backslash is two characters),
 *    so hopping from backslash to backslash reads each escape exactly once, and each is decoded and
 *    judged by the same REMOVED_RANGES. No false positives from escapes; the raw check may flag a
 *    character outside any string, which only costs the walk.
 * test/unit/api/sanitize.test.ts checks this against sanitizeDeep for every BMP code point, raw and
 * in every escape spelling, in keys and values, in ASCII and non-ASCII texts.
 */
const RAW_IN_JSON_STRING = new RegExp(charClass(REMOVED_RANGES.filter(([from]) => from >= 0x20)));

/** True when a JSON text JSON.parse accepted may parse to a string sanitizeString would change; false proves it will not. */
export function jsonMayNeedSanitizing(text: string): boolean {
  const ascii = Buffer.byteLength(text, 'utf8') === text.length;
  if (ascii ? text.includes('\u007f') : RAW_IN_JSON_STRING.test(text)) return true;
  for (let i = text.indexOf('\\'); i !== -1; i = text.indexOf('\\', i + 2)) {
    const cp = escapedCodePoint(text, i);
    if (cp < 0 || isRemoved(cp)) return true;
  }
  return false;
}

/** The character the escape at `text[at]` (a backslash) stands for; -1 if it is malformed (then treated as suspect). */
function escapedCodePoint(text: string, at: number): number {
  switch (text.charCodeAt(at + 1)) {
    case 0x62: // b
      return 0x08;
    case 0x66: // f
      return 0x0c;
    case 0x6e: // n
      return 0x0a;
    case 0x72: // r
      return 0x0d;
    case 0x74: // t
      return 0x09;
    case 0x22: // "
    case 0x5c: // backslash
    case 0x2f: // /
      return text.charCodeAt(at + 1);
    case 0x75: {
      // u + four hex digits
      let cp = 0;
      for (let k = at + 2; k < at + 6; k++) {
        const d = hexDigit(text.charCodeAt(k));
        if (d < 0) return -1;
        cp = cp * 16 + d;
      }
      return cp;
    }
    default:
      return -1;
  }
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/**
 * JSON.parse, then sanitizeDeep only when the text may hold something to remove: the same value as
 * `sanitizeDeep(JSON.parse(text))` at the cost of a few native scans of the text for a clean body,
 * instead of a regex test per string (~1,000 pages and ~115,000 records per full load).
 */
export function parseJsonSanitized(text: string): unknown {
  const value: unknown = JSON.parse(text);
  return jsonMayNeedSanitizing(text) ? sanitizeDeep(value) : value;
}

/** For single-line places (table cells, status line): line breaks and tabs become spaces. */
export function singleLine(s: string): string {
  return /[\n\t]/.test(s) ? s.replace(/[\n\t]+/g, ' ') : s;
}
