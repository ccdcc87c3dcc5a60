/**
 * The references of the included studies in ABNT NBR 6023 (the default for a review in
 * Portuguese), Vancouver or APA, by citeproc through citation-js and its CSL plugin
 * (github.com/citation-js/citation-js, packages/plugin-csl). Vancouver and APA ship inside
 * @citation-js/plugin-csl; the ABNT style and the pt-BR locale are the Citation Style Language
 * project's files (CC BY-SA 3.0), kept unchanged in csl/ as strings with their notice. Nothing is downloaded.
 */
import { createRequire } from 'node:module';
import type { BibRecord } from '../../core/record.js';
import { displayTitle } from '../../core/record.js';
import { decodeEntities } from '../../core/text.js';
import type { OutputLang } from './words.js';
import { ABNT_CSL } from './csl/abnt.js';
import { CSL_LOCALE_PT_BR } from './csl/localePtBr.js';

export type CitationStyle = 'abnt' | 'vancouver' | 'apa';
export const CITATION_STYLES: readonly CitationStyle[] = ['abnt', 'vancouver', 'apa'];

/** One formatted reference: runs of text, some bold or italic (journal titles, volumes). */
export interface Reference {
  id: string;
  runs: { text: string; bold?: boolean; italic?: boolean }[];
  /** The same as plain text. */
  text: string;
}


interface CiteModule {
  Cite: new (data: unknown) => { format(kind: string, options: Record<string, unknown>): string };
  plugins: { config: { get(name: string): { styles: { add(id: string, xml: string): void }; locales: { add(id: string, xml: string): void } } } };
}

let cite: CiteModule | undefined;

/** citation-js with the CSL plugin and our styles, loaded on first use (it costs ~100 ms). */
function citationJs(): CiteModule {
  if (cite) return cite;
  // Note: both packages are CommonJS with no "exports" map; require keeps the one shared registry.
  const require = createRequire(import.meta.url);
  const core = require('@citation-js/core') as CiteModule;
  require('@citation-js/plugin-csl');
  const config = core.plugins.config.get('@csl');
  config.styles.add('abnt', ABNT_CSL);
  config.locales.add('pt-BR', CSL_LOCALE_PT_BR);
  cite = core;
  return cite;
}

const CSL_TYPES: Record<string, string> = { thesis: 'thesis', dissertation: 'thesis', book: 'book', chapter: 'chapter', 'book-chapter': 'chapter', report: 'report', conference: 'paper-conference' };

/** A record as CSL-JSON (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). */
export function toCslJson(r: BibRecord, language?: string): Record<string, unknown> {
  const type = Object.entries(CSL_TYPES).find(([k]) => r.documentType?.includes(k))?.[1] ?? 'article-journal';
  return {
    id: r.id,
    type,
    title: displayTitle(r, language),
    author: r.authors.map((a) => (a.literal ? { literal: a.literal } : { family: a.family, given: a.given })),
    'container-title': r.journal,
    volume: r.volume,
    issue: r.issue,
    page: r.pages,
    publisher: r.publisher,
    issued: r.year !== undefined ? { 'date-parts': [[r.year]] } : undefined,
    DOI: r.doi,
    ISSN: r.issn,
    language: r.languages[0],
  };
}

/** Split citeproc's HTML for one entry into runs (only <b>, <i>, <span style> carry meaning here). */
export function htmlRuns(html: string): Reference['runs'] {
  const runs: Reference['runs'] = [];
  let bold = 0;
  let italic = 0;
  const flat = html.replace(/<div class="csl-left-margin">([\s\S]*?)<\/div>/g, '$1 ').replace(/<\/?div[^>]*>/g, '');
  for (const part of flat.split(/(<[^>]+>)/)) {
    if (part.startsWith('<')) {
      const tag = part.toLowerCase();
      if (tag === '<b>' || tag.startsWith('<span style="font-weight:bold')) bold++;
      else if (tag === '</b>') bold--;
      else if (tag === '<i>' || tag.startsWith('<span style="font-style:italic')) italic++;
      else if (tag === '</i>') italic--;
      continue;
    }
    // Note: once: citeproc writes a literal "&amp;" of the title as &#38;amp;.
    const text = decodeEntities(part.replace(/\s+/g, ' '));
    if (text) runs.push({ text, bold: bold > 0 || undefined, italic: italic > 0 || undefined });
  }
  if (runs.length) {
    runs[0].text = runs[0].text.trimStart();
    runs[runs.length - 1].text = runs[runs.length - 1].text.trimEnd();
  }
  return runs.filter((r) => r.text !== '');
}

/** The references of `records` in the style, in the style's order (ABNT and APA: by author; Vancouver: as given). */
export function formatReferences(records: readonly BibRecord[], style: CitationStyle, lang: OutputLang, language?: string): Reference[] {
  if (records.length === 0) return [];
  const { Cite } = citationJs();
  const html = new Cite(records.map((r) => toCslJson(r, language))).format('bibliography', { format: 'html', template: style, lang: lang === 'pt-BR' ? 'pt-BR' : 'en-US' });
  const out: Reference[] = [];
  const entry = /<div data-csl-entry-id="([^"]*)" class="csl-entry">([\s\S]*?)<\/div>\s*(?=<div data-csl-entry-id|<\/div>\s*$)/g;
  for (const m of html.matchAll(entry)) {
    const runs = htmlRuns(m[2]);
    out.push({ id: m[1], runs, text: runs.map((r) => r.text).join('') });
  }
  return out;
}

/** The style a review uses unless told: the protocol's, else ABNT in Portuguese and Vancouver in English. */
export function defaultCitationStyle(protocolStyle: CitationStyle | undefined, lang: OutputLang): CitationStyle {
  return protocolStyle ?? (lang === 'pt-BR' ? 'abnt' : 'vancouver');
}
