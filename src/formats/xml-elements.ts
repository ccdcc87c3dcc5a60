/**
 * The XML formats whose files hold many records (PubMed efetch, EndNote XML): each record element
 * is cut out of the text as it streams and parsed on its own, so memory holds one record at a time
 * and one malformed record is rejected with its line while the others still import.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import type { ParsedRecord } from '../core/record.js';
import { countNewlines, LineBreaks } from './text-stream.js';
import type { ParseOptions, StreamingParser } from './types.js';

/**
 * Stage 1, incremental: text pieces in file order -> each complete element named in `names`
 * (`<PubmedArticle>`, EndNote's `<record>`), handed to `onElement` with the line it starts on. Pieces may split
 * the text anywhere (inside a tag name, a close tag, a CDATA section). Only the element being read
 * is kept; the text between elements (declaration, DOCTYPE, the set's own tags) is let go.
 * Note: as the whole-text parser always did, the open tag is looked for in the raw text and the
 * element runs to the first matching close tag after it (comments and CDATA are not special).
 */
export class XmlElementCutter {
  /** Outside an element: the end of the text read that may be the start of an open tag. */
  private carry = '';
  /** Inside an element: its text so far, and its last characters (a close tag may straddle pieces). */
  private parts: string[] = [];
  private tail = '';
  private inside: { name: string; close: string; line: number } | undefined;
  /** Line of the first character not yet let go (of `carry`, outside an element). */
  private lineAt: number;
  private readonly open: RegExp;
  /** The longest text that may be the start of an open tag still waiting for its next character. */
  private readonly prefixMax: number;

  constructor(
    private readonly names: readonly string[],
    private readonly onElement: (name: string, element: string, line: number) => void,
    firstLine = 1,
  ) {
    this.lineAt = firstLine;
    this.open = new RegExp(`<(${names.join('|')})(?=[\\s>])`, 'g');
    this.prefixMax = Math.max(...names.map((n) => n.length + 1));
  }

  /** Could `s` (starting with "<") grow into one of the open tags with more text? */
  private isOpenPrefix(s: string): boolean {
    return this.names.some((n) => s.length <= n.length + 1 && `<${n}`.startsWith(s));
  }

  push(piece: string): void {
    if (piece.length === 0) return;
    if (this.inside) {
      const close = this.inside.close;
      const s = this.tail + piece;
      const idx = s.indexOf(close);
      if (idx < 0) {
        this.parts.push(piece);
        this.tail = s.length < close.length ? s : s.slice(s.length - close.length + 1);
        return;
      }
      const cut = idx + close.length - this.tail.length;
      this.parts.push(piece.slice(0, cut));
      const element = this.parts.join('');
      this.parts = [];
      this.tail = '';
      this.finish(element);
      this.scan(piece, cut);
      return;
    }
    const text = this.carry === '' ? piece : this.carry + piece;
    this.carry = '';
    this.scan(text, 0);
  }

  /** No more text: an element still open is returned (name and line), else undefined. */
  end(): { name: string; line: number } | undefined {
    const open = this.inside;
    this.inside = undefined;
    this.parts = [];
    this.carry = '';
    return open && { name: open.name, line: open.line };
  }

  /** Read text[from...] outside any element; `lineAt` is the line of text[from]. */
  private scan(text: string, from: number): void {
    const open = this.open;
    open.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = open.exec(text)) !== null) {
      const line = this.lineAt + countNewlines(text, from, m.index);
      const close = `</${m[1]}>`;
      const endIdx = text.indexOf(close, m.index);
      if (endIdx < 0) {
        const element = text.slice(m.index);
        this.inside = { name: m[1], close, line };
        this.parts = [element];
        this.tail = element.length < close.length ? element : element.slice(element.length - close.length + 1);
        return;
      }
      from = endIdx + close.length;
      this.inside = { name: m[1], close, line };
      this.finish(text.slice(m.index, from));
      open.lastIndex = from;
    }
    let keep = text.length;
    for (let i = Math.max(from, text.length - this.prefixMax); i < text.length; i++) {
      if (text.charCodeAt(i) === 60 && this.isOpenPrefix(text.slice(i))) {
        keep = i;
        break;
      }
    }
    this.lineAt += countNewlines(text, from, keep);
    this.carry = text.slice(keep);
  }

  private finish(element: string): void {
    const { name, line } = this.inside!;
    this.inside = undefined;
    this.lineAt = line + countNewlines(element);
    this.onElement(name, element, line);
  }
}

/**
 * A StreamingParser over the elements named in `names`: each goes through `toRecord` as soon as
 * its close tag is read; an element still open at the end is rejected with `unclosedCode`.
 */
export function streamXmlElements(
  names: readonly string[],
  options: ParseOptions,
  toRecord: (name: string, element: string, line: number) => { record?: ParsedRecord; diagnostic?: Diagnostic },
  onRecord: (record: ParsedRecord) => void,
  unclosedCode: string,
): StreamingParser {
  const diagnostics: Diagnostic[] = [];
  let rejected = 0;
  const breaks = new LineBreaks(options.firstLine);
  const cutter = new XmlElementCutter(names, (name, element, line) => {
    const r = toRecord(name, element, line);
    if (r.record) onRecord(r.record);
    else {
      diagnostics.push(r.diagnostic!);
      rejected++;
    }
  }, options.firstLine);
  return {
    push(piece) {
      breaks.push(piece);
      cutter.push(piece);
    },
    get line() {
      return breaks.count;
    },
    end() {
      const open = cutter.end();
      if (open) {
        diagnostics.push({ code: unclosedCode, params: { tag: open.name }, file: options.file, line: open.line, fatal: true });
        rejected++;
      }
      return { diagnostics, rejected };
    },
  };
}
