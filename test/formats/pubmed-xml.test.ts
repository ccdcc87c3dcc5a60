import { describe, expect, it } from 'vitest';
import { pubmedXml, markupToText } from '../../src/formats/pubmed-xml.js';
import { describeFixtures } from './fixtures.js';

describeFixtures(pubmedXml, 'pubmed-xml', ['efetch-two-articles.xml', 'efetch-one-malformed.xml']);

describe('PubMed XML quirks', () => {
  it('keeps inline markup as text, with no space before sub/superscripts', () => {
    expect(markupToText('fast-acting &#946;\n   <sub>2</sub>-agonist and <i>E. coli</i> &amp; more')).toBe('fast-acting β2-agonist and E. coli & more');
  });

  it('reports a truncated file with the line of the unclosed article', () => {
    const r = pubmedXml.parse('<PubmedArticleSet>\n<PubmedArticle>\n<MedlineCitation><PMID>1</PMID>', { file: 'cut.xml' });
    expect(r.records).toEqual([]);
    expect(r.rejected).toBe(1);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'PUBMED_XML_UNCLOSED', line: 2, file: 'cut.xml', fatal: true })]);
  });

  it('takes --source and --database from the options (live efetch pages pass source pubmed)', () => {
    const xml = '<PubmedArticleSet><PubmedArticle><MedlineCitation Status="MEDLINE"><PMID>7</PMID><Article><ArticleTitle>T</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>';
    expect(pubmedXml.parse(xml, { file: 'x' }).records[0].provenance).toMatchObject({ source: 'pubmed', database: 'MEDLINE', sourceId: '7' });
    expect(pubmedXml.parse(xml, { file: 'x', source: 'other', database: 'X' }).records[0].provenance).toMatchObject({ source: 'other', database: 'X' });
  });

  it('sniffs a PubmedArticleSet', () => {
    expect(pubmedXml.sniff('<?xml version="1.0"?>\n<PubmedArticleSet>')).toBe(1);
    expect(pubmedXml.sniff('<eSearchResult><Count>0</Count></eSearchResult>')).toBe(0);
  });
});
