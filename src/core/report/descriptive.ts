/**
 * The descriptive tables of an integrative review: the included studies counted by design, level
 * of evidence (any choice field the protocol lists), year, journal, database and language, each
 * row with n and % of included studies. Pure; the caller translates titles and headings.
 */
import type { Protocol } from '../protocol.js';
import type { MergedRecord } from '../dedup/merge.js';
import type { ExtractEvent, ExtractValue } from '../extraction/events.js';
import { studyDatabases } from './studies.js';
import type { SourceNames } from '../prisma/counts.js';

export interface DescriptiveRow {
  value: string;
  n: number;
  /** n / included studies * 100. */
  percent: number;
}

export interface DescriptiveTable {
  /** `field:<name>` for an extraction field, else year, journal, database or language. */
  id: string;
  /** The field's label from the protocol; empty for the built-in tables (the caller names them). */
  label: string;
  /** Included studies; a study may count in several rows of the database and language tables. */
  total: number;
  rows: DescriptiveRow[];
  /** Included studies with no value (not extracted, or the record names none). */
  missing: number;
}

/** Fields tabulated by default: the choice fields of the protocol (design, level of evidence...). */
export function tabulatedFields(protocol: Pick<Protocol, 'extraction' | 'outputs'>): string[] {
  const fields = protocol.extraction ?? [];
  if (protocol.outputs?.tables) return protocol.outputs.tables.filter((name) => fields.some((f) => f.name === name));
  return fields.filter((f) => f.type === 'choice' || f.type === 'multichoice' || f.type === 'boolean').map((f) => f.name);
}

const pct = (n: number, d: number) => (d === 0 ? 0 : (n / d) * 100);

function tableOf(id: string, label: string, total: number, valuesPerStudy: string[][], order?: readonly string[]): DescriptiveTable {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const vs of valuesPerStudy) {
    if (vs.length === 0) missing++;
    for (const v of new Set(vs)) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const rank = (v: string) => (order ? (order.includes(v) ? order.indexOf(v) : order.length) : 0);
  const rows = [...counts]
    .map(([value, n]) => ({ value, n, percent: pct(n, total) }))
    .sort((a, b) => (order ? rank(a.value) - rank(b.value) : 0) || b.n - a.n || a.value.localeCompare(b.value));
  return { id, label, total, rows, missing };
}

/** Every descriptive table, in the order the report shows them. */
export function computeDescriptiveTables(
  protocol: Pick<Protocol, 'extraction' | 'outputs'>,
  studies: readonly MergedRecord[],
  extractions: ReadonlyMap<string, ExtractEvent>,
  formatValue: (v: ExtractValue) => string = (v) => (Array.isArray(v) ? v.join('; ') : String(v)),
  sourceNames?: SourceNames,
): DescriptiveTable[] {
  const total = studies.length;
  const fields = protocol.extraction ?? [];
  const out: DescriptiveTable[] = [];
  for (const name of tabulatedFields(protocol)) {
    const f = fields.find((x) => x.name === name)!;
    const values = studies.map((s) => {
      const v = extractions.get(s.id)?.fields[name];
      if (v === undefined || v === '') return [];
      return Array.isArray(v) ? v : [formatValue(v)];
    });
    out.push(tableOf(`field:${name}`, f.label, total, values, f.values));
  }
  const years = tableOf('year', '', total, studies.map((s) => (s.year !== undefined ? [String(s.year)] : [])));
  years.rows.sort((a, b) => a.value.localeCompare(b.value));
  out.push(years);
  out.push(tableOf('journal', '', total, studies.map((s) => (s.journal?.trim() ? [s.journal.trim()] : []))));
  out.push(tableOf('database', '', total, studies.map((s) => studyDatabases(s, sourceNames))));
  out.push(tableOf('language', '', total, studies.map((s) => s.languages.map((l) => l.toLowerCase()))));
  return out;
}
