/**
 * The review protocol: question, descriptor blocks, sources, limits, eligibility,
 * extraction fields and theme codebook. Parsed from YAML and validated against a
 * JSON schema; every problem is reported with its key path and line, as a code and parameters
 * (the UI's catalogue has the sentence: diag.PROTOCOL_*).
 */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, type Node, type Document } from 'yaml';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject } from 'ajv';
import type { Diagnostic, DiagnosticParams } from './diagnostics.js';

/** A DeCS/MeSH descriptor with its forms per language. */
export interface DescriptorTerm {
  /** The Portuguese (DeCS) form, with accents. */
  descriptor: string;
  es?: string;
  en?: string;
  /** DeCS identifier, e.g. "9345". */
  decs?: string;
  /** MeSH unique id, e.g. "D008603". */
  mesh?: string;
  /** Entry terms / synonyms searched as free text. */
  synonyms?: string[];
  /** Also search the forms as free text in title/abstract (default true). */
  freeText?: boolean;
}

/** Free text; `$` or `*` at the end truncates; several words are searched as a phrase. */
export interface KeywordTerm {
  keyword: string;
  /** Other spellings or languages of the same keyword. */
  variants?: string[];
}

export type Term = DescriptorTerm | KeywordTerm;

export function isDescriptor(t: Term): t is DescriptorTerm {
  return (t as DescriptorTerm).descriptor !== undefined;
}

/** Terms ORed together; blocks are ANDed. */
export interface SearchBlock {
  name: string;
  terms: Term[];
}

/**
 * Where a source's records enter the PRISMA 2020 diagram: the "databases and registers" column,
 * or one of the "other methods" (websites, organisations, citation searching, hand search).
 */
export type PrismaMethod = 'databases' | 'registers' | 'websites' | 'organisations' | 'citations' | 'handsearch';
export const PRISMA_METHODS: readonly PrismaMethod[] = ['databases', 'registers', 'websites', 'organisations', 'citations', 'handsearch'];

export type SourceSpec = (
  | { id: 'bvs'; databases?: string[] }
  | { id: 'scielo'; collections?: string[] }
  | { id: 'pubmed' }
  | { id: 'google-scholar' }
  | { id: 'scopus' }
  | { id: 'wos' }
  | { id: 'embase' }
) & { prisma?: PrismaMethod };

/** Columns of the synoptic table taken from the record rather than the extraction. */
export const SYNOPTIC_RECORD_COLUMNS = ['study', 'authors', 'year', 'title', 'journal', 'database', 'language', 'doi', 'themes'] as const;

/** A column of the synoptic table: one of SYNOPTIC_RECORD_COLUMNS or an extraction field name. */
export type SynopticColumn = string;

/** What the Word/Markdown outputs show; every key has a default. */
export interface OutputsSpec {
  /** Columns of the synoptic table ("quadro sinóptico"), in order. */
  synoptic?: SynopticColumn[];
  /** Extraction fields (choice fields) counted in their own tables: design, level of evidence... */
  tables?: string[];
  /** Reference style: ABNT NBR 6023 (default for pt), Vancouver or APA. */
  citationStyle?: 'abnt' | 'vancouver' | 'apa';
}

export interface Limits {
  years?: { from?: number; to?: number };
  /** ISO 639-1 codes. */
  languages?: string[];
  fullText?: boolean;
  documentTypes?: string[];
}

export interface Criterion {
  code: string;
  text: string;
}

export type ExtractionFieldType = 'text' | 'longtext' | 'number' | 'choice' | 'multichoice' | 'boolean';

export interface ExtractionField {
  name: string;
  label: string;
  type: ExtractionFieldType;
  values?: string[];
  required?: boolean;
  help?: string;
}

export interface Theme {
  id: string;
  label: string;
  group: string;
  keywords?: string[];
}

export interface Protocol {
  id: string;
  title: string;
  /** Language titles and abstracts are preferably shown in (ISO 639-1). */
  language?: string;
  question: {
    framework: 'PICo' | 'PICO';
    text?: string;
    population?: string;
    interest?: string;
    context?: string;
    intervention?: string;
    comparison?: string;
    outcome?: string;
  };
  search: { blocks: SearchBlock[]; not?: Term[] };
  sources: SourceSpec[];
  limits?: Limits;
  eligibility: { inclusion: Criterion[]; exclusion: Criterion[] };
  extraction?: ExtractionField[];
  themes?: Theme[];
  /** Where the strategy comes from (the published review it reproduces). */
  reference?: string;
  outputs?: OutputsSpec;
}

/** The PRISMA column a source feeds: as the protocol says, else Google Scholar under websites, else databases. */
export function prismaMethodOf(p: Pick<Protocol, 'sources'> | undefined, source: string): PrismaMethod {
  const spec = p?.sources?.find((s) => s.id === source);
  if (spec?.prisma) return spec.prisma;
  // Note: PRISMA 2020 (Page et al. 2021, item 7) lists search engines such as Google Scholar as "websites", not databases.
  return source === 'google-scholar' ? 'websites' : 'databases';
}

const str = { type: 'string', minLength: 1 };
const strList = { type: 'array', items: str };

const descriptorTerm = {
  type: 'object',
  required: ['descriptor'],
  additionalProperties: false,
  properties: {
    descriptor: str,
    es: str,
    en: str,
    decs: { type: ['string', 'number'] },
    mesh: { type: 'string', pattern: '^D\\d{6,9}$' },
    synonyms: strList,
    freeText: { type: 'boolean' },
  },
};
const keywordTerm = {
  type: 'object',
  required: ['keyword'],
  additionalProperties: false,
  properties: { keyword: str, variants: strList },
};
const term = {
  if: { type: 'object', required: ['descriptor'] },
  then: descriptorTerm,
  else: keywordTerm,
};

export const protocolSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'question', 'search', 'sources', 'eligibility'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
    title: str,
    language: { type: 'string', pattern: '^[a-z]{2}$' },
    reference: str,
    question: {
      type: 'object',
      additionalProperties: false,
      required: ['framework'],
      properties: {
        framework: { enum: ['PICo', 'PICO'] },
        text: str,
        population: str,
        interest: str,
        context: str,
        intervention: str,
        comparison: str,
        outcome: str,
      },
    },
    search: {
      type: 'object',
      additionalProperties: false,
      required: ['blocks'],
      properties: {
        blocks: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'terms'],
            properties: { name: str, terms: { type: 'array', minItems: 1, items: term } },
          },
        },
        not: { type: 'array', items: term },
      },
    },
    sources: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id'],
        additionalProperties: false,
        properties: {
          id: { enum: ['bvs', 'scielo', 'pubmed', 'google-scholar', 'scopus', 'wos', 'embase'] },
          databases: strList,
          collections: strList,
          prisma: { enum: [...PRISMA_METHODS] },
        },
      },
    },
    limits: {
      type: 'object',
      additionalProperties: false,
      properties: {
        years: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: { type: 'integer', minimum: 1800, maximum: 2100 },
            to: { type: 'integer', minimum: 1800, maximum: 2100 },
          },
        },
        languages: { type: 'array', items: { type: 'string', pattern: '^[a-z]{2}$' } },
        fullText: { type: 'boolean' },
        documentTypes: strList,
      },
    },
    eligibility: {
      type: 'object',
      additionalProperties: false,
      required: ['inclusion', 'exclusion'],
      properties: {
        inclusion: { type: 'array', items: { $ref: '#/$defs/criterion' } },
        exclusion: { type: 'array', minItems: 1, items: { $ref: '#/$defs/criterion' } },
      },
    },
    extraction: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'label', 'type'],
        properties: {
          name: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
          label: str,
          type: { enum: ['text', 'longtext', 'number', 'choice', 'multichoice', 'boolean'] },
          values: strList,
          required: { type: 'boolean' },
          help: str,
        },
      },
    },
    themes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'label', 'group'],
        properties: { id: str, label: str, group: str, keywords: strList },
      },
    },
    outputs: {
      type: 'object',
      additionalProperties: false,
      properties: {
        synoptic: { type: 'array', minItems: 1, items: str },
        tables: strList,
        citationStyle: { enum: ['abnt', 'vancouver', 'apa'] },
      },
    },
  },
  $defs: {
    criterion: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'text'],
      properties: { code: { type: 'string', pattern: '^[A-Za-z]+\\d+$' }, text: str },
    },
  },
} as const;

let compiled: ReturnType<AjvClass['compile']> | undefined;

/**
 * Loaded and compiled on first use: loading Ajv and compiling the schema cost ~0.1 s of CPU that
 * `--help`, and a review whose protocol was already checked (`schemaChecked`), should not pay.
 * Note: Ajv is CommonJS; `require` keeps this lazy load synchronous.
 */
function validator(): ReturnType<AjvClass['compile']> {
  if (!compiled) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    compiled = new Ajv({ allErrors: true, strict: false }).compile(protocolSchema);
  }
  return compiled;
}

export interface ProtocolParseResult {
  protocol?: Protocol;
  problems: Diagnostic[];
}

export interface ParseProtocolOptions {
  /**
   * This exact text already passed the schema (same schema, same tool): skip the schema check.
   * The YAML and the checks beyond the schema still run.
   */
  schemaChecked?: boolean;
}

/** Parse and validate protocol YAML. Never throws: problems carry key path and line. */
export function parseProtocol(text: string, file: string, options: ParseProtocolOptions = {}): ProtocolParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const problems: Diagnostic[] = [];
  for (const err of doc.errors) {
    const pos = lineCounter.linePos(err.pos[0]);
    // Note: the YAML library's own sentence is English; its error code lets the UI say it in pt-BR too.
    const detail = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    problems.push({
      code: 'PROTOCOL_YAML',
      params: { problem: err.code, detail },
      reason: `invalid YAML: ${detail}`,
      file,
      line: pos.line,
      column: pos.col,
      fatal: true,
    });
  }
  if (problems.length > 0) return { problems };
  const data: unknown = doc.toJS();
  const validate = options.schemaChecked ? undefined : validator();
  if (validate && !validate(data)) {
    for (const e of dedupeErrors(validate.errors ?? [])) problems.push(schemaProblem(e, doc, lineCounter, file));
  }
  if (problems.length === 0) problems.push(...semanticProblems(data as Protocol, doc, lineCounter, file));
  return problems.length > 0 ? { problems } : { protocol: data as Protocol, problems };
}

// Note: the if/then/else on terms makes Ajv report an extra "must match then/else schema"
// next to the real error; drop those so each problem is listed once.
function dedupeErrors(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (e.keyword === 'if') return false;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pathSegments(instancePath: string): (string | number)[] {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function dotted(segs: (string | number)[]): string {
  return segs.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '') || '(root)';
}

/** Line of the node at `segs`, or of the key when `key` is given (unknown keys). */
function lineOf(doc: Document, lc: LineCounter, segs: (string | number)[], key?: string): number {
  let node: unknown = doc.contents;
  for (const s of segs) {
    if (isMap(node) || isSeq(node)) node = (node as { get(k: unknown, keep: true): unknown }).get(s, true);
    else break;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
    if (pair && isScalar(pair.key) && pair.key.range) return lc.linePos(pair.key.range[0]).line;
  }
  const range = (node as Node | undefined)?.range;
  return range ? lc.linePos(range[0]).line : 1;
}

function schemaProblem(e: ErrorObject, doc: Document, lc: LineCounter, file: string): Diagnostic {
  const segs = pathSegments(e.instancePath);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return {
        code: 'PROTOCOL_UNKNOWN_KEY',
        params: { key },
        file,
        line: lineOf(doc, lc, segs, key),
        path: dotted([...segs, key]),
        fatal: true,
      };
    }
    case 'required':
      return {
        code: 'PROTOCOL_MISSING_KEY',
        params: { key: String(params.missingProperty) },
        file,
        line: lineOf(doc, lc, segs),
        path: dotted([...segs, String(params.missingProperty)]),
        fatal: true,
      };
    case 'type':
      return {
        code: 'PROTOCOL_TYPE',
        params: { expected: String(params.type) },
        file,
        line: lineOf(doc, lc, segs),
        path: dotted(segs),
        fatal: true,
      };
    case 'enum':
      return {
        code: 'PROTOCOL_VALUE',
        params: { allowed: (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ') },
        file,
        line: lineOf(doc, lc, segs),
        path: dotted(segs),
        fatal: true,
      };
    case 'minItems':
      return {
        code: 'PROTOCOL_EMPTY',
        params: { min: Number(params.limit) },
        file,
        line: lineOf(doc, lc, segs),
        path: dotted(segs),
        fatal: true,
      };
    default:
      return {
        code: 'PROTOCOL_INVALID',
        params: { keyword: e.keyword, limit: params.limit === undefined ? '' : String(params.limit), pattern: params.pattern === undefined ? '' : String(params.pattern) },
        file,
        line: lineOf(doc, lc, segs),
        path: dotted(segs),
        fatal: true,
      };
  }
}

/** Checks a schema cannot express: unique codes, year order, choice fields with values. */
function semanticProblems(p: Protocol, doc: Document, lc: LineCounter, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (segs: (string | number)[], code: string, params: DiagnosticParams) =>
    out.push({ code, params, file, line: lineOf(doc, lc, segs), path: dotted(segs), fatal: true });
  const y = p.limits?.years;
  if (y?.from !== undefined && y.to !== undefined && y.from > y.to)
    at(['limits', 'years'], 'PROTOCOL_YEARS', { from: y.from, to: y.to });
  const codes = new Map<string, number>();
  (['inclusion', 'exclusion'] as const).forEach((kind) =>
    p.eligibility[kind].forEach((c, i) => {
      if (codes.has(c.code)) at(['eligibility', kind, i, 'code'], 'PROTOCOL_DUPLICATE', { what: 'criterion', value: c.code });
      codes.set(c.code, i);
    }),
  );
  const names = new Set<string>();
  (p.extraction ?? []).forEach((f, i) => {
    if (names.has(f.name)) at(['extraction', i, 'name'], 'PROTOCOL_DUPLICATE', { what: 'field', value: f.name });
    names.add(f.name);
    if ((f.type === 'choice' || f.type === 'multichoice') && !f.values?.length)
      at(['extraction', i], 'PROTOCOL_MISSING_KEY', { key: 'values', fieldType: f.type });
  });
  const themeIds = new Set<string>();
  (p.themes ?? []).forEach((th, i) => {
    if (themeIds.has(th.id)) at(['themes', i, 'id'], 'PROTOCOL_DUPLICATE', { what: 'theme', value: th.id });
    themeIds.add(th.id);
  });
  const columns = [...SYNOPTIC_RECORD_COLUMNS, ...names];
  (p.outputs?.synoptic ?? []).forEach((c, i) => {
    if (!columns.includes(c)) at(['outputs', 'synoptic', i], 'PROTOCOL_VALUE', { what: 'column', value: c, allowed: columns.join(', ') });
  });
  (p.outputs?.tables ?? []).forEach((c, i) => {
    if (!names.has(c)) at(['outputs', 'tables', i], 'PROTOCOL_VALUE', { what: 'field', value: c, allowed: [...names].join(', ') });
  });
  return out;
}

/** Exclusion criteria in protocol order: the numbers the screen offers (1..n). */
export function exclusionReasons(p: Protocol): Criterion[] {
  return p.eligibility.exclusion;
}

/** Theme groups in the order they first appear in the codebook. */
export function themeGroups(p: Protocol): string[] {
  return [...new Set((p.themes ?? []).map((t) => t.group))];
}
