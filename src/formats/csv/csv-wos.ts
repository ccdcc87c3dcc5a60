/**
 * Web of Science "Tab-delimited file" export (savedrecs.txt; older exports "Tab-delimited (Win,
 * UTF-16)" as UTF-16LE with a BOM, newer ones UTF-8): a header row of the two-letter field tags
 * `PT AU BA BE GP AF BF CA TI SO SE BS LA DT CT CY CL SP HO DE ID AB C1 RP EM RI OI FU FX CR NR TC
 * Z9 U1 U2 PU PI PA SN EI BN J9 JI PD PY VL IS PN SU SI MA BP EP AR DI D2 EA PG WC SC GA UT PM OA
 * HC HP DA` (newer exports add C3, FP, DL, EY, WE...), then one record per line, cells never
 * quoted, list fields (AU, AF, CR, C1...) joined with `; `; some exports end every line with a tab.
 * Layout as public readers take it: the tag list of wonjoonSeol/ScienceScape
 * (bibliotools3.0/scripts/config.py, `wos_headers`, which also counts the trailing tab) and
 * alberto-martin/read.wos.R (wos.tabwin.utf8.R: first line the tags, each further line split at
 * tabs); the tags mean what Clarivate's "Web of Science Core Collection field tags" page says,
 * the same as in the plain-text export, so each row is mapped by the plain-text reader's table
 * (../wos.ts, `wosEntryToRecord`).
 */
import type { ParsedRecord } from '../../core/record.js';
import type { TaggedEntry, TaggedField } from '../lines.js';
import { wosEntryToRecord } from '../wos.js';
import type { FormatAdapter } from '../types.js';
import { keyCoverage, sniffHeaderKeys, tableReaders, type BuildContext, type RowReader, type TableSpec } from './common.js';

/** Tags every tab-delimited export has (as header keys). */
const REQUIRED = ['pt', 'au', 'ti', 'so', 'py', 'ut'];

/** The tags of the export (Clarivate's field list), as header keys, to tell it from other tables. */
const TAGS = 'pt au ba be gp af bf ca ti so se bs la dt ct cy cl sp ho de id ab c1 c3 rp em ri oi fu fp fx cr nr tc z9 u1 u2 pu pi pa sn ei bn j9 ji pd py vl is pn su si ma bp ep ar di dl d2 ea ey pg wc we sc ga ut pm oa hc hp da'.split(' ');

/** Tags whose cell lists several items joined with `; ` (one per line in the plain-text export). */
const LIST_TAGS = new Set(['AU', 'AF', 'BA', 'BF', 'BE', 'CA', 'GP', 'CR', 'C1', 'C3', 'EM', 'RI', 'OI']);

/**
 * Split a list cell at `;` outside square brackets: C1 groups its authors in brackets
 * (`[Silva, Ana; Souza, B] Univ Sao Paulo, Brazil; [Costa, C] ...`).
 */
export function splitWosList(cell: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of cell) {
    if (ch === '[') depth++;
    else if (ch === ']' && depth > 0) depth--;
    if (ch === ';' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** One row as the tagged entry the plain-text reader maps (tags in header order). */
function rowToEntry(row: RowReader, line: number): TaggedEntry {
  const fields: TaggedField[] = [];
  row.header.forEach((name) => {
    const tag = name.trim().toUpperCase();
    if (!/^[A-Z][A-Z0-9]$/.test(tag)) return;
    const cell = row.raw(tag.toLowerCase());
    if (!cell) return;
    fields.push({ tag, values: LIST_TAGS.has(tag) ? splitWosList(cell) : [cell], line });
  });
  return { line, fields };
}

function build(row: RowReader, rec: ParsedRecord, ctx: BuildContext): void {
  const { record, diagnostics } = wosEntryToRecord(rowToEntry(row, ctx.line), {
    file: ctx.file,
    source: rec.provenance.source,
  });
  for (const d of diagnostics) ctx.report(d.code, d.params, d.fatal);
  if (!record) return;
  const { provenance, ...fields } = record;
  Object.assign(rec, fields);
  rec.provenance.database = provenance.database;
  rec.provenance.sourceId = provenance.sourceId;
}

const SPEC: TableSpec = {
  format: 'csv-wos',
  source: 'wos',
  quoting: false,
  // Note: a record without TI is rejected by the plain-text mapping (WOS_NO_TITLE), not only warned about.
  titleKeys: [],
  build,
};

/** Web of Science tab-delimited export. */
export const csvWos = {
  id: 'csv-wos',
  /** In the interface language at the time it is read. */
  label: 'Web of Science tab-delimited',
  extensions: ['txt', 'tsv', 'tab', 'csv'],
  sniff(head: string): number {
    const keys = sniffHeaderKeys(head);
    if (keyCoverage(keys, REQUIRED) < 1) return 0;
    const tags = keys.filter((k) => k !== '');
    const known = tags.filter((k) => TAGS.includes(k)).length / tags.length;
    return known >= 0.9 ? 0.95 : 0;
  },
  ...tableReaders(SPEC),
} satisfies FormatAdapter;
