/** Word wrap to terminal cells, for the detail view's long lines (remediation, findings). */
import { cellWidth } from '../components/text.js';

export function wrapText(text: string, width: number): string[] {
  if (width <= 1) return [text];
  const out: string[] = [];
  let line = '';
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    if (line === '') line = word;
    else if (cellWidth(line) + 1 + cellWidth(word) <= width) line += ` ${word}`;
    else {
      out.push(line);
      line = word;
    }
    // A single word longer than the width (a URL) is cut into pieces rather than lost.
    while (cellWidth(line) > width) {
      out.push(line.slice(0, width));
      line = line.slice(width);
    }
  }
  if (line !== '' || out.length === 0) out.push(line);
  return out;
}
