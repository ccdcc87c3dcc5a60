/**
 * Terminal text: the one word wrap, ANSI strip and display width of the UI.
 * wrap-ansi / string-width / strip-ansi know wide (CJK, emoji) and zero-width characters and
 * keep colour codes across wrapped lines, which hand-written wraps did not.
 */
import wrapAnsi from 'wrap-ansi';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';

export { stripAnsi };

/** Columns a string takes on a terminal (ANSI codes take none). */
export function textWidth(text: string): number {
  return stringWidth(text);
}

/**
 * Wrap at word boundaries to `width` columns, continuation lines indented like the first line.
 * Words longer than the width (URLs, queries) are left whole: the terminal folds them and a
 * copy-paste still gets them in one piece.
 */
export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      if (textWidth(line) <= width) return line;
      const indent = /^ */.exec(line)![0];
      const body = line.slice(indent.length);
      const inner = Math.max(10, width - indent.length);
      return wrapAnsi(body, inner, { hard: false, trim: true, wordWrap: true })
        .split('\n')
        .map((l) => indent + l)
        .join('\n');
    })
    .join('\n');
}

/** One wrapped line and where it starts in the wrapped text. */
export interface Piece {
  text: string;
  start: number;
}

/**
 * Greedy word wrap keeping offsets, measured in terminal columns (string-width: a CJK character
 * takes two). Breaks only at spaces; a word wider than the line is cut. Newlines break paragraphs.
 * Note: by hand, not wrap-ansi, because the screens need where each line starts in the text
 * (to lay highlights and the scroll position over it); a width under `minWidth` counts as `minWidth`.
 */
export function wrapWithOffsets(text: string, width: number, minWidth = 10): Piece[] {
  const out: Piece[] = [];
  const w = Math.max(minWidth, width);
  let offset = 0;
  for (const para of text.split('\n')) {
    let line: Piece | undefined;
    let lineWidth = 0;
    for (const m of para.matchAll(/[^ ]+/g)) {
      let word = m[0];
      let start = offset + (m.index ?? 0);
      let ww = textWidth(word);
      const gap = line ? para.slice(line.start - offset + line.text.length, m.index) : '';
      if (line && lineWidth + gap.length + ww <= w) {
        line.text += gap + word;
        lineWidth += gap.length + ww;
        continue;
      }
      if (line) out.push(line);
      // A word wider than the line: cut it into line-wide pieces.
      while (ww > w) {
        let cutAt = 0;
        let cw = 0;
        for (const ch of word) {
          const chw = textWidth(ch);
          if (cw + chw > w) break;
          cw += chw;
          cutAt += ch.length;
        }
        out.push({ text: word.slice(0, cutAt), start });
        word = word.slice(cutAt);
        start += cutAt;
        ww = textWidth(word);
      }
      line = { text: word, start };
      lineWidth = ww;
    }
    if (line) out.push({ text: line.text.trimEnd(), start: line.start });
    else out.push({ text: '', start: offset });
    offset += para.length + 1;
  }
  return out;
}

/** Plain wrap (no offsets). */
export function wrap(text: string, width: number): string[] {
  return wrapWithOffsets(text, width).map((p) => p.text);
}

/** Cut to `width` columns with an ellipsis. */
export function truncateText(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  let out = '';
  for (const ch of stripAnsi(text)) {
    if (textWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * A long URL shortened for the screen: scheme, host and the start of the path, an ellipsis and
 * the last characters. The whole URL goes to --json and to files.
 */
export function shortenUrl(url: string, width: number): string {
  if (url.length <= width) return url;
  const tail = Math.min(12, Math.floor(width / 4));
  return `${url.slice(0, width - tail - 1)}…${url.slice(url.length - tail)}`;
}
