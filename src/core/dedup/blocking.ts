/**
 * Blocking: which pairs of records are worth comparing. Every record gets a few keys (DOI,
 * PMID, SciELO PID, the first and last title words in each language, first author + year,
 * journal + volume + first page); only records sharing a key are compared. Large blocks are
 * compared within a sorted window, so the cost grows near-linearly with the number of records.
 */
import type { RecordFeatures } from './features.js';

/** Blocks larger than this are compared only with their neighbours in title order. */
export const MAX_FULL_BLOCK = 40;
/** Neighbours compared inside a large block. */
export const WINDOW = 12;

/** The blocking keys of one record. */
export function blockingKeys(f: RecordFeatures): string[] {
  const keys: string[] = [];
  if (f.doi) keys.push(`d|${f.doi}`);
  const pmid = f.pmid ?? f.mdlPmid;
  if (pmid) keys.push(`p|${pmid}`);
  if (f.scieloPid) keys.push(`s|${f.scieloPid}`);
  for (const t of f.titles) {
    const w = t.tokens;
    if (w.length === 0) continue;
    keys.push(`t|${w.slice(0, 3).join(' ')}`);
    if (w.length > 3) keys.push(`u|${w.slice(-3).join(' ')}`);
    // Note: sorted rare-ish words catch titles whose words moved (subtitle first, translated order).
    const long = [...new Set(w.filter((x) => x.length >= 6))].sort();
    if (long.length >= 3) keys.push(`w|${long.slice(0, 3).join(' ')}`);
  }
  const first = f.families[0];
  if (first && f.year) keys.push(`a|${first.split(' ').pop()}|${f.year}`);
  // Note: year + volume + first page finds an article whose title another source translated.
  if (f.year && f.volume && f.pageFirst) keys.push(`v|${f.year}|${f.volume}|${f.pageFirst}`);
  return keys;
}

/**
 * Candidate pairs as [i, j] index pairs (i < j), each once. When `isNew` is given, only pairs
 * with at least one new record are produced (incremental runs).
 */
export function candidatePairs(features: readonly RecordFeatures[], isNew?: (i: number) => boolean): Array<[number, number]> {
  const blocks = new Map<string, number[]>();
  features.forEach((f, i) => {
    for (const k of blockingKeys(f)) {
      let b = blocks.get(k);
      if (!b) blocks.set(k, (b = []));
      if (b[b.length - 1] !== i) b.push(i);
    }
  });
  const seen = new Set<number>();
  const n = features.length;
  const out: Array<[number, number]> = [];
  const add = (x: number, y: number) => {
    const i = Math.min(x, y);
    const j = Math.max(x, y);
    if (i === j) return;
    if (isNew && !isNew(i) && !isNew(j)) return;
    const key = i * n + j;
    if (seen.has(key)) return;
    seen.add(key);
    out.push([i, j]);
  };
  for (const members of blocks.values()) {
    if (members.length < 2) continue;
    if (members.length <= MAX_FULL_BLOCK) {
      for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) add(members[x], members[y]);
    } else {
      const sorted = [...members].sort((p, q) => cmp(features[p].titles[0]?.norm ?? '', features[q].titles[0]?.norm ?? ''));
      for (let x = 0; x < sorted.length; x++) for (let y = x + 1; y < Math.min(sorted.length, x + 1 + WINDOW); y++) add(sorted[x], sorted[y]);
    }
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
