/**
 * Codes into words: the sentence of a diagnostic or coded error from the message catalogue.
 * Modules below the UI report `{ code, params }`; this is the one place that turns them into
 * pt-BR or English text.
 */
import type { Diagnostic, DiagnosticParams } from '../core/diagnostics.js';
import type { CodedUserError, ErrorParams } from '../core/errors.js';
import { formatById } from '../formats/index.js';
import { sourceReasonText, type SourceReasonCode } from '../core/query/sourceReason.js';
import { catalogues } from './messages/index.js';
import { getLang, t, type Params } from './i18n.js';
import { databaseLabel } from './sourceNames.js';

/** A format's name in the current language (`format.<id>`), else the adapter's own label. */
export function formatLabel(format: { id: string; label: string }): string {
  const key = `format.${format.id}`;
  return catalogues[getLang()][key] ?? catalogues.en[key] ?? format.label;
}

function labelOfId(id: string): string {
  const adapter = formatById(id);
  return adapter ? formatLabel(adapter) : id;
}

/** Format ids among the params (`format`, `formats`) read as their names. */
function readable(params: DiagnosticParams | ErrorParams | undefined): Params {
  const out: Params = { ...params };
  if (typeof out.format === 'string') out.format = labelOfId(out.format);
  // Note: `why` is a live source's reason code (core/query/sourceReason.ts), worded as `{reason}`.
  if (typeof out.why === 'string') out.reason = sourceReasonText({ code: out.why as SourceReasonCode, params: out as Record<string, string | number> }, t);
  // Note: source names in a mismatch (IMPORT_SOURCE_MISMATCH) as the user's language names them (Google Acadêmico).
  for (const k of ['detected', 'given'] as const) if (typeof out[k] === 'string') out[k] = databaseLabel(out[k]);
  if (typeof out.formats === 'string') out.formats = out.formats.split(', ').map(labelOfId).join(', ');
  // Note: `expected` is a format id whose layout the sentence describes (`import.expect.<id>`).
  if (typeof out.expected === 'string') {
    const key = `import.expect.${out.expected}`;
    out.expected = catalogues.en[key] !== undefined ? t(key) : t('import.expect.default');
  }
  return out;
}

/**
 * The catalogue key for a code: `<prefix>.<CODE>` for the first prefix that has it, else the same
 * key without the code's leading words (`diag.RIS_NO_TITLE` -> `diag.NO_TITLE`), so formats share
 * sentences for the same problem.
 */
function keyFor(prefixes: readonly string[], code: string): string | undefined {
  const parts = code.split('_');
  for (let i = 0; i < parts.length; i++) {
    for (const prefix of prefixes) {
      const key = `${prefix}.${parts.slice(i).join('_')}`;
      if (catalogues.en[key] !== undefined) return key;
    }
  }
  return undefined;
}

// Note: extraction problems (EXTRACT_*) keep their sentences with the extraction messages.
const DIAGNOSTIC_PREFIXES = ['diag', 'extract.problem'] as const;

/** The sentence of a diagnostic in the current language. */
export function describeDiagnostic(d: Diagnostic): string {
  const key = keyFor(DIAGNOSTIC_PREFIXES, d.code);
  if (key) return t(key, key.startsWith('diag.') ? readable(d.params) : { ...d.params });
  return d.reason ?? d.code;
}

/**
 * The sentence of an error thrown with a code (CodedUserError): `error.<CODE>`, or, for a code
 * that is itself a catalogue key (`extract.noFields`, the stages' errors), that key with its
 * parameters as given.
 */
export function describeError(e: CodedUserError): string {
  const key = keyFor(['error'], e.code);
  if (key) return t(key, readable(e.params));
  return catalogues.en[e.code] !== undefined ? t(e.code, { ...e.params }) : e.code;
}

/** Diagnostics as JSON for scripts: each with its sentence in `reason`. */
export function diagnosticsForJson(list: readonly Diagnostic[]): Diagnostic[] {
  return list.map((d) => ({ ...d, reason: describeDiagnostic(d) }));
}
