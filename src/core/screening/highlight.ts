/**
 * Where the protocol's descriptors and keywords occur in a text, accent- and case-insensitively
 * ("atencao" finds "Atenção"). A trailing `$` or `*` truncates ("enferm$" finds "enfermagem");
 * otherwise terms match whole words, and the words of a phrase may be separated by spaces or hyphens.
 */
import { isDescriptor, type Protocol, type Term } from '../protocol.js';
import { foldAccents } from '../text.js';

/** Fold keeping a map from each folded position back to the original position. */
function foldWithMap(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = foldAccents(ch);
    for (let k = 0; k < f.length; k++) origin.push(i);
    folded += f;
    i += ch.length;
  }
  origin.push(i);
  return { folded, origin };
}

export interface HighlightTerm {
  /** The term as the protocol writes it (the label shown to the reviewer). */
  label: string;
  pattern: RegExp;
}

const WORD = '[\\p{L}\\p{N}]';

/** A matcher for one written form: whole words, or a prefix when it ends with `$` or `*`. */
function formPattern(form: string): string | undefined {
  const truncated = /[$*]\s*$/.test(form);
  const words = foldAccents(form.replace(/[$*]\s*$/, ''))
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return undefined;
  return `(?<!${WORD})${words.join('[\\s\\-‐–]+')}${truncated ? `${WORD}*` : `(?!${WORD})`}`;
}

function termForms(term: Term): { label: string; forms: string[] } {
  if (isDescriptor(term)) {
    const forms = [term.descriptor, term.es, term.en, ...(term.synonyms ?? [])].filter((x): x is string => !!x);
    return { label: term.descriptor, forms };
  }
  return { label: term.keyword, forms: [term.keyword, ...(term.variants ?? [])] };
}

/** The protocol's search terms (every block, every form) as highlight matchers. */
export function compileHighlightTerms(protocol: Pick<Protocol, 'search'>): HighlightTerm[] {
  const out: HighlightTerm[] = [];
  const seen = new Set<string>();
  for (const block of protocol.search.blocks) {
    for (const term of block.terms) {
      const { label, forms } = termForms(term);
      const patterns = [...new Set(forms.map(formPattern).filter((p): p is string => !!p))];
      if (patterns.length === 0 || seen.has(label)) continue;
      seen.add(label);
      out.push({ label, pattern: new RegExp(patterns.join('|'), 'gu') });
    }
  }
  return out;
}

export interface HighlightRange {
  /** Start and end (exclusive) in the original text's UTF-16 positions. */
  start: number;
  end: number;
  label: string;
}

/** Ranges of `text` matched by the terms, sorted, overlaps merged (the earlier label kept). */
export function findHighlights(text: string, terms: readonly HighlightTerm[]): HighlightRange[] {
  if (!text || terms.length === 0) return [];
  const { folded, origin } = foldWithMap(text);
  const found: HighlightRange[] = [];
  for (const term of terms) {
    term.pattern.lastIndex = 0;
    for (const m of folded.matchAll(term.pattern)) {
      if (m[0].length === 0) continue;
      const s = m.index ?? 0;
      found.push({ start: origin[s], end: origin[s + m[0].length], label: term.label });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: HighlightRange[] = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r.start < last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** Which protocol terms occur in the texts, with how many times, most frequent first. */
export function countTerms(texts: readonly string[], terms: readonly HighlightTerm[]): { label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    if (!text) continue;
    const folded = foldAccents(text);
    for (const term of terms) {
      term.pattern.lastIndex = 0;
      const n = [...folded.matchAll(term.pattern)].length;
      if (n > 0) counts.set(term.label, (counts.get(term.label) ?? 0) + n);
    }
  }
  return [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}
