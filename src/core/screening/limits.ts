/**
 * The protocol's automatic limits: year range, languages, document types, full text.
 * A record is excluded only when its data plainly fails a limit; missing or unreadable data
 * (no year, no language, an unknown document type, full text unknown) always goes to a person.
 */
import type { BibRecord } from '../record.js';
import type { Limits } from '../protocol.js';
import type { EventBase, NewEvent } from '../events.js';
import type { LimitCode, ScreenDecisionEvent, ScreenLimitsEvent } from './events.js';

/** Document-type families: what the portals' own type filters put together. */
const TYPE_FAMILIES: Record<string, string[]> = {
  // Note: the portals' "article" filter (BVS, SciELO, PubMed's journal article) covers every
  // journal item, editorials and letters too; telling those apart is the reviewers' criterion.
  article: [
    'article', 'articles', 'journal article', 'journal', 'artigo', 'artigos', 'articulo', 'artículo', 'research-article',
    'research article', 'original article', 'review-article', 'review article', 'review', 'systematic review',
    'meta-analysis', 'case-report', 'case report', 'case reports', 'editorial', 'letter', 'comment', 'carta',
    'clinical trial', 'randomized controlled trial', 'comparative study', 'observational study', 'brief-report',
    'rapid-communication', 'short communication', 'revisão', 'revision', 'revisión',
  ],
  thesis: ['thesis', 'theses', 'dissertation', 'tese', 'teses', 'dissertação', 'dissertacao', 'tesis', 'thesis/dissertation', 'monografia'],
  book: ['book', 'books', 'monograph', 'monography', 'livro', 'libro', 'edited book'],
  'book chapter': ['book chapter', 'chapter', 'capítulo', 'capitulo', 'capítulo de livro', 'incollection', 'inbook'],
  conference: [
    'conference', 'conference paper', 'conference proceedings', 'congress', 'congress and conference', 'congresso',
    'congresos y conferencias', 'evento', 'anais', 'proceedings', 'inproceedings', 'meeting abstract',
  ],
  report: ['report', 'technical report', 'government document', 'relatório', 'relatorio', 'informe'],
  preprint: ['preprint', 'pre-print'],
};

const FAMILY_OF = new Map<string, string>();
for (const [family, names] of Object.entries(TYPE_FAMILIES)) for (const n of names) FAMILY_OF.set(n, family);

/** The family of a document type as a source or protocol writes it, or undefined when unknown. */
export function documentTypeFamily(type: string | undefined): string | undefined {
  if (!type) return undefined;
  const key = type.trim().toLowerCase().replace(/\s+/g, ' ');
  if (FAMILY_OF.has(key)) return FAMILY_OF.get(key);
  // "Journal Article; Review" and the like: every part must agree on one family.
  const parts = key.split(/\s*[;,|]\s*/).filter(Boolean);
  if (parts.length > 1) {
    const families = new Set(parts.map((p) => FAMILY_OF.get(p)));
    if (families.size === 1 && !families.has(undefined)) return [...families][0];
  }
  return undefined;
}

/** The first limit this record plainly fails, or undefined when it passes or the data is missing. */
export function checkLimits(record: BibRecord, limits: Limits | undefined): LimitCode | undefined {
  if (!limits) return undefined;
  const y = limits.years;
  if (y && record.year !== undefined && Number.isFinite(record.year)) {
    if ((y.from !== undefined && record.year < y.from) || (y.to !== undefined && record.year > y.to)) return 'limit:year';
  }
  if (limits.languages?.length) {
    // Note: only ISO codes count as known; a language the parser could not read goes to a person.
    const known = record.languages.map((l) => l.toLowerCase()).filter((l) => /^[a-z]{2}$/.test(l));
    const wanted = new Set(limits.languages.map((l) => l.toLowerCase()));
    if (known.length > 0 && known.length === record.languages.length && !known.some((l) => wanted.has(l))) return 'limit:language';
  }
  if (limits.documentTypes?.length) {
    const family = documentTypeFamily(record.documentType);
    if (family !== undefined) {
      const wanted = new Set(limits.documentTypes.map((t) => documentTypeFamily(t) ?? t.trim().toLowerCase()));
      if (!wanted.has(family)) return 'limit:type';
    }
  }
  if (limits.fullText === true && record.fullText === false) return 'limit:fulltext';
  return undefined;
}

export interface LimitsResult {
  /** Records checked. */
  checked: number;
  /** Record id -> limit code, for records that plainly fail a limit. */
  excluded: Map<string, LimitCode>;
  /** Exclusions per limit code. */
  byLimit: Record<LimitCode, number>;
}

/** Check many records; `skip` holds ids a person already decided (automation never overrides people). */
export function computeLimitExclusions(records: readonly BibRecord[], limits: Limits | undefined, skip: ReadonlySet<string> = new Set()): LimitsResult {
  const excluded = new Map<string, LimitCode>();
  const byLimit: Record<LimitCode, number> = { 'limit:year': 0, 'limit:language': 0, 'limit:type': 0, 'limit:fulltext': 0 };
  let checked = 0;
  for (const r of records) {
    if (skip.has(r.id)) continue;
    checked++;
    const code = checkLimits(r, limits);
    if (code) {
      excluded.set(r.id, code);
      byLimit[code]++;
    }
  }
  return { checked, excluded, byLimit };
}

export interface LimitsPlan extends LimitsResult {
  /** Import ids this run covers (none when every import was already checked). */
  imports: string[];
  /** Automatic exclusions to append, then the run marker. */
  events: (NewEvent<ScreenDecisionEvent> | NewEvent<ScreenLimitsEvent>)[];
}

/**
 * Plan a limits run over the records of imports no earlier run checked. Records a person already
 * decided at title/abstract are left alone. Empty when there is nothing new to check.
 */
export function planLimits(records: readonly BibRecord[], limits: Limits | undefined, events: readonly EventBase[]): LimitsPlan {
  const checkedImports = new Set<string>();
  const decided = new Set<string>();
  for (const e of events) {
    if (e.type === 'screen.limits') for (const imp of (e as ScreenLimitsEvent).imports) checkedImports.add(imp);
    else if (e.type === 'screen.decision' && (e as ScreenDecisionEvent).by !== 'automation') decided.add((e as ScreenDecisionEvent).recordId);
  }
  const fresh = records.filter((r) => !checkedImports.has(r.provenance.importId));
  const imports = [...new Set(fresh.map((r) => r.provenance.importId))];
  const result = computeLimitExclusions(fresh, limits, decided);
  if (imports.length === 0) return { ...result, imports, events: [] };
  const out: LimitsPlan['events'] = [];
  for (const [recordId, code] of result.excluded)
    out.push({ type: 'screen.decision', recordId, stage: 'title-abstract', decision: 'exclude', reason: code, by: 'automation' });
  out.push({ type: 'screen.limits', imports, checked: result.checked, excluded: result.excluded.size });
  return { ...result, imports, events: out };
}
