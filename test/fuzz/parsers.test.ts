/**
 * Every parser in the format registry under fuzzing (issue 8): thousands of mutated versions of
 * the fixtures (truncation, random bytes, swapped encodings, duplicated or missing lines/tags,
 * huge fields), fixed seed, bounded time. A parser must never throw or hang: it returns records
 * or diagnostics that name the file and a line. The 100 MB line of the issue is scaled to 10 MB
 * inside each format's own structure, and to 2 MB of bare text, so the suite stays fast in CI
 * (the code path is the same; time grows linearly). About 2,400 fuzzed inputs in all.
 *
 * Note: nothing here reads the clock. A parse that is merely slow on a busy machine is not a
 * failure; a hang is caught by the test's timeout, which can fire because every property is
 * async and yields to the event loop between runs. A failure ends the run at once
 * (`endOnFailure`: no shrinking, which once kept re-running large inputs for 14 minutes) and
 * fast-check's message gives the seed and path to replay it (FUZZ_SEED, or `seed`/`path` in
 * fc.assert). How long a parse takes is measured by `npm run bench`.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CodedUserError } from '../../src/core/errors.js';
import { describeDiagnostic, describeError } from '../../src/ui/diagnosticText.js';
import { decodeBytes } from '../../src/formats/encoding.js';
import { detectFormat, formats } from '../../src/formats/index.js';
import type { FormatAdapter, ParseResult } from '../../src/formats/types.js';
import { ROOT } from '../helpers/cli.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
/** Runs per format: the CSV readers are slower on huge fields, so they get fewer runs to keep CI under a minute. */
const runsFor = (id: string) => Number(process.env.FUZZ_RUNS ?? (id.startsWith('csv') ? 80 : 200));
const ONLY = process.env.FUZZ_ONLY;
/** Failing runs end at once, without shrinking; the report names the seed and path to replay. */
const BOUNDED = { endOnFailure: true, verbose: 1 } as const;
/** Let the event loop run between property runs, so the test timeout can end a run that hangs. */
const yieldToTimers = () => new Promise<void>((resolve) => setImmediate(resolve));

const CORPUS_DIRS = ['ris', 'medline', 'pubmed-xml', 'bibtex', 'encoding', 'bad', 'csv'];
const corpus: { name: string; bytes: Buffer }[] = CORPUS_DIRS.flatMap((dir) => {
  const folder = path.join(ROOT, 'fixtures', dir);
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((f) => !f.endsWith('.json') && !f.endsWith('.mjs'))
    .map((f) => ({ name: `${dir}/${f}`, bytes: fs.readFileSync(path.join(folder, f)) }));
});

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'insertBytes'; at: number; bytes: Uint8Array }
  | { kind: 'deleteRange'; at: number; length: number }
  | { kind: 'duplicateLines'; at: number; count: number; times: number }
  | { kind: 'dropLines'; at: number; count: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'reencode'; encoding: 'latin1' | 'win1252' | 'utf16le' | 'utf16be' }
  | { kind: 'hugeField'; at: number; size: number; char: string }
  | { kind: 'lineEnds'; to: '\r\n' | '\r' | '\n' }
  | { kind: 'flipBits'; at: number; mask: number };

const frac = fc.double({ min: 0, max: 1, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: frac }),
  fc.record({ kind: fc.constant('insertBytes' as const), at: frac, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('deleteRange' as const), at: frac, length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('duplicateLines' as const), at: frac, count: fc.integer({ min: 1, max: 30 }), times: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('dropLines' as const), at: frac, count: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ kind: fc.constant('swapLines' as const), a: frac, b: frac }),
  fc.record({ kind: fc.constant('reencode' as const), encoding: fc.constantFrom('latin1' as const, 'win1252' as const, 'utf16le' as const, 'utf16be' as const) }),
  fc.record({
    kind: fc.constant('hugeField' as const),
    at: frac,
    size: fc.integer({ min: 10_000, max: 120_000 }),
    char: fc.constantFrom('a', 'ç', '{', '"', ' ', '-', '<', '&', ',', '\t', '\\'),
  }),
  fc.record({ kind: fc.constant('lineEnds' as const), to: fc.constantFrom('\r\n' as const, '\r' as const, '\n' as const) }),
  fc.record({ kind: fc.constant('flipBits' as const), at: frac, mask: fc.integer({ min: 1, max: 255 }) }),
);

function lines(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let from = 0;
  for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) {
    out.push(b.subarray(from, i + 1));
    from = i + 1;
  }
  if (from < b.length) out.push(b.subarray(from));
  return out;
}

/** Apply one mutation to bytes. */
function mutate(input: Buffer, m: Mutation): Buffer {
  const pos = (f: number, n = input.length) => Math.min(n, Math.floor(f * (n + 1)));
  switch (m.kind) {
    case 'truncate':
      return input.subarray(0, pos(m.at));
    case 'insertBytes': {
      const at = pos(m.at);
      return Buffer.concat([input.subarray(0, at), Buffer.from(m.bytes), input.subarray(at)]);
    }
    case 'deleteRange': {
      const at = pos(m.at);
      return Buffer.concat([input.subarray(0, at), input.subarray(Math.min(input.length, at + m.length))]);
    }
    case 'duplicateLines': {
      const ls = lines(input);
      const at = pos(m.at, ls.length);
      const block = ls.slice(at, at + m.count);
      return Buffer.concat([...ls.slice(0, at + m.count), ...Array.from({ length: m.times }, () => block).flat(), ...ls.slice(at + m.count)]);
    }
    case 'dropLines': {
      const ls = lines(input);
      const at = pos(m.at, ls.length);
      return Buffer.concat([...ls.slice(0, at), ...ls.slice(at + m.count)]);
    }
    case 'swapLines': {
      const ls = lines(input);
      if (ls.length < 2) return input;
      const a = pos(m.a, ls.length - 1);
      const b = pos(m.b, ls.length - 1);
      [ls[a], ls[b]] = [ls[b], ls[a]];
      return Buffer.concat(ls);
    }
    case 'reencode': {
      // Note: "swapped encodings": the text re-encoded in another encoding, without telling anyone.
      const text = input.toString('utf8');
      if (m.encoding === 'utf16be') return Buffer.from(text, 'utf16le').swap16();
      return iconv.encode(text, m.encoding);
    }
    case 'hugeField': {
      const at = pos(m.at);
      const lineEnd = input.indexOf(10, at);
      const cut = lineEnd < 0 ? input.length : lineEnd;
      return Buffer.concat([input.subarray(0, cut), Buffer.from(m.char.repeat(m.size)), input.subarray(cut)]);
    }
    case 'lineEnds':
      return Buffer.from(input.toString('latin1').replace(/\r\n|\r|\n/g, m.to), 'latin1');
    case 'flipBits': {
      if (input.length === 0) return input;
      const out = Buffer.from(input);
      const at = Math.min(out.length - 1, pos(m.at));
      out[at] ^= m.mask;
      return out;
    }
  }
}

/** The contract every parser keeps, whatever the input. */
function checkResult(result: ParseResult, file: string): void {
  expect(Array.isArray(result.records)).toBe(true);
  expect(Number.isInteger(result.rejected) && result.rejected >= 0).toBe(true);
  for (const d of result.diagnostics) {
    expect(d.file).toBe(file);
    expect(Number.isInteger(d.line) && d.line >= 0).toBe(true);
    expect(typeof d.code).toBe('string');
    // Every code has its sentence in the catalogue, every placeholder filled.
    const sentence = describeDiagnostic(d);
    expect(sentence).not.toBe(d.code);
    expect(sentence).not.toMatch(/\{\w+\}/);
  }
  // Every rejected record is explained by a fatal diagnostic with a line.
  expect(result.diagnostics.filter((d) => d.fatal).length).toBeGreaterThanOrEqual(Math.min(1, result.rejected));
  for (const r of result.records) {
    expect(r.provenance.file).toBe(file);
    expect(Number.isInteger(r.provenance.line) && r.provenance.line >= 1).toBe(true);
    expect(Array.isArray(r.titles) && Array.isArray(r.authors) && typeof r.extra === 'object').toBe(true);
    for (const ti of r.titles) expect(typeof ti.text).toBe('string');
    // Records go to a JSON-lines file: they must serialize.
    expect(() => JSON.stringify(r)).not.toThrow();
  }
}

describe('parsers under fuzzing (fixed seed)', () => {
  it('the corpus has the fixtures of every format', () => {
    expect(corpus.length).toBeGreaterThan(30);
  });

  formats.forEach((format: FormatAdapter, index) => {
    if (ONLY && !format.id.startsWith(ONLY)) return;
    it(`${format.id}: ${runsFor(format.id)} mutated fixtures never throw or hang`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (sample, mutations) => {
          await yieldToTimers();
          const bytes = mutations.reduce((b, m) => mutate(b, m), sample.bytes);
          const decoded = decodeBytes(bytes, 'fuzz.txt');
          expect(decoded.diagnostics.every((d) => d.file === 'fuzz.txt' && d.line >= 0)).toBe(true);
          if (decoded.binary) return;
          format.sniff(decoded.text.slice(0, 65536));
          checkResult(format.parse(decoded.text, { file: 'fuzz.txt' }), 'fuzz.txt');
          if (format.stringify) {
            // What a parser accepted can be written back and read again.
            const res = format.parse(decoded.text, { file: 'fuzz.txt' });
            const text = format.stringify(res.records.map((p, i) => ({ ...p, id: `f-${i}`, provenance: { ...p.provenance, importId: 'f' } })));
            checkResult(format.parse(text, { file: 'again' }), 'again');
          }
        }),
        { seed: SEED + index, numRuns: runsFor(format.id), ...BOUNDED },
      );
    }, 300_000);
  });

  it('the pipeline (decode, detect, parse) only ever fails with a UserError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 0, maxLength: 3 }), async (sample, mutations) => {
        await yieldToTimers();
        const bytes = mutations.reduce((b, m) => mutate(b, m), sample.bytes);
        const decoded = decodeBytes(bytes, sample.name);
        if (decoded.binary) return;
        let format: FormatAdapter;
        try {
          format = detectFormat(sample.name, decoded.text.slice(0, 65536));
        } catch (e) {
          expect(e).toBeInstanceOf(CodedUserError);
          expect((e as CodedUserError).params.file).toBe(sample.name);
          expect(describeError(e as CodedUserError)).toContain(sample.name);
          return;
        }
        checkResult(format.parse(decoded.text, { file: sample.name }), sample.name);
      }),
      { seed: SEED - 1, numRuns: 600, ...BOUNDED },
    );
  }, 300_000);

  it('random bytes are binary, or decode and parse without throwing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 4096 }), async (bytes) => {
        await yieldToTimers();
        const decoded = decodeBytes(Buffer.from(bytes), 'r.bin');
        if (decoded.binary) return;
        for (const f of formats) checkResult(f.parse(decoded.text, { file: 'r.bin' }), 'r.bin');
      }),
      { seed: SEED + 100, numRuns: 300, ...BOUNDED },
    );
  }, 300_000);

  it('one 100 MB line in the tag formats (RIS, MEDLINE): one record', async () => {
    const huge = 'atenção básica '.repeat(Math.ceil((100 * 2 ** 20) / 15)).slice(0, 100 * 2 ** 20);
    const cases: [string, string][] = [
      ['ris', `TY  - JOUR\nTI  - ${huge}\nER  - \n`],
      ['medline', `PMID- 1\nTI  - ${huge}\n`],
    ];
    for (const [id, text] of cases) {
      const f = formats.find((x) => x.id === id)!;
      const result = f.parse(text, { file: 'long.txt' });
      checkResult(result, 'long.txt');
      expect(result.records).toHaveLength(1);
      expect(result.records[0].titles[0].text.length).toBeGreaterThan(99 * 2 ** 20);
      await yieldToTimers();
    }
  }, 300_000);

  it('one 10 MB line (scaled from the 100 MB of the issue) in each format: parsed, and bare text too', async () => {
    const huge = 'saúde mental '.repeat(Math.ceil((10 * 2 ** 20) / 13)).slice(0, 10 * 2 ** 20);
    const bare = huge.slice(0, 2 * 2 ** 20);
    const inputs: Record<string, string> = {
      ris: `TY  - JOUR\nTI  - ${huge}\nER  - \n`,
      medline: `PMID- 1\nTI  - ${huge}\n`,
      'pubmed-xml': `<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>${huge}</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>`,
      bibtex: `@article{k, title = {${huge}}}`,
    };
    for (const f of formats) {
      const text = inputs[f.id] ?? `Title,Authors,Year\n"${huge}",Silva,2020\n`;
      const result = f.parse(text, { file: 'long.txt' });
      checkResult(result, 'long.txt');
      expect(result.records.length, f.id).toBeLessThanOrEqual(1);
      // And a line with no structure at all.
      checkResult(f.parse(bare, { file: 'long.txt' }), 'long.txt');
      await yieldToTimers();
    }
  }, 300_000);
});
