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

/*
 * Proving a JSON text clean before parsing, so a clean body (nearly all of them) is never walked.
 *
 * A parsed string (key or value) holds a character c only if the text holds c raw inside a string
 * literal, or an escape that decodes to c: a short escape (\b \f \n \r \t \" \\ \/) or \uXXXX
 * with hex digits in either case. Astral characters arrive raw or as a surrogate-pair escape, and
 * nothing SUSPECT matches is astral. JSON forbids raw U+0000–U+001F inside a string (JSON.parse
 * throws), so a raw tab, LF or CR in a text that parses is whitespace between tokens; the other raw
 * C0 controls cannot occur in such a text at all and are listed only to keep the class obviously
 * a superset. So, for every character SUSPECT matches (everything sanitizeString may remove):
 *  - raw: C0 except tab/LF/CR, DEL and C1 (U+007F–U+009F), bidi U+202A–U+202E and U+2066–U+2069;
 *  - short escapes \b \f \r (U+0008, U+000C, U+000D; \n and \t decode to kept characters);
 *  - \u escapes of U+0000–U+0008, U+000B–U+001F, U+007F–U+009F, U+202A–U+202E, U+2066–U+2069.
 * A text with none of these parses to strings sanitizeString returns unchanged. A match may be a false
 * positive (an escaped backslash followed by "b", a raw C1 character outside any string): that only
 * costs the walk. test/unit/api/sanitize.test.ts checks this against sanitizeDeep for every BMP code point,
 * raw and in every escape spelling, in keys and values.
 */
const RAW_SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const ESCAPED_SUSPECT = /\\[bfr]|\\u(?:00(?:0[0-8bBcCdDeEfF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])|20(?:2[a-eA-E]|6[6-9]))/;

/** False when parsing `text` certainly yields no string sanitizeString would change (see above). */
export function jsonMayNeedSanitizing(text: string): boolean {
  // Escapes need a backslash; most bodies have none, and includes() finds that far faster than the regex.
  return RAW_SUSPECT.test(text) || (text.includes('\\') && ESCAPED_SUSPECT.test(text));
}

/**
 * JSON.parse, then sanitizeDeep only when the text may hold something to remove: the same value as
 * `sanitizeDeep(JSON.parse(text))` at the cost of one native scan of the text for a clean body,
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
