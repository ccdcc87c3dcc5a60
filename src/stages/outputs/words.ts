/**
 * What the output stage needs from the language layer, passed in by the CLI: the stage and
 * `core/` make no text of their own (every word comes through `t`).
 */
import type { ExtractValue } from '../../core/extraction/events.js';
import type { PrismaLabels } from '../../core/prisma/template.js';

export type OutputLang = 'pt-BR' | 'en';

export interface OutputWords {
  lang: OutputLang;
  /** A catalogue message in `lang`. */
  t: (key: string, params?: Record<string, string | number | undefined>) => string;
  num: (n: number) => string;
  /** "33,3%" / "33.3%". */
  pct: (p: number) => string;
  formatValue: (v: ExtractValue) => string;
  labels: PrismaLabels;
  /** "e" / "and" between two authors. */
  and: string;
  /** `limit:year` -> the words for it. */
  limitLabel: (code: string) => string;
  /** `pt` -> "Português". */
  languageName: (code: string) => string;
}

/** The review's own language from the protocol (`pt` -> pt-BR, `en` -> en; pt-BR when unset or other). */
export function reviewLang(protocolLanguage: string | undefined): OutputLang {
  return protocolLanguage === 'en' ? 'en' : 'pt-BR';
}

/** `prisma.svg` in the review's language, `prisma.en.svg` in another: no language overwrites another's file. */
export function localizedName(base: string, ext: string, lang: OutputLang, protocolLanguage: string | undefined): string {
  return lang === reviewLang(protocolLanguage) ? `${base}.${ext}` : `${base}.${lang}.${ext}`;
}
