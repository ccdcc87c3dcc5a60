/**
 * EndNote XML (issue 18), fixtures written from the layout Zotero's "Endnote XML" translator and
 * pandoc's EndNote reader read: EndNote desktop's one-line file with <style> runs (one title split
 * over three runs), Zotero's plain, indented export.
 */
import { describe, expect, it } from 'vitest';
import { endnoteXml } from '../../src/formats/endnote-xml.js';
import { detectFormat } from '../../src/formats/index.js';
import { describeFixtures, fixtureText, inPieces } from './fixtures.js';

describeFixtures(endnoteXml, 'endnote-xml', ['endnote-desktop.xml', 'zotero-export.xml']);

const one = (record: string) => `<?xml version="1.0"?><xml><records>${record}</records></xml>`;

describe('EndNote XML', () => {
  it('is chosen by content, whatever the name says, and is not PubMed XML', () => {
    for (const name of ['endnote-desktop.xml', 'zotero-export.xml']) {
      const text = fixtureText('endnote-xml', name);
      for (const as of ['export.xml', 'export.txt', 'export.ris', 'download']) expect(detectFormat(as, text).id, `${name} as ${as}`).toBe('endnote-xml');
    }
    expect(detectFormat('efetch.xml', fixtureText('pubmed-xml', 'efetch-two-articles.xml')).id).toBe('pubmed-xml');
    expect(endnoteXml.sniff('<PubmedArticleSet><PubmedArticle>')).toBe(0);
  });

  it('joins a value split over style runs and reads "p &lt; 0.05" as text', () => {
    const s = '<style face="normal" font="default" size="100%">';
    const r = endnoteXml.parse(one(`<record><ref-type name="Journal Article">17</ref-type><titles><title>${s}Effect of </style><style face="italic" font="default" size="100%">Aedes</style>${s} control (p &lt; 0.05)</style></title></titles></record>`), { file: 'e.xml' });
    expect(r.records[0].titles[0].text).toBe('Effect of Aedes control (p < 0.05)');
  });

  it('rejects a malformed record with its line and keeps the others', () => {
    const text = one('<record><ref-type name="Journal Article">17</ref-type><titles><title>Um</title></titles></record>\n<record><titles><title>Dois</title></record>\n<record><titles><title>Tres</title></titles></record>');
    const r = endnoteXml.parse(text, { file: 'e.xml' });
    expect(r.records.map((x) => x.titles[0].text)).toEqual(['Um', 'Tres']);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.fatal])).toEqual([['ENDNOTE_XML_MALFORMED', 2, true]]);
  });

  it('says a record left open at the end of the file is unclosed', () => {
    const r = endnoteXml.parse('<xml><records><record><titles><title>Um</title></titles></record>\n<record><titles><title>Do', { file: 'e.xml' });
    expect(r.records).toHaveLength(1);
    expect(r.diagnostics.map((d) => [d.code, d.params?.tag, d.line])).toEqual([['ENDNOTE_XML_UNCLOSED', 'record', 2]]);
  });

  it('reads the same records in pieces of any size (a large library streams)', () => {
    const text = fixtureText('endnote-xml', 'endnote-desktop.xml');
    const whole = endnoteXml.parse(text, { file: 'e.xml' });
    for (const size of [1, 5, 9, 300]) expect(inPieces(endnoteXml, text, size, { file: 'e.xml' })).toEqual(whole);
  });
});
