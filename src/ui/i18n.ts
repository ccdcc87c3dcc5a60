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

/** Look a key up in the current language; `{name}` placeholders are filled from params. */
export function t(key: string, params: Params = {}, lang: Lang = current): string {
  const text = catalogues[lang][key] ?? catalogues.en[key];
  if (text === undefined) return key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] === undefined ? m : String(params[name])));
}

/** Numbers as the language writes them (1.234 in pt-BR, 1,234 in en). */
export function formatNumber(n: number, digits = 0, lang: Lang = current): string {
  return n.toLocaleString(lang === 'pt-BR' ? 'pt-BR' : 'en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}
