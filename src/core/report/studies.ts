/** The included studies as the report and the tables show them: each merged with its duplicates. */
import type { BibRecord } from '../record.js';
import { mergeRecords, type MergedRecord } from '../dedup/merge.js';
import { databaseLabel, sourceDataName, type SourceNames } from '../prisma/counts.js';

/** Merge each canonical record with the other members of its dedup group. */
export function mergedStudies(records: readonly BibRecord[], canonicalOf: ReadonlyMap<string, string>, ids: readonly string[]): MergedRecord[] {
  const wanted = new Set(ids);
  const byId = new Map<string, BibRecord>();
  const members = new Map<string, BibRecord[]>();
  for (const r of records) {
    if (wanted.has(r.id)) byId.set(r.id, r);
    const c = canonicalOf.get(r.id) ?? r.id;
    if (c === r.id || !wanted.has(c)) continue;
    (members.get(c) ?? members.set(c, []).get(c)!).push(r);
  }
  return ids.filter((id) => byId.has(id)).map((id) => mergeRecords(byId.get(id)!, members.get(id) ?? []));
}

/** "Silva et al., 2012", "Souza e Lima, 2010" style label (pt/en joiner given). */
export function studyLabel(r: Pick<BibRecord, 'authors' | 'year' | 'id'>, and = 'e'): string {
  const name = (a: BibRecord['authors'][number]) => a.literal ?? a.family;
  const year = r.year ?? 's.d.';
  if (r.authors.length === 0) return `${r.id}, ${year}`;
  if (r.authors.length === 1) return `${name(r.authors[0])}, ${year}`;
  if (r.authors.length === 2) return `${name(r.authors[0])} ${and} ${name(r.authors[1])}, ${year}`;
  return `${name(r.authors[0])} et al., ${year}`;
}

/** Every database a study was found in, in order of appearance: "LILACS (BVS); SciELO"; names in the output's language. */
export function studyDatabases(r: MergedRecord, names?: SourceNames): string[] {
  const out: string[] = [];
  for (const p of r.provenances) {
    const label = databaseLabel({ source: p.source, database: p.database?.trim() || sourceDataName(p.source) }, names);
    if (!out.includes(label)) out.push(label);
  }
  return out;
}

/** A link to the study: the DOI resolver when there is a DOI, else its URL or first full text. */
export function studyLink(r: Pick<BibRecord, 'doi' | 'url' | 'fullTextUrls'>): string {
  if (r.doi) return `https://doi.org/${r.doi}`;
  return r.url ?? r.fullTextUrls[0] ?? '';
}
