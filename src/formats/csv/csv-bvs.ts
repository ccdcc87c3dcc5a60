/**
 * The BVS portal (pesquisa.bvsalud.org) CSV export, both templates:
 * up to 2022 `ID,Title,Authors,Source,Journal,Database,Type,Language,Publication year,
 * Descriptor(s),Publication Country,Fulltext URL, Abstract,Entry Date,Volume number,Issue number,DOI,ISSN`
 * and the later one that adds `Keyword(s)`, `Accession number` and `PMCID`.
 * The portal joins the title in each language with `/ ` and does not double quotes inside
 * titles; MEDLINE records carry `[English translation]./ Original title.`.
 */
import { normalizeDoi, type LocalizedText, type ParsedRecord } from '../../core/record.js';
import { cleanText } from '../text.js';
import { detectLanguage, GUESS_LANGS } from '../language-guess.js';
import type { FormatAdapter } from '../types.js';
import {
  tableReaders,
  authorFromFamilyFirst,
  diagnostic,
  keyCoverage,
  type TableSpec,
  readLanguages,
  readYear,
  sniffHeaderKeys,
  splitList,
  splitPairedAuthors,
  type BuildContext,
  type CsvTable,
  type RowReader,
} from './common.js';

/** Columns of both templates (as header keys). */
const COLUMNS = ['id', 'title', 'authors', 'source', 'journal', 'database', 'type', 'language', 'publicationyear', 'descriptors', 'publicationcountry', 'fulltexturl'];

/** Placeholders the portal puts where a translated title is missing. */
const NO_TITLE = /^(?:no disponible|não disponível|nao disponivel|not available|sin título|sem título)\.?$/i;

/**
 * Titles from the joined title cell. The first is the original (in the record's language),
 * except MEDLINE's bracketed English translation, which precedes the original.
 */
export function splitBvsTitles(cell: string, recordLang: string | undefined): LocalizedText[] {
  const parts = cell
    .split(/\/\s+/)
    .map((p) => cleanText(p))
    .filter((p) => p && !NO_TITLE.test(p));
  const titles: LocalizedText[] = [];
  const used = new Set<string>();
  let originalPending = true;
  for (const part of parts) {
    const translated = /^\[(.+)\]\.?$/.exec(part);
    if (translated && titles.length === 0) {
      titles.push({ lang: 'en', text: translated[1].trim(), original: false });
      used.add('en');
      continue;
    }
    let lang: string | null;
    if (originalPending) lang = recordLang ?? detectLanguage(part, { minLead: 1 }) ?? null;
    // Note: a translation is in another language than those already seen, so one function word is enough.
    else lang = detectLanguage(part, { candidates: GUESS_LANGS.filter((l) => !used.has(l)) }) ?? null;
    if (lang) used.add(lang);
    titles.push(originalPending ? { lang, text: part, original: true } : { lang, text: part });
    originalPending = false;
  }
  return titles;
}

/** Pages (and volume/issue when the columns are empty) from a source like `Rev. bras. psiquiatr;33(2): 144-149, June 2011.`. */
export function parseBvsSource(source: string): { volume?: string; issue?: string; pages?: string } {
  const m = /;\s*([^;:(]*?)\s*(?:\(([^)]*)\))?\s*:\s*([^,]+?)\s*(?:,|$)/.exec(source);
  if (!m) return {};
  return { volume: m[1] || undefined, issue: m[2] || undefined, pages: m[3] || undefined };
}

function build(row: RowReader, rec: ParsedRecord, ctx: BuildContext): void {
  const id = row.text('id');
  if (id) {
    rec.bvsId = id;
    rec.provenance.sourceId = id;
    const pmid = /^mdl-(\d+)$/.exec(id);
    if (pmid) rec.pmid = pmid[1];
  }
  rec.languages = readLanguages(row.text('language', 'languages'));
  rec.titles = splitBvsTitles(row.raw('title'), rec.languages[0]);
  // Note: the current templates join authors with `; `; the oldest one joined them with `, `.
  const authors = row.raw('authors', 'author');
  const commaJoined = !authors.includes(';') && authors.split(',').length > 2;
  rec.authors = commaJoined
    ? splitPairedAuthors(cleanText(authors), ctx)
    : splitList(authors).map(authorFromFamilyFirst).filter((a) => a !== undefined);
  const source = row.text('source');
  if (source) rec.extra.Source = [source];
  rec.journal = row.text('journal') || undefined;
  const database = row.text('database');
  if (database) rec.provenance.database = database;
  const type = row.text('type');
  if (type) rec.documentType = type.toLowerCase();
  rec.year = readYear(row.text('publicationyear'), ctx);
  rec.descriptors = splitList(row.text('descriptors'));
  rec.keywords = splitList(row.text('keywords'));
  rec.fullTextUrls = splitList(row.raw('fulltexturl'), /\s+|\s*;\s*/);
  if (rec.fullTextUrls.length > 0) {
    rec.url = rec.fullTextUrls[0];
    rec.fullText = true;
  }
  const abstract = row.text('abstract');
  if (abstract) {
    const lang = detectLanguage(abstract, { minLead: 1 }) ?? rec.languages[0] ?? null;
    rec.abstracts = [lang && lang === rec.languages[0] ? { lang, text: abstract, original: true } : { lang, text: abstract }];
  }
  const fromSource = parseBvsSource(source);
  rec.volume = row.text('volumenumber', 'volume') || fromSource.volume;
  rec.issue = row.text('issuenumber', 'issue') || fromSource.issue;
  rec.pages = fromSource.pages;
  const doiCell = row.text('doi');
  rec.doi = normalizeDoi(doiCell) ?? rec.fullTextUrls.map((u) => (/doi\.org\//i.test(u) ? normalizeDoi(u) : undefined)).find(Boolean);
  if (doiCell && !normalizeDoi(doiCell)) {
    ctx.report('CSV_BAD_DOI', { value: doiCell });
    rec.extra.DOI = [doiCell];
  }
  rec.issn = row.text('issn') || undefined;
  const pmcid = row.text('pmcid');
  if (pmcid) rec.pmcid = /^pmc/i.test(pmcid) ? pmcid.toUpperCase() : `PMC${pmcid}`;
}

function checkTable(table: CsvTable, file: string) {
  const have = new Set(table.keys);
  const missing = ['id', 'title', 'database'].filter((k) => !have.has(k));
  if (missing.length === 0) return [];
  return [diagnostic('CSV_MISSING_COLUMNS', { columns: missing.join(', '), format: 'csv-bvs' }, file, 1, false)];
}

const SPEC: TableSpec = { format: 'csv-bvs', source: 'bvs', unwrapQuotes: true, build, checkTable };

/** The BVS portal CSV export (LILACS, MEDLINE, IBECS, BDENF... records). */
export const csvBvs = {
  id: 'csv-bvs',
  /** In the interface language at the time it is read. */
  label: 'BVS portal CSV export',
  extensions: ['csv'],
  sniff(head: string): number {
    const keys = sniffHeaderKeys(head);
    if (!keys.includes('database') || !keys.includes('descriptors')) return 0;
    const cover = keyCoverage(keys, COLUMNS);
    return cover >= 0.75 ? 0.6 + 0.35 * cover : 0;
  },
  ...tableReaders(SPEC),
} satisfies FormatAdapter;
