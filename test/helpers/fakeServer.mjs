// Local stand-ins for the live sources, on 127.0.0.1 (node:http, port 0 by default), built from
// each service's PUBLIC contract, not from what our clients expect. Each behaviour names where it
// was read:
//
// BVS portal (pesquisa.bvsalud.org), bireme/iahx-opac:
//   - src/Controller/SearchController.php: `count` capped at max_documents_per_page (100); `from`
//     1-based (src/Service/SearchSolr.php: start = from - 1); `output=json` answers the iAHx
//     JSON as is (no token); `range_year_start/end` applied ONLY when both are present; an
//     unbalanced query (AuxFunctions::hasBalancedQuotesAndParentheses) is never searched, so
//     `output=json` answers an empty 200 page; `output=metasearch` renders
//     templates/regional/export-metasearch.html (`<Result><query/><total/></Result>`).
//   - templates/regional/export-ris.html and export-csv.txt (commit d1fa349, 2021, "Altera
//     elemento referente ao DOI"): the DOI is `aid`, not `doi`; titles of every language share
//     `ti` (the export prints ti.0 as TI and the rest as TT); abstracts share `ab`.
//   - docker/nginx/nginx.conf: `limit_req_zone ... rate=10r/s`, `limit_req ... nodelay` with no
//     burst and `limit_req_status 429`: a second request within 100 ms gets 429, no Retry-After.
//   - document types: `type` values article, monography, thesis, book, non-conventional...;
//     study types are `type_of_study` (systematic_reviews, case_reports... as in the portal's
//     own filter URLs, e.g. `filter[type_of_study][]=systematic_reviews`).
// SciELO Search (search.scielo.org), scieloorg/search-journals:
//   - iahx/views/search.php: `output=json` only when `access_token` equals the deployment's token,
//     otherwise nothing (an empty 200 page); `count` capped at 100 (iahx-sites/scieloorg/config/
//     config.xml max_documents_per_page); `from` 1-based (iahx/lib/class/dia.class.php);
//     exports start with a UTF-8 BOM (`echo "\xEF\xBB\xBF"`) and use CRLF (normalize_line_end).
//   - iahx/templates/export-metasearch.html: `<Result><query>q</query><total>N</total></Result>`,
//     which the site's own front end reads for the total (iahx/static/js/main.js get_result_total).
//   - iahx-sites/scieloorg/templates/custom/export-ris.html: `ID  - {{doc.id}}`, `DO  - {{doc.doi}}`,
//     each record closed by `ER  -` WITHOUT a trailing space, then a blank line.
// NCBI E-utilities (eutils.ncbi.nlm.nih.gov), NCBI Bookshelf NBK25499 (E-utilities In-Depth) and
// NBK25497 (General Introduction):
//   - ESearch/EFetch cannot reach past retstart 9998 for PubMed, history server included (HTTP 400;
//     a batch crossing the wall comes back short); [dp] date ranges filter the set.
//   - `esearchresult.errorlist` (phrasesnotfound, fieldsnotfound) and `warninglist`
//     (phrasesignored, quotedphrasesnotfound, outputmessages) in the JSON answer.
//   - GET and POST (application/x-www-form-urlencoded) both accepted; an over-long GET URL gets 414.
//   - `tool` and `email` identify the caller (recorded here).
// DeCS API (api.bvsalud.org/decs/v2), bireme/decs-api app/api/thesaurus_term_api.py:
//   - `words` searched only in the requested language (get_search_q(..., lang_code, ...)); one
//     object per term, `record_list.record` a single object; `descriptor_list` items carry
//     `attr.lang` ('pt-br', 'es', 'en', ...), `synonym_list` items are `{synonym}` of the
//     requested language only, WITHOUT attr.lang; `tree_id_list` items are `{tree_id}`;
//     `record.attr.mfn` is the DeCS code, `unique_identifier_nlm` the MeSH id. Key in `apikey`.
//
// Faults still injected per source and page (real networks do this): 429 with or without
// Retry-After, 500, slow answers past the client's timeout, cut bodies, HTML captcha/CDN pages,
// 403, and a hang (for kill tests).
//
// Use from tests:   const server = await startFakeServer({ hits: { bvs: 237 } }); server.baseUrls.bvs
// Use standalone:   node test/helpers/fakeServer.mjs [--port 0] [--bvs 237] [--scielo 143] [--pubmed 412] [--decs-key KEY] [--faults JSON]
//                   prints `REVIEW_BVS_URL=...` lines (ready for `export`), then serves until SIGTERM/SIGINT.
//                   Faults at run time: curl -X POST URL/__faults -d '[{"source":"bvs","from":101,"kind":"429","retryAfter":1}]'
//                   Requests seen: curl URL/__requests ; forget faults and requests: curl -X POST URL/__reset
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/sources');

const TOPICS = [
  ['Matriciamento em saúde mental na atenção básica', 'Apoyo matricial en salud mental en la atención básica', 'Matrix support in mental health in primary care'],
  ['Desafios das ações de saúde mental na Estratégia Saúde da Família', 'Desafíos de las acciones de salud mental en la Estrategia Salud de la Familia', 'Challenges of mental health actions in the Family Health Strategy'],
  ['Apoio matricial em cuidados paliativos na atenção primária à saúde', 'Apoyo matricial en cuidados paliativos en la atención primaria', 'Matrix support in palliative care in primary health care'],
  ['Percepção de enfermeiros sobre o cuidado em saúde mental', 'Percepción de enfermeros sobre el cuidado en salud mental', 'Nurses\' perception of mental health care'],
  ['Interconsulta e visita domiciliar compartilhada: relato de experiência', 'Interconsulta y visita domiciliaria compartida: relato de experiencia', 'Interconsultation and shared home visits: an experience report'],
];
const PLACES = ['Campinas (SP)', 'Recife (PE)', 'Porto Alegre (RS)', 'Fortaleza (CE)', 'Belo Horizonte (MG)', 'Florianópolis (SC)', 'Belém (PA)', 'Goiânia (GO)', 'São Luís (MA)', 'Natal (RN)', 'Cuiabá (MT)'];
const FAMILIES = ['Silva', 'Souza', 'Oliveira', 'Santos', 'Pereira', 'Costa', 'Rodrigues', 'Almeida', 'Nascimento', 'Araújo', 'Gonçalves', 'Conceição'];
const GIVENS = ['Maria José', 'João Paulo', 'Ana Cláudia', 'Luíza', 'Antônio Carlos', 'Fernanda', 'Débora', 'Márcio', 'Cecília', 'Raimundo'];
const JOURNALS = [
  ['Rev. bras. enferm', 'Revista Brasileira de Enfermagem', '0034-7167'],
  ['Ciênc. saúde coletiva', 'Ciência & Saúde Coletiva', '1413-8123'],
  ['Rev. latinoam. enferm', 'Revista Latino-Americana de Enfermagem', '0104-1169'],
  ['Saúde debate', 'Saúde em Debate', '0103-1104'],
  ['Physis (Rio J.)', 'Physis: Revista de Saúde Coletiva', '0103-7331'],
];
const DBS = ['LILACS', 'BDENF', 'MEDLINE'];
/** The BVS portal's own `type` values (what filter[type][] matches). */
export const BVS_TYPES = ['article', 'monography', 'thesis', 'book', 'non-conventional', 'congress and conference', 'project document', 'video', 'audio'];
/** The portal's `type_of_study` values (filter[type_of_study][]). */
export const BVS_STUDY_TYPES = ['systematic_reviews', 'case_reports', 'qualitative_research', 'observational_studies', 'clinical_trials', 'prognostic_studies', 'diagnostic_studies', 'guideline', 'overview', 'health_technology_assessment', 'evaluation_studies'];
/** PubMed's single-query wall: retstart beyond 9998 is refused (NBK25499). */
export const PUBMED_WALL = 9999;

/** The i-th (0-based) synthetic article of a source: same every run. Every 7th has no DOI. */
export function article(source, i) {
  const [tiPt, tiEs, tiEn] = TOPICS[i % TOPICS.length];
  const place = PLACES[i % PLACES.length];
  // Note: 17 years (2007-2023) and every month and day, so that PubMed's date bisection has something to split.
  const year = 2007 + (i % 17);
  const month = 1 + ((i * 7) % 12);
  const day = 1 + ((i * 13) % 28);
  const j = JOURNALS[i % JOURNALS.length];
  const authors = [0, 1, 2].slice(0, 1 + (i % 3)).map((k) => [FAMILIES[(i + k * 5) % FAMILIES.length], GIVENS[(i * 3 + k) % GIVENS.length]]);
  const n = i + 1;
  const la = i % 5 === 3 ? 'es' : i % 5 === 4 ? 'en' : 'pt';
  return {
    n,
    year,
    month,
    day,
    la,
    tiPt: `${tiPt} em ${place}: estudo ${n}`,
    tiEs: `${tiEs} en ${place}: estudio ${n}`,
    tiEn: `${tiEn} in ${place}: study ${n}`,
    abPt: `Objetivo: analisar ${tiPt.toLowerCase()} no município de ${place}. Método: estudo qualitativo com ${10 + (i % 20)} profissionais. Resultados: corresponsabilização do cuidado, educação permanente e redução de encaminhamentos. Conclusão: o apoio às equipes amplia a resolutividade.`,
    abEn: `Objective: to analyse ${tiEn.toLowerCase()} in ${place}. Method: qualitative study. Results: shared responsibility, continuing education and fewer referrals.`,
    authors,
    journal: j,
    volume: String(60 + (i % 15)),
    issue: String(1 + (i % 6)),
    pages: `${100 + i}-${108 + i}`,
    doi: i % 7 === 6 ? undefined : `10.1590/fake.${source}.${String(n).padStart(5, '0')}`,
    db: DBS[i % DBS.length],
    type: i % 13 === 12 ? 'thesis' : i % 17 === 16 ? 'monography' : 'article',
    typeOfStudy: i % 4 === 1 ? 'qualitative_research' : i % 9 === 5 ? 'case_reports' : i % 11 === 7 ? 'systematic_reviews' : undefined,
    bvsId: i % 3 === 2 ? `mdl-${31000000 + n}` : `biblio-${1000000 + n}`,
    pid: `S${j[2]}${year}${String(1 + (i % 6)).padStart(4, '0')}${String(n).padStart(5, '0')}`,
    pmid: String(30000000 + n),
  };
}

/** A BVS portal doc as the iAHx JSON gives it: `ti`/`ab` arrays mixing languages, DOI in `aid`. */
function bvsDoc(a) {
  const doc = {
    id: a.bvsId,
    // Note: the original-language title first, then the translations, all in one array.
    ti: a.la === 'es' ? [a.tiEs, a.tiPt, a.tiEn] : a.la === 'en' ? [a.tiEn, a.tiPt] : [a.tiPt, a.tiEs, a.tiEn],
    ab: a.la === 'en' ? [a.abEn] : [a.abPt, a.abEn],
    au: a.authors.map(([f, g]) => `${f}, ${g}`),
    da: `${a.year}${String(a.month).padStart(2, '0')}`,
    db: [a.db],
    la: [a.la],
    type: [a.type],
    fulltext: ['1'],
    mh: ['Saúde Mental', 'Atenção Primária à Saúde', a.n % 2 ? 'Enfermagem Psiquiátrica/métodos' : 'Apoio Social'],
    fo: [`${a.journal[0]};${a.volume}(${a.issue}): ${a.pages}, ${a.year}`],
    ta: [a.journal[0]],
    is: [a.journal[2]],
    cp: ['BR'],
    entry_date: `${a.year}0615`,
    year_cluster: [String(a.year)],
  };
  if (a.typeOfStudy) doc.type_of_study = [a.typeOfStudy];
  if (a.doi) {
    doc.aid = a.doi;
    doc.ur = [`https://doi.org/${a.doi}`];
  }
  return doc;
}

/** A SciELO doc (only with the access token). */
function scieloDoc(a) {
  const doc = { id: `${a.pid}-scl`, ti_pt: [a.tiPt], ti_en: [a.tiEn], ab_pt: [a.abPt], au: a.authors.map(([f, g]) => `${f}, ${g}`), da: [String(a.year)], la: [a.la], in: ['scl'], journal_title: [a.journal[1]], type: ['research-article'] };
  if (a.doi) doc.doi = a.doi;
  return doc;
}

/** One SciELO RIS record: iahx-sites/scieloorg/templates/custom/export-ris.html, `ER  -` without trailing space. */
function scieloRis(a) {
  const lines = ['TY  - JOUR', ...a.authors.map(([f, g]) => `AU  - ${f}, ${g}`), `TI  - ${a.tiPt}`, `TT  - ${a.tiEn}`, `JO  - ${a.journal[1]}`, `J2  - ${a.journal[0]}`, `SN  - ${a.journal[2]}`, `VL  - ${a.volume}`, `IS  - ${a.issue}`];
  if (a.doi) lines.push(`DO  - ${a.doi}`);
  lines.push('DB  - SciELO Brasil', 'DP  - https://search.scielo.org/', `ID  - ${a.pid}-scl`, `LA  - ${a.la}`, `SP  - ${a.pages.split('-')[0]}`, `EP  - ${a.pages.split('-')[1]}`, `DA  - ${a.year}`, `PY  - ${a.year}`, `AB  - ${a.abEn}`, `AB  - ${a.abPt}`, `UR  - http://www.scielo.br/scielo.php?script=sci_arttext&pid=${a.pid}&lang=pt`, 'KW  - Saúde Mental', 'KW  - Atenção Primária à Saúde', 'ER  -', '');
  return lines.join('\r\n');
}

/** The BVS portal's RIS export (templates/regional/export-ris.html): DO from `aid`, TT for other titles. */
function bvsRis(a) {
  const d = bvsDoc(a);
  const lines = [d.type[0] === 'article' ? 'TY  - JOUR' : d.type[0] === 'book' ? 'TY  - BOOK' : 'TY  - GEN', ...d.au.map((x) => `AU  - ${x}`), `TI  - ${d.ti[0]}`, ...d.ti.slice(1).map((x) => `TT  - ${x}`), `JO  - ${d.ta[0]}`, `SN  - ${d.is[0]}`, `DB  - ${d.db[0]}`, 'DP  - BVS', `ID  - ${d.id}`, `LA  - ${d.la[0]}`, `DA  - ${d.da.slice(0, 4)}/${d.da.slice(4, 6)}`, `PY  - ${d.da.slice(0, 4)}`];
  if (d.aid) lines.push(`DO  - ${d.aid}`);
  lines.push(...d.mh.map((m) => `MH  - ${m}`), ...d.ab.map((x) => `AB  - ${x}`), ...(d.ur ?? []).map((u) => `UR  - ${u}`), 'ER  -', '');
  return lines.join('\r\n');
}

function xmlEscape(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pubmedArticle(a) {
  const authors = a.authors.map(([f, g]) => `<Author ValidYN="Y"><LastName>${xmlEscape(f)}</LastName><ForeName>${xmlEscape(g)}</ForeName><Initials>${g.split(/\s+/).map((x) => x[0]).join('')}</Initials></Author>`).join('');
  const doi = a.doi ? `<ArticleId IdType="doi">${a.doi}</ArticleId>` : '';
  return `<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">${a.pmid}</PMID><Article PubModel="Print"><Journal><ISSN IssnType="Electronic">${a.journal[2]}</ISSN><JournalIssue CitedMedium="Internet"><Volume>${a.volume}</Volume><Issue>${a.issue}</Issue><PubDate><Year>${a.year}</Year><Month>${MONTHS[a.month - 1]}</Month><Day>${String(a.day).padStart(2, '0')}</Day></PubDate></JournalIssue><Title>${xmlEscape(a.journal[1])}</Title><ISOAbbreviation>${xmlEscape(a.journal[0])}</ISOAbbreviation></Journal><ArticleTitle>${xmlEscape(a.tiEn)}</ArticleTitle><Pagination><MedlinePgn>${a.pages}</MedlinePgn></Pagination><Abstract><AbstractText Label="OBJECTIVE">${xmlEscape(a.abEn)}</AbstractText></Abstract><AuthorList CompleteYN="Y">${authors}</AuthorList><Language>por</Language><PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType></PublicationTypeList><VernacularTitle>${xmlEscape(a.tiPt)}</VernacularTitle></Article><MeshHeadingList><MeshHeading><DescriptorName UI="D008603" MajorTopicYN="Y">Mental Health</DescriptorName></MeshHeading><MeshHeading><DescriptorName UI="D011320" MajorTopicYN="N">Primary Health Care</DescriptorName></MeshHeading></MeshHeadingList></MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType="pubmed">${a.pmid}</ArticleId>${doi}</ArticleIdList></PubmedData></PubmedArticle>`;
}

const EFETCH_HEAD = '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2024//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd">\n<PubmedArticleSet>\n';

function readFixture(...parts) {
  return fs.readFileSync(path.join(FIXTURES, ...parts), 'utf8');
}

/** AuxFunctions::hasBalancedQuotesAndParentheses (bireme/iahx-opac src/Service/AuxFunctions.php). */
export function balanced(q) {
  let depth = 0;
  let quotes = 0;
  for (const ch of q) {
    if (ch === '"') quotes++;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0 && quotes % 2 === 0;
}

/**
 * Indexes (0-based) of the BVS corpus the portal would answer for these URL parameters. Filters as
 * the portal applies them: db, la, type, type_of_study, fulltext; the year range only with both bounds.
 */
export function bvsMatches(total, params) {
  const all = (k) => params.getAll(k);
  const dbs = all('filter[db][]');
  const las = all('filter[la][]');
  const types = all('filter[type][]');
  const studies = all('filter[type_of_study][]');
  const start = params.get('range_year_start') ?? '';
  const end = params.get('range_year_end') ?? '';
  const out = [];
  for (let i = 0; i < total; i++) {
    const a = article('bvs', i);
    if (dbs.length && !dbs.includes(a.db)) continue;
    if (las.length && !las.includes(a.la)) continue;
    if (types.length && !types.includes(a.type)) continue;
    if (studies.length && !studies.includes(a.typeOfStudy)) continue;
    if (start !== '' && end !== '' && (a.year < Number(start) || a.year > Number(end))) continue;
    out.push(i);
  }
  return out;
}

/**
 * Indexes of the SciELO corpus matching the limits the query carries (the compiler puts them in
 * `q`, as the site's own filters do): `la:pt` / `la:(pt OR es)` and `publication_year:[2007 TO 2015]`.
 */
export function scieloMatches(total, q) {
  const la = /\bla:\(?([a-z]{2}(?: OR [a-z]{2})*)\)?/.exec(q)?.[1].split(' OR ');
  const years = /\bpublication_year:\[(\d{4}|\*) TO (\d{4}|\*)\]/.exec(q);
  const lo = years && years[1] !== '*' ? Number(years[1]) : -Infinity;
  const hi = years && years[2] !== '*' ? Number(years[2]) : Infinity;
  const out = [];
  for (let i = 0; i < total; i++) {
    const a = article('scielo', i);
    if (la && !la.includes(a.la)) continue;
    if (a.year < lo || a.year > hi) continue;
    out.push(i);
  }
  return out;
}

/** Day number of a PubMed date `2007`, `2007/03` or `2007/03/15` (first or last day of the span). */
function dayOf(text, last) {
  const [y, m, d] = text.split('/').map(Number);
  if (d) return Date.UTC(y, m - 1, d) / 864e5;
  if (m) return last ? Date.UTC(y, m, 0) / 864e5 : Date.UTC(y, m - 1, 1) / 864e5;
  return last ? Date.UTC(y, 11, 31) / 864e5 : Date.UTC(y, 0, 1) / 864e5;
}

const DP_RANGE = /\(?\s*"?(\d{4}(?:\/\d{1,2}(?:\/\d{1,2})?)?)"?\[(?:dp|pdat)\]\s*:\s*"?(\d{4}(?:\/\d{1,2}(?:\/\d{1,2})?)?)"?\[(?:dp|pdat)\]\s*\)?/gi;
/** Field tags PubMed knows (a subset large enough for our queries); others are "fields not found". */
const PUBMED_TAGS = new Set(['mesh terms', 'mh', 'majr', 'title/abstract', 'tiab', 'ti', 'ab', 'dp', 'pdat', 'la', 'pt', 'sb', 'au', 'tw', 'all fields', 'edat', 'crdt', 'uid', 'filter']);

/** What PubMed makes of a term: the [dp] ranges it honours, the tags and phrases it does not know. */
export function readPubmedTerm(term, unknownPhrases = []) {
  const ranges = [...term.matchAll(DP_RANGE)].map((m) => [dayOf(m[1], false), dayOf(m[2], true)]);
  const fieldsnotfound = [...new Set([...term.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1].toLowerCase()).filter((t) => !PUBMED_TAGS.has(t)))];
  const phrases = [...term.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  const phrasesnotfound = phrases.filter((p) => unknownPhrases.some((u) => p.toLowerCase().includes(u.toLowerCase())));
  return { ranges, fieldsnotfound, phrasesnotfound };
}

/**
 * Indexes of the PubMed corpus inside every [dp] range of the term. [dp] covers the print and the
 * electronic date (PubMed Help, "Publication Date [DP]"): every 50th article was published online
 * 40 days before print, so it can fall in two adjacent date ranges.
 */
export function pubmedMatches(total, term, sameDay = false) {
  const { ranges } = readPubmedTerm(term);
  const out = [];
  for (let i = 0; i < total; i++) {
    const a = article('pubmed', i);
    // `sameDay`: a corpus whose records all carry one date (a bulk load), which no date split can divide.
    const print = sameDay ? Date.UTC(2020, 0, 1) / 864e5 : Date.UTC(a.year, a.month - 1, a.day) / 864e5;
    const dates = i % 50 === 49 ? [print, print - 40] : [print];
    if (dates.some((d) => ranges.every(([lo, hi]) => d >= lo && d <= hi))) out.push(i);
  }
  return out;
}

/** DeCS answer for one term in one language (bireme/decs-api TermResource.dehydrate). */
function decsObject(row, lang, words) {
  const langCode = lang === 'pt' ? 'pt-br' : lang;
  return {
    decsws_response: {
      attr: { service: '', tree_id: row.treeNumber[0] ?? '' },
      record_list: {
        record: {
          attr: { lang, db: 'decs', mfn: Number(row.decs_code) },
          unique_identifier_nlm: row.identifier,
          descriptor_list: row.label.filter((l) => l.status === 1).map((l) => ({ descriptor: l['@value'], attr: { lang: l['@language'] } })),
          synonym_list: row.synonym.filter((s) => s.status === 1 && s['@language'] === langCode).map((s) => ({ synonym: s['@value'] })),
          ...(row.scopeNote.find((s) => s['@language'] === langCode) ? { definition: { occ: { attr: { n: row.scopeNote.find((s) => s['@language'] === langCode)['@value'] } } } } : {}),
          tree_id_list: row.treeNumber.map((t) => ({ tree_id: t })),
          pharmacological_action_list: [],
          entry_combination_list: [],
          see_related_list: [],
          allowable_qualifier_list: [],
        },
      },
      tree: { self: { term_list: [{ term: row.label.find((l) => l['@language'] === langCode)?.['@value'] ?? '', attr: { tree_id: row.treeNumber[0] } }], attr: { lang } } },
    },
    query: words,
  };
}

const DEFAULT_HITS = { bvs: 237, scielo: 143, pubmed: 412 };

/**
 * Start the server. `hits` per source (the size of each corpus); `decsKey` the DeCS key it accepts;
 * `scieloToken` the SciELO deployment's access_token; `bvsRateLimit` turns on nginx's 10 r/s limit;
 * `unknownPhrases` PubMed reports as not found; `pubmedSameDay` dates every PubMed record the same day;
 * `faults` to start with.
 */
export async function startFakeServer(options = {}) {
  const hits = { ...DEFAULT_HITS, ...(options.hits ?? {}) };
  const decsKey = options.decsKey ?? 'chave-decs-teste';
  const scieloToken = options.scieloToken ?? 'scielo-token-teste';
  let bvsRateLimit = options.bvsRateLimit ?? 0;
  let unknownPhrases = options.unknownPhrases ?? [];
  let faults = [...(options.faults ?? [])];
  const requests = [];
  const sockets = new Set();
  const thesaurus = JSON.parse(readFixture('decs', 'thesaurus.json')).descriptors;
  const webenv = 'MCID_standin_0123456789abcdef';
  /** query_key -> PMID indexes of that esearch (the history server). */
  const history = new Map();
  let lastBvs = -Infinity;
  let limited = 0;

  const takeFault = (source, from) => {
    const i = faults.findIndex((f) => (f.source === source || f.source === '*') && (f.from === undefined || f.from === from));
    if (i < 0) return undefined;
    const f = faults[i];
    const times = f.times ?? 1;
    if (times !== Infinity && times !== 'always') {
      if (times <= 1) faults.splice(i, 1);
      else faults[i] = { ...f, times: times - 1 };
    }
    return f;
  };

  const send = (res, status, type, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };

  /** Answer `body`, unless a fault says otherwise. */
  const answer = async (res, fault, type, body) => {
    if (!fault) return send(res, 200, type, body);
    switch (fault.kind) {
      case '429':
        return send(res, 429, 'text/html', '<html><head><title>429 Too Many Requests</title></head><body><center><h1>429 Too Many Requests</h1></center><hr><center>nginx</center></body></html>', fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) });
      case '500':
        return send(res, fault.status ?? 500, 'text/html', '<html><body>Internal Server Error</body></html>');
      case '403':
        return send(res, 403, 'text/html; charset=utf-8', readFixture('blocked', 'cdn-403.html'));
      case 'html':
        return send(res, 200, 'text/html; charset=utf-8', readFixture('blocked', 'captcha.html'));
      case 'slow':
      case 'hang':
        await new Promise((r) => setTimeout(r, fault.delayMs ?? (fault.kind === 'hang' ? 600_000 : 5_000)));
        if (!res.destroyed) send(res, 200, type, body);
        return;
      case 'truncate': {
        // Promise the whole body, send half, cut the connection.
        const buf = Buffer.from(body);
        res.writeHead(200, { 'Content-Type': type, 'Content-Length': buf.length });
        res.write(buf.subarray(0, Math.floor(buf.length / 2)));
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      case 'cut-body':
        // A complete HTTP answer whose body stops half-way (a proxy that gave up).
        return send(res, 200, type, body.slice(0, Math.floor(body.length / 2)));
      default:
        return send(res, 200, type, body);
    }
  };

  const window = (list, from, count) => list.slice(Math.max(0, from - 1), Math.max(0, from - 1) + count);

  const handlers = {
    async bvs(url, res) {
      // nginx limit_req 10r/s nodelay, no burst: 429 without Retry-After (docker/nginx/nginx.conf).
      if (bvsRateLimit > 0) {
        const now = performance.now();
        if (now - lastBvs < 1000 / bvsRateLimit) {
          limited++;
          return send(res, 429, 'text/html', '<html><head><title>429 Too Many Requests</title></head><body><center><h1>429 Too Many Requests</h1></center><hr><center>nginx</center></body></html>');
        }
        lastBvs = now;
      }
      const p = url.searchParams;
      const from = Math.max(1, Number(p.get('from') || 1));
      const count = Math.min(100, Number(p.get('count') || 20));
      const output = p.get('output') ?? 'site';
      const q = p.get('q') ?? '';
      const fault = takeFault('bvs', output === 'metasearch' ? 0 : from);
      if (!balanced(q)) return answer(res, fault, output === 'json' ? 'application/json' : 'text/html; charset=utf-8', '');
      const matched = bvsMatches(hits.bvs, p);
      const idx = window(matched, from, count);
      if (output === 'json') {
        const fq = [...p.getAll('filter[db][]').map((d) => `db:"${d}"`), ...p.getAll('filter[type][]').map((d) => `type:"${d}"`)];
        const body = JSON.stringify({ diaServerResponse: [{ responseHeader: { status: 0, QTime: 12, params: { q: q || '*:*', fq, start: String(from - 1), rows: String(count), wt: 'json' } }, response: { numFound: matched.length, start: from - 1, docs: idx.map((i) => bvsDoc(article('bvs', i))) }, facet_counts: { facet_fields: { db: DBS.flatMap((d) => [d, matched.filter((i) => article('bvs', i).db === d).length]) } } }] });
        return answer(res, fault, 'application/json', body);
      }
      if (output === 'metasearch') return answer(res, fault, 'text/xml', `<?xml version="1.0" encoding="UTF-8"?>\n<Result>\n    <query>${xmlEscape(q)}</query>\n    <total>${matched.length}</total>\n</Result>\n`);
      if (output === 'ris') return answer(res, fault, 'text/plain; charset=UTF-8', '\uFEFF' + idx.map((i) => bvsRis(article('bvs', i))).join('\r\n'));
      return answer(res, fault, 'text/html; charset=utf-8', '<!DOCTYPE html><html><body>BVS portal page</body></html>');
    },
    async scielo(url, res) {
      const p = url.searchParams;
      const from = Math.max(1, Number(p.get('from') || 1));
      const count = Math.min(100, Number(p.get('count') || 15));
      const output = p.get('output') ?? 'site';
      const q = p.get('q') ?? '';
      const fault = takeFault('scielo', output === 'metasearch' || (output === 'json' && count <= 1) ? 0 : from);
      const all = scieloMatches(hits.scielo, q);
      const idx = window(all, from, count);
      if (output === 'json') {
        // search.php: `if (trim($config->access_token) == trim($params['access_token']))`, else nothing.
        if ((p.get('access_token') ?? '').trim() !== scieloToken) return answer(res, fault, 'text/html; charset=UTF-8', '');
        return answer(res, fault, 'application/json', JSON.stringify({ diaServerResponse: [{ responseHeader: { status: 0, params: { q } }, response: { numFound: all.length, start: from - 1, docs: idx.map((i) => scieloDoc(article('scielo', i))) } }] }));
      }
      if (output === 'metasearch') return answer(res, fault, 'text/xml', `<?xml version="1.0" encoding="UTF-8"?>\n<Result>\n    <query>${xmlEscape(q)}</query>\n    <total>${all.length}</total>\n</Result>\n`);
      if (output === 'ris') return answer(res, fault, 'text/plain; charset=UTF-8', '\uFEFF' + idx.map((i) => scieloRis(article('scielo', i))).join('\r\n'));
      return answer(res, fault, 'text/html; charset=utf-8', '<!DOCTYPE html><html><body>SciELO search page</body></html>');
    },
    async esearch(params, res) {
      const fault = takeFault('pubmed', 0);
      const term = params.get('term') ?? '';
      const head = { type: 'esearch', version: '0.3' };
      if (!term) return send(res, 200, 'application/json', JSON.stringify({ header: head, esearchresult: { ERROR: 'Empty term and query_key - nothing todo' } }));
      const retstart = Number(params.get('retstart') ?? 0);
      const retmax = Number(params.get('retmax') ?? 20);
      if (retstart > PUBMED_WALL - 1)
        return send(res, 400, 'application/json', JSON.stringify({ header: head, esearchresult: { ERROR: "Search Backend failed: Exception:\n'retstart' cannot be larger than 9998. For PubMed, ESearch can only retrieve the first 9,999 records matching the query. To obtain more than 9,999 PubMed records, consider using EDirect that contains additional logic to batch PubMed search results automatically so that an arbitrary number can be retrieved. For details see https://www.ncbi.nlm.nih.gov/books/NBK25499/" } }));
      const matched = pubmedMatches(hits.pubmed, term, !!options.pubmedSameDay);
      const read = readPubmedTerm(term, unknownPhrases);
      const key = String(history.size + 1);
      history.set(key, matched);
      const result = {
        count: String(matched.length),
        retmax: String(Math.min(retmax, Math.max(0, matched.length - retstart), PUBMED_WALL - retstart)),
        retstart: String(retstart),
        ...(params.get('usehistory') === 'y' ? { querykey: key, webenv } : {}),
        idlist: matched.slice(retstart, Math.min(retstart + retmax, PUBMED_WALL)).map((i) => article('pubmed', i).pmid),
        translationset: [],
        querytranslation: term,
      };
      if (read.phrasesnotfound.length || read.fieldsnotfound.length) result.errorlist = { phrasesnotfound: read.phrasesnotfound, fieldsnotfound: read.fieldsnotfound };
      if (read.phrasesnotfound.length || matched.length === 0) result.warninglist = { phrasesignored: [], quotedphrasesnotfound: read.phrasesnotfound, outputmessages: matched.length === 0 ? ['No items found.'] : [] };
      return answer(res, fault, 'application/json; charset=UTF-8', JSON.stringify({ header: head, esearchresult: result }));
    },
    async efetch(params, res) {
      const start = Number(params.get('retstart') ?? 0);
      const max = Number(params.get('retmax') ?? 20);
      const fault = takeFault('pubmed', start + 1);
      const set = params.get('WebEnv') === webenv ? history.get(params.get('query_key') ?? '') : undefined;
      if (!set) return send(res, 400, 'text/xml', '<?xml version="1.0" ?><eFetchResult><ERROR>Unable to obtain query #1</ERROR></eFetchResult>');
      // The 9,999 wall holds on the history server too; a batch crossing it comes back short.
      if (start > PUBMED_WALL - 1) return send(res, 400, 'text/xml', `<?xml version="1.0" ?><eFetchResult><ERROR>Search Backend failed: Exception: 'retstart' cannot be larger than 9998.</ERROR></eFetchResult>`);
      const idx = set.slice(start, Math.min(start + max, PUBMED_WALL));
      const body = `${EFETCH_HEAD}${idx.map((i) => pubmedArticle(article('pubmed', i))).join('\n')}\n</PubmedArticleSet>\n`;
      return answer(res, fault, 'text/xml; charset=UTF-8', body);
    },
    async decs(url, req, res) {
      const fault = takeFault('decs', 0);
      if (req.headers.apikey !== decsKey) return send(res, 401, 'application/json', JSON.stringify({ detail: 'Invalid or missing apikey' }));
      const words = url.searchParams.get('words') ?? '';
      const lang = (url.searchParams.get('lang') ?? 'pt').slice(0, 2);
      const langCode = lang === 'pt' ? 'pt-br' : lang;
      const norm = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
      const wanted = norm(words).split(/\s+/).filter(Boolean);
      // Words are searched in the requested language's terms only (descriptor and synonyms).
      const hit = thesaurus.filter((row) => [...row.label, ...row.synonym].filter((t) => t['@language'] === langCode).some((t) => wanted.every((w) => norm(t['@value']).includes(w))));
      return answer(res, fault, 'application/json', JSON.stringify({ objects: hit.map((row) => decsObject(row, lang, words)) }));
    },
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      if (url.pathname === '/__faults' && req.method === 'POST') {
        let body = '';
        for await (const c of req) body += c;
        const list = JSON.parse(body || '[]');
        faults.push(...(Array.isArray(list) ? list : [list]));
        return send(res, 200, 'application/json', JSON.stringify({ faults: faults.length }));
      }
      if (url.pathname === '/__reset' && req.method === 'POST') {
        faults = [];
        requests.length = 0;
        return send(res, 200, 'application/json', '{}');
      }
      if (url.pathname === '/__requests') return send(res, 200, 'application/json', JSON.stringify(requests));
      // Over-long request lines are refused before any application sees them.
      if ((req.url ?? '').length > 8190) return send(res, 414, 'text/html', '<html><body><h1>414 Request-URI Too Large</h1></body></html>');
      let params = url.searchParams;
      if (req.method === 'POST') {
        let body = '';
        for await (const c of req) body += c;
        params = new URLSearchParams(body);
        for (const [k, v] of url.searchParams) params.append(k, v);
      }
      requests.push({ path: url.pathname, method: req.method, query: Object.fromEntries(params), apikeyHeader: req.headers.apikey !== undefined, userAgent: req.headers['user-agent'] ?? '' });
      if (url.pathname === '/bvs/portal/' || url.pathname === '/bvs/portal') return await handlers.bvs(url, res);
      if (url.pathname === '/scielo/' || url.pathname === '/scielo') return await handlers.scielo(url, res);
      if (url.pathname === '/eutils/esearch.fcgi') return await handlers.esearch(params, res);
      if (url.pathname === '/eutils/efetch.fcgi') return await handlers.efetch(params, res);
      if (url.pathname === '/decs/v2/search-by-words') return await handlers.decs(url, req, res);
      send(res, 404, 'text/plain', 'not found');
    } catch (e) {
      if (!res.headersSent) send(res, 500, 'text/plain', String(e));
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = server.address().port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    hits,
    decsKey,
    scieloToken,
    baseUrls: { bvs: `${url}/bvs`, scielo: `${url}/scielo`, pubmed: `${url}/eutils`, decs: `${url}/decs/v2` },
    requests,
    setFaults(list) {
      faults = [...list];
    },
    addFault(f) {
      faults.push(f);
    },
    pendingFaults() {
      return [...faults];
    },
    setBvsRateLimit(perSecond) {
      bvsRateLimit = perSecond;
    },
    rateLimited() {
      return limited;
    },
    setUnknownPhrases(list) {
      unknownPhrases = [...list];
    },
    reset() {
      faults = [];
      requests.length = 0;
      bvsRateLimit = options.bvsRateLimit ?? 0;
      unknownPhrases = options.unknownPhrases ?? [];
      limited = 0;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Environment lines a shell (or tmux session) exports to point `review` at this server. */
export function envLines(server) {
  return [`FAKE_SERVER_URL=${server.url}`, `REVIEW_BVS_URL=${server.baseUrls.bvs}`, `REVIEW_SCIELO_URL=${server.baseUrls.scielo}`, `REVIEW_PUBMED_URL=${server.baseUrls.pubmed}`, `REVIEW_DECS_URL=${server.baseUrls.decs}`];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const num = (name) => (opt(name) === undefined ? undefined : Number(opt(name)));
  const hitsArg = Object.fromEntries(['bvs', 'scielo', 'pubmed'].filter((s) => num(s) !== undefined).map((s) => [s, num(s)]));
  const server = await startFakeServer({ port: num('port') ?? 0, hits: hitsArg, decsKey: opt('decs-key'), faults: opt('faults') ? JSON.parse(opt('faults')) : [] });
  process.stdout.write(envLines(server).join('\n') + '\n');
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
