/** Text clean-up shared by every format: HTML entities, whitespace, line ends. */
import { decodeEntities as decodeCore } from '../core/text.js';
import { toLanguageCode } from './languages.js';

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

// Note: language evidence, not ../core/text.ts STOPWORDS (the words ranking drops): it holds
// content words of health titles ('study', 'patients') that tell English apart, and words
// Portuguese and Spanish share count for neither. csv/common.ts guessLanguage still has its own lists and
// scoring (pt/es/en/fr/de/it, candidates, minScore); merging the two changes which language
// unseen records get, so it waits for a check on the labelled sets (issue 16 point 4).
const LANGUAGE_EVIDENCE: Record<'pt' | 'es' | 'en', Set<string>> = {
  pt: new Set(['do', 'da', 'dos', 'das', 'em', 'no', 'na', 'nos', 'nas', 'com', 'uma', 'um', 'os', 'ao', 'aos', 'à', 'às', 'é', 'e', 'o', 'pelo', 'pela', 'não', 'são', 'seu', 'sua', 'foram', 'foi', 'entre', 'sobre', 'também']),
  es: new Set(['el', 'la', 'los', 'las', 'del', 'en', 'con', 'una', 'un', 'y', 'es', 'al', 'su', 'sus', 'lo', 'según', 'más', 'fueron', 'fue', 'entre', 'sobre', 'también']),
  en: new Set(['the', 'of', 'and', 'in', 'to', 'with', 'for', 'is', 'on', 'from', 'by', 'an', 'are', 'this', 'that', 'among', 'between', 'was', 'were', 'study', 'health', 'or', 'at', 'its', 'their', 'how', 'what', 'after', 'during', 'into', 'using', 'care', 'patients', 'children', 'women', 'people', 'review']),
};

export type GuessLang = 'pt' | 'es' | 'en';
const GUESS_LANGS: GuessLang[] = ['pt', 'es', 'en'];

/** Lower case of a Latin letter's code (A-Z, À-Þ); other codes unchanged. */
function lowerCode(c: number): number {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) ? c + 32 : c;
}

/** Hash of text[from, to) in lower case (the stopword table's key). */
function wordHash(text: string, from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) h = (Math.imul(h, 31) + lowerCode(text.charCodeAt(i))) | 0;
  return h;
}

interface StopwordEvidence {
  word: string;
  /** [pt, es, en] */
  scores: [number, number, number];
}

/**
 * Stopword evidence by hash; words both Iberian languages share count for neither.
 * Note: keyed by a hash of the word's codes so that scoring a text allocates no strings.
 */
const STOPWORDS_BY_HASH: Map<number, StopwordEvidence[]> = (() => {
  const evidence = new Map<string, [number, number, number]>();
  for (const w of LANGUAGE_EVIDENCE.pt) evidence.set(w, [LANGUAGE_EVIDENCE.es.has(w) ? 0 : 1, 0, 0]);
  for (const w of LANGUAGE_EVIDENCE.es) {
    const v = evidence.get(w) ?? [0, 0, 0];
    v[1] = LANGUAGE_EVIDENCE.pt.has(w) ? 0 : 1;
    evidence.set(w, v);
  }
  for (const w of LANGUAGE_EVIDENCE.en) {
    const v = evidence.get(w) ?? [0, 0, 0];
    v[2] = 1;
    evidence.set(w, v);
  }
  const byHash = new Map<number, StopwordEvidence[]>();
  for (const [word, scores] of evidence) {
    const h = wordHash(word, 0, word.length);
    byHash.set(h, [...(byHash.get(h) ?? []), { word, scores }]);
  }
  return byHash;
})();
const LONGEST_STOPWORD = Math.max(...[...STOPWORDS_BY_HASH.values()].flat().map((e) => e.word.length));

/** The stopword at text[from, to), whose lower-case hash is `h`. */
function stopwordAt(text: string, from: number, to: number, h: number): StopwordEvidence | undefined {
  const candidates = STOPWORDS_BY_HASH.get(h);
  if (!candidates) return undefined;
  next: for (const c of candidates) {
    if (c.word.length !== to - from) continue;
    for (let i = 0; i < c.word.length; i++) if (c.word.charCodeAt(i) !== lowerCode(text.charCodeAt(from + i))) continue next;
    return c;
  }
  return undefined;
}

/** Does text[.., to) end with `suffix` (lower case), ignoring case? */
function endsWithAt(text: string, to: number, from: number, suffix: string): boolean {
  const n = suffix.length;
  if (to - from < n) return false;
  for (let i = 0; i < n; i++) if (lowerCode(text.charCodeAt(to - n + i)) !== suffix.charCodeAt(i)) return false;
  return true;
}

/** First of ã/õ/ç (→ 1) or ñ (→ 2) in text[from, to), ignoring case; 0 when neither. */
function accentMark(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = lowerCode(text.charCodeAt(i));
    if (c === 0xe3 || c === 0xf5 || c === 0xe7) return 1;
    if (c === 0xf1) n = 2;
  }
  return n;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** Evidence for Portuguese, Spanish and English in a text (stopwords and typical endings). */
export function languageScores(text: string): Record<GuessLang, number> {
  // Note: only the first 600 characters are read (enough for a title or the start of an abstract),
  // with a hand-written tokenizer that makes no strings: this runs for every title and abstract
  // of large imports.
  const n = Math.min(text.length, 600);
  let pt = 0;
  let es = 0;
  let en = 0;
  let i = 0;
  while (i < n) {
    while (i < n && !isWordChar(text.charCodeAt(i))) i++;
    const from = i;
    let h = 0;
    let high = false;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (!isWordChar(c)) break;
      h = (Math.imul(h, 31) + lowerCode(c)) | 0;
      if (c >= 0xc0) high = true;
    }
    if (i === from) break;
    const len = i - from;
    if (len <= LONGEST_STOPWORD) {
      const sw = stopwordAt(text, from, i, h);
      if (sw) {
        pt += sw.scores[0];
        es += sw.scores[1];
        en += sw.scores[2];
      }
    }
    if (len < 3) continue;
    const accent = high ? accentMark(text, from, i) : 0;
    const last = lowerCode(text.charCodeAt(i - 1));
    if (accent === 1) pt += 3;
    else if (accent === 2 || (last === 110 && (endsWithAt(text, i, from, 'ción') || endsWithAt(text, i, from, 'sión'))) || (last === 115 && (endsWithAt(text, i, from, 'ciones') || endsWithAt(text, i, from, 'siones')))) es += 3;
    else if ((last === 110 && endsWithAt(text, i, from, 'tion')) || (last === 115 && (endsWithAt(text, i, from, 'tions') || endsWithAt(text, i, from, 'ies'))) || (last === 103 && endsWithAt(text, i, from, 'ing'))) en += 1;
  }
  return { pt, es, en };
}

/**
 * Guess whether a title or abstract is Portuguese, Spanish or English (what BVS and SciELO
 * exports mix without saying which is which). Undefined when the text does not tell.
 */
export function detectLanguage(text: string): GuessLang | undefined {
  const score = languageScores(text);
  const best = [...GUESS_LANGS].sort((a, b) => score[b] - score[a]);
  if (score[best[0]] === 0 || score[best[0]] === score[best[1]]) return undefined;
  return best[0];
}

/**
 * Languages for the versions of one text (a record's titles, or its abstracts), which BVS and
 * SciELO give one per language: each gets a different language when the evidence allows.
 * `fixed` entries (non-undefined) are already decided and only reserve their language.
 */
export function assignLanguages(texts: readonly string[], fixed: readonly (string | null | undefined)[] = []): (string | null)[] {
  const out: (string | null)[] = texts.map((_, i) => (fixed[i] !== undefined ? fixed[i]! : null));
  const used = new Set(out.filter((x): x is string => x !== null));
  // Note: only the texts still open are scored (this runs for every record of large imports).
  const open: { i: number; score: Record<GuessLang, number> }[] = [];
  for (let i = 0; i < texts.length; i++) if (fixed[i] === undefined) open.push({ i, score: languageScores(texts[i]) });
  const margin = (sc: Record<GuessLang, number>) => {
    const a = sc.pt;
    const b = sc.es;
    const c = sc.en;
    const top = Math.max(a, b, c);
    const second = a === top ? Math.max(b, c) : b === top ? Math.max(a, c) : Math.max(a, b);
    return top - second;
  };
  // Note: the most clear-cut texts choose first; the doubtful ones take what is left.
  if (open.length > 1) open.sort((a, b) => margin(b.score) - margin(a.score));
  for (const { i, score } of open) {
    const ranked = GUESS_LANGS.filter((l) => score[l] > 0).sort((a, b) => score[b] - score[a]);
    const free = ranked.find((l) => !used.has(l));
    const pick = free ?? (ranked.length > 0 && (ranked.length === 1 || score[ranked[0]] > score[ranked[1]]) ? ranked[0] : undefined);
    if (pick) {
      out[i] = pick;
      used.add(pick);
    }
  }
  return out;
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
    const d = detectLanguage(title);
    rec.titles.push({ lang: rec.languages.length === 1 ? rec.languages[0] : (d ?? rec.languages[0] ?? null), text: title, original: true });
  }
  const langs = abstracts.length === 1 && rec.languages.length === 1 ? [rec.languages[0]] : assignLanguages(abstracts);
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
