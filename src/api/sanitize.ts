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

// Fast pre-check: one scan for any character we might remove. Most strings (15,000 indicators,
// 50,000 incidents) contain none, and then the string is returned as is without allocation.
const SUSPECT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

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
const LEFTOVER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

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

/** For single-line places (table cells, status line): line breaks and tabs become spaces. */
export function singleLine(s: string): string {
  return /[\n\t]/.test(s) ? s.replace(/[\n\t]+/g, ' ') : s;
}
