/** Positioned problems found while reading input (vfile/csv-parse style). */
export type DiagnosticParams = Record<string, string | number>;

export interface Diagnostic {
  /**
   * Stable machine code, e.g. `RIS_NO_TAG`, `PROTOCOL_UNKNOWN_KEY`. Tests assert these; the UI
   * finds the sentence for it in the message catalogue (`diag.<CODE>`).
   */
  code: string;
  /** The values the sentence names (the line, the value found...). */
  params?: DiagnosticParams;
  /**
   * A sentence already made, for code that does not go through the catalogue (third-party
   * messages, older modules). Modules below the UI give `params` instead.
   */
  reason?: string;
  file: string;
  /** 1-based line, 0 when the problem concerns the whole file. */
  line: number;
  column?: number;
  /** Key path (protocols) or record index (imports) when that helps more than a line. */
  path?: string;
  /** A fatal problem rejects the record (or the file); a warning keeps it. */
  fatal: boolean;
}

/** `file:line  warning  reason  code`, one line per diagnostic; `describe` makes the reason. */
export function formatDiagnostic(
  d: Diagnostic,
  labels = { warning: 'warning', error: 'error' },
  describe: (d: Diagnostic) => string = (x) => x.reason ?? x.code,
): string {
  const where = d.line > 0 ? `${d.file}:${d.line}${d.column ? `:${d.column}` : ''}` : d.file;
  const kind = d.fatal ? labels.error : labels.warning;
  const path = d.path ? ` (${d.path})` : '';
  return `${where}  ${kind}  ${describe(d)}${path}  ${d.code}`;
}
