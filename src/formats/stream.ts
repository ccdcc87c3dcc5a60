/**
 * What every streaming format shares: a two-stage parser (a scanner cuts the text into raw
 * entries, a mapping turns one entry into a record) as a StreamingParser, and a whole-text
 * parse run through the streaming one, so each format has one code path.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import type { ParsedRecord } from '../core/record.js';
import type { ParseOptions, ParseResult, StreamingParser } from './types.js';

/** Stage 1 of a format, fed in pieces (RisScanner, MedlineScanner, BibtexScanner). */
export interface EntryScanner {
  push(piece: string): void;
  /** No more text: closes the last entry; returns the diagnostics about the text itself. */
  end(): Diagnostic[];
  readonly line: number;
  /** Entries the scanner itself rejected (a syntax error), if it can. */
  readonly rejected?: number;
}

/**
 * A StreamingParser from a scanner and the mapping of one entry. Diagnostics come out sorted by
 * line (a stable sort); within a line, the text's own come after the entries' unless `textFirst`.
 */
export function streamEntries<E>(
  scan: (onEntry: (entry: E) => void) => EntryScanner,
  toRecord: (entry: E) => { record?: ParsedRecord; diagnostics: Diagnostic[] },
  onRecord: (record: ParsedRecord) => void,
  textFirst = false,
): StreamingParser {
  const entryDiagnostics: Diagnostic[] = [];
  let rejected = 0;
  const scanner = scan((entry) => {
    const r = toRecord(entry);
    for (const d of r.diagnostics) entryDiagnostics.push(d);
    if (r.record) onRecord(r.record);
    else rejected++;
  });
  return {
    push: (piece) => scanner.push(piece),
    get line() {
      return scanner.line;
    },
    end() {
      const text = scanner.end();
      const diagnostics = textFirst ? [...text, ...entryDiagnostics] : [...entryDiagnostics, ...text];
      diagnostics.sort((a, b) => a.line - b.line);
      return { diagnostics, rejected: rejected + (scanner.rejected ?? 0) };
    },
  };
}

/** Parse a whole text with a format's streaming parser. */
export function parseByStream(
  stream: (options: ParseOptions, onRecord: (record: ParsedRecord) => void) => StreamingParser,
  text: string,
  options: ParseOptions,
): ParseResult {
  const records: ParsedRecord[] = [];
  const parser = stream(options, (r) => records.push(r));
  parser.push(text);
  return { records, ...parser.end() };
}
