/**
 * Reading a stretch of a UTF-8 file in small pieces into a streaming parser: each piece is
 * validated, decoded and checked as decodeBytes would check the whole text. Used by the import
 * (main thread) and by the import worker that parses the second half of a large file.
 */
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import type { Diagnostic } from '../../core/diagnostics.js';
import { lineOfIndex, MOJIBAKE } from '../../formats/encoding.js';
import type { StreamingParser } from '../../formats/types.js';

/**
 * Pieces of this size are read at a time.
 * Note: small on purpose. A piece's text stays under V8's large-object size, so it is allocated
 * in the young generation and its memory is reused; 16 MB pieces made every piece fault in fresh
 * pages, and decoding took 5x longer (2.5 s against 0.45 s for 246 MB, measured).
 */
export const PIECE = 64 * 1024;

/** Double-encoded UTF-8 is looked for in this many first characters (as decodeBytes does). */
const MOJIBAKE_SPAN = 256 * 1024;

/** Length of the longest prefix of bytes[0, n) that does not end inside a UTF-8 character. */
export function completeUtf8(bytes: Uint8Array, n: number): number {
  let i = n - 1;
  while (i >= 0 && i > n - 4 && (bytes[i] & 0xc0) === 0x80) i--;
  if (i < 0) return n;
  const lead = bytes[i];
  const size = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + size <= n ? n : i;
}

/** The warnings decodeBytes gives about decoded text (U+FFFD, NUL, double UTF-8), found piece by piece. */
export class TextChecks {
  readonly diagnostics: Diagnostic[] = [];
  private seen = new Set<string>();
  private read = 0;

  /** `lookForMojibake`: only the start of a file is searched for double-encoded UTF-8. */
  constructor(
    private readonly file: string,
    private readonly lookForMojibake = true,
  ) {}

  /** `linesBefore`: lines of the file before this piece's first character. */
  piece(text: string, linesBefore: number): void {
    const found = (code: string, at: number) => {
      if (at < 0 || this.seen.has(code)) return;
      this.seen.add(code);
      this.diagnostics.push({ code, params: {}, file: this.file, line: linesBefore + lineOfIndex(text, at), fatal: false });
    };
    found('ENCODING_REPLACEMENT_CHAR', text.indexOf('\ufffd'));
    if (this.lookForMojibake && this.read < MOJIBAKE_SPAN) found('ENCODING_DOUBLE_UTF8', MOJIBAKE.exec(text.slice(0, MOJIBAKE_SPAN - this.read))?.index ?? -1);
    found('ENCODING_NUL_CHAR', text.indexOf('\u0000'));
    this.read += text.length;
  }
}

export interface RangeReader {
  /** Every byte read, in order (hash, verbatim copy). */
  onBytes?(bytes: Uint8Array): void;
  /** Where the text goes; absent to only read the bytes. */
  parser?: StreamingParser;
  checks?: TextChecks;
  /** Bytes at the start of the range that are not text (a BOM). */
  skip?: number;
}

/**
 * Read bytes [from, to) of an open file in pieces into `reader`. Returns false as soon as a
 * piece is not valid UTF-8 (the caller then reads the file another way).
 */
export function readRange(fd: number, from: number, to: number, reader: RangeReader): boolean {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const buf = Buffer.allocUnsafe(PIECE);
  let carried = 0;
  let offset = from;
  let skip = reader.skip ?? 0;
  for (;;) {
    const n = offset < to ? fs.readSync(fd, buf, carried, Math.min(PIECE - carried, to - offset), offset) : 0;
    if (n > 0) {
      offset += n;
      reader.onBytes?.(buf.subarray(carried, carried + n));
    }
    const filled = carried + n;
    if (reader.parser) {
      // Note: a piece ends on a whole character, so each is validated and decoded on its own
      // (native validation plus the non-fatal decoder: 0.5 s for 246 MB in 64 KB pieces, against
      // 0.7-0.9 s for a fatal decoder, measured).
      const cut = n === 0 ? filled : completeUtf8(buf, filled);
      const bytes = buf.subarray(Math.min(skip, cut), cut);
      skip = 0;
      if (!isUtf8(bytes)) return false;
      const piece = decoder.decode(bytes);
      reader.checks?.piece(piece, reader.parser.line);
      reader.parser.push(piece);
      carried = filled - cut;
      if (carried > 0 && n > 0) buf.copy(buf, 0, cut, filled);
    }
    if (n === 0) return true;
  }
}
