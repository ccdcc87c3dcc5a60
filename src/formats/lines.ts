import type { Diagnostic } from '../core/diagnostics.js';
import type { ParsedRecord } from '../core/record.js';
import { parseByStream, streamEntries } from './stream.js';
import { cleanValue } from './text.js';
import type { ParseOptions, ParseResult, StreamingParser } from './types.js';

/**
 * Lines of a text fed in pieces, for the line-tagged formats (MEDLINE, Web of Science, EndNote tagged, Ovid):
 * LF, CRLF and lone CR each end a line, a CR at the end of a piece waits for the next piece, and
 * a BOM at the start of a line (exports joined with `cat`) is dropped.
 */
export class LineSplitter {
  /** Lines handed on so far (plus the lines before the text's first line). */
  line: number;
  private waiting: string[] = [];

  constructor(
    private readonly onLine: (text: string, line: number) => void,
    firstLine = 1,
  ) {
    this.line = firstLine - 1;
  }

  push(piece: string): void {
    if (piece.indexOf('\n') < 0 && piece.indexOf('\r') < 0) {
      // Note: pieces inside one long line wait in a list and are joined once, when the line ends.
      if (piece !== '') this.waiting.push(piece);
      return;
    }
    const text = this.waiting.join('') + piece;
    let end = text.length;
    if (text.charCodeAt(end - 1) === 13) end--;
    const lines = text.slice(0, end).split(/\r\n|\n|\r/);
    const rest = lines.pop()! + text.slice(end);
    this.waiting = rest === '' ? [] : [rest];
    for (const l of lines) this.emit(l);
  }

  /** No more text: the last line (if any) is handed on. */
  end(): void {
    if (this.waiting.length === 0) return;
    const text = this.waiting.join('');
    this.waiting = [];
    for (const l of text.split(/\r\n|\n|\r/)) this.emit(l);
  }

  private emit(l: string): void {
    this.onLine(l.charCodeAt(0) === 0xfeff ? l.slice(1) : l, ++this.line);
  }
}

/** One tag and its value (continuation lines kept apart, in order), with the line it starts on. */
export interface TaggedField {
  tag: string;
  values: string[];
  line: number;
}

/** One record of a line-tagged file before mapping. */
export interface TaggedEntry {
  line: number;
  fields: TaggedField[];
}

/**
 * Stage 1 of a line-based format: lines in pieces -> entries of type E. A format says what one
 * line does (`lineOf`, which opens, extends and closes `current`) and what is left open at the end.
 */
export abstract class LineScanner<E> {
  protected readonly diagnostics: Diagnostic[] = [];
  protected current: E | undefined;
  private readonly lines: LineSplitter;

  constructor(
    protected readonly file: string,
    protected readonly onEntry: (entry: E) => void,
    firstLine = 1,
  ) {
    this.lines = new LineSplitter((text, line) => this.lineOf(text, line), firstLine);
  }

  /** Lines read so far. */
  get line(): number {
    return this.lines.line;
  }

  push(piece: string): void {
    this.lines.push(piece);
  }

  end(): Diagnostic[] {
    this.lines.end();
    this.endOpen();
    return this.diagnostics;
  }

  /** Hand the open entry on (if any) and forget it. */
  protected close(): void {
    if (this.current) this.onEntry(this.current);
    this.current = undefined;
  }

  /** The text is over: what to do with an entry still open (by default, hand it on). */
  protected endOpen(): void {
    this.close();
  }

  protected abstract lineOf(text: string, line: number): void;
}

/** A LineScanner whose entries are TaggedEntry lists (Web of Science, EndNote tagged, Ovid). */
export abstract class TaggedScanner extends LineScanner<TaggedEntry> {
  protected last: TaggedField | undefined;

  protected override close(): void {
    super.close();
    this.last = undefined;
  }
}

/**
 * A line-based format's `stream` and `parse` from its scanner and the mapping of one entry (parse
 * is the stream fed the whole text, so each format has one code path).
 */
export function lineParsers<E>(
  Scanner: new (file: string, onEntry: (entry: E) => void, firstLine?: number) => LineScanner<E>,
  toRecord: (entry: E, options: ParseOptions) => { record?: ParsedRecord; diagnostics: Diagnostic[] },
): { stream: (options: ParseOptions, onRecord: (record: ParsedRecord) => void) => StreamingParser; parse: (text: string, options: ParseOptions) => ParseResult } {
  const stream = (options: ParseOptions, onRecord: (record: ParsedRecord) => void): StreamingParser =>
    streamEntries<E>((onEntry) => new Scanner(options.file, onEntry, options.firstLine), (entry) => toRecord(entry, options), onRecord);
  return { stream, parse: (text, options) => parseByStream(stream, text, options) };
}

/**
 * Stage 2's walk over a tagged entry: each field `tags` maps, with its continuation lines joined and
 * cleaned (empty ones skipped); every other field is kept in `extra` under its own tag (by default
 * as one joined value; `unknown` says otherwise, e.g. one value per line).
 */
export function* mappedFields<T extends string>(
  entry: TaggedEntry,
  tags: Readonly<Record<string, T>>,
  extra: Record<string, string[]>,
  unknown: (f: TaggedField) => string[] = (f) => [cleanValue(f.values.join(' '))],
): Generator<{ field: T; value: string; tagged: TaggedField }> {
  for (const f of entry.fields) {
    const field = Object.hasOwn(tags, f.tag) ? tags[f.tag] : undefined;
    if (field === undefined) {
      (extra[f.tag] ??= []).push(...unknown(f));
      continue;
    }
    const value = cleanValue(f.values.join(' '));
    if (value !== '') yield { field, value, tagged: f };
  }
}
