/**
 * Extraction filled in a spreadsheet: one row per study, columns `record_id`, one per
 * protocol field, and `themes` (codebook ids separated by `;`). Comma, semicolon or tab
 * separated, with or without a BOM. Every problem names its line.
 */
import { parse } from 'csv-parse/sync';
import type { Protocol } from '../protocol.js';
import { sniffDelimiter, type Delimiter } from '../text.js';
import type { ExtractValue } from './events.js';
import { parseFieldValue, parseThemeIds, type ExtractProblem } from './validate.js';

export interface ExtractionRow {
  recordId: string;
  fields: Record<string, ExtractValue>;
  themes: string[];
  /** 1-based line where the row starts. */
  line: number;
}

export interface ExtractionCsvOptions {
  /** Ids of the studies that may be extracted (final full-text includes). */
  included: ReadonlySet<string>;
  /** Every record id of the review, to tell "not included" from "no such record". */
  known: ReadonlySet<string>;
  /** Duplicate -> canonical record, so a row may name any copy of an included study. */
  canonicalOf?: ReadonlyMap<string, string>;
}

/** Columns people keep for their own reference; read, never stored. */
const INFO_COLUMNS = new Set(['title', 'titulo', 'título', 'authors', 'autores', 'author', 'year', 'ano', 'doi', 'journal', 'periodico', 'periódico', 'link', 'url']);
const ID_COLUMNS = ['record_id', 'id', 'registro'];
const THEME_COLUMNS = ['themes', 'temas'];

/** The separator of an extraction table's header line; a tie goes to `;` (Excel in pt-BR). */
export function extractionDelimiter(text: string): Delimiter {
  return sniffDelimiter(text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '', [';', '\t', ',']);
}

/** Parse an extraction CSV. Rows with every cell empty but the id are skipped (a template not yet filled). */
export function parseExtractionCsv(text: string, protocol: Protocol, options: ExtractionCsvOptions): { rows: ExtractionRow[]; problems: ExtractProblem[] } {
  const problems: ExtractProblem[] = [];
  const rows: ExtractionRow[] = [];
  let parsed: { record: Record<string, string>; raw: string }[];
  try {
    parsed = parse(text, { bom: true, delimiter: extractionDelimiter(text), columns: (h: string[]) => h.map((c) => c.trim()), info: true, raw: true, skip_empty_lines: true, trim: false }) as typeof parsed;
  } catch (e) {
    const err = e as Error & { lines?: number };
    return { rows, problems: [{ code: 'EXTRACT_CSV', value: err.message, line: err.lines ?? 0 }] };
  }
  const defs = protocol.extraction ?? [];
  const header = parsed.length > 0 ? Object.keys(parsed[0].record) : headerOf(text);
  const idColumn = header.find((h) => ID_COLUMNS.includes(h.toLowerCase()));
  if (!idColumn) return { rows, problems: [{ code: 'EXTRACT_NO_RECORD_ID', line: 1, expected: 'record_id' }] };
  const themeColumn = header.find((h) => THEME_COLUMNS.includes(h.toLowerCase()));
  for (const h of header) {
    if (h === idColumn || h === themeColumn || defs.some((f) => f.name === h) || INFO_COLUMNS.has(h.toLowerCase()) || h === '') continue;
    problems.push({ code: 'EXTRACT_UNKNOWN_FIELD', field: h, line: 1, expected: defs.map((f) => f.name).join(', ') });
  }
  const seen = new Map<string, number>();
  // Note: csv-parse's line counter counts CR and LF apart inside quoted cells; find each raw
  // record in the text instead, so the line is right for CRLF files with multi-line cells.
  let cursor = 0;
  let line = 1;
  for (const { record, raw } of parsed) {
    const at = text.indexOf(raw, cursor);
    if (at >= 0) {
      for (let i = cursor; i < at; i++) if (text.charCodeAt(i) === 10) line++;
      cursor = at;
    }
    const recordLine = line;
    for (let i = cursor; i < cursor + raw.length && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
    cursor += raw.length;
    const given = (record[idColumn] ?? '').trim();
    // Note: sheets this tool writes neutralise formulas with a leading apostrophe; read the value back without it.
    const cells = defs.map((f) => (record[f.name] ?? '').replace(/^'(?=[=+\-@\t\r])/, ''));
    const themeCell = themeColumn ? (record[themeColumn] ?? '') : '';
    if (given === '') {
      if (cells.some((c) => c.trim() !== '') || themeCell.trim() !== '') problems.push({ code: 'EXTRACT_NO_RECORD_ID', line: recordLine, expected: 'record_id' });
      continue;
    }
    if (cells.every((c) => c.trim() === '') && themeCell.trim() === '') continue;
    const recordId = options.canonicalOf?.get(given) ?? given;
    if (!options.known.has(given) && !options.known.has(recordId)) {
      problems.push({ code: 'EXTRACT_UNKNOWN_RECORD', value: given, line: recordLine });
      continue;
    }
    if (!options.included.has(recordId)) {
      problems.push({ code: 'EXTRACT_NOT_INCLUDED', value: given, line: recordLine });
      continue;
    }
    if (seen.has(recordId)) {
      problems.push({ code: 'EXTRACT_DUPLICATE_ROW', value: given, line: recordLine, expected: String(seen.get(recordId)) });
      continue;
    }
    seen.set(recordId, recordLine);
    const fields: Record<string, ExtractValue> = {};
    let ok = true;
    defs.forEach((f, i) => {
      const r = parseFieldValue(f, cells[i]);
      if (r.problem) {
        problems.push({ ...r.problem, line: recordLine });
        ok = false;
      } else if (r.value !== undefined) fields[f.name] = r.value;
    });
    const th = parseThemeIds(protocol, themeCell);
    for (const p of th.problems) problems.push({ ...p, line: recordLine });
    if (ok && th.problems.length === 0) rows.push({ recordId, fields, themes: th.themes, line: recordLine });
  }
  return { rows, problems };
}

function headerOf(text: string): string[] {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const cells = (parse(first, { delimiter: extractionDelimiter(text), relax_quotes: true, relax_column_count: true }) as string[][])[0] ?? [];
  return cells.map((h) => h.trim());
}
