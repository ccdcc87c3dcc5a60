/** The words the output stage needs, in the current (or given) language, from the catalogue. */
import type { ExtractValue } from '../core/extraction/events.js';
import type { OutputWords } from '../stages/outputs/words.js';
import { formatNumber, getLang, t, type Lang } from './i18n.js';
import { prismaLabels } from './svg/prismaLabels.js';

/** "33,3%" / "33.3%". */
export function formatPercent(p: number, lang: Lang = getLang()): string {
  return `${formatNumber(p, 1, lang)}%`;
}

/** An extraction value as the tables show it. */
export function formatValue(v: ExtractValue, lang: Lang = getLang()): string {
  if (typeof v === 'boolean') return v ? t('report.yes', {}, lang) : t('report.no', {}, lang);
  if (typeof v === 'number') return Number.isInteger(v) ? formatNumber(v, 0, lang) : formatNumber(v, String(v).split('.')[1]?.length ?? 0, lang);
  if (Array.isArray(v)) return v.join('; ');
  return v;
}

/** "limit:year" -> the words for it. */
export function limitLabel(code: string, lang: Lang = getLang()): string {
  const key = `prisma.limit.${code.replace(/^limit:/, '')}`;
  const text = t(key, {}, lang);
  return text === key ? code : text;
}

export function outputWords(lang: Lang = getLang()): OutputWords {
  const names = new Intl.DisplayNames([lang], { type: 'language' });
  return {
    lang,
    t: (key, params) => t(key, params, lang),
    num: (n) => formatNumber(n, 0, lang),
    pct: (p) => formatPercent(p, lang),
    formatValue: (v) => formatValue(v, lang),
    labels: prismaLabels(lang),
    and: lang === 'pt-BR' ? 'e' : 'and',
    limitLabel: (code) => limitLabel(code, lang),
    languageName: (code) => {
      try {
        const n = names.of(code);
        return n ? n.charAt(0).toLocaleUpperCase(lang) + n.slice(1) : code;
      } catch {
        return code;
      }
    },
  };
}
