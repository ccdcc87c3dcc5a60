/**
 * Text normalization for dedup: the same publication written by LILACS, SciELO, MEDLINE and
 * Google Scholar must give the same keys. Pure string functions, no I/O.
 * Built on the one text toolkit (../text.ts: entities, accent fold, stopwords); what is added
 * here makes comparison keys (tags go, Greek letters spelled out, punctuation one space).
 */
import { decodeEntities, foldAccents, STOPWORDS as LANGUAGE_STOPWORDS } from '../text.js';

/** Decode HTML entities (`&amp;`, `&eacute;`, `&#233;`, `&#xE9;`) and drop tags like `<i>`. */
export function decodeHtml(s: string): string {
  if (!s.includes('&') && !s.includes('<')) return s;
  // Note: some exports escape the markup itself (&lt;i&gt;Aedes&lt;/i&gt;): unescape those first.
  return decodeEntities(
    s
      .replace(/&lt;(\/?(?:i|b|em|strong|sup|sub|sc|u|span|p|br)\b[^&<>]*\/?)&gt;/gi, '<$1>')
      .replace(/<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi, ' '),
  );
}

const GREEK: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta', ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', µ: 'mu',
  ν: 'nu', ξ: 'xi', ο: 'omicron', π: 'pi', ρ: 'rho', σ: 'sigma', ς: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega',
};

/** Lower case, HTML decoded, accents removed, every run of non letters/digits one space. */
export function foldText(s: string | undefined | null): string {
  if (!s) return '';
  // Note: most fields are plain ASCII: skip the Unicode steps for them.
  if (/^[\x20-\x7e]*$/.test(s) && !s.includes('&') && !s.includes('<')) return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return foldAccents(
    decodeHtml(s)
      // Note: clinical titles write β-cell, TNF-α, µg; other databases spell them beta-cell, TNF-alpha, ug.
      .replace(/[\u0370-\u03ff\u00b5]/g, (c) => (GREEK[c.toLowerCase()] ? ` ${GREEK[c.toLowerCase()]} ` : c)),
  )
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[œ]/g, 'oe')
    .replace(/[ø]/g, 'o')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Leading articles dropped from titles (pt, es, en, plus a few fr/it/de ones seen in LILACS). */
export const LEADING_ARTICLES = new Set(['o', 'a', 'os', 'as', 'um', 'uma', 'el', 'la', 'los', 'las', 'lo', 'the', 'an', 'le', 'les', 'il', 'der', 'die', 'das']);

/**
 * A title as a comparable key: brackets of translated titles removed ("[Title in English]"),
 * trailing period, HTML, accents, case, punctuation and a leading article normalized.
 */
export function normalizeTitle(raw: string | undefined | null): string {
  if (!raw) return '';
  let s = decodeHtml(raw).trim().replace(/^["'“”«]+|["'“”»]+$/g, '').trim();
  // Note: MEDLINE encloses translated titles in brackets and may add a trailing period after them.
  s = s.replace(/^\[(.*)\][.\s]*$/s, '$1');
  // Note: MEDLINE-derived exports append notes: "[Review] [33 refs]", "[Erratum appears in ...]", "(Provisional abstract)".
  // Exports cut long fields, so a note may have lost its closing bracket or hold nested ones.
  // (The includes() tests only spare most titles the regular expressions.)
  if (s.includes('[')) {
    s = s.replace(/\s*\[(?:erratum|errata|comment|review|retraction|retracted|corrected|republished|published|update|see )[\s\S]*$/i, '');
    s = s.replace(/(?:\s*\[[^\]]*\][.\s]*)+$/, '');
  }
  if (s.includes('(')) s = s.replace(/\s*\((?:provisional abstract|structured abstract|abstract)\)[.\s]*$/i, '');
  // Note: "IL-1β" folds to "il 1 beta", "IL-1beta" to "il 1beta": numbers stand apart from letters.
  let folded = foldText(s);
  if (/\d[a-z]|[a-z]\d/.test(folded)) folded = folded.replace(/(\d)(?=[a-z])|([a-z])(?=\d)/g, '$1$2 ');
  const sp = folded.indexOf(' ');
  if (sp > 0 && LEADING_ARTICLES.has(folded.slice(0, sp))) folded = folded.slice(sp + 1);
  return folded;
}

/** Words that carry no meaning for matching titles: the toolkit's pt/es/en function words, folded as titles are. */
export const STOPWORDS: ReadonlySet<string> = new Set([...LANGUAGE_STOPWORDS.pt, ...LANGUAGE_STOPWORDS.es, ...LANGUAGE_STOPWORDS.en].map(foldAccents));

/** Title words without stopwords (used for blocking and token similarity). */
export function titleTokens(normalized: string): string[] {
  return normalized.split(' ').filter((w) => w.length > 0 && !STOPWORDS.has(w));
}

/** Surname particles that some sources keep and others drop (da Silva / Silva). */
export const NAME_PARTICLES = new Set(['da', 'de', 'do', 'das', 'dos', 'e', 'di', 'del', 'della', 'van', 'von', 'der', 'den', 'la', 'le', 'y', 'du', 'ter', 'mc']);

/** Family name as comparable words: folded, particles and suffixes (Jr, Neto, Filho) removed. */
export function normalizeFamily(raw: string | undefined | null): string {
  const words = foldText(raw).split(' ').filter((w) => w && !NAME_PARTICLES.has(w));
  while (words.length > 1 && ['jr', 'junior', 'filho', 'neto', 'sobrinho', 'segundo', 'ii', 'iii'].includes(words[words.length - 1])) words.pop();
  return words.join(' ');
}

/**
 * Whether two family names can be the same person: equal, or one is contained in the other
 * (Brazilian compound surnames are indexed whole by one source and by the last one by another).
 */
export function familiesCompatible(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const wa = a.split(' ');
  const wb = b.split(' ');
  if (wa[wa.length - 1] === wb[wb.length - 1]) return true;
  if (a.replace(/ /g, '') === b.replace(/ /g, '')) return true;
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  return short.every((w) => long.includes(w));
}

/** Expand a page range: "123-9" -> {first:"123", last:"129"}; "e123" keeps its letter. */
export function normalizePages(raw: string | undefined | null): { first?: string; last?: string } {
  if (!raw) return {};
  const s = raw.trim().toLowerCase().replace(/^p+\.?\s*/, '').replace(/\s+/g, '');
  const m = s.match(/^([a-z]?\d+[a-z]?)(?:[-–—]+([a-z]?\d+[a-z]?))?/);
  if (!m) return {};
  const first = m[1].replace(/^([a-z]?)0+(\d)/, '$1$2');
  let last = m[2];
  if (last) {
    const fd = first.replace(/\D/g, '');
    const ld = last.replace(/\D/g, '');
    // Note: "123-9" abbreviates the last page: take the leading digits from the first page.
    if (ld.length < fd.length) last = first.replace(/\d+/, fd.slice(0, fd.length - ld.length) + ld);
  }
  return { first, last };
}

/** First number of a volume or issue ("38 (Supplement 1)" -> "38"); undefined without digits. */
export function leadingNumber(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  // Note: only a clean number, optionally followed by a supplement or part note; "1)" is a cut field, not a volume.
  const m = String(raw).trim().match(/^(\d+)\s*(?:\(?\s*(?:suppl|supplement|sup|pt|part|parte|esp|spec|special)[^)]*\)?)?\s*$/i);
  return m ? String(Number(m[1])) : undefined;
}

const JOURNAL_SKIP = new Set(['the', 'of', 'and', 'de', 'da', 'do', 'das', 'dos', 'e', 'y', 'la', 'el', 'del', 'in', 'for', 'em', 'en', 'et', 'des', 'fur', 'und']);

/** Journal words, folded, without linking words. */
export function journalTokens(raw: string | undefined | null): string[] {
  return foldText(raw).split(' ').filter((w) => w && !JOURNAL_SKIP.has(w));
}

/**
 * Whether two journal names can be the same journal: the shorter one's words are prefixes of
 * the longer one's words in order ("Rev Bras Enferm" ~ "Revista Brasileira de Enfermagem").
 */
export function journalsCompatible(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  if (a.join('') === b.join('')) return true;
  return wordsPrefixIn(a, b) || wordsPrefixIn(b, a);
}

/** Every word of `short` starts a word of `long`, in order. */
function wordsPrefixIn(short: readonly string[], long: readonly string[]): boolean {
  if (short.length > long.length) return false;
  let j = 0;
  for (const w of short) {
    while (j < long.length && !long[j].startsWith(w)) j++;
    if (j === long.length) return false;
    j++;
  }
  return true;
}

/** Edit distance, giving up (returning max + 1) once it exceeds `max`. */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length > b.length) [a, b] = [b, a];
  const n = a.length;
  const m = b.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let i = 0; i <= n; i++) prev[i] = i;
  for (let j = 1; j <= m; j++) {
    cur[0] = j;
    let rowMin = j;
    const bj = b.charCodeAt(j - 1);
    const lo = Math.max(1, j - max);
    const hi = Math.min(n, j + max);
    if (lo > 1) cur[lo - 1] = max + 1;
    for (let i = lo; i <= hi; i++) {
      const cost = a.charCodeAt(i - 1) === bj ? 0 : 1;
      let v = prev[i - 1] + cost;
      const del = (i < j + max ? prev[i] : max + 1) + 1;
      const ins = cur[i - 1] + 1;
      if (del < v) v = del;
      if (ins < v) v = ins;
      cur[i] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < n) cur[hi + 1] = max + 1;
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[n] > max ? max + 1 : prev[n];
}

/** Similarity of two normalized strings in [0, 1] from the edit distance (exact when above `floor`). */
export function stringSimilarity(a: string, b: string, floor = 0.8): number {
  if (a === b) return a ? 1 : 0;
  const len = Math.max(a.length, b.length);
  if (len === 0) return 0;
  const max = Math.floor(len * (1 - floor));
  const d = boundedLevenshtein(a, b, max);
  return d > max ? 0 : 1 - d / len;
}

/** Dice coefficient of two token lists (as sets). */
export function diceTokens(a: readonly string[], b: readonly string[]): number {
  return diceHashes(tokenHashes(a), tokenHashes(b));
}

/**
 * Words as sorted, distinct 30-bit hashes: a compact set for similarity. Plain arrays of small
 * integers cost far less memory and garbage collection than Sets of strings at 100,000 records.
 */
export function tokenHashes(tokens: readonly string[]): number[] {
  const out: number[] = [];
  for (const w of tokens) {
    let h = 0x811c9dc5;
    for (let k = 0; k < w.length; k++) h = Math.imul(h ^ w.charCodeAt(k), 0x01000193);
    out.push(h & 0x3fffffff);
  }
  out.sort((x, y) => x - y);
  let n = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[n++] = out[i];
  out.length = n;
  return out;
}

/** Dice coefficient of two tokenHashes sets. */
export function diceHashes(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}

const GENERIC_JOURNAL_WORDS = new Set(['journal', 'revista', 'rev', 'j', 'international', 'int', 'american', 'am', 'european', 'eur', 'annals', 'ann', 'archives', 'arch', 'acta', 'cadernos', 'cad', 'research', 'res', 'clinical', 'clin', 'medicine', 'med', 'science', 'sci', 'brasileira', 'bras']);

/**
 * Whether two journal names are clearly different journals: no distinctive word of one starts
 * a word of the other ("Annals of Internal Medicine" vs "ACP Journal Club"). Unknown is not a conflict.
 */
export function journalsConflict(a: readonly string[], b: readonly string[]): boolean {
  const da = a.filter((w) => w.length >= 3 && !GENERIC_JOURNAL_WORDS.has(w));
  const db = b.filter((w) => w.length >= 3 && !GENERIC_JOURNAL_WORDS.has(w));
  if (da.length === 0 || db.length === 0 || a.length < 2 || b.length < 2) return false;
  if (acronymOf(a, b) || acronymOf(b, a)) return false;
  return !da.some((x) => db.some((y) => x.startsWith(y) || y.startsWith(x)));
}

/** Whether a word of `short` is an acronym of `long` ("AMCIS" of "Americas Conference on Information Systems"). */
function acronymOf(short: readonly string[], long: readonly string[]): boolean {
  const initials = long.filter((w) => w.length >= 3).map((w) => w[0]);
  if (initials.length < 2) return false;
  return short.some((w) => {
    if (w.length < 3 || w.length > 10 || w[0] !== initials[0]) return false;
    let j = 0;
    for (const c of w) if (c === initials[j]) j++;
    return j >= initials.length;
  });
}
