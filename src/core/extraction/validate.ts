/**
 * Extraction values checked against the protocol: numbers are numbers, choices are one of the
 * listed values (levels of evidence I-VII...), required fields are filled, themes exist in the
 * codebook. Pure: problems carry a stable code and the values a message needs.
 */
import type { ExtractionField, Protocol } from '../protocol.js';
import { foldText } from '../dedup/normalize.js';
import type { ExtractValue } from './events.js';

export type ExtractProblemCode =
  | 'EXTRACT_UNKNOWN_FIELD'
  | 'EXTRACT_REQUIRED'
  | 'EXTRACT_NUMBER'
  | 'EXTRACT_CHOICE'
  | 'EXTRACT_BOOLEAN'
  | 'EXTRACT_UNKNOWN_THEME'
  | 'EXTRACT_NO_RECORD_ID'
  | 'EXTRACT_UNKNOWN_RECORD'
  | 'EXTRACT_NOT_INCLUDED'
  | 'EXTRACT_DUPLICATE_ROW'
  | 'EXTRACT_CSV';

/** One thing wrong with an extraction value; `line` is set when it comes from a file. */
export interface ExtractProblem {
  code: ExtractProblemCode;
  field?: string;
  value?: string;
  /** What was expected, e.g. the allowed values joined with ", ". */
  expected?: string;
  line?: number;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const TRUE_WORDS = new Set(['sim', 's', 'yes', 'y', 'true', '1', 'verdadeiro', 'x']);
const FALSE_WORDS = new Set(['nao', 'n', 'no', 'false', '0', 'falso']);

/** Split a cell holding several values: `;` or `|` separate them. */
export function splitList(raw: string): string[] {
  return raw
    .split(/[;|]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** What a typed choice stands for: one value, none, or several (an ambiguous prefix). */
export type ChoiceMatch = { value: string } | { none: true } | { ambiguous: string[] };

/**
 * Resolve a typed choice: its number in the list (1-based), the value itself or the unique
 * value it begins (case- and accent-insensitive: "qual" -> qualitativo, "iv" -> IV). Roman
 * levels also take their arabic number ("4" -> IV), which is the same as the list number when
 * the list is I, II, III...
 */
export function resolveChoice(values: readonly string[], raw: string): ChoiceMatch {
  const text = raw.trim();
  const key = foldText(text);
  if (key === '') return { none: true };
  const exact = values.find((v) => foldText(v) === key);
  if (exact !== undefined) return { value: exact };
  if (/^\d{1,2}$/.test(text)) {
    // Note: people often type "4" for level of evidence IV; accept digits when the values are roman numerals.
    if (values.every((v) => ROMAN.includes(v))) {
      const roman = ROMAN[Number(text) - 1];
      const v = values.find((x) => x === roman);
      if (v !== undefined) return { value: v };
    }
    const v = values[Number(text) - 1];
    return v !== undefined ? { value: v } : { none: true };
  }
  const starts = values.filter((v) => foldText(v).startsWith(key));
  if (starts.length === 1) return { value: starts[0] };
  if (starts.length > 1) return { ambiguous: starts };
  return { none: true };
}

/** The protocol value `raw` stands for (see resolveChoice), or undefined when none or several fit. */
export function matchChoice(values: readonly string[], raw: string): string | undefined {
  const m = resolveChoice(values, raw);
  return 'value' in m ? m.value : undefined;
}

/** Parse one typed or CSV value of a field. Empty text gives `{}` (the field is left out). */
export function parseFieldValue(field: ExtractionField, raw: string): { value?: ExtractValue; problem?: ExtractProblem } {
  const text = raw.trim();
  if (text === '') return field.required ? { problem: { code: 'EXTRACT_REQUIRED', field: field.name } } : {};
  switch (field.type) {
    case 'number': {
      if (!/^-?\d+(?:[.,]\d+)?$/.test(text)) return { problem: { code: 'EXTRACT_NUMBER', field: field.name, value: text } };
      return { value: Number(text.replace(',', '.')) };
    }
    case 'boolean': {
      const k = foldText(text);
      if (TRUE_WORDS.has(k)) return { value: true };
      if (FALSE_WORDS.has(k)) return { value: false };
      return { problem: { code: 'EXTRACT_BOOLEAN', field: field.name, value: text } };
    }
    case 'choice': {
      const v = matchChoice(field.values ?? [], text);
      if (v === undefined) return { problem: { code: 'EXTRACT_CHOICE', field: field.name, value: text, expected: (field.values ?? []).join(', ') } };
      return { value: v };
    }
    case 'multichoice': {
      const out: string[] = [];
      for (const part of splitList(text)) {
        const v = matchChoice(field.values ?? [], part);
        if (v === undefined) return { problem: { code: 'EXTRACT_CHOICE', field: field.name, value: part, expected: (field.values ?? []).join(', ') } };
        if (!out.includes(v)) out.push(v);
      }
      return { value: out };
    }
    default:
      return { value: text };
  }
}

/** Theme ids as the codebook spells them; unknown ids are problems. */
export function parseThemeIds(protocol: Protocol, raw: string | readonly string[]): { themes: string[]; problems: ExtractProblem[] } {
  const parts = typeof raw === 'string' ? raw.split(/[;,|]/).map((s) => s.trim()).filter(Boolean) : raw;
  const codebook = protocol.themes ?? [];
  const themes: string[] = [];
  const problems: ExtractProblem[] = [];
  for (const p of parts) {
    const th = codebook.find((x) => x.id.toLowerCase() === p.toLowerCase());
    if (!th) problems.push({ code: 'EXTRACT_UNKNOWN_THEME', value: p, expected: codebook.map((x) => x.id).join(', ') });
    else if (!themes.includes(th.id)) themes.push(th.id);
  }
  return { themes, problems };
}

/** Check a complete set of values (e.g. from the form or an earlier event) against the protocol. */
export function validateExtraction(protocol: Protocol, fields: Record<string, ExtractValue>, themes: readonly string[]): ExtractProblem[] {
  const defs = protocol.extraction ?? [];
  const problems: ExtractProblem[] = [];
  for (const name of Object.keys(fields)) if (!defs.some((f) => f.name === name)) problems.push({ code: 'EXTRACT_UNKNOWN_FIELD', field: name });
  for (const f of defs) {
    const v = fields[f.name];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) {
      if (f.required) problems.push({ code: 'EXTRACT_REQUIRED', field: f.name });
      continue;
    }
    const raw = Array.isArray(v) ? v.join(';') : String(v);
    const typeOk =
      f.type === 'number' ? typeof v === 'number' : f.type === 'boolean' ? typeof v === 'boolean' : f.type === 'multichoice' ? Array.isArray(v) : typeof v === 'string';
    const parsed = parseFieldValue(f, raw === 'true' ? 'sim' : raw === 'false' ? 'não' : raw);
    if (parsed.problem) problems.push(parsed.problem);
    else if (!typeOk) problems.push({ code: f.type === 'number' ? 'EXTRACT_NUMBER' : f.type === 'boolean' ? 'EXTRACT_BOOLEAN' : 'EXTRACT_CHOICE', field: f.name, value: raw });
  }
  problems.push(...parseThemeIds(protocol, themes).problems);
  return problems;
}
