/** Small helpers shared by the SVG builders: escaping and line wrapping without measuring fonts. */

/** Escape text for SVG/XML content and attribute values. */
export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Note: control characters are not allowed in XML 1.0 and would make the browser refuse the file.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** Average glyph width of Arial/Helvetica/DejaVu Sans, as a fraction of the font size. */
export const CHAR_WIDTH = 0.52;

/** Width a text will roughly take at `fontSize`. */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * CHAR_WIDTH;
}

/** Break text into lines of at most `width` pixels; a word longer than a line is cut. */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const max = Math.max(4, Math.floor(width / (fontSize * CHAR_WIDTH)));
  const lines: string[] = [];
  let line = '';
  for (const raw of text.split(/\s+/).filter(Boolean)) {
    let word = raw;
    while (word.length > max) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(word.slice(0, max - 1) + '-');
      word = word.slice(max - 1);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= max) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** Shorten to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

/** Fixed-point number without trailing noise (SVG coordinates). */
export function px(n: number): string {
  return String(Math.round(n * 10) / 10);
}
