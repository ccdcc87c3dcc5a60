/**
 * The synoptic table ("quadro sinóptico") of an integrative review: one row per included study,
 * the columns the protocol lists under `outputs.synoptic` (record columns, extraction fields,
 * themes), by default author/year, title, journal, database, the choice and long-text fields
 * (design, level of evidence, objective, main results) and the themes. Pure.
 */
import { SYNOPTIC_RECORD_COLUMNS, type Protocol } from '../protocol.js';
import { displayTitle } from '../record.js';
import type { MergedRecord } from '../dedup/merge.js';
import type { ExtractEvent, ExtractValue } from '../extraction/events.js';
import { studyDatabases, studyLabel } from './studies.js';
import type { SourceNames } from '../prisma/counts.js';

/** Columns taken from the record rather than from the extraction. */
export const RECORD_COLUMNS = SYNOPTIC_RECORD_COLUMNS;
export type RecordColumn = (typeof RECORD_COLUMNS)[number];

/** The columns to show: the protocol's list, else the default described above. */
export function synopticColumns(protocol: Pick<Protocol, 'extraction' | 'outputs'>): string[] {
  if (protocol.outputs?.synoptic?.length) return [...protocol.outputs.synoptic];
  const fields = (protocol.extraction ?? []).filter((f) => ['choice', 'multichoice', 'boolean', 'longtext'].includes(f.type)).map((f) => f.name);
  return ['study', 'title', 'journal', 'database', ...fields, 'themes'];
}

/** Column names in `outputs.synoptic` that are neither a record column nor an extraction field. */
export function unknownSynopticColumns(protocol: Pick<Protocol, 'extraction' | 'outputs'>): string[] {
  const fields = new Set((protocol.extraction ?? []).map((f) => f.name));
  return (protocol.outputs?.synoptic ?? []).filter((c) => !fields.has(c) && !(RECORD_COLUMNS as readonly string[]).includes(c));
}

export interface SynopticWords {
  /** Heading of a record column (the caller translates). */
  heading: (column: RecordColumn) => string;
  formatValue: (v: ExtractValue) => string;
  /** "e" / "and" between two authors. */
  and: string;
  /** Source names in the table's language (Google Acadêmico in pt-BR). */
  sourceNames?: SourceNames;
}

export interface SynopticTable {
  columns: string[];
  header: string[];
  /** One per included study, in the order given; `id` is the study's record id. */
  rows: { id: string; cells: string[] }[];
}

/** Header and one row of plain text per study. */
export function synopticTable(
  protocol: Pick<Protocol, 'extraction' | 'outputs' | 'themes' | 'language'>,
  studies: readonly MergedRecord[],
  extractions: ReadonlyMap<string, ExtractEvent>,
  words: SynopticWords,
): SynopticTable {
  const columns = synopticColumns(protocol).filter((c) => !unknownSynopticColumns({ ...protocol, outputs: { synoptic: [c] } }).length);
  const fields = protocol.extraction ?? [];
  const codebook = protocol.themes ?? [];
  const header = columns.map((c) => fields.find((f) => f.name === c)?.label ?? words.heading(c as RecordColumn));
  const cell = (s: MergedRecord, c: string): string => {
    const x = extractions.get(s.id);
    switch (c) {
      case 'study':
        return studyLabel(s, words.and);
      case 'authors':
        return s.authors.map((a) => a.literal ?? [a.family, a.given].filter(Boolean).join(', ')).join('; ');
      case 'year':
        return s.year !== undefined ? String(s.year) : '';
      case 'title':
        return displayTitle(s, protocol.language);
      case 'journal':
        return s.journal ?? '';
      case 'database':
        return studyDatabases(s, words.sourceNames).join('; ');
      case 'language':
        return s.languages.join(', ');
      case 'doi':
        return s.doi ?? '';
      case 'themes':
        return (x?.themes ?? []).map((id) => {
          const th = codebook.find((t) => t.id === id);
          return th ? `${id} ${th.label}` : id;
        }).join('; ');
      default: {
        const v = x?.fields[c];
        return v === undefined ? '' : words.formatValue(v);
      }
    }
  };
  return { columns, header, rows: studies.map((s) => ({ id: s.id, cells: columns.map((c) => cell(s, c)) })) };
}
