/**
 * Small helpers shared by the parsers that read a file in pieces (PubMed XML, BibTeX): counting
 * lines as text passes, so no parser has to look back at text it has already let go.
 */

/** Number of LF characters in text[from, to). */
export function countNewlines(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Line breaks of the text fed so far, counted as decodeBytes counts them (LF, CRLF or a lone CR
 * each end a line), for `StreamingParser.line`. A CR at the end of a piece waits for the next
 * piece to say whether it is half of a CRLF.
 */
export class LineBreaks {
  private breaks: number;
  private pendingCr = false;

  constructor(firstLine = 1) {
    this.breaks = firstLine - 1;
  }

  push(piece: string): void {
    if (piece.length === 0) return;
    if (this.pendingCr && piece.charCodeAt(0) !== 10) this.breaks++;
    this.pendingCr = false;
    let end = piece.length;
    if (piece.charCodeAt(end - 1) === 13) {
      this.pendingCr = true;
      end--;
    }
    for (let i = 0; i < end; i++) {
      const c = piece.charCodeAt(i);
      if (c === 10) this.breaks++;
      else if (c === 13 && (i + 1 >= end || piece.charCodeAt(i + 1) !== 10)) {
        // Note: i + 1 === end means the held-back last CR follows: a CR before a CR is lone.
        this.breaks++;
      }
    }
  }

  /** Lines complete so far (plus the lines before the text's first line). */
  get count(): number {
    return this.breaks;
  }
}
