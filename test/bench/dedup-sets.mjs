/**
 * Reads the labelled dedup benchmarks in ../shared/dedup/ into BibRecords and gold labels,
 * straight from their CSV (csv-parse + iconv-lite), without the project's importers.
 * Used by test/bench/dedup.mjs and test/shared/dedup*.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { emptyRecord } from '../../dist/core/record.js';

const NA = (v) => (v === undefined || v === null || v === '' || v === 'NA' ? undefined : String(v).trim());

/** The project's own empty record, with this bench's id and provenance. */
function baseRecord(id, file, line) {
  return { id, ...emptyRecord({ source: 'other', file, line, sourceId: id, importId: 'i001', format: 'csv' }) };
}

/** "Adeli K.Lewis G. F." -> [{family: Adeli, given: K.}, {family: Lewis, given: G. F.}] */
export function parseAsysdAuthors(s) {
  if (!s) return [];
  return s
    .split(/(?<=\.)(?=\s*[A-Z][^.\s])/)
    .map((x) => x.trim())
    .filter(Boolean)
    .map((name) => {
      const m = name.match(/^(.*?)\s+((?:[A-Z][a-z]?\.?\s*-?)+)$/);
      return m ? { family: m[1], given: m[2].trim() } : { family: name };
    });
}

/** "Cook, S M and Gamez, R G" -> authors. */
export function parseBibtexAuthors(s) {
  if (!s) return [];
  return s
    .split(/\s+and\s+/)
    .map((x) => x.trim())
    .filter(Boolean)
    .map((name) => {
      const i = name.indexOf(',');
      return i > 0 ? { family: name.slice(0, i).trim(), given: name.slice(i + 1).trim() } : { family: name };
    });
}

function year(v) {
  const m = String(v ?? '').match(/\d{4}/);
  return m ? Number(m[0]) : undefined;
}

/** ASySD diabetes set: records plus gold `unique`/`duplicate` per record (no group ids). */
export function loadAsysd(dir) {
  const file = path.join(dir, 'asysd_diabetes_labelled_test_set.csv');
  const text = iconv.decode(fs.readFileSync(file), 'win1252');
  const rows = parse(text, { columns: true, skip_empty_lines: true, relax_quotes: true });
  const records = rows.map((row, i) => {
    const r = baseRecord(`r${String(i + 1).padStart(5, '0')}`, 'asysd_diabetes_labelled_test_set.csv', i + 2);
    r.provenance.sourceId = String(row.record_id).trim();
    if (NA(row.title)) r.titles.push({ lang: 'en', text: row.title });
    if (NA(row.abstract)) r.abstracts.push({ lang: 'en', text: row.abstract });
    r.authors = parseAsysdAuthors(NA(row.author));
    r.year = year(row.year);
    r.journal = NA(row.journal);
    r.doi = NA(row.doi);
    r.issue = NA(row.number);
    r.pages = NA(row.pages);
    r.volume = NA(row.volume);
    r.isbn = NA(row.isbn);
    return r;
  });
  return { name: 'asysd-diabetes', file: 'asysd_diabetes_labelled_test_set.csv', records, gold: { kind: 'labels', duplicate: rows.map((row) => row.source === 'duplicate') } };
}

/** A bib-dedupe set: records plus gold groups. */
export function loadBibDedupe(dir, set) {
  const base = path.join(dir, 'bib-dedupe', set);
  const rows = parse(fs.readFileSync(path.join(base, 'records_pre_merged.csv'), 'utf8'), { columns: true, skip_empty_lines: true, relax_quotes: true });
  const merged = parse(fs.readFileSync(path.join(base, 'merged_record_ids.csv'), 'utf8'), { columns: true, skip_empty_lines: true });
  // Note: in some sets `number` is the reference manager's record number (all distinct), not the
  // issue; it is read as the issue, as an importer would, and dedup has to see through it.
  const records = rows.map((row, i) => {
    const r = baseRecord(`r${String(i + 1).padStart(5, '0')}`, `${set}/records_pre_merged.csv`, i + 2);
    r.provenance.sourceId = row.ID;
    if (NA(row.title)) r.titles.push({ lang: 'en', text: row.title });
    if (NA(row.abstract)) r.abstracts.push({ lang: 'en', text: row.abstract });
    r.authors = parseBibtexAuthors(NA(row.author));
    r.year = year(row.year);
    r.journal = NA(row.journal) ?? NA(row.booktitle);
    r.doi = NA(row.doi);
    r.issue = NA(row.number) ?? NA(row.issue);
    r.pages = NA(row.pages);
    r.volume = NA(row.volume);
    r.documentType = NA(row.ENTRYTYPE);
    return r;
  });
  const clusterOf = new Map();
  merged.forEach((m, g) => {
    for (const id of String(m.merged_ids).split(';')) clusterOf.set(id.trim(), `g${g}`);
  });
  const cluster = rows.map((row) => clusterOf.get(row.ID) ?? `s-${row.ID}`);
  return { name: `bib-dedupe/${set}`, file: `bib-dedupe/${set}/records_pre_merged.csv`, records, gold: { kind: 'clusters', cluster } };
}

/** All labelled sets found in `dir`. */
export function loadAllSets(dir) {
  const sets = [];
  if (fs.existsSync(path.join(dir, 'asysd_diabetes_labelled_test_set.csv'))) sets.push(loadAsysd(dir));
  for (const set of ['cytology_screening', 'respiratory', 'special_cases'])
    if (fs.existsSync(path.join(dir, 'bib-dedupe', set, 'records_pre_merged.csv'))) sets.push(loadBibDedupe(dir, set));
  return sets;
}

/**
 * Record-level confusion counts of a grouping (record index -> group key) against the gold.
 * A record flagged as a duplicate to remove is every group member but one. A group that holds
 * k distinct gold studies (or k gold-unique records) made k - 1 false merges (FP).
 */
export function scoreGrouping(set, groupOf) {
  const n = set.records.length;
  const groups = new Map();
  for (let i = 0; i < n; i++) {
    const g = groupOf[i];
    let arr = groups.get(g);
    if (!arr) groups.set(g, (arr = []));
    arr.push(i);
  }
  let removed = 0;
  let fp = 0;
  for (const members of groups.values()) {
    removed += members.length - 1;
    if (set.gold.kind === 'clusters') {
      const k = new Set(members.map((i) => set.gold.cluster[i])).size;
      fp += k - 1;
    } else {
      const u = members.filter((i) => !set.gold.duplicate[i]).length;
      fp += Math.max(0, u - 1);
    }
  }
  let goldRemove;
  if (set.gold.kind === 'clusters') goldRemove = n - new Set(set.gold.cluster).size;
  else goldRemove = set.gold.duplicate.filter(Boolean).length;
  const tp = removed - fp;
  const fn = goldRemove - tp;
  const tn = n - tp - fp - fn;
  const sensitivity = goldRemove ? tp / goldRemove : 1;
  const specificity = tn + fp ? tn / (tn + fp) : 1;
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const f1 = precision + sensitivity ? (2 * precision * sensitivity) / (precision + sensitivity) : 0;
  return { n, tp, fp, tn, fn, sensitivity, specificity, precision, f1 };
}
