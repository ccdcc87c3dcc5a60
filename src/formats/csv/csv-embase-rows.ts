/**
 * Embase.com "Export > CSV - Fields by Row": one field a row, the field name in the first cell and
 * its values in the next ones (`"TITLE","..."`, `"AUTHOR NAMES","Silva A.","Souza B."`), records one
 * after another, each opened by its TITLE row or a `RECORD n` row; session lines may come first.
 * Layout as public review tools read it (code corpus: a reader of Embase exports that parses
 * "the vertical layout used by the Embase CSV and MS Excel exports", starting a record at RECORD n
 * or at a second TITLE, and a JavaScript reader whose note says a tabular reader would turn each
 * of these lines into a junk record). Each record is mapped by the column reader's own mapping
 * (`buildEmbase`, ./csv-embase.ts), its values joined one per line as Embase's columns hold them.
 */
import { parse } from 'csv-parse/sync';
import type { Diagnostic } from '../../core/diagnostics.js';
import { emptyRecord, type ParsedRecord } from '../../core/record.js';
import { countNewlines } from '../text-stream.js';
import type { FormatAdapter, ParseOptions, ParseResult } from '../types.js';
import { buildEmbase, EMBASE_COLUMNS } from './csv-embase.js';
import { diagnostic, headerKey, preamblePreview, RowReader, stripBom, type CsvTable } from './common.js';

/** Field names that open or belong to an Embase record (as header keys). */
const FIELDS = new Set([...EMBASE_COLUMNS, 'originalnonenglishtitle', 'originaltitle', 'languageofarticle', 'articlelanguage', 'languageofsummary', 'embaseaccessionid', 'fulltextlink', 'pages', 'isbn', 'correspondenceaddress', 'aipipentrydate', 'fullrecordentrydate', 'copyright']);

const RECORD_ROW = /^RECORD\s+\d+$/i;

interface FieldRow {
  name: string;
  values: string[];
  line: number;
}

/** Rows of the text (cells trimmed) with the line each starts on; unreadable rows become fatal diagnostics. */
function readRows(text: string, file: string): { rows: FieldRow[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const rows: FieldRow[] = [];
  const normal = stripBom(text).replace(/\r\n?/g, '\n');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(normal, {
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
      on_skip: (err) => {
        const lines = (err as { lines?: number } | undefined)?.lines ?? 0;
        diagnostics.push(diagnostic('CSV_BAD_QUOTE', {}, file, lines, true));
        return undefined;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    // Note: an unclosed quote at the end of the text is not skippable; nothing after it can be read.
    const err = e as { lines?: number; message?: string };
    diagnostics.push(diagnostic('CSV_BAD_ROW', { detail: err.message ?? String(e) }, file, err.lines ?? 1, true));
    return { rows, diagnostics };
  }
  for (const { record, info } of records) {
    const cells = record.map((c) => c.trim());
    const inner = cells.reduce((n, c) => n + countNewlines(c), 0);
    rows.push({ name: cells[0] ?? '', values: cells.slice(1).filter(Boolean), line: info.lines - inner });
  }
  return { rows, diagnostics };
}

/** The rows of one record as a one-row table, so the column reader's mapping applies. */
function recordRow(fields: FieldRow[]): { table: CsvTable; cells: string[] } {
  const header = fields.map((f) => f.name);
  const table: CsvTable = { header, keys: header.map(headerKey), rows: [], delimiter: ',', diagnostics: [], rejected: 0 };
  return { table, cells: fields.map((f) => f.values.join('\n')) };
}

/** Read an Embase CSV laid out by row. */
export function parseEmbaseRows(text: string, options: ParseOptions): ParseResult {
  const file = options.file;
  const { rows, diagnostics } = readRows(text, file);
  const records: ParsedRecord[] = [];
  let rejected = diagnostics.length;
  const preamble: string[] = [];
  let current: FieldRow[] = [];
  const close = () => {
    if (current.length === 0) return;
    const fields = current;
    current = [];
    const line = fields[0].line;
    const { table, cells } = recordRow(fields);
    const index = new Map<string, number>();
    table.keys.forEach((k, i) => {
      if (k && !index.has(k)) index.set(k, i);
    });
    const reader = new RowReader(table, { line, cells }, index);
    const record = emptyRecord({ source: options.source ?? 'embase', file, line, format: 'csv-embase-rows' });
    let fatal = false;
    buildEmbase(reader, record, {
      file,
      line,
      report(code, params = {}, isFatal = false) {
        diagnostics.push(diagnostic(code, params, file, line, isFatal));
        if (isFatal) fatal = true;
      },
    });
    for (const [name, values] of Object.entries(reader.rest())) (record.extra[name] ??= []).push(...values);
    if (options.database) record.provenance.database = options.database;
    if (record.titles.length === 0) diagnostics.push(diagnostic('CSV_NO_TITLE', {}, file, line, false));
    if (fatal) rejected++;
    else records.push(record);
  };
  for (const row of rows) {
    const key = headerKey(row.name);
    if (RECORD_ROW.test(row.name)) {
      close();
      continue;
    }
    if (current.length === 0 && records.length === 0 && !FIELDS.has(key)) {
      preamble.push([row.name, ...row.values].join(' '));
      continue;
    }
    if (key === 'title' && current.some((f) => headerKey(f.name) === 'title')) close();
    current.push(row);
  }
  close();
  const first = rows.find((r) => FIELDS.has(headerKey(r.name)));
  if (preamble.length > 0 && first) diagnostics.push(diagnostic('CSV_PREAMBLE', { lines: preamble.length, text: preamblePreview(preamble) }, file, first.line, false));
  if (records.length === 0 && rejected === 0) diagnostics.push(diagnostic('CSV_NO_ROWS', {}, file, 1, false));
  diagnostics.sort((a, b) => a.line - b.line);
  return { records, diagnostics, rejected };
}

/** How many of the first rows name an Embase field in their first cell, none naming two. */
export function sniffEmbaseRows(head: string): number {
  let fields = 0;
  const seen = new Set<string>();
  for (const line of stripBom(head).split(/\r\n|\n|\r/).slice(0, 60)) {
    const m = /^"?([^",]+)"?\s*,/.exec(line);
    if (!m) continue;
    const key = headerKey(m[1]);
    if (!FIELDS.has(key)) continue;
    // Note: a line naming a second field is a header row (fields by column), not this layout.
    const cells = line.split(',').map((c) => headerKey(c.replace(/"/g, '')));
    if (cells.filter((c) => FIELDS.has(c)).length > 1) return 0;
    fields++;
    seen.add(key);
  }
  return seen.has('title') && seen.size >= 3 && fields >= 3 ? 0.9 : 0;
}

/** Embase CSV laid out one field a row. */
export const csvEmbaseRows = {
  id: 'csv-embase-rows',
  /** In the interface language at the time it is read. */
  label: 'Embase CSV export (fields by row)',
  extensions: ['csv'],
  sniff: sniffEmbaseRows,
  parse: parseEmbaseRows,
} satisfies FormatAdapter;
