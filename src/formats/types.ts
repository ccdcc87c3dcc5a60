/**
 * One module per export file format, all behind this interface (citation-js / ASReview style).
 * The import pipeline decodes bytes to text first (see encoding.ts), picks the format by
 * extension then by sniffing, and calls `parse`. Parsers never throw on bad input: they
 * return diagnostics with file and line; a fatal diagnostic rejects one record.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import type { BibRecord, ParsedRecord, SourceId } from '../core/record.js';

export interface ParseOptions {
  /** Name used in diagnostics and provenance (the user's file name). */
  file: string;
  /** Source the user declared with --source (else the format's default). */
  source?: SourceId;
  /** Database the user declared with --database (else from the record when it says). */
  database?: string;
  /**
   * Line of the file the text starts on (default 1): a stretch of a large file parsed on its
   * own, from a record boundary, still reports the file's own lines. Streaming parsers only.
   */
  firstLine?: number;
}

export interface ParseResult {
  records: ParsedRecord[];
  diagnostics: Diagnostic[];
  /** Records that were seen but rejected (each has a fatal diagnostic). */
  rejected: number;
}

/** What a streaming parser reports at the end (its records went to `onRecord` as they closed). */
export interface StreamEnd {
  diagnostics: Diagnostic[];
  /** Records that were seen but rejected (each has a fatal diagnostic). */
  rejected: number;
}

/**
 * A parser fed the file's text in pieces, in order; pieces may split lines anywhere. Each record
 * goes to `onRecord` as soon as it is complete, so memory does not grow with the file.
 */
export interface StreamingParser {
  push(piece: string): void;
  end(): StreamEnd;
  /** Lines read so far (for diagnostics about the text itself). */
  readonly line: number;
}

export interface StringifyOptions {
  /** CSV formats: `;` between cells, as Excel in pt-BR (and other comma-decimal locales) expects. */
  excel?: boolean;
}

export interface FormatAdapter {
  /** Stable id stored in provenance: `ris`, `medline`, `pubmed-xml`, `bibtex`, `csv-bvs`, ... */
  id: string;
  /** Human name for messages: "RIS", "BVS CSV export"... */
  label: string;
  /** Lower-case extensions without the dot that suggest this format. */
  extensions: string[];
  /**
   * How sure this format is that `head` (the first ~64 KB of decoded text) is its own:
   * 0 = not mine, 1 = certain. The highest score wins; ties go to the order of the registry.
   */
  sniff(head: string): number;
  parse(text: string, options: ParseOptions): ParseResult;
  /** The same parse, fed in pieces (formats whose exports can be very large). */
  stream?(options: ParseOptions, onRecord: (record: ParsedRecord) => void): StreamingParser;
  /**
   * Offset just past the first record that ends in `bytes` (a place where a second streaming
   * parser can start afresh and give the same records), or -1. Lets a large file be parsed in
   * two halves at once.
   */
  recordBoundary?(bytes: Uint8Array): number;
  /** Records back to this format (round-trip: parse(stringify(x)) gives the same records). */
  stringify?(records: readonly BibRecord[], options?: StringifyOptions): string;
}
