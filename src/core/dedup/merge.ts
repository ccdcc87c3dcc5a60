/** Canonical choice and merging: one record stands for its group, filled from the others, with every provenance. */
import type { BibRecord, Provenance } from '../record.js';

const SCALARS = ['year', 'journal', 'volume', 'issue', 'pages', 'doi', 'pmid', 'pmcid', 'bvsId', 'scieloPid', 'issn', 'isbn', 'documentType', 'url', 'publisher', 'citations', 'fullText'] as const;

/** How complete a record is: the number of filled fields (titles and abstracts per language count). */
export function completeness(r: BibRecord): number {
  let n = r.titles.length + r.abstracts.length * 2 + Math.min(r.authors.length, 3) + (r.keywords.length ? 1 : 0) + (r.descriptors.length ? 1 : 0);
  for (const k of SCALARS) if (r[k] !== undefined && r[k] !== '') n++;
  return n;
}

/** The most complete record; ties go to the first in the given order. */
export function mostComplete(records: readonly BibRecord[]): BibRecord {
  let best = records[0];
  let bestScore = completeness(best);
  for (const r of records.slice(1)) {
    const s = completeness(r);
    if (s > bestScore) [best, bestScore] = [r, s];
  }
  return best;
}

/** A group's record after merging: the canonical one, filled from the others, with all provenances. */
export interface MergedRecord extends BibRecord {
  /** Ids of every member, canonical first. */
  members: string[];
  /** Where each member came from (PRISMA counts records per source and database). */
  provenances: Provenance[];
}

function unionStrings(a: string[], b: readonly string[]): string[] {
  const seen = new Set(a.map((x) => x.toLowerCase()));
  for (const x of b) if (!seen.has(x.toLowerCase())) {
    seen.add(x.toLowerCase());
    a.push(x);
  }
  return a;
}

/** Merge a group: empty fields of `canonical` are filled from the other members; nothing is overwritten. */
export function mergeRecords(canonical: BibRecord, others: readonly BibRecord[]): MergedRecord {
  const out: MergedRecord = {
    ...canonical,
    titles: [...canonical.titles],
    abstracts: [...canonical.abstracts],
    authors: [...canonical.authors],
    languages: [...canonical.languages],
    keywords: [...canonical.keywords],
    descriptors: [...canonical.descriptors],
    fullTextUrls: [...canonical.fullTextUrls],
    extra: { ...canonical.extra },
    members: [canonical.id, ...others.map((o) => o.id)],
    provenances: [canonical.provenance, ...others.map((o) => o.provenance)],
  };
  const filled = out as unknown as Record<string, unknown>;
  for (const o of others) {
    const src = o as unknown as Record<string, unknown>;
    for (const k of SCALARS) if ((filled[k] === undefined || filled[k] === '') && src[k] !== undefined && src[k] !== '') filled[k] = src[k];
    if (o.fullText === true) out.fullText = true;
    // Note: a title or abstract in another language is new information (SciELO pt + MEDLINE en).
    for (const t of o.titles) if (!out.titles.some((x) => x.lang === t.lang)) out.titles.push({ ...t, original: false });
    const absLangs = new Set(out.abstracts.map((a) => a.lang));
    for (const a of o.abstracts) if (!absLangs.has(a.lang)) out.abstracts.push(a);
    if (out.authors.length === 0) out.authors = [...o.authors];
    unionStrings(out.languages, o.languages);
    unionStrings(out.keywords, o.keywords);
    unionStrings(out.descriptors, o.descriptors);
    unionStrings(out.fullTextUrls, o.fullTextUrls);
  }
  return out;
}
