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
