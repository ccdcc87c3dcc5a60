/**
 * Ovid tagged exports (Ovid MEDLINE and APA PsycInfo), fixtures written from the layout Zotero's
 * "OVID Tagged" translator reads and Ovid's field guides name: the search-strategy header, `<N>` and
 * ` <N. >` record lines, indented and blank continuation lines, SO parsed when JN/VI/IP/PG are absent.
 */
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/formats/index.js';
import { ovid, ovidHeading, parseOvidSource } from '../../src/formats/ovid.js';
import { describeFixtures, fixtureText } from './fixtures.js';

describeFixtures(ovid, 'ovid', ['ovid-medline.txt', 'apa-psycinfo.txt']);

const parse = (text: string) => ovid.parse(text, { file: 'o.txt' });

describe('Ovid tagged', () => {
  it('is chosen by content, whatever the name says (.txt, .ris, .nbib, none)', () => {
    for (const name of ['ovid-medline.txt', 'apa-psycinfo.txt']) {
      const text = fixtureText('ovid', name);
      for (const as of ['export.txt', 'export.ris', 'export.nbib', 'download']) expect(detectFormat(as, text).id, `${name} as ${as}`).toBe('ovid');
    }
    expect(ovid.sniff('TY  - JOUR\nTI  - x\nER  - \n')).toBe(0);
    expect(ovid.sniff('PMID- 123\nTI  - x\n')).toBe(0);
  });

  it('reads "N." record lines and records that only start with VN, and continues untagged lines', () => {
    const numbered = parse('1.\nVN  - Ovid Technologies\nDB  - Embase\nTI  - Um\nSeries Information:  Dois\n\n2.\nVN  - Ovid Technologies\nDB  - Embase\nTI  - Tres\n');
    expect(numbered.records.map((r) => [r.titles[0].text, r.provenance.line])).toEqual([['Um Series Information: Dois', 1], ['Tres', 7]]);
    const bare = parse('VN  - Ovid Technologies\nDB  - Embase\nTI  - Um\nVN  - Ovid Technologies\nDB  - Embase\nTI  - Dois\n');
    expect(bare.records.map((r) => r.titles[0].text)).toEqual(['Um', 'Dois']);
    expect([numbered.diagnostics, bare.diagnostics]).toEqual([[], []]);
  });

  it('warns once about text between a record number and its first field', () => {
    const r = parse('<1>\nstray words\nVN  - Ovid Technologies\nTI  - Um\n');
    expect(r.records).toHaveLength(1);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['OVID_TEXT_OUTSIDE_RECORD', 2]]);
  });

  it('cleans authors the way Journals@Ovid writes them (footnote marks, degrees, roles)', () => {
    const r = parse('<1>\nVN  - Ovid Technologies\nAU  - Zhang, Weijia 1,2,+\nAU  - Gazic, Barbara MD, PhD *\nAU  - Walsdorf, Neill B. [Inventor, Reprint Author]\nTI  - T\n');
    expect(r.records[0].authors).toEqual([{ family: 'Zhang', given: 'Weijia' }, { family: 'Gazic', given: 'Barbara' }, { family: 'Walsdorf', given: 'Neill B.' }]);
  });

  it('parses the source line of MEDLINE, PsycInfo and Journals@Ovid', () => {
    expect(parseOvidSource('Revista Brasileira de Enfermagem. 74(3):e20200123, 2021.')).toEqual({ journal: 'Revista Brasileira de Enfermagem', volume: '74', issue: '3', pages: 'e20200123', year: 2021 });
    expect(parseOvidSource('Behavioural and Cognitive Psychotherapy. Vol.43(5), Sep 2015, pp. 623-634.')).toEqual({ journal: 'Behavioural and Cognitive Psychotherapy', volume: '43', issue: '5', pages: '623-634', year: 2015 });
    expect(parseOvidSource('Acta Biochimica et Biophysica Sinica August 2011;43(8):647-653')).toEqual({ journal: 'Acta Biochimica et Biophysica Sinica', volume: '43', issue: '8', pages: '647-653', year: 2011 });
  });

  it('turns subject headings with coded qualifiers into descriptors', () => {
    expect(ovidHeading('*Mental Health Services/og [Organization & Administration]')).toBe('Mental Health Services/organization & administration');
    expect(ovidHeading('Humans')).toBe('Humans');
  });
});
