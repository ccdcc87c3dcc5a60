/**
 * Comparing two records: exact identifiers first, then a scored comparison of their normalized
 * fields with three outcomes (duplicate, distinct, uncertain). Conflicts on DOI, PMID, year,
 * part numbers or notices (erratum) make a pair distinct whatever the titles say.
 */
import type { DedupRule } from './events.js';
import { titleNumbers, type RecordFeatures, type TitleKey } from './features.js';
import { compareIdentifiers, type IdentifierVerdict } from './identifiers.js';
import { diceHashes, familiesCompatible, journalsCompatible, journalsConflict, stringSimilarity } from './normalize.js';

export type PairOutcome = 'duplicate' | 'distinct' | 'uncertain';

export interface PairVerdict {
  outcome: PairOutcome;
  rule: DedupRule;
  /** Confidence in [0, 1] (1 for identifier matches). */
  score: number;
  /** Short codes of what decided, for audits and tests. */
  reasons: string[];
}

/**
 * The thresholds of the scored comparison. The defaults are the ones `npm run bench` (test/bench/
 * dedup.mjs) fits on every labelled set; the bench also fits them without each set in turn and
 * scores that set, so the figures say how they hold on data they were not fitted on.
 */
export interface DedupThresholds {
  /** Title similarity that counts as the same title. */
  sameTitle: number;
  /** Other fields that must agree (author, year, volume, page, journal, abstract) with the same title. */
  supportSame: number;
  /** A close title (a typo, a changed word) ... */
  closeTitle: number;
  /** ... needs this many agreeing fields. */
  supportClose: number;
  /** Below this title similarity a pair that is not sure is distinct rather than uncertain. */
  uncertainFloor: number;
}

export const DEFAULT_THRESHOLDS: Readonly<DedupThresholds> = { sameTitle: 0.97, supportSame: 2, closeTitle: 0.9, supportClose: 3, uncertainFloor: 0.9 };

/** Version of the rules and thresholds; stored in each run event. */
export const RULES_VERSION = 'dedup-rules-2';

function distinctFor(...reasons: string[]): PairVerdict {
  return Object.freeze({ outcome: 'distinct', rule: 'score', score: 0, reasons: Object.freeze(reasons) as string[] });
}

// Note: most candidate pairs end in one of these; shared verdicts spare millions of allocations.
const CONFLICT: Record<'doi' | 'pmid' | 'pmcid' | 'scielo-pid' | 'year' | 'year-issue', PairVerdict> = {
  doi: distinctFor('conflict:doi'),
  pmid: distinctFor('conflict:pmid'),
  pmcid: distinctFor('conflict:pmcid'),
  'scielo-pid': distinctFor('conflict:scielo-pid'),
  year: distinctFor('conflict:year'),
  'year-issue': distinctFor('conflict:year-issue'),
};
const VOLUME_AND_PAGES_DIFFER = distinctFor('volume-differs', 'pages-differ');

/** Best similarity between any title of `a` and any title of `b` (every language they carry). */
export function titleSimilarity(a: readonly TitleKey[], b: readonly TitleKey[]): { sim: number; ta?: TitleKey; tb?: TitleKey } {
  let best = { sim: 0, ta: undefined as TitleKey | undefined, tb: undefined as TitleKey | undefined };
  for (const ta of a) {
    for (const tb of b) {
      let sim: number;
      if (ta.norm === tb.norm) sim = 1;
      else {
        const dice = diceHashes(ta.tokenSet, tb.tokenSet);
        sim = dice;
        if (dice >= 0.5) sim = Math.max(dice, stringSimilarity(ta.norm, tb.norm, 0.75));
        // Note: one source may cut a long title or drop its subtitle: a long shared beginning counts.
        const [s, l] = ta.norm.length <= tb.norm.length ? [ta.norm, tb.norm] : [tb.norm, ta.norm];
        if (s.length >= 40 && l.startsWith(s)) sim = Math.max(sim, 0.93);
      }
      if (sim > best.sim) best = { sim, ta, tb };
      if (sim === 1) return best;
    }
  }
  return best;
}

/** Identifier rule linking two records, if any; `conflict` when both carry different ones. */
export function identifierMatch(a: RecordFeatures, b: RecordFeatures): IdentifierVerdict {
  return compareIdentifiers(a.ids, b.ids);
}

/** Whether one title is the other cut short and their numbers agree over the shared part. */
function truncatedAgree(a: TitleKey, b: TitleKey): boolean {
  const [short, long] = a.norm.length <= b.norm.length ? [a.norm, b.norm] : [b.norm, a.norm];
  // Note: only long titles get cut by exports; "parte i" is a prefix of "parte ii" and must not count.
  if (short.length < 100 || !long.startsWith(short)) return false;
  const whole = short.slice(0, short.lastIndexOf(' '));
  return titleNumbers(whole.split(' ')) === titleNumbers(long.slice(0, whole.length).split(' '));
}

/** Whether the sources say the two records' titles are in different languages. */
function otherLanguage(a: readonly TitleKey[], b: readonly TitleKey[]): boolean {
  const known = (t: TitleKey) => t.lang !== null && t.lang !== '';
  if (!a.every(known) || !b.every(known)) return false;
  if (a.some((t) => t.lang === 'translated') || b.some((t) => t.lang === 'translated')) return true;
  return !a.some((x) => b.some((y) => x.lang === y.lang));
}

/** An erratum, retraction, comment or reply, by its title or its document type. */
function isNotice(f: RecordFeatures, t: TitleKey): boolean {
  return !!t.notice || f.kind === 'notice';
}

function split(words: string): string[] {
  return words ? words.split(' ') : [];
}

function tri(a: string | undefined, b: string | undefined): number {
  if (!a || !b) return 0;
  return a === b ? 1 : -1;
}

/**
 * Whether two records have the same fingerprint. Note: the fingerprint joins the titles, year,
 * volume and pages with the rest; when one of those differs the answer is no without building
 * it (most candidate pairs), which spares the strings of 100,000s of records.
 */
function sameFingerprint(a: RecordFeatures, b: RecordFeatures): boolean {
  if (a.year !== b.year || a.volume !== b.volume || a.pageFirst !== b.pageFirst || a.pageLast !== b.pageLast || a.titles.length !== b.titles.length) return false;
  for (let k = 0; k < a.titles.length; k++) if (a.titles[k].norm !== b.titles[k].norm) return false;
  return a.fingerprint === b.fingerprint;
}

/** Compare two records. Pure and symmetric. */
export function comparePair(a: RecordFeatures, b: RecordFeatures, th: Readonly<DedupThresholds> = DEFAULT_THRESHOLDS): PairVerdict {
  const reasons: string[] = [];
  let id = identifierMatch(a, b);
  if (id.conflict) return CONFLICT[id.conflict];
  let title: ReturnType<typeof titleSimilarity> | undefined;
  if (id.rule) {
    title = titleSimilarity(a.titles, b.titles);
    // Note: a PID read from a DOI is not always the article's PID: it links only titles that agree.
    if (id.weak && title.sim < 0.75) id = {};
  }
  const yearGap = a.year !== undefined && b.year !== undefined ? Math.abs(a.year - b.year) : undefined;

  // Note: records that say exactly the same thing are one record imported twice (`--again`, our
  // own export read back) when they name the same origin or carry enough to identify a work.
  if (sameFingerprint(a, b) && a.titles.length > 0 && (a.origin === b.origin || (a.titles[0].length >= 3 && (a.families.length > 0 || a.year !== undefined)))) {
    return { outcome: 'duplicate', rule: id.rule ?? 'score', score: 1, reasons: id.rule ? [`id:${id.rule}`, 'identical'] : ['identical'] };
  }
  if (id.rule && title) {
    // Note: a supplement DOI can be shared by every abstract in it: identifiers need titles that agree.
    const pagesDiffer = id.rule === 'doi' && a.pageFirst && b.pageFirst && a.pageFirst !== b.pageFirst && /^\d+$/.test(a.pageFirst + b.pageFirst);
    const titlesDiffer = a.titles.length > 0 && b.titles.length > 0 && title.sim < 0.6;
    if (titlesDiffer) {
      const fa = a.families[0];
      const fb = b.families[0];
      // Note: a DOI given to a whole supplement is shared by abstracts of different authors.
      if (fa && fb && !familiesCompatible(fa, fb)) return { outcome: 'distinct', rule: 'score', score: 0, reasons: [`id:${id.rule}`, 'title-differs', 'author-differs'] };
      // Same identifier, first author and year with titles in two languages (LILACS pt, MEDLINE en).
      // Note: only when the sources say the titles are in two languages (or one is a bracketed
      // translation): two papers of one author can share a proceedings volume's DOI.
      if (fa && fb && !pagesDiffer && (yearGap ?? 0) === 0 && otherLanguage(a.titles, b.titles))
        return { outcome: 'duplicate', rule: id.rule, score: 0.9, reasons: [`id:${id.rule}`, 'title-other-language', 'author'] };
    }
    if (titlesDiffer || pagesDiffer) {
      return { outcome: 'uncertain', rule: id.rule, score: 0.5, reasons: [`id:${id.rule}`, titlesDiffer ? 'title-differs' : 'pages-differ'] };
    }
    return { outcome: 'duplicate', rule: id.rule, score: 1, reasons: [`id:${id.rule}`] };
  }

  if (yearGap !== undefined && yearGap > 1) return CONFLICT.year;
  // Note: another year and another volume or issue is another publication (a review and its
  // update); an early-online record one year off usually has no volume or issue yet.
  if (yearGap === 1 && (tri(a.volume, b.volume) === -1 || tri(a.issue, b.issue) === -1)) return CONFLICT['year-issue'];
  // Note: another volume and another first page is distinct whatever the titles say (two fields
  // against, below): decided here, before the title comparison, which costs most.
  if (tri(a.volume, b.volume) === -1 && tri(a.pageFirst, b.pageFirst) === -1) return VOLUME_AND_PAGES_DIFFER;
  title ??= titleSimilarity(a.titles, b.titles);
  const ts = title.sim;
  // Note: the same first author, year, volume and full page range is one article even when one
  // source translated its title (MEDLINE's English title of a Portuguese or French paper).
  const samePlace = yearGap === 0 && a.volume !== undefined && a.volume === b.volume && a.pageFirst !== undefined && a.pageFirst === b.pageFirst && a.pageLast !== undefined && a.pageLast === b.pageLast && a.pageFirst !== a.pageLast;
  if (ts < 0.75) {
    // Note: both journals must be known and not clearly different, and the first family name equal.
    const sameFamily = !!a.families[0] && a.families[0] === b.families[0];
    if (samePlace && sameFamily && a.journal && b.journal && !journalsConflict(split(a.journal), split(b.journal))) return { outcome: 'duplicate', rule: 'score', score: 0.9, reasons: [`title:${ts.toFixed(2)}`, 'author', 'year', 'volume', 'pages'] };
    return { outcome: 'distinct', rule: 'score', score: ts * 0.5, reasons: ['title'] };
  }
  if (title.ta && title.tb) {
    if (title.ta.numbers !== title.tb.numbers && title.ta.numbers && title.tb.numbers && !truncatedAgree(title.ta, title.tb)) {
      return { outcome: 'distinct', rule: 'score', score: 0, reasons: ['conflict:numbers'] };
    }
    if (isNotice(a, title.ta) !== isNotice(b, title.tb)) return { outcome: 'distinct', rule: 'score', score: 0, reasons: ['conflict:notice'] };
  }

  let support = 0;
  let against = 0;
  // Authors
  const fa = a.families[0];
  const fb = b.families[0];
  let author = 0;
  if (fa && fb) {
    if (familiesCompatible(fa, fb)) author = 1;
    else {
      // Note: some sources list the authors in another order: any shared family name is weaker support.
      const shared = a.families.some((x) => b.families.some((y) => familiesCompatible(x, y)));
      author = shared ? 0 : -1;
    }
    if (author === 1 && a.firstInitial && b.firstInitial && a.firstInitial !== b.firstInitial) author = 0;
  }
  if (author === 1) {
    support++;
    reasons.push('author');
  } else if (author === -1) {
    against++;
    reasons.push('author-differs');
  }
  if (yearGap === 0) {
    support++;
    reasons.push('year');
  } else if (yearGap === 1) reasons.push('year±1');
  const vol = tri(a.volume, b.volume);
  const page = tri(a.pageFirst, b.pageFirst);
  const issue = tri(a.issue, b.issue);
  if (vol === 1) support++;
  if (page === 1) support++;
  if (vol === -1) against++;
  if (page === -1) against++;
  if (issue === -1) against++;
  if (vol) reasons.push(vol > 0 ? 'volume' : 'volume-differs');
  if (page) reasons.push(page > 0 ? 'pages' : 'pages-differ');
  if (issue === -1) reasons.push('issue-differs');
  const ja = split(a.journal);
  const jb = split(b.journal);
  if (journalsCompatible(ja, jb)) {
    support++;
    reasons.push('journal');
  } else if (journalsConflict(ja, jb)) {
    against++;
    reasons.push('journal-differs');
  }
  if (a.abstractLength >= 20 && b.abstractLength >= 20) {
    const ad = diceHashes(a.abstractSet, b.abstractSet);
    if (ad >= 0.7) {
      support++;
      reasons.push('abstract');
    } else if (ad < 0.3) {
      against++;
      reasons.push('abstract-differs');
    }
  }
  if (a.conference !== b.conference) reasons.push('conference-vs-article');

  const score = Math.max(0, Math.min(1, ts * 0.6 + support * 0.08 - against * 0.15));
  reasons.unshift(`title:${ts.toFixed(2)}`);

  const longTitle = (title.ta?.norm.length ?? 0) >= 30;
  const numbersAgree = title.ta?.numbers === title.tb?.numbers;
  const journalOk = reasons.includes('journal');
  // Note: same exact title, year, volume, first page and journal is the same article even when
  // one source lists a study group or another author order.
  const bibliographic = ts >= th.sameTitle && yearGap === 0 && vol === 1 && page === 1 && issue >= 0 && (journalOk || author === 1);
  const kindsDiffer = !!a.kind && !!b.kind && a.kind !== b.kind;
  const congressVsPaper = (a.kind === 'conference' && !b.conference) || (b.kind === 'conference' && !a.conference);
  if (kindsDiffer) reasons.push('kind-differs');
  const sure =
    numbersAgree &&
    !kindsDiffer &&
    // A congress abstract and the full paper are two reports, however alike: a record the
    // source types as a congress paper never merges by score with one that shows no sign of it.
    !congressVsPaper &&
    (a.conference === b.conference || journalOk) &&
    (bibliographic ||
      (author >= 0 &&
        ((against === 0 &&
          ((ts >= th.sameTitle && support >= th.supportSame && (yearGap === 0 || support >= th.supportClose) && (longTitle || support >= th.supportClose)) ||
            (ts >= th.closeTitle && support >= th.supportClose && yearGap === 0))) ||
          // A different first page (electronic locator, supplement pagination) with everything else equal.
          (against === 1 && page === -1 && ts >= th.sameTitle && longTitle && author === 1 && yearGap === 0 && vol === 1 && journalOk && issue >= 0 &&
            !a.conference && !b.conference && (reasons.includes('abstract') || a.abstractLength === 0 || b.abstractLength === 0)))));
  if (sure) return { outcome: 'duplicate', rule: 'score', score, reasons };
  if (against >= 2 || author === -1 || ts < th.uncertainFloor) return { outcome: 'distinct', rule: 'score', score, reasons };
  return { outcome: 'uncertain', rule: 'score', score, reasons };
}
