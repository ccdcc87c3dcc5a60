/**
 * PubMed XML read in pieces (issue 3): whatever the piece boundaries, the stream gives what a
 * whole parse gives, with the file's own lines; memory holds one article at a time.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../../src/core/record.js';
import { pubmedXml, streamPubmedXml } from '../../src/formats/pubmed-xml.js';
import type { ParseOptions, ParseResult } from '../../src/formats/types.js';
import { readFileInto, type FileSink } from '../../src/stages/import/index.js';
import { tempDir } from '../helpers/cli.js';
import { fixtureText, inPieces as piecesOf } from './fixtures.js';

/** The text fed to the stream in pieces of `size` characters. */
function inPieces(text: string, size: number, options: ParseOptions): ParseResult {
  return piecesOf(pubmedXml, text, size, options);
}

/** An efetch set with what a cutter can trip on: DOCTYPE, CDATA and a comment holding "<", entities, a book, a DeleteCitation, CRLF. (fixtures/pubmed-xml/pieces-tricky.xml, also read in pieces by pieces.test.ts) */
const TRICKY = fixtureText('pubmed-xml', 'pieces-tricky.xml');

describe('PubMed XML read in pieces', () => {
  it('the truncated file names the unclosed article line 3 whatever the pieces', () => {
    const text = fixtureText('bad', 'truncated.xml');
    for (const size of [1, 5, 13, 1000]) {
      const r = inPieces(text, size, { file: 'truncated.xml' });
      expect(r.records).toEqual([]);
      expect(r.rejected).toBe(1);
      expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'PUBMED_XML_UNCLOSED', line: 3, fatal: true })]);
    }
  });

  it('cuts articles and books out of a set with DOCTYPE, CDATA, comments, entities and CRLF (split at every character in pieces.test.ts)', () => {
    const whole = pubmedXml.parse(TRICKY, { file: 'set.xml' });
    expect(whole.diagnostics).toEqual([]);
    expect(whole.records.map((r) => [r.pmid, r.provenance.line, r.titles[0].text])).toEqual([
      ['38000001', 5, 'Cuidado de enfermagem & saúde mental na atenção básica'],
      ['38000002', 16, 'Guia de atenção psicossocial'],
      ['38000003', 23, 'Visita domiciliar'],
    ]);
    expect(whole.records[0].abstracts[0]).toMatchObject({ label: 'OBJETIVO', text: 'Avaliar crianças < 5 anos & a atenção primária.' });
    expect(whole.records[1]).toMatchObject({ documentType: 'book', publisher: 'Ministério da Saúde', year: 2023 });
  });

  it('hands each article over as soon as its close tag is read', () => {
    const pmids: string[] = [];
    const p = streamPubmedXml({ file: 'set.xml' }, (r) => pmids.push(r.pmid!));
    const firstEnd = TRICKY.indexOf('</PubmedArticle>') + '</PubmedArticle>'.length;
    p.push(TRICKY.slice(0, firstEnd - 1));
    expect(pmids).toEqual([]);
    p.push(TRICKY.slice(firstEnd - 1, firstEnd));
    expect(pmids).toEqual(['38000001']);
    p.push(TRICKY.slice(firstEnd));
    expect(pmids).toEqual(['38000001', '38000002', '38000003']);
    expect(p.end()).toEqual({ diagnostics: [], rejected: 0 });
  });

  it('random PubMed XML made of the tokens that matter gives the same result in random pieces (fixed seed)', () => {
    const tokens = ['<PubmedArticle>', '<PubmedArticle ', '</PubmedArticle>', '<PubmedBookArticle>', '</PubmedBookArticle>', '<PubmedArticleSet>', '<MedlineCitation><PMID>1</PMID><Article><ArticleTitle>Sa&#250;de &amp; <i>cuidado</i></ArticleTitle></Article></MedlineCitation>', '<BookDocument><PMID>2</PMID><ArticleTitle>Guia</ArticleTitle></BookDocument>', '<![CDATA[', ']]>', '<!--', '-->', '\n', '\r\n', '<', '>', '/', ' ', '<Pubmed', 'Article>'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 1, maxLength: 6 }), (words, sizes) => {
        const text = words.join('');
        const records: ParsedRecord[] = [];
        const p = streamPubmedXml({ file: 'f' }, (r) => records.push(r));
        for (let i = 0, k = 0; i < text.length; k++) {
          const size = sizes[k % sizes.length];
          p.push(text.slice(i, i + size));
          i += size;
        }
        expect({ records, ...p.end() }).toEqual(pubmedXml.parse(text, { file: 'f' }));
      }),
      { seed: 20261127, numRuns: 400 },
    );
  });

  it('firstLine shifts record and diagnostic lines to the file\'s own', () => {
    const text = fixtureText('pubmed-xml', 'efetch-one-malformed.xml');
    const base = pubmedXml.parse(text, { file: 'x.xml' });
    const shifted = inPieces(text, 7, { file: 'x.xml', firstLine: 101 });
    expect(shifted.records.map((r) => r.provenance.line)).toEqual(base.records.map((r) => r.provenance.line + 100));
    expect(shifted.diagnostics.map((d) => d.line)).toEqual(base.diagnostics.map((d) => d.line + 100));
    expect(base.diagnostics.map((d) => d.line)).toEqual([12 + 4]);
  });

  it('counts lines read as decodeBytes does (LF, CRLF split across pieces, lone CR)', () => {
    const p = streamPubmedXml({ file: 'x.xml', firstLine: 10 }, () => {});
    for (const piece of ['<a>\r', '\n<b>\r', '<c>\n', '\r']) p.push(piece);
    expect(p.line).toBe(9 + 3);
    p.end();
  });

  it('1-character pieces over one 2 MB article and 500 small ones stay linear', () => {
    const big = `<PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>Grande</ArticleTitle><Abstract><AbstractText>${'saúde '.repeat(350_000)}</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle>\n`;
    const small = (i: number) => `<PubmedArticle><MedlineCitation><PMID>${i + 2}</PMID><Article><ArticleTitle>Artigo ${i}</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n`;
    const text = `<PubmedArticleSet>\n${big}${Array.from({ length: 500 }, (_, i) => small(i)).join('')}</PubmedArticleSet>\n`;
    const r = inPieces(text, 1, { file: 'big.xml' });
    expect(r.records).toHaveLength(501);
    expect(r.records[0].abstracts[0].text.length).toBe('saúde '.repeat(350_000).trim().length);
    expect(r.records[500]).toMatchObject({ pmid: '501', provenance: { line: 502 } });
    // Note: rescanning the kept text on every push would take minutes here (the test timeout
    // catches that); linear takes about a second. The time itself is measured by `npm run bench`.
  }, 120_000);
});

/** A sink that keeps what it is given, as the review's temp files would. */
function collector() {
  const got = { records: [] as ParsedRecord[], restarts: 0, bytes: 0 };
  const sink: FileSink = {
    bytes: (b) => (got.bytes += b.length),
    record: (r) => got.records.push(r),
    restart: () => {
      got.records = [];
      got.bytes = 0;
      got.restarts++;
    },
  };
  return { got, sink };
}

describe('PubMed XML import streams', () => {
  it('a 30 MB efetch export (5,000 articles) read through readFileInto gives what parse gives', () => {
    const template = fixtureText('pubmed-xml', 'efetch-two-articles.xml');
    const first = template.slice(template.indexOf('<PubmedArticle>'), template.indexOf('</PubmedArticle>') + '</PubmedArticle>'.length);
    const padding = `<OtherAbstract Type="Publisher" Language="por"><AbstractText>${'A enfermagem na atenção primária à saúde coordena o cuidado. '.repeat(95)}</AbstractText></OtherAbstract>`;
    const article = (i: number) => first.replace(/<PMID Version="1">\d+<\/PMID>/, `<PMID Version="1">${40_000_000 + i}</PMID>`).replace('</MedlineCitation>', `${padding}\n  </MedlineCitation>`);
    const n = 5_000;
    const parts = ['<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2024//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd">\n<PubmedArticleSet>\n'];
    for (let i = 0; i < n; i++) parts.push(article(i), '\n');
    parts.push('</PubmedArticleSet>\n');
    const text = parts.join('');
    expect(Buffer.byteLength(text)).toBeGreaterThan(30 * 2 ** 20);
    const file = path.join(tempDir('review-xml-stream-'), 'efetch.xml');
    fs.writeFileSync(file, text);

    const { got, sink } = collector();
    const read = readFileInto(file, {}, sink);
    const whole = pubmedXml.parse(text, { file: 'efetch.xml' });

    expect(got.restarts).toBe(0);
    expect(read.adapter.id).toBe('pubmed-xml');
    expect(got.bytes).toBe(fs.statSync(file).size);
    expect(read.records).toBe(n);
    expect(whole.records).toHaveLength(n);
    expect(got.records).toHaveLength(n);
    expect(got.records[0]).toEqual(whole.records[0]);
    expect(got.records[n - 1]).toEqual(whole.records[n - 1]);
    expect(got.records[n - 1]).toMatchObject({ pmid: String(40_000_000 + n - 1), provenance: { line: whole.records[n - 1].provenance.line } });
    expect(read.diagnostics).toEqual(whole.diagnostics);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }, 60_000);
});
