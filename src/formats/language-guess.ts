/**
 * The one language guesser of the project (issue 16 point 4): which language a title or an
 * abstract is written in, for the exports that give several versions of a text without saying
 * which is which (BVS, SciELO, Scopus, Embase, Ovid, Web of Science...).
 *
 * Evidence, read from the first 400 characters with a tokenizer that makes no strings (this runs
 * for every title and abstract of large imports):
 * - function words, one list per language (+1 each);
 * - word endings only some languages write (-ción +3; -tion, -ing, -ity, -ly, -dade, -ée,
 *   -zione, -keit +1), else letters English does not write (ã õ, ñ, ß, ç, é...) (+3 once per word).
 *   French -tion words count as English: they come with French function words, which decide.
 * Evidence is shared out among the languages in play that write it: "de" is worth a third of a
 * point each to Portuguese, Spanish and French, so it tells them from English and German but not
 * from each other, and one shared word does not outweigh one word only English writes ("in de
 * novo"); what tells them apart is the evidence only one of them writes ("do", "el", "et", "ã").
 * So the same lists serve a caller choosing among pt/es/en and one choosing among six.
 */
import { STOPWORDS, type StopwordLang } from '../core/text.js';

/** The languages the guesser knows: those of the portals (pt, es, en) and LILACS's others. */
export type GuessLang = StopwordLang;
export const GUESS_LANGS: readonly GuessLang[] = ['pt', 'es', 'en', 'fr', 'de', 'it'];

/**
 * Words that tell a language: its function words (core STOPWORDS, the one list per language)
 * and, for English, two more function words and content words of health titles that the
 * others do not write. Note: these stay out of STOPWORDS, which the ranker drops: "among" and
 * "without" carry meaning in an eligibility question.
 */
const ENGLISH_EVIDENCE = ['among', 'without', 'study', 'health', 'care', 'patients', 'children', 'women', 'people', 'review', 'using'];
const languageWords = (lang: GuessLang): readonly string[] => [...STOPWORDS[lang], ...(lang === 'en' ? ENGLISH_EVIDENCE : [])];

/** Letters only some of the languages write (none of them English); a word's letters together name its languages. */
const LETTER_LANGS: Readonly<Record<string, readonly GuessLang[]>> = {
  ã: ['pt'], õ: ['pt'], ç: ['pt', 'fr'], ê: ['pt', 'fr'], â: ['pt', 'fr'], ô: ['pt', 'fr'], ñ: ['es'],
  á: ['pt', 'es'], í: ['pt', 'es'], ó: ['pt', 'es'], ú: ['pt', 'es'], é: ['pt', 'es', 'fr', 'it'], à: ['pt', 'fr', 'it'],
  è: ['fr', 'it'], ù: ['fr', 'it'], ì: ['it'], ò: ['it'],
  ß: ['de'], ä: ['de'], ö: ['de'], î: ['fr'], û: ['fr'], œ: ['fr'], ï: ['fr'], ë: ['fr'],
  // Note: ü is German, and Portuguese before the 2009 spelling reform (freqüência) and Spanish (lingüística).
  ü: ['de', 'pt', 'es'],
};

const bit = (lang: GuessLang): number => 1 << GUESS_LANGS.indexOf(lang);
const maskOf = (langs: readonly GuessLang[]): number => langs.reduce((m, l) => m | bit(l), 0);
const ALL_LANGS = maskOf(GUESS_LANGS);

/** Lower case of a Latin letter's code (A-Z, À-Þ); other codes unchanged. */
function lowerCode(c: number): number {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) ? c + 32 : c;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** Hash of text[from, to) in lower case (the word table's key). */
function wordHash(text: string, from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) h = (Math.imul(h, 31) + lowerCode(text.charCodeAt(i))) | 0;
  return h;
}

interface WordEvidence {
  word: string;
  /** Bit per language of GUESS_LANGS that lists the word. */
  langs: number;
}

/** The word lists by hash: scoring a text allocates no strings. */
const WORDS_BY_HASH: Map<number, WordEvidence[]> = (() => {
  const langsOf = new Map<string, number>();
  for (const lang of GUESS_LANGS) for (const w of languageWords(lang)) langsOf.set(w, (langsOf.get(w) ?? 0) | bit(lang));
  const byHash = new Map<number, WordEvidence[]>();
  for (const [word, langs] of langsOf) {
    const h = wordHash(word, 0, word.length);
    byHash.set(h, [...(byHash.get(h) ?? []), { word, langs }]);
  }
  return byHash;
})();
const LONGEST_WORD = Math.max(...[...WORDS_BY_HASH.values()].flat().map((e) => e.word.length));

/** Languages of each marked letter by its code from U+00C0 (0 for a letter all may write). Note: an array, not a Map, in this hot loop. */
const LETTER_MASK = (() => {
  const masks = new Int32Array(0x250 - 0xc0);
  for (const [ch, langs] of Object.entries(LETTER_LANGS)) masks[ch.charCodeAt(0) - 0xc0] = maskOf(langs);
  return masks;
})();

/** The listed word at text[from, to), whose lower-case hash is `h`. */
function wordAt(text: string, from: number, to: number, h: number): WordEvidence | undefined {
  const candidates = WORDS_BY_HASH.get(h);
  if (!candidates) return undefined;
  next: for (const c of candidates) {
    if (c.word.length !== to - from) continue;
    for (let i = 0; i < c.word.length; i++) if (c.word.charCodeAt(i) !== lowerCode(text.charCodeAt(from + i))) continue next;
    return c;
  }
  return undefined;
}

/** Does text[from, to) end with `suffix` (lower case), ignoring case? */
function endsWithAt(text: string, to: number, from: number, suffix: string): boolean {
  const n = suffix.length;
  if (to - from < n) return false;
  for (let i = 0; i < n; i++) if (lowerCode(text.charCodeAt(to - n + i)) !== suffix.charCodeAt(i)) return false;
  return true;
}

/** The languages the marked letters of text[from, to) have in common (-1, all bits, when none is marked). */
function letterLangs(text: string, from: number, to: number): number {
  let langs = -1;
  for (let i = from; i < to; i++) {
    const c = lowerCode(text.charCodeAt(i));
    const m = c >= 0xc0 && c < 0x250 ? LETTER_MASK[c - 0xc0] : 0;
    if (m !== 0) langs &= m;
  }
  return langs;
}

/** A word ending only some of the languages write, and its weight. */
interface Ending {
  suffix: string;
  langs: number;
  points: number;
}

/**
 * Word endings by their last letter, longest first. Note: "-ung" is left out of German for
 * English "lung" and "young", "-ique" of French for "technique" and "unique", and "-dades" is
 * Portuguese and Spanish alike.
 */
const ENDINGS_BY_LAST: ReadonlyMap<number, readonly Ending[]> = (() => {
  const table: [string, GuessLang[], number][] = [
    ['ciones', ['es'], 3], ['siones', ['es'], 3], ['ción', ['es'], 3], ['sión', ['es'], 3],
    ['tions', ['en'], 1], ['tion', ['en'], 1], ['ies', ['en'], 1], ['ing', ['en'], 1],
    ['ics', ['en'], 1], ['ity', ['en'], 1], ['ness', ['en'], 1], ['ly', ['en'], 1],
    ['dades', ['pt', 'es'], 1], ['dade', ['pt'], 1], ['dad', ['es'], 1],
    ['ées', ['fr'], 1], ['ée', ['fr'], 1], ['eux', ['fr'], 1],
    ['zione', ['it'], 1], ['zioni', ['it'], 1],
    ['ungen', ['de'], 1], ['keit', ['de'], 1], ['heit', ['de'], 1], ['schaft', ['de'], 1],
  ];
  const byLast = new Map<number, Ending[]>();
  for (const [suffix, langs, points] of table) {
    const last = suffix.charCodeAt(suffix.length - 1);
    byLast.set(last, [...(byLast.get(last) ?? []), { suffix, langs: maskOf(langs), points }].sort((a, b) => b.suffix.length - a.suffix.length));
  }
  return byLast;
})();

/** Flags of the ASCII letters an ending of the table ends with (most words end with another). */
const ENDING_LAST = (() => {
  const flags = new Uint8Array(128);
  for (const last of ENDINGS_BY_LAST.keys()) flags[last] = 1;
  return flags;
})();

/** The ending of text[from, to) in the table, if any. */
function endingAt(text: string, from: number, to: number): Ending | undefined {
  const last = lowerCode(text.charCodeAt(to - 1));
  if (last >= 128 || !ENDING_LAST[last]) return undefined;
  const endings = ENDINGS_BY_LAST.get(last);
  if (endings) for (const e of endings) if (endsWithAt(text, to, from, e.suffix)) return e;
  return undefined;
}

/** One point of evidence: 60 divides evenly among the 1 to 6 languages that may share it. */
const POINT = 60;

/**
 * Add `points` of evidence shared out among the languages of `langs` that are in play: a word
 * three of them write is worth a third to each, so it tells them from the rest, not from each other.
 */
function credit(scores: number[], langs: number, inPlay: number, points: number): void {
  const m = langs & inPlay;
  if (m === 0) return;
  let k = 0;
  for (let b = m; b !== 0; b &= b - 1) k++;
  const share = (points * POINT) / k;
  for (let l = 0; l < scores.length; l++) if (m & (1 << l)) scores[l] += share;
}

/** How far the best of `scores` leads the next, in sixtieths of a point. */
function leadOf(scores: readonly number[]): number {
  let top = -Infinity;
  let second = -Infinity;
  for (const v of scores) {
    if (v > top) [top, second] = [v, top];
    else if (v > second) second = v;
  }
  return top - second;
}

/**
 * Evidence for each candidate language in a text, in sixtieths of a point (GUESS_LANGS order; 0
 * for the others). With `settledAt`, reading stops once a language leads by that many points.
 */
export function languageScores(text: string, candidates: readonly GuessLang[] = GUESS_LANGS, settledAt = Infinity): number[] {
  const inPlay = candidates === GUESS_LANGS ? ALL_LANGS : maskOf(candidates);
  const scores = GUESS_LANGS.map(() => 0);
  const n = Math.min(text.length, 400);
  const settled = settledAt * POINT;
  let i = 0;
  while (i < n) {
    if (settled !== Infinity && leadOf(scores) >= settled) break;
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
    if (len <= LONGEST_WORD) {
      const w = wordAt(text, from, i, h);
      if (w) credit(scores, w.langs, inPlay, 1);
    }
    if (len < 3) continue;
    // Note: an ending decides before the letters: -ción is Spanish though ó is Portuguese too.
    const ending = endingAt(text, from, i);
    if (ending) credit(scores, ending.langs, inPlay, ending.points);
    else if (high) {
      const marked = letterLangs(text, from, i);
      if (marked !== -1) credit(scores, marked, inPlay, 3);
    }
  }
  return scores;
}

/** How sure a guess must be. */
export interface GuessOptions {
  /** The languages to choose among (default: all the guesser knows). */
  candidates?: readonly GuessLang[];
  /**
   * The least lead, in points, the best language must have over the next (default: any lead).
   * Callers with a fallback (the record's declared language) ask for a full point.
   */
  minLead?: number;
  /**
   * Stop reading once a language leads by this many points (default: read all 400 characters).
   * Note: for a check that runs on every record (is this text in the declared language?), where
   * the first words usually settle it.
   */
  settledAt?: number;
}

/** The best-scored language of `scores`, or undefined when none leads by `minLead` points. */
function best(scores: readonly number[], minLead: number): GuessLang | undefined {
  let top = 0;
  for (let l = 1; l < scores.length; l++) if (scores[l] > scores[top]) top = l;
  const lead = leadOf(scores);
  return scores[top] > 0 && lead > 0 && lead >= minLead * POINT ? GUESS_LANGS[top] : undefined;
}

/** The language a title or abstract is written in, or undefined when the text does not tell. */
export function detectLanguage(text: string, options: GuessOptions = {}): GuessLang | undefined {
  return best(languageScores(text, options.candidates, options.settledAt), options.minLead ?? 0);
}

/**
 * The language of a text in a record that declares exactly one: that one, unless the words put
 * another two points ahead. Note: MEDLINE-derived exports (Ovid, EBSCO, WoS) give the English
 * translation of a Portuguese article's title under the language Portuguese. Reading stops once
 * a language leads by 3 points: this runs on every record.
 */
export function languageOrDeclared(text: string, declared: string): string {
  return detectLanguage(text, { minLead: 2, settledAt: 3 }) ?? declared;
}

/**
 * Languages for the versions of one text (a record's titles, or its abstracts), which BVS and
 * SciELO give one per language: each gets a different language when the evidence allows.
 * `fixed` entries (non-undefined) are already decided and only reserve their language.
 */
export function assignLanguages(texts: readonly string[], fixed: readonly (string | null | undefined)[] = [], candidates: readonly GuessLang[] = GUESS_LANGS): (string | null)[] {
  const out: (string | null)[] = texts.map((_, i) => (fixed[i] !== undefined ? fixed[i]! : null));
  const used = new Set(out.filter((x): x is string => x !== null));
  // Note: only the texts still open are scored (this runs for every record of large imports).
  const open: { i: number; scores: number[]; margin: number }[] = [];
  for (let i = 0; i < texts.length; i++) {
    if (fixed[i] !== undefined) continue;
    const scores = languageScores(texts[i], candidates);
    open.push({ i, scores, margin: leadOf(scores) });
  }
  // Note: the most clear-cut texts choose first; the doubtful ones take what is left.
  if (open.length > 1) open.sort((a, b) => b.margin - a.margin);
  for (const { i, scores } of open) {
    // Note: indexes into GUESS_LANGS; a stable sort keeps its order (pt, es, en...) on ties.
    const ranked = GUESS_LANGS.map((_, l) => l).filter((l) => scores[l] > 0).sort((a, b) => scores[b] - scores[a]);
    const free = ranked.find((l) => !used.has(GUESS_LANGS[l]));
    const l = free ?? (ranked.length > 0 && (ranked.length === 1 || scores[ranked[0]] > scores[ranked[1]]) ? ranked[0] : undefined);
    const pick = l === undefined ? undefined : GUESS_LANGS[l];
    if (pick) {
      out[i] = pick;
      used.add(pick);
    }
  }
  return out;
}
