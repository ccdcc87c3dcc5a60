/**
 * Bytes to text. Portal exports come as UTF-8 (with or without BOM), UTF-16 with BOM, and older
 * LILACS/BVS files as ISO-8859-1 or Windows-1252. Valid UTF-8 always wins; otherwise the
 * 0x80-0x9F bytes decide between Windows-1252 and Latin-1. Whatever cannot be trusted is
 * reported as a warning with a line, never silently mangled.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import chardet from 'chardet';
import type { Diagnostic, DiagnosticParams } from '../core/diagnostics.js';

export type EncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-1' | 'utf-8+windows-1252';

export interface DecodedText {
  text: string;
  encoding: EncodingName;
  diagnostics: Diagnostic[];
  /** True when the bytes are not text at all (NUL bytes, control characters): the caller refuses the file. */
  binary: boolean;
}

/** How many bytes are looked at for BOMs, binary content and statistics. */
const HEAD = 64 * 1024;

/** Bytes that never appear in a text export: C0 controls except TAB, LF, VT, FF, CR, ESC. */
function isControl(b: number): boolean {
  return b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b;
}

/** 1-based line of byte offset `at` (LF or lone CR ends a line). */
export function lineOfByte(bytes: Uint8Array, at: number): number {
  let line = 1;
  const end = Math.min(at, bytes.length);
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b === 0x0a) line++;
    else if (b === 0x0d && bytes[i + 1] !== 0x0a) line++;
  }
  return line;
}

/** 1-based line of character offset `at` in text. */
export function lineOfIndex(text: string, at: number): number {
  let line = 1;
  let i = -1;
  for (;;) {
    const lf = text.indexOf('\n', i + 1);
    const cr = text.indexOf('\r', i + 1);
    let next = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    if (next < 0 || next >= at) return line;
    if (next === cr && text.charCodeAt(cr + 1) === 10) next = cr + 1;
    line++;
    i = next;
  }
}

/** UTF-16 without a BOM: one of every two bytes is NUL in Latin text. Returns the byte order or undefined. */
function utf16WithoutBom(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = head.length - (head.length % 2);
  if (n < 8) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Offset of the first byte sequence that is not valid UTF-8, or -1 when all of it is. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000);
    else return i;
    if (i + need >= n) return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D have no character in Windows-1252. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function warn(code: string, params: DiagnosticParams, file: string, line: number): Diagnostic {
  return { code, params, file, line, fatal: false };
}

/**
 * Decode a file's bytes. Never throws: binary content is flagged with `binary`, doubtful
 * decoding with warnings (ENCODING_*), each with the line of the first doubtful byte.
 */
export function decodeBytes(bytes: Uint8Array, file: string): DecodedText {
  const diagnostics: Diagnostic[] = [];
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // BOMs first: they are explicit.
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return finishUtf8(buf.subarray(3), 'utf-8-bom', file, diagnostics, 3);
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return finishUtf16(buf.subarray(2), 'utf-16le', file, diagnostics);
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return finishUtf16(buf.subarray(2), 'utf-16be', file, diagnostics);

  const head = buf.subarray(0, HEAD);
  const bomless = utf16WithoutBom(head);
  if (bomless) {
    diagnostics.push(warn('ENCODING_UTF16_NO_BOM', { encoding: bomless }, file, 0));
    return finishUtf16(buf, bomless, file, diagnostics);
  }
  // Binary: any NUL byte, or many control characters, in the head.
  let controls = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b === 0) return { text: '', encoding: 'utf-8', diagnostics, binary: true };
    if (isControl(b)) controls++;
  }
  if (controls > 8 && controls > head.length * 0.01) return { text: '', encoding: 'utf-8', diagnostics, binary: true };
  return finishUtf8(buf, 'utf-8', file, diagnostics, 0);
}

function finishUtf8(buf: Buffer, label: 'utf-8' | 'utf-8-bom', file: string, diagnostics: Diagnostic[], _offset: number): DecodedText {
  // Note: validated natively, then decoded (as fast as a fatal decoder on a whole file, measured);
  // the JS scan that finds the first bad byte only runs on failure.
  if (isUtf8(buf)) {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf);
    checkDecoded(text, file, diagnostics);
    return { text, encoding: label, diagnostics, binary: false };
  }
  const bad = Math.max(0, firstInvalidUtf8(buf));
  // Not UTF-8: a single-byte Latin code page. Count what looks like UTF-8 to spot mixed files.
  let c1 = false;
  let undefinedCp1252 = -1;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b >= 0x80 && b <= 0x9f) {
      c1 = true;
      if (undefinedCp1252 < 0 && CP1252_UNDEFINED.has(b)) undefinedCp1252 = i;
    }
  }
  const encoding: EncodingName = c1 ? 'windows-1252' : 'iso-8859-1';
  if (label === 'utf-8-bom') {
    diagnostics.push(
      warn('ENCODING_BOM_MISMATCH', { encoding }, file, lineOfByte(buf, bad)),
    );
  }
  if (hasValidUtf8Sequences(buf)) {
    // Note: some bytes decode as UTF-8 and others do not: the file was likely concatenated from two
    // encodings. Each valid UTF-8 run is read as UTF-8 and each stray byte as Windows-1252.
    diagnostics.push(warn('ENCODING_MIXED', { encoding: 'UTF-8 + Windows-1252' }, file, lineOfByte(buf, bad)));
    return { text: decodeMixed(buf), encoding: 'utf-8+windows-1252', diagnostics, binary: false };
  }
  if (undefinedCp1252 >= 0) {
    diagnostics.push(warn('ENCODING_UNDEFINED_BYTE', {}, file, lineOfByte(buf, undefinedCp1252)));
  }
  const guess = guessWithChardet(buf);
  if (guess && !/^(ISO-8859-1|ISO-8859-15|windows-1252|UTF-8|ISO-8859-2|windows-1250)$/i.test(guess)) {
    diagnostics.push(warn('ENCODING_UNCERTAIN', { guess, encoding }, file, lineOfByte(buf, bad)));
  }
  const text = iconv.decode(buf, encoding === 'windows-1252' ? 'win1252' : 'latin1');
  return { text, encoding, diagnostics, binary: false };
}

function decodeMixed(buf: Buffer): string {
  const parts: string[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const rest = buf.subarray(pos);
    const bad = firstInvalidUtf8(rest);
    if (bad < 0) {
      parts.push(rest.toString('utf8'));
      break;
    }
    parts.push(rest.subarray(0, bad).toString('utf8'), iconv.decode(rest.subarray(bad, bad + 1), 'win1252'));
    pos += bad + 1;
  }
  return parts.join('');
}

/**
 * True when the buffer also holds UTF-8 encoded Latin letters (0xC3 0xA7 = "ç"...).
 * Note: genuine Latin-1 text almost never has "Ã" followed by a byte in 0x80-0xBF.
 */
function hasValidUtf8Sequences(buf: Buffer): boolean {
  let from = 0;
  for (;;) {
    const i = buf.indexOf(0xc3, from);
    if (i < 0 || i + 1 >= buf.length) return false;
    const c = buf[i + 1];
    if (c >= 0x80 && c <= 0xbf) return true;
    from = i + 1;
  }
}

function guessWithChardet(buf: Buffer): string | undefined {
  try {
    return chardet.detect(buf.subarray(0, HEAD)) ?? undefined;
  } catch {
    return undefined;
  }
}

function finishUtf16(buf: Buffer, encoding: 'utf-16le' | 'utf-16be', file: string, diagnostics: Diagnostic[]): DecodedText {
  let body = buf;
  if (body.length % 2 === 1) {
    diagnostics.push(warn('ENCODING_ODD_LENGTH', {}, file, 0));
    body = body.subarray(0, body.length - 1);
  }
  const text = encoding === 'utf-16le' ? body.toString('utf16le') : iconv.decode(body, 'utf16-be');
  checkDecoded(text, file, diagnostics);
  return { text, encoding, diagnostics, binary: false };
}

/**
 * Warnings about text that decoded but may still be wrong: replacement characters (U+FFFD, from
 * an earlier bad conversion or lone surrogates), NUL characters, and UTF-8 read twice ("Ã§" for "ç").
 */
/** UTF-8 decoded twice: "Ã§" for "ç", "Ã£o" for "ão". */
export const MOJIBAKE = /Ã[\u0080-\u00bf]|Ã£o|Ã§Ã/;

function checkDecoded(text: string, file: string, diagnostics: Diagnostic[]): void {
  const fffd = text.indexOf('\ufffd');
  if (fffd >= 0) diagnostics.push(warn('ENCODING_REPLACEMENT_CHAR', {}, file, lineOfIndex(text, fffd)));
  const mojibake = MOJIBAKE.exec(text.length > 4 * HEAD ? text.slice(0, 4 * HEAD) : text);
  if (mojibake) diagnostics.push(warn('ENCODING_DOUBLE_UTF8', {}, file, lineOfIndex(text, mojibake.index)));
  const nul = text.indexOf('\u0000');
  if (nul >= 0) diagnostics.push(warn('ENCODING_NUL_CHAR', {}, file, lineOfIndex(text, nul)));
}
