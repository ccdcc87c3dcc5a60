/** Positioned problems found while reading input (vfile/csv-parse style). */
export interface Diagnostic {
  /** Stable machine code, e.g. `RIS_NO_TAG`, `PROTOCOL_UNKNOWN_KEY`. Tests assert these. */
  code: string;
  /** Human sentence: what was found and what was expected. */
  reason: string;
  file: string;
  /** 1-based line, 0 when the problem concerns the whole file. */
  line: number;
  column?: number;
  /** Key path (protocols) or record index (imports) when that helps more than a line. */
  path?: string;
  /** A fatal problem rejects the record (or the file); a warning keeps it. */
  fatal: boolean;
}

/** `file:line  warning  reason  code`, one line per diagnostic. */
export function formatDiagnostic(d: Diagnostic, labels = { warning: 'warning', error: 'error' }): string {
  const where = d.line > 0 ? `${d.file}:${d.line}${d.column ? `:${d.column}` : ''}` : d.file;
  const kind = d.fatal ? labels.error : labels.warning;
  const path = d.path ? ` (${d.path})` : '';
  return `${where}  ${kind}  ${d.reason}${path}  ${d.code}`;
}
