/**
 * One check for every streaming format (issue 16): fed in pieces of any size, with LF, CRLF or
 * lone-CR line ends and a BOM, `stream` gives exactly what `parse` gives on the whole text
 * (records, diagnostics with the file's own lines, rejections). Each fixture goes to the format
 * the import would choose for it, so a new format with fixtures is checked without a new test:
 * the table is the fixtures folder. Inputs made to trip a scanner at a piece boundary are fixtures
 * too (`<format>/pieces-tricky.*`); a small file is also cut in two at every character.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, formats } from '../../src/formats/index.js';
import type { ParsedRecord } from '../../src/core/record.js';
import type { FormatAdapter, ParseResult } from '../../src/formats/types.js';
import { fixturePath } from '../helpers/cli.js';
import { fixtureText, inPieces } from './fixtures.js';

const SIZES = [1, 2, 7, 64, 1000];
/** Files up to this many characters are also split once at every character (two pieces). */
const EVERY_CUT_UP_TO = 2000;
const DIRS = fs.readdirSync(fixturePath()).filter((d) => !['dedup', 'protocols', 'screening', 'sources', 'e2e', 'demo'].includes(d) && fs.statSync(fixturePath(d)).isDirectory());

/** Every fixture file (not the expected JSON) with the format the import picks for it. */
function fixtures(): { dir: string; name: string; adapter: FormatAdapter; text: string }[] {
  const out = [];
  for (const dir of DIRS) {
    for (const name of fs.readdirSync(fixturePath(dir))) {
      if (/\.(json|mjs|md)$/.test(name) || !fs.statSync(fixturePath(dir, name)).isFile()) continue;
      const text = fixtureText(dir, name);
      let adapter: FormatAdapter;
      try {
        adapter = detectFormat(name, text.slice(0, 65536));
      } catch {
        continue; // not an export (binary, HTML, empty): the registry tests cover those
      }
      if (adapter.stream) out.push({ dir, name, adapter, text });
    }
  }
  return out;
}

/** The same text with other line ends and a BOM: piece boundaries fall between CR and LF and on the BOM. */
function variants(text: string): [string, string][] {
  const lf = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  return [
    ['as written', text],
    ['CRLF + BOM', '\ufeff' + lf.replace(/\n/g, '\r\n')],
    ['lone CR', lf.replace(/\n/g, '\r')],
  ];
}

/** `text` fed to the stream in two pieces, cut at `cut`. */
function inTwo(adapter: FormatAdapter, text: string, cut: number, file: string): ParseResult {
  const records: ParsedRecord[] = [];
  const parser = adapter.stream!({ file }, (r) => records.push(r));
  parser.push(text.slice(0, cut));
  parser.push(text.slice(cut));
  return { records, ...parser.end() };
}

const ALL = fixtures();

describe('every streaming format read in pieces gives what a whole parse gives', () => {
  it('covers every streaming format with at least one fixture', () => {
    const covered = new Set(ALL.map((f) => f.adapter.id));
    expect(formats.filter((f) => f.stream && !covered.has(f.id)).map((f) => f.id)).toEqual([]);
  });

  it.each(ALL.map((f) => [`${f.dir}/${f.name}`, f.adapter.id, f] as const))('%s (%s)', (_name, _id, f) => {
    for (const [how, text] of variants(f.text)) {
      const whole = f.adapter.parse(text, { file: f.name });
      expect(whole.records.length + whole.rejected, how).toBeGreaterThan(0);
      for (const size of SIZES) expect(inPieces(f.adapter, text, size, { file: f.name }), `${how}, pieces of ${size}`).toEqual(whole);
    }
    if (f.text.length > EVERY_CUT_UP_TO) return;
    const whole = f.adapter.parse(f.text, { file: f.name });
    for (let cut = 1; cut < f.text.length; cut++) expect(inTwo(f.adapter, f.text, cut, f.name), `cut at ${cut}`).toEqual(whole);
  });
});
