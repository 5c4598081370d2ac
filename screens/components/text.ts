/**
 * Cell text fitting. Terminal cells, not string length: CJK and emoji take two cells, combining
 * marks none. A small table of wide ranges is enough for titles and names from the APIs.
 */

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function isZeroWidth(cp: number): boolean {
  return (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f);
}

export function cellWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isZeroWidth(cp)) continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

/** Truncates with "…" to at most `width` cells, then pads to exactly `width` (left or right aligned). */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  // Newlines and tabs would break the row layout; API strings are already free of control sequences.
  const flat = text.includes('\n') || text.includes('\t') ? text.replace(/[\n\t\r]+/g, ' ') : text;
  let w = cellWidth(flat);
  let out = flat;
  if (w > width) {
    out = '';
    w = 0;
    for (const ch of flat) {
      const cw = isZeroWidth(ch.codePointAt(0) ?? 0) ? 0 : isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
      if (w + cw > width - 1) break;
      out += ch;
      w += cw;
    }
    out += '…';
    w += 1;
  }
  const pad = ' '.repeat(Math.max(0, width - w));
  return align === 'right' ? pad + out : out + pad;
}
