/** Text clean-up shared by every format: HTML entities, whitespace, line ends. */
import { decodeEntities as decodeCore } from '../core/text.js';
import { toLanguageCode } from './languages.js';
import { assignLanguages, detectLanguage, languageOrDeclared } from './language-guess.js';

/**
 * Decode HTML entities the BVS and SciELO exports leave in text (`&#039;`, `&amp;`, `&eacute;`):
 * the one decoder (../core/text.ts, on the WHATWG table), two passes for double-encoded text
 * such as `&amp;#039;`, common in BVS exports.
 */
export function decodeEntities(s: string): string {
  return s.includes('&') ? decodeCore(s, 2) : s;
}

/** Collapse runs of whitespace, trim, decode entities. */
export function cleanText(s: string): string {
  // Note: a lone space is already what /\s+/ -> ' ' would give; matching only the runs that change
  // spares one match per word (a 1,500-character abstract has ~200; a 100 MB line, 19 million).
  return decodeEntities(s).replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/** Split text into lines whatever the line ends (CRLF, LF, lone CR). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/**
 * Like cleanText, but returns the same string when nothing needs cleaning.
 * Note: the RIS and MEDLINE parsers call this for every value; skipping the regex on clean
 * values keeps large imports close to a bare line scan.
 */
export function cleanValue(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  // Note: native indexOf searches are much faster than a JS loop or a regex over long abstracts.
  // The whitespace cleanText would change: tabs, line ends, form feeds, no-break spaces.
  const dirty =
    s.charCodeAt(0) <= 32 ||
    s.charCodeAt(n - 1) <= 32 ||
    s.indexOf('&') >= 0 ||
    s.indexOf('  ') >= 0 ||
    s.indexOf('\t') >= 0 ||
    s.indexOf('\r') >= 0 ||
    s.indexOf('\n') >= 0 ||
    s.indexOf('\u00a0') >= 0 ||
    s.indexOf('\v') >= 0 ||
    s.indexOf('\f') >= 0;
  return dirty ? cleanText(s) : s;
}

/** A language as exports write it (`por`, `Portuguese`, `pt-BR`, `Português`) to ISO 639-1, or undefined (the one table: languages.ts). */
export function toIso6391(raw: string): string | undefined {
  return toLanguageCode(raw);
}

/** Whitespace that /\s+/g -> ' ' would change: a run of two or more, or any but a plain space. */
const WHITESPACE_TO_FOLD = /\s{2}|[^\S ]/;

/** Words that mark a corporate author kept as written. */
const CORPORATE = /\b(?:minist[ée]rio|ministry|organi[sz]a[tcç]|universi|instituto|institute|secretaria|group|grupo|council|conselho|society|sociedade|associa|department|departamento|committee|comit[eê]|collaborat|network|rede|fundação|foundation|agency|agência|centro|center|centre)/i;

/**
 * One author as exports write it: "Silva, Ana Beatriz", "Silva AB" (MEDLINE), "Silva, A. B.".
 * Corporate names and anything else without a family/given split are kept as `literal`.
 */
export function parseAuthor(raw: string): import('../core/record.js').Author | undefined {
  // Note: most names have no whitespace to fold: the replace only runs when it changes something.
  const trimmed = raw.trim();
  const s = WHITESPACE_TO_FOLD.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
  if (s === '') return undefined;
  const comma = s.indexOf(',');
  if (comma > 0 && !CORPORATE.test(s)) {
    const family = s.slice(0, comma).trim();
    const given = s.slice(comma + 1).trim();
    if (family === '') return { family: s, literal: s };
    return given ? { family, given } : { family };
  }
  if (comma < 0) {
    // Note: "Silva AB" (MEDLINE) and "Silva A.M." / "de Souza B." (Embase).
    const initials = /^(.+?) ((?:[A-Z]\.?-?){1,4})$/.exec(s);
    if (initials && !CORPORATE.test(s)) return { family: initials[1], given: initials[2] };
    if (!s.includes(' ')) return { family: s };
  }
  return { family: s, literal: s };
}

/** An author back to "Family, Given" (or the literal). */
export function authorToString(a: import('../core/record.js').Author): string {
  if (a.literal) return a.literal;
  return a.given ? `${a.family}, ${a.given}` : a.family;
}

/** The first 4-digit year between 1000 and 2999 in a date string ("2017/12", "2019 Jan 28", "c2020"). */
export function parseYear(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const m = /(?:^|\D)([12]\d{3})(?!\d)/.exec(raw);
  return m ? Number(m[1]) : undefined;
}

/**
 * A record's one title and its abstracts with their languages, as the tagged formats that do not
 * say which language a text is in (Web of Science, EndNote, Ovid): the record's one language
 * when it has exactly one, else what the words say; an abstract in the title's language is the original.
 */
export function placeTitleAndAbstracts(rec: import('../core/record.js').ParsedRecord, title: string | undefined, abstracts: readonly string[]): void {
  if (title) {
    const lang = rec.languages.length === 1 ? languageOrDeclared(title, rec.languages[0]) : (detectLanguage(title) ?? rec.languages[0] ?? null);
    rec.titles.push({ lang, text: title, original: true });
  }
  const langs = abstracts.length === 1 && rec.languages.length === 1 ? [languageOrDeclared(abstracts[0], rec.languages[0])] : assignLanguages(abstracts);
  abstracts.forEach((text, i) => rec.abstracts.push({ lang: langs[i], text, ...(langs[i] !== null && langs[i] === rec.titles[0]?.lang ? { original: true } : {}) }));
}

/** Is this value of a shared ISSN/ISBN field (EndNote's %@ and <isbn>) an ISBN (10 or 13 digits) rather than an ISSN? */
export function isIsbn(value: string): boolean {
  return /^(?:97[89])?[\d-]{9,}[\dXx]$/.test(value) && value.replace(/[^\dXx]/g, '').length >= 10;
}

/** HTML's inline and line-break tags (and MathML's), the only ones taken for markup in a title or abstract. */
// Note: attributes only as name="value" (or name=value), so "a<b e b>c" is not a <b> tag.
const INLINE_TAG = /<\/?(?:sup|sub|i|b|u|em|strong|small|span|font|scp|italic|bold|br|p|div|mml:[a-z]+|math)(?:\s+[\w:-]+=(?:"[^"]*"|'[^']*'|[^\s"'<>]+))*\s*\/?>/gi;
const ESCAPED_TAG = /&lt;(\/?(?:sup|sub|i|b|u|em|strong|small|span|font|scp|italic|bold|br|p|div)(?:\s+[\w:-]+=(?:&quot;[^&]*&quot;|"[^"]*"|[^\s"&<>]+))*\s*\/?)&gt;/gi;

/**
 * Inline HTML the portals leave in titles and abstracts (BVS's `<sup/>`, `<sub>2</sub>`,
 * `<i>...</i>`, the same escaped as `&lt;i&gt;`) dropped, the text inside kept ("CO<sub>2</sub>" ->
 * "CO2"); a line break or paragraph tag becomes a space. Only known tag names count as markup, so
 * "p < 0.05", "<5 years" and "a<b" are left as they are.
 */
export function stripInlineMarkup(s: string): string {
  if (s.indexOf('<') < 0 && s.indexOf('&lt;') < 0) return s;
  const out = s.replace(ESCAPED_TAG, '<$1>').replace(INLINE_TAG, (tag) => (/^<\/?(?:br|p|div)\b/i.test(tag) ? ' ' : ''));
  return out === s ? s : out.replace(/\s{2,}/g, ' ').trim();
}
