/**
 * One message catalogue, pt-BR and en. Every text the user sees goes through `t`.
 * Areas keep their own catalogue file under `messages/`; they are merged here.
 */
import { catalogues } from './messages/index.js';

export type Lang = 'en' | 'pt-BR';

let current: Lang = langFromEnv(process.env);

/** pt* in LC_ALL, LC_MESSAGES or LANG means pt-BR; anything else English. */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^pt/i.test(raw) ? 'pt-BR' : 'en';
}

/** Accepts pt, pt-BR, pt_BR.UTF-8, en, en-US... */
export function parseLang(raw: string): Lang | undefined {
  if (/^pt/i.test(raw)) return 'pt-BR';
  if (/^en/i.test(raw)) return 'en';
  return undefined;
}

export function setLang(lang: Lang): void {
  current = lang;
}

export function getLang(): Lang {
  return current;
}

export type Params = Record<string, string | number | undefined>;

/**
 * Look a key up in the current language; `{name}` placeholders are filled from params.
 * Plurals use the ICU MessageFormat form `{count, plural, one {# registro} other {# registros}}`
 * (and `{kind, select, a {...} other {...}}` for words that depend on a value),
 * the category chosen by `Intl.PluralRules` (so pt-BR and en each get their own rules) and
 * `#` written as the language writes the number.
 */
export function t(key: string, params: Params = {}, lang: Lang = current): string {
  const text = catalogues[lang][key] ?? catalogues.en[key];
  if (text === undefined) return key;
  return formatMessage(text, params, lang);
}

const pluralRules = new Map<Lang, Intl.PluralRules>();

/** The plural category (`one`, `other`, ...) of `n` in `lang`. */
export function pluralCategory(n: number, lang: Lang = current): Intl.LDMLPluralRule {
  // Note: CLDR puts 0 with "one" in pt, but Brazilian usage (and grammar: "zero" takes the plural)
  // writes "0 registros, 0 avisos"; with the CLDR rule a line read "10 registros lidos, 0 rejeitado".
  if (n === 0 && lang === 'pt-BR') return 'other';
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules.select(n);
}

/** Fill a catalogue text: `{name}` and `{name, plural, =0 {...} one {...} other {...}}`. */
export function formatMessage(text: string, params: Params, lang: Lang = current, hash?: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '#' && hash !== undefined) {
      out += hash;
      i++;
      continue;
    }
    if (c !== '{') {
      out += c;
      i++;
      continue;
    }
    const end = matchingBrace(text, i);
    if (end < 0) return out + text.slice(i);
    out += formatPlaceholder(text.slice(i + 1, end), text.slice(i, end + 1), params, lang, hash);
    i = end + 1;
  }
  return out;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function formatPlaceholder(inner: string, whole: string, params: Params, lang: Lang, hash: string | undefined): string {
  const simple = /^\s*(\w+)\s*$/.exec(inner);
  if (simple) {
    const v = params[simple[1]];
    return v === undefined ? whole : String(v);
  }
  const choice = /^\s*(\w+)\s*,\s*(plural|select)\s*,/.exec(inner);
  if (!choice) return `{${formatMessage(inner, params, lang, hash)}}`;
  const raw = params[choice[1]];
  // Note: a select without its value takes the `other` branch; a plural without its count stays as written.
  if (raw === undefined && choice[2] === 'plural') return whole;
  const branches = new Map<string, string>();
  const rest = inner.slice(choice[0].length);
  const re = /\s*(=\d+|[\w-]+)\s*\{/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(rest))) {
    const open = m.index + m[0].length - 1;
    const close = matchingBrace(rest, open);
    if (close < 0) break;
    branches.set(m[1], rest.slice(open + 1, close));
    re.lastIndex = close + 1;
  }
  if (choice[2] === 'select') return formatMessage(branches.get(String(raw)) ?? branches.get('other') ?? String(raw ?? ''), params, lang, hash);
  if (raw === undefined) return whole;
  // Note: callers often pass numbers already formatted ("1.234"); count them by their digits.
  const n = typeof raw === 'number' ? raw : Number(String(raw).replace(/[^\d-]/g, ''));
  const branch = branches.get(`=${n}`) ?? branches.get(pluralCategory(n, lang)) ?? branches.get('other') ?? '';
  const shown = typeof raw === 'number' ? formatNumber(raw, 0, lang) : String(raw);
  return formatMessage(branch, params, lang, shown);
}

/** Numbers as the language writes them (1.234 in pt-BR, 1,234 in en). */
export function formatNumber(n: number, digits = 0, lang: Lang = current): string {
  return n.toLocaleString(lang === 'pt-BR' ? 'pt-BR' : 'en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}
