/** Shared helper of the format tests: read a fixture as the import pipeline does, and its expected JSON. */
import fs from 'node:fs';
import { decodeBytes } from '../../src/formats/encoding.js';
import type { ParsedRecord } from '../../src/core/record.js';
import type { FormatAdapter, ParseOptions, ParseResult } from '../../src/formats/types.js';
import { fixturePath } from '../helpers/cli.js';

export interface Expected {
  encoding: string;
  records: number;
  rejected: number;
  /** Diagnostic codes, in any order, each at least once; no other codes. */
  codes: string[];
  /** Partial records, in order (toMatchObject). */
  expect: Record<string, unknown>[];
}

export function parseFixture(adapter: FormatAdapter, ...parts: string[]): { result: ParseResult; encoding: string; encodingCodes: string[] } {
  const bytes = fs.readFileSync(fixturePath(...parts));
  const decoded = decodeBytes(bytes, parts[parts.length - 1]);
  const result = adapter.parse(decoded.text, { file: parts[parts.length - 1] });
  return { result, encoding: decoded.encoding, encodingCodes: decoded.diagnostics.map((d) => d.code) };
}

export function expectedFor(...parts: string[]): Expected {
  const p = fixturePath(...parts).replace(/\.[a-z0-9]+$/, '.expected.json');
  return JSON.parse(fs.readFileSync(p, 'utf8')) as Expected;
}

/** Records without what depends on where they were parsed (file, line), for round-trip comparisons. */
export function comparable<T extends { provenance: { file: string; line: number } }>(records: T[]): unknown[] {
  return records.map((r) => {
    const { file: _f, line: _l, ...prov } = r.provenance;
    return JSON.parse(JSON.stringify({ ...r, provenance: prov }));
  });
}

import { describe, expect, it } from 'vitest';
import type { BibRecord } from '../../src/core/record.js';

/** Parsed records with the ids the review would give them (for stringify). */
export function asRecords(parsed: ParseResult['records']): BibRecord[] {
  return parsed.map((p, i) => ({ ...p, id: `t-${i}`, provenance: { ...p.provenance, importId: 't' } }));
}

/** The table-driven test every format shares: each fixture against its expected JSON (and round-trip). */
export function describeFixtures(
  adapter: FormatAdapter,
  dir: string,
  names: string[],
  options: { roundTrip?: boolean; /** What the format cannot tell apart, made alike on both sides. */ same?: (r: unknown) => unknown } = {},
): void {
  const same = options.same ?? ((r: unknown) => r);
  describe(`${adapter.id} fixtures`, () => {
    for (const name of names) {
      it(`parses ${dir}/${name} with the expected records and diagnostics`, () => {
        const exp = expectedFor(dir, name);
        const { result, encoding } = parseFixture(adapter, dir, name);
        expect(encoding).toBe(exp.encoding);
        expect(result.records).toHaveLength(exp.records);
        expect(result.rejected).toBe(exp.rejected);
        expect([...new Set(result.diagnostics.map((d) => d.code))].sort()).toEqual([...exp.codes].sort());
        for (const d of result.diagnostics) {
          expect(d.file).toBe(name);
          expect(d.line).toBeGreaterThan(0);
        }
        expect(result.diagnostics.filter((d) => d.fatal)).toHaveLength(exp.rejected);
        exp.expect.forEach((partial, i) => expect(result.records[i]).toMatchObject(partial));
      });
      if (options.roundTrip && adapter.stringify) {
        it(`round-trips ${dir}/${name}: parse -> stringify -> parse gives the same records`, () => {
          const first = parseFixture(adapter, dir, name).result.records;
          const text = adapter.stringify!(asRecords(first));
          const second = adapter.parse(text, { file: 'again' });
          expect(second.rejected).toBe(0);
          expect(comparable(second.records).map(same)).toEqual(comparable(first).map(same));
        });
      }
    }
  });
}

/** `adapter.stream` fed `text` in pieces of `size` characters: what the import reader does with a large file. */
export function inPieces(adapter: FormatAdapter, text: string, size: number, options: ParseOptions): ParseResult {
  const records: ParsedRecord[] = [];
  const parser = adapter.stream!(options, (r) => records.push(r));
  for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
  return { records, ...parser.end() };
}

/** A fixture decoded as the import pipeline decodes it. */
export function fixtureText(...parts: string[]): string {
  return decodeBytes(fs.readFileSync(fixturePath(...parts)), parts[parts.length - 1]).text;
}
