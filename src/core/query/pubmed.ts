/**
 * PubMed (NCBI E-utilities): descriptors as `"Term"[MeSH Terms]` with their English (MeSH)
 * form and free text as `[Title/Abstract]`; keywords in every form the protocol gives;
 * limits as `("2007"[dp] : "2015"[dp])`, `portuguese[la]`...
 */
import type { Protocol } from '../protocol.js';
import { renderTree, yearsText, type CompiledQuery, type QueryLimit, type QueryWarning } from './compiled.js';
import type { QueryNode } from './tree.js';

export const PUBMED_PLATFORM = 'PubMed (NCBI E-utilities)';
/**
 * Where a PubMed export file comes from: the website's "Send to: File" / "Save" (PubMed format,
 * CSV) is not the E-utilities API, though the query syntax is the same. A proper name and a host,
 * worded the same in every language.
 */
export const PUBMED_WEB_PLATFORM = 'PubMed (pubmed.ncbi.nlm.nih.gov)';

/** PubMed's language names for ISO 639-1 codes. */
export const PUBMED_LANGUAGES: Record<string, string> = {
  pt: 'portuguese', es: 'spanish', en: 'english', fr: 'french', it: 'italian', de: 'german', zh: 'chinese', ja: 'japanese', ru: 'russian',
};

const TYPE_MAP: Record<string, string> = { article: '"journal article"[pt]', review: 'review[pt]', 'case-report': '"case reports"[pt]', editorial: 'editorial[pt]', letter: 'letter[pt]' };

function tiab(text: string, truncated: boolean): string {
  const t = text.replace(/"/g, '');
  if (truncated) return `"${t}*"[Title/Abstract]`;
  return /[\s()[\]:,]/.test(t) || /^(and|or|not)$/i.test(t) ? `"${t}"[Title/Abstract]` : `${t}[Title/Abstract]`;
}

/** Compile the tree to a PubMed query (the `term` of esearch). */
export function compilePubmed(tree: QueryNode, protocol: Protocol): CompiledQuery {
  const warnings: QueryWarning[] = [];
  const { text, clauses } = renderTree(
    tree,
    {
      atoms: (leaf) => {
        if (leaf.kind === 'heading') {
          const { en, mesh, descriptor, freeText } = leaf.term;
          // Note: only descriptors with a MeSH id exist in MeSH; DeCS-only ones (Brazilian public-health
          // categories such as "Estratégia Saúde da Família") are searched in title/abstract instead.
          if (en && mesh) return [`"${en.replace(/"/g, '')}"[MeSH Terms]`];
          warnings.push({ code: en ? 'NOT_IN_MESH' : 'NO_ENGLISH_FORM', params: { term: descriptor } });
          return freeText === false ? [tiab(en ?? descriptor, false)] : [];
        }
        // Note: PubMed indexes English titles and abstracts; Portuguese/Spanish descriptor forms would only add noise.
        if (leaf.origin === 'descriptor' && leaf.lang !== 'en') {
          return leaf.lang === 'pt' && !hasEnglishForm(leaf.text, tree) ? [tiab(leaf.text, leaf.truncated)] : [];
        }
        return [tiab(leaf.text, leaf.truncated)];
      },
      and: ' AND ',
      or: ' OR ',
      not: ' NOT ',
    },
    warnings,
  );
  const limits = protocol.limits ?? {};
  const parts = [/ (AND|OR|NOT) /.test(text) ? `(${text})` : text];
  const lines: QueryLimit[] = [];
  let extra = 0;
  if (limits.years?.from !== undefined || limits.years?.to !== undefined) {
    parts.push(`("${limits.years?.from ?? 1800}"[dp] : "${limits.years?.to ?? 3000}"[dp])`);
    lines.push({ code: 'years', field: 'dp', value: yearsText(limits.years) ?? '' });
    extra += 1;
  }
  if (limits.languages?.length) {
    const langs = limits.languages.map((l) => `${PUBMED_LANGUAGES[l] ?? l}[la]`);
    parts.push(langs.length > 1 ? `(${langs.join(' OR ')})` : langs[0]);
    lines.push({ code: 'languages', field: 'la', value: limits.languages.map((l) => PUBMED_LANGUAGES[l] ?? l).join(', ') });
    extra += langs.length;
  }
  if (limits.fullText) {
    parts.push('"full text"[sb]');
    lines.push({ code: 'fullText', field: 'sb', value: '' });
    extra += 1;
  }
  const types = (limits.documentTypes ?? []).map((t) => TYPE_MAP[t.toLowerCase()] ?? `"${t}"[pt]`);
  if (types.length) {
    parts.push(types.length > 1 ? `(${types.join(' OR ')})` : types[0]);
    lines.push({ code: 'documentTypes', field: 'pt', value: (limits.documentTypes ?? []).join(', ') });
    extra += types.length;
  }
  const query = parts.join(' AND ');
  const params: [string, string][] = [['db', 'pubmed'], ['term', query], ['usehistory', 'y'], ['retmode', 'json']];
  return { source: 'pubmed', platform: PUBMED_PLATFORM, databases: ['PubMed/MEDLINE'], query, params, limits: lines, clauses: clauses + extra, warnings };
}

/** A descriptor whose Portuguese form is this text has an English form searched instead. */
function hasEnglishForm(ptText: string, tree: QueryNode): boolean {
  const stack: QueryNode[] = [tree];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'and' || n.kind === 'or') stack.push(...n.children);
    else if (n.kind === 'not') stack.push(n.include, n.exclude);
    else if (n.kind === 'heading' && n.term.descriptor === ptText) return !!n.term.en;
  }
  return true;
}
