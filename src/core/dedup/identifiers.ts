/**
 * Identifiers of a record in every spelling the sources use, reduced to one key each: DOI,
 * PMID, PMCID and SciELO PID. They are read from the record's identifier fields and from its
 * URLs and source ids, because a database that has no DOI column often still links the DOI,
 * the PubMed page or the SciELO page (`scielo.php?...&pid=S...`). Pure string functions.
 */
import type { BibRecord } from '../record.js';
import { decodeHtml } from './normalize.js';

/** The identifier keys of one record; each list is distinct and may be empty. */
export interface RecordIdentifiers {
  dois: string[];
  /** PMIDs from PMID fields, PubMed URLs and PubMed source ids. */
  pmids: string[];
  /** PMIDs from a BVS `mdl-<PMID>` id (rule bvs-mdl). */
  mdlPmids: string[];
  pmcids: string[];
  /** SciELO PIDs the record states (PID field, `pid=` URL, `S...-scl` id). */
  pids: string[];
  /** PIDs read out of a DOI `10.xxxx/S...`: the same work only when the titles agree too. */
  doiPids: string[];
}

const DOI_START = /10\.\d{4,9}\//i;
// Note: a SICI DOI (10.1002/(SICI)1097-4636(199601)30:1<1::AID-JBM1>3.0.CO;2-W) holds `<`, `>`,
// `;` and parentheses: a DOI runs to the next space, and only what is left unbalanced at its end
// is trimmed (Crossref's DOI syntax: https://www.crossref.org/blog/dois-and-matching-regular-expressions/).
const TRAILING = /[.,;:'"»”’]+$/;
// Note: publisher URLs append a view to the DOI: /doi/full/10.1002/x, /doi/10.1002/x/abstract.
const URL_VIEW = /\/(?:abstract|full|fulltext|pdf|epdf|pdfdirect|html|summary|references|supinfo|meta)$/;

/** Trim what follows a DOI in free text: punctuation, brackets it did not open, a `[doi]` note. */
function trimDoiTail(s: string): string {
  let out = s;
  for (;;) {
    const before = out;
    out = out.replace(TRAILING, '');
    for (const [open, close] of [['(', ')'], ['[', ']'], ['<', '>'], ['{', '}']] as const) {
      if (out.endsWith(close) && count(out, close) > count(out, open)) out = out.slice(0, -1);
    }
    if (out === before) return out;
  }
}

function count(s: string, c: string): number {
  let n = 0;
  for (let i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) n++;
  return n;
}

/**
 * Every DOI in a field or URL as a key: lower case (DOIs are case-insensitive, per the DOI
 * Handbook 2.4), without resolver URL, `doi:` prefix, HTML or percent encoding, trailing
 * punctuation, `[doi]`/`[pii]` notes (MEDLINE AID/LID) or a publisher's view suffix.
 */
export function doiKeys(raw: string | undefined | null): string[] {
  if (!raw) return [];
  let text = decodeHtml(raw);
  if (/%[0-9a-f]{2}/i.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      // keep it as written
    }
  }
  const out: string[] = [];
  // Note: fields list several DOIs with spaces, `; ` or `, `; a SICI's own `;` has no space after it.
  for (const piece of text.split(/\s+|[;,](?=\s|$)/)) {
    const m = DOI_START.exec(piece);
    if (!m) continue;
    const fromUrl = /^[a-z]+:\/\//i.test(piece) || /^(?:dx\.)?doi\.org\//i.test(piece) || m.index > 0;
    let doi = piece.slice(m.index).toLowerCase();
    if (fromUrl) doi = doi.replace(/[?#].*$/, '');
    doi = trimDoiTail(doi);
    if (fromUrl) doi = doi.replace(URL_VIEW, '');
    if (/^10\.\d{4,9}\/\S+$/.test(doi) && !out.includes(doi)) out.push(doi);
  }
  return out;
}

/** The first DOI key of a field, or undefined. */
export function doiKey(raw: string | undefined | null): string | undefined {
  return doiKeys(raw)[0];
}

/**
 * Two DOIs of one article in two languages: SciELO registers a DOI per translation by adding a
 * language suffix (`...-0001pt` / `...-0001en`, `....ing`). Neither a match nor a conflict.
 */
export function doisAreTranslations(a: string, b: string): boolean {
  // Note: translations differ only in a suffix of at most 4 characters: a cheap test first.
  const m = Math.min(a.length, b.length) - 4;
  if (m < 8 || a.slice(0, m) !== b.slice(0, m)) return false;
  const strip = (d: string) => d.replace(/(?:[-._]?(?:en|pt|es|ing|esp|eng|por|spa))$/, '');
  return a !== b && strip(a) === strip(b) && strip(a).length >= 12;
}

/** A PMID as digits without leading zeros (PubMed ids are 1-8 digits), or undefined. */
export function pmidKey(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  // Note: "PMID: 12345", "pubmed:12345", "12345 [PubMed - indexed for MEDLINE]", "12345 [pmid]".
  const m = String(raw).trim().match(/^(?:(?:pmid|pubmed|medline)\s*:?\s*)?(\d{1,9})(?:\s*\[[^\]]*\])?\.?$/i);
  return m && Number(m[1]) > 0 ? String(Number(m[1])) : undefined;
}

const PUBMED_URL_PATTERNS = [
  /pubmed\.ncbi\.nlm\.nih\.gov\/(\d{1,9})\b/gi,
  /ncbi\.nlm\.nih\.gov\/pubmed\/(?:\?term=)?(\d{1,9})\b/gi,
  /[?&](?:list_uids|term|uid|cmd=retrieve&db=pubmed&list_uids)=(\d{1,9})(?:\[(?:pmid|uid)\])?(?=&|$)/gi,
  /europepmc\.org\/(?:abstract|article)\/MED\/(\d{1,9})\b/gi,
];
const PUBMED_SITE = /pubmed|ncbi\.nlm\.nih\.gov\/entrez|europepmc/i;

/** PMIDs in a URL: PubMed pages, the old Entrez query and Europe PMC's MED abstracts. */
export function pmidsFromUrl(url: string | undefined | null): string[] {
  if (!url) return [];
  // Note: every pattern names PubMed, Entrez or Europe PMC: any other URL (most of them) has none.
  if (!PUBMED_SITE.test(url)) return [];
  const out: string[] = [];
  for (const re of PUBMED_URL_PATTERNS) {
    // Note: matchAll works on a copy of the pattern, so the shared global patterns keep lastIndex 0.
    for (const m of url.matchAll(re)) {
      const k = String(Number(m[1]));
      if (!out.includes(k)) out.push(k);
    }
  }
  return out;
}

/** A PMCID as `PMC<digits>`: "PMC1234567", "pmc1234567", "1234567" in a PMCID field. */
export function pmcidKey(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  const m = String(raw).trim().match(/^(?:pmcid\s*:?\s*)?(?:pmc)?(\d{1,9})(?:\s*\[[^\]]*\])?$/i);
  return m && Number(m[1]) > 0 ? `PMC${Number(m[1])}` : undefined;
}

/** PMCIDs in a URL (PMC and Europe PMC article pages). */
export function pmcidsFromUrl(url: string | undefined | null): string[] {
  if (!url || !/pmc/i.test(url)) return [];
  const out: string[] = [];
  for (const m of url.matchAll(/(?:pmc\/articles\/|pmc\.ncbi\.nlm\.nih\.gov\/articles\/|europepmc\.org\/(?:articles?|abstract\/PMC)\/)(?:PMC)?(\d{1,9})\b/gi)) {
    const k = `PMC${Number(m[1])}`;
    if (!out.includes(k)) out.push(k);
  }
  return out;
}

// Note: an article PID is S + ISSN + year + 4-digit issue order + 5-digit article order, the
// pattern SciELO's own log tools check (REGEX_ARTICLE_PID = '^S[0-9]{4}-[0-9]{3}[0-9xX]\d{13}$').
const PID = /S\d{4}-\d{3}[\dX]\d{13}/i;

/** A SciELO PID in upper case from a PID field, a SciELO id (`S...-scl`) or text holding one. */
export function scieloPidKey(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  const m = PID.exec(String(raw));
  return m ? m[0].toUpperCase() : undefined;
}

/** The PID in a SciELO page URL (`scielo.php?script=sci_arttext&pid=S...`). */
export function scieloPidFromUrl(url: string | undefined | null): string | undefined {
  if (!url) return undefined;
  const m = /[?&]pid=(S\d{4}-\d{3}[\dX]\d{13})(?![\dX])/i.exec(url);
  return m ? m[1].toUpperCase() : undefined;
}

/**
 * The PID a DOI suffix spells (`10.1590/s0102-311x2019000500001`), or undefined. Note: such a
 * DOI is not always the article's PID (metapub/metapub metapub/findit/dances/scielo.py:
 * 10.1590/s0004-28032013000100008 is PID S0004-28032013000100035), so it is a weak link.
 */
export function scieloPidFromDoi(doi: string): string | undefined {
  const m = /^10\.\d{4,9}\/(s\d{4}-\d{3}[\dx]\d{13})$/i.exec(doi);
  return m ? m[1].toUpperCase() : undefined;
}

/**
 * Whether a PID is an ahead-of-print one: SciELO numbers those issues 0050/5000-ish in the PID
 * and gives the article a new PID in its final issue, so two PIDs may name one article.
 */
export function isAheadOfPrintPid(pid: string): boolean {
  return /^S\d{4}-\d{3}[\dX]\d{4}005\d/.test(pid);
}

/** Extra (unmapped) tags that name this record's own identifiers or links. */
const ID_TAGS = /^(?:DO|DOI|AID|LID|UR|URL|L1|L2|L3|L4|LK|LINK|LINKS|AN|PMID|PMCID|PMC|ID|ARTICLEURL|FULLTEXTURL)$/i;

function push(list: string[], v: string | undefined): void {
  if (v && !list.includes(v)) list.push(v);
}

/** Every identifier of a record, in every spelling the sources use, as keys. */
export function recordIdentifiers(r: BibRecord): RecordIdentifiers {
  const ids: RecordIdentifiers = { dois: [], pmids: [], mdlPmids: [], pmcids: [], pids: [], doiPids: [] };
  const urls = [r.url, ...r.fullTextUrls];
  for (const [tag, values] of Object.entries(r.extra)) if (ID_TAGS.test(tag)) urls.push(...values);

  for (const d of doiKeys(r.doi)) push(ids.dois, d);
  // Note: a DOI link is the record's DOI only when the record has none of its own (a LILACS
  // record may link the DOI of another language version).
  // Publisher pages put the DOI in their path (Wiley, Taylor & Francis, SAGE: /doi/full/10....).
  if (ids.dois.length === 0) for (const u of urls) if (u && (/doi\.org\/|^doi:|\/doi\/(?:[a-z]+\/)?10\./i.test(u) || /^10\.\d{4,9}\//.test(u.trim()))) for (const d of doiKeys(u)) push(ids.dois, d);

  push(ids.pmids, pmidKey(r.pmid));
  const sid = r.provenance.sourceId?.trim();
  for (const id of [r.bvsId, sid]) {
    const mdl = id ? /^mdl-(\d{1,9})$/i.exec(id.trim()) : null;
    if (mdl) push(ids.mdlPmids, String(Number(mdl[1])));
  }
  if (sid && r.provenance.source === 'pubmed') push(ids.pmids, pmidKey(sid));
  for (const u of urls) for (const p of pmidsFromUrl(u)) push(ids.pmids, p);

  push(ids.pmcids, pmcidKey(r.pmcid));
  for (const u of urls) for (const p of pmcidsFromUrl(u)) push(ids.pmcids, p);

  push(ids.pids, scieloPidKey(r.scieloPid));
  for (const id of [r.bvsId, sid]) if (id && /^S\d{4}-\d{3}[\dX]\d{13}(?:-[a-z]{3})?$/i.test(id.trim())) push(ids.pids, scieloPidKey(id));
  for (const u of urls) push(ids.pids, scieloPidFromUrl(u));
  for (const d of ids.dois) {
    const p = scieloPidFromDoi(d);
    if (p && !ids.pids.includes(p)) push(ids.doiPids, p);
  }
  // Note: most lists are empty; one shared empty list spares 100,000s of arrays in large reviews.
  for (const k of Object.keys(ids) as (keyof RecordIdentifiers)[]) if (ids[k].length === 0) ids[k] = EMPTY;
  return ids;
}

const EMPTY = Object.freeze([]) as unknown as string[];

export type IdentifierRule = 'doi' | 'pmid' | 'bvs-mdl' | 'pmcid' | 'scielo-pid';

/** What two records' identifiers say: a rule that links them, a conflict, or nothing. */
export interface IdentifierVerdict {
  rule?: IdentifierRule;
  conflict?: 'doi' | 'pmid' | 'pmcid' | 'scielo-pid';
  /** The link rests on a PID read out of a DOI: titles must agree before it counts. */
  weak?: boolean;
}

const NONE: IdentifierVerdict = Object.freeze({});

function isEmpty(x: RecordIdentifiers): boolean {
  return x.dois.length + x.pmids.length + x.mdlPmids.length + x.pmcids.length + x.pids.length + x.doiPids.length === 0;
}

function intersects(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.includes(x));
}

/**
 * Compare the identifiers of two records. Disagreeing identifiers of one kind are a conflict
 * (two different DOIs are two works whatever the titles say), except for DOIs of two language
 * versions and ahead-of-print PIDs; any agreeing identifier is a link.
 */
export function compareIdentifiers(a: RecordIdentifiers, b: RecordIdentifiers): IdentifierVerdict {
  // Note: most pairs have no identifier on one side; this runs for every candidate pair.
  if (isEmpty(a) || isEmpty(b)) return NONE;
  if (a.dois.length && b.dois.length && !intersects(a.dois, b.dois)) {
    if (!a.dois.some((x) => b.dois.some((y) => doisAreTranslations(x, y)))) return { conflict: 'doi' };
  }
  const pa = a.mdlPmids.length ? [...a.pmids, ...a.mdlPmids] : a.pmids;
  const pb = b.mdlPmids.length ? [...b.pmids, ...b.mdlPmids] : b.pmids;
  if (pa.length && pb.length && !intersects(pa, pb)) return { conflict: 'pmid' };
  if (a.pmcids.length && b.pmcids.length && !intersects(a.pmcids, b.pmcids)) return { conflict: 'pmcid' };
  if (a.pids.length && b.pids.length && !intersects(a.pids, b.pids) && ![...a.pids, ...b.pids].some(isAheadOfPrintPid)) return { conflict: 'scielo-pid' };
  if (intersects(a.dois, b.dois)) return { rule: 'doi' };
  if (intersects(a.pmids, b.pmids)) return { rule: 'pmid' };
  if (intersects(pa, pb)) return { rule: 'bvs-mdl' };
  if (intersects(a.pmcids, b.pmcids)) return { rule: 'pmcid' };
  if (intersects(a.pids, b.pids)) return { rule: 'scielo-pid' };
  if (intersects(a.pids, b.doiPids) || intersects(a.doiPids, b.pids)) return { rule: 'scielo-pid', weak: true };
  return {};
}
