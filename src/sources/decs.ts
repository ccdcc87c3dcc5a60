/**
 * DeCS lookup (api.bvsalud.org/decs/v2/search-by-words, key in the `apikey` header): a term's
 * descriptor in pt/es/en, synonyms, tree numbers, DeCS and MeSH ids, ready to paste into the protocol.
 * Contract read in bireme/decs-api app/api/thesaurus_term_api.py (TermResource):
 * - `words` are searched only in the requested language (`get_search_q('words', words, None,
 *   status, lang_code, ths)`), so pt, es and en are each asked and the answers merged by DeCS code;
 * - one object per term: `{decsws_response: {attr: {tree_id}, record_list: {record: {attr: {mfn},
 *   unique_identifier_nlm, descriptor_list: [{descriptor, attr: {lang}}], synonym_list:
 *   [{synonym}], tree_id_list: [{tree_id}]}}}, query}`;
 * - `synonym_list` holds only the requested language's synonyms, WITHOUT `attr.lang`: their
 *   language is the one asked. Single items may come as objects instead of one-element lists, so
 *   every level is read leniently.
 */
import { stringify } from 'yaml';
import type { DescriptorTerm } from '../core/protocol.js';
import { queryString } from '../core/query/compiled.js';
import { fetchText, joinUrl, TruncatedAnswerError, why } from './http.js';
import type { SearchContext } from './types.js';

export const DECS_BASE_URL = 'https://api.bvsalud.org/decs/v2';

export interface DecsDescriptor {
  decs?: string;
  mesh?: string;
  pt?: string;
  es?: string;
  en?: string;
  synonyms: { pt: string[]; es: string[]; en: string[] };
  treeIds: string[];
}

type Loose = Record<string, unknown>;

function arr(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function text(v: unknown, ...keys: string[]): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (v && typeof v === 'object') for (const k of [...keys, '#text', 'val', 'value']) if (typeof (v as Loose)[k] === 'string') return ((v as Loose)[k] as string).trim() || undefined;
  return undefined;
}

function langOf(v: unknown): 'pt' | 'es' | 'en' | undefined {
  const o = (v ?? {}) as Loose;
  const raw = String(((o.attr as Loose | undefined)?.lang ?? o['@lang'] ?? o.lang ?? '') as string).toLowerCase();
  return raw.startsWith('pt') ? 'pt' : raw.startsWith('es') ? 'es' : raw.startsWith('en') ? 'en' : undefined;
}

/** Read a search-by-words answer asked in `asked` (the language of synonyms that carry none); unreadable JSON throws TruncatedAnswerError. */
export function parseDecs(json: string, asked: 'pt' | 'es' | 'en' = 'pt'): DecsDescriptor[] {
  let data: Loose;
  try {
    data = JSON.parse(json) as Loose;
  } catch {
    throw new TruncatedAnswerError(why('BAD_JSON', { bytes: json.length }));
  }
  const records = arr(data.objects).flatMap((o) => arr((((o as Loose).decsws_response as Loose | undefined)?.record_list as Loose | undefined)?.record));
  return records.map((rec) => {
    const r = rec as Loose;
    const d: DecsDescriptor = { synonyms: { pt: [], es: [], en: [] }, treeIds: [] };
    const mfn = (r.attr as Loose | undefined)?.mfn;
    if (mfn !== undefined) d.decs = String(mfn);
    const mesh = text(r.unique_identifier_nlm);
    if (mesh && /^D\d{6,9}$/.test(mesh)) d.mesh = mesh;
    for (const item of arr(r.descriptor_list).flatMap((x) => (x && typeof x === 'object' && 'descriptor' in (x as Loose) && Array.isArray((x as Loose).descriptor) ? arr((x as Loose).descriptor) : [x]))) {
      const lang = langOf(item);
      const value = text(item, 'descriptor');
      if (lang && value && !d[lang]) d[lang] = value;
    }
    const synItems = arr(r.synonym_list).flatMap((x) => (x && typeof x === 'object' && 'synonym' in (x as Loose) && Array.isArray((x as Loose).synonym) ? arr((x as Loose).synonym) : [x]));
    for (const item of synItems) {
      const lang = langOf(item) ?? asked;
      const value = text(item, 'synonym');
      if (lang && value && !d.synonyms[lang].includes(value)) d.synonyms[lang].push(value);
    }
    d.treeIds = arr(r.tree_id_list).flatMap((x) => (x && typeof x === 'object' && 'tree_id' in (x as Loose) ? arr((x as Loose).tree_id) : [x])).map((x) => text(x, 'tree_id')).filter((x): x is string => !!x);
    return d;
  });
}

export const DECS_LANGS = ['pt', 'es', 'en'] as const;

/** Descriptors of several answers as one list: same DeCS code (else MeSH id, else name) merged, synonyms of every language kept. */
export function mergeDescriptors(lists: DecsDescriptor[][]): DecsDescriptor[] {
  const out: DecsDescriptor[] = [];
  const keyOf = (d: DecsDescriptor) => d.decs ?? d.mesh ?? (d.pt ?? d.es ?? d.en ?? '').toLowerCase();
  for (const d of lists.flat()) {
    const same = out.find((x) => keyOf(x) === keyOf(d));
    if (!same) {
      out.push({ ...d, synonyms: { pt: [...d.synonyms.pt], es: [...d.synonyms.es], en: [...d.synonyms.en] }, treeIds: [...d.treeIds] });
      continue;
    }
    for (const l of DECS_LANGS) {
      same[l] ??= d[l];
      for (const syn of d.synonyms[l]) if (!same.synonyms[l].includes(syn)) same.synonyms[l].push(syn);
    }
    same.mesh ??= d.mesh;
    for (const tr of d.treeIds) if (!same.treeIds.includes(tr)) same.treeIds.push(tr);
  }
  return out;
}

/**
 * Ask DeCS for the descriptors matching `words` (internally ANDed by the API) in each of pt, es
 * and en (word search is restricted to the language asked), `lang` first; answers merged.
 */
export async function lookupDecs(ctx: SearchContext, words: string, lang: 'pt' | 'es' | 'en', key: string): Promise<DecsDescriptor[]> {
  const lists: DecsDescriptor[][] = [];
  for (const l of [lang, ...DECS_LANGS.filter((x) => x !== lang)]) {
    const url = joinUrl(ctx.baseUrl, 'search-by-words', queryString([['words', words], ['lang', l], ['format', 'json']]));
    const body = await fetchText(ctx, url, { headers: { apikey: key }, validate: (t) => void parseDecs(t, l) });
    lists.push(parseDecs(body, l));
  }
  return mergeDescriptors(lists);
}

/** A descriptor as a protocol term (synonyms in the protocol's language first, then the others). */
export function toTerm(d: DecsDescriptor, lang: 'pt' | 'es' | 'en' = 'pt'): DescriptorTerm {
  const term: DescriptorTerm = { descriptor: d.pt ?? d.es ?? d.en ?? '' };
  if (d.es) term.es = d.es;
  if (d.en) term.en = d.en;
  if (d.decs) term.decs = d.decs;
  if (d.mesh) term.mesh = d.mesh;
  const forms = new Set([d.pt, d.es, d.en].filter(Boolean).map((s) => s!.toLowerCase()));
  const synonyms = [...d.synonyms[lang], ...(['pt', 'es', 'en'] as const).filter((l) => l !== lang).flatMap((l) => d.synonyms[l])].filter((s, i, all) => !forms.has(s.toLowerCase()) && all.findIndex((x) => x.toLowerCase() === s.toLowerCase()) === i);
  if (synonyms.length) term.synonyms = synonyms;
  return term;
}

/** YAML list items to paste under `terms:` of a block. */
export function termsYaml(terms: DescriptorTerm[]): string {
  return stringify(terms, { flowCollectionPadding: false, lineWidth: 0 }).replace(/\n$/, '');
}
