/**
 * `review dedup --review`: uncertain pairs side by side, differences highlighted, one key to
 * decide (d duplicate, n not a duplicate, s skip, u undo the last step, q quit). Each decision
 * is handed to `decide` (which appends and fsyncs the event) before the next pair is shown; an
 * undo is handed to `undo` the same way. Fits 80x24; without colour (NO_COLOR) a `*` before the
 * field name marks what differs. A long field that differs is shown from its first difference.
 */
import readline from 'node:readline';
import chalk from 'chalk';
import type { BibRecord } from '../core/record.js';
import { formatAuthors } from '../core/record.js';
import { foldText } from '../core/dedup/normalize.js';
import { t } from './i18n.js';
import { textWidth, wrapWithOffsets } from './text.js';

export type ReviewAction = 'duplicate' | 'distinct' | 'skip' | 'undo' | 'quit';

/** What a key does: d, n, s, u, q (Escape and Ctrl-C quit too); anything else nothing. */
export function keyToAction(key: { name?: string; ctrl?: boolean; sequence?: string } | undefined): ReviewAction | undefined {
  if (!key) return undefined;
  if (key.ctrl && key.name === 'c') return 'quit';
  switch ((key.name ?? key.sequence ?? '').toLowerCase()) {
    case 'd':
      return 'duplicate';
    case 'n':
      return 'distinct';
    case 's':
      return 'skip';
    case 'u':
      return 'undo';
    case 'q':
    case 'escape':
      return 'quit';
    default:
      return undefined;
  }
}

/** One pair to show. */
export interface PairView {
  a: BibRecord;
  b: BibRecord;
  score?: number;
  rule: string;
}

interface Field {
  label: string;
  left: string;
  right: string;
  maxLines: number;
}

// Note: columns are padded by terminal width (ANSI codes take none, a CJK character two).
const visible = textWidth;

/** Words in lines of at most `width` columns (a longer word, a URL, is cut across lines): the one wrap of ui/text.ts. */
export function wrapWords(text: string, width: number): string[][] {
  const spaced = text.split(/\s+/).filter(Boolean).join(' ');
  return wrapWithOffsets(spaced, width, 1)
    .filter((p) => p.text !== '')
    .map((p) => p.text.split(' '));
}

/**
 * The text to show in `maxLines` lines of `width`: from the start when it fits or when the
 * first difference from `other` is on the first lines; otherwise from a little before that
 * difference (inside a long word such as a URL too), so what differs is on screen, not cut off.
 */
export function focusOnDifference(text: string, other: string, width: number, maxLines: number): string {
  if (wrapWords(text, width).length <= maxLines) return text;
  const n = Math.min(text.length, other.length);
  let p = 0;
  while (p < n && text[p].toLowerCase() === other[p].toLowerCase()) p++;
  // Note: when this text is the other cut short, its end is what differs.
  if (p >= text.length) p = text.length - 1;
  if (wrapWords(text.slice(0, Math.min(text.length, p + 12)), width).length <= maxLines) return text;
  // Note: as much as fits before the difference, the end of the text if it fits too.
  const room = width * maxLines - 4;
  let start = Math.max(0, Math.min(p - Math.floor(room / 2), text.length - room));
  const space = text.indexOf(' ', start);
  if (space >= 0 && space < p - 8) start = space + 1;
  return '…' + text.slice(start);
}

function column(text: string, other: string, width: number, maxLines: number): string[] {
  const otherWords = new Set(foldText(other).split(' '));
  const lines = wrapWords(focusOnDifference(text || '-', other || '-', width, maxLines), width);
  const cut = lines.length > maxLines;
  const shown = lines.slice(0, maxLines);
  return shown.map((words, i) => {
    const painted = words.map((w) => {
      const f = foldText(w);
      return f && !otherWords.has(f.split(' ')[0]) ? chalk.yellow.bold(w) : w;
    });
    let s = painted.join(' ');
    if (cut && i === shown.length - 1) s = visible(s) < width ? s + '…' : s;
    return s;
  });
}

function fields(view: PairView): Field[] {
  const { a, b } = view;
  const title = (r: BibRecord) => r.titles.map((x) => (r.titles.length > 1 && x.lang ? `[${x.lang}] ${x.text}` : x.text)).join(' / ');
  const place = (r: BibRecord) => `${r.volume ?? '-'}${r.issue ? `(${r.issue})` : ''}:${r.pages ?? '-'}`;
  const ids = (r: BibRecord) =>
    [r.doi ? `doi:${r.doi}` : undefined, r.pmid ? `PMID ${r.pmid}` : undefined, r.pmcid, r.bvsId, r.scieloPid].filter(Boolean).join(' ') || '-';
  const link = (r: BibRecord) => [r.url, ...r.fullTextUrls].filter((u, i, all) => u && all.indexOf(u) === i).join(' ') || '-';
  const source = (r: BibRecord) => [r.provenance.source, r.provenance.database, r.provenance.file, r.provenance.sourceId].filter(Boolean).join(' · ');
  const abstract = (r: BibRecord) => r.abstracts[0]?.text ?? '';
  return [
    { label: t('dedup.field.title'), left: title(a), right: title(b), maxLines: 4 },
    { label: t('dedup.field.authors'), left: formatAuthors(a.authors, 6), right: formatAuthors(b.authors, 6), maxLines: 2 },
    { label: t('dedup.field.year'), left: String(a.year ?? '-'), right: String(b.year ?? '-'), maxLines: 1 },
    { label: t('dedup.field.journal'), left: a.journal ?? '-', right: b.journal ?? '-', maxLines: 2 },
    { label: t('dedup.field.issue'), left: place(a), right: place(b), maxLines: 1 },
    { label: t('dedup.field.ids'), left: ids(a), right: ids(b), maxLines: 2 },
    { label: t('dedup.field.url'), left: link(a), right: link(b), maxLines: 2 },
    { label: t('dedup.field.source'), left: source(a), right: source(b), maxLines: 2 },
    { label: t('dedup.field.abstract'), left: abstract(a), right: abstract(b), maxLines: 2 },
  ];
}

/** The screen for one pair, as lines no wider than `width - 1` and no more than `height - 1`. */
export function renderPair(view: PairView, index: number, total: number, width = 80, height = 24, notice?: string): string[] {
  const w = Math.max(50, width) - 1;
  const labelW = 10;
  const colW = Math.floor((w - labelW - 4) / 2);
  const out: string[] = [];
  const score = view.score !== undefined ? `  ${t('dedup.review.score', { score: view.score.toFixed(2) })}` : '';
  out.push(chalk.bold(t('dedup.review.header', { n: index + 1, total })) + score + `  (${t('dedup.review.differs')})` + (notice ? `  ${chalk.green(notice)}` : ''));
  out.push(`${' '.repeat(labelW)} ${chalk.dim(view.a.id.padEnd(colW))} | ${chalk.dim(view.b.id)}`);
  const budget = Math.max(10, height) - 1 - out.length - 2;
  let used = 0;
  for (const f of fields(view)) {
    const differs = foldText(f.left) !== foldText(f.right);
    const room = Math.min(f.maxLines, budget - used);
    if (room <= 0) break;
    const left = column(f.left, f.right, colW, room);
    const right = column(f.right, f.left, colW, room);
    const n = Math.max(left.length, right.length);
    for (let i = 0; i < n; i++) {
      const label = (i === 0 ? `${differs ? '*' : ' '}${f.label}`.slice(0, labelW) : '').padEnd(labelW);
      const l = left[i] ?? '';
      out.push(`${differs && i === 0 ? chalk.yellow(label) : label} ${l}${' '.repeat(Math.max(0, colW - visible(l)))} | ${right[i] ?? ''}`);
    }
    used += n;
  }
  out.push('');
  out.push(chalk.cyan(t('dedup.review.keys')));
  return out;
}

export interface ReviewOptions {
  pairs: PairView[];
  /** Append and fsync the decision; called before the next pair is shown. */
  decide: (pair: PairView, decision: 'duplicate' | 'distinct') => void;
  /** Withdraw the decision `decide` saved for this pair (u); called before the pair is shown again. */
  undo?: (pair: PairView, decision: 'duplicate' | 'distinct') => void;
  /** Pairs an earlier decision already settled (e.g. both records now in one group) are not shown. */
  settled?: (pair: PairView) => boolean;
  input?: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (on: boolean) => void };
  output?: NodeJS.WritableStream & { columns?: number; rows?: number };
}

export interface ReviewOutcome {
  decided: number;
  skipped: number;
  quit: boolean;
}

/** Show the pairs one by one and collect one key for each. */
export async function reviewPairs(options: ReviewOptions): Promise<ReviewOutcome> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const queue: ReviewAction[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  const onKey = (_s: string, key: { name?: string; ctrl?: boolean; sequence?: string }) => {
    const act = keyToAction(key ?? { sequence: _s });
    if (!act) return;
    queue.push(act);
    wake?.();
  };
  const onEnd = () => {
    ended = true;
    wake?.();
  };
  readline.emitKeypressEvents(input as NodeJS.ReadableStream);
  const raw = input.isTTY && typeof input.setRawMode === 'function';
  if (raw) input.setRawMode!(true);
  input.on('keypress', onKey);
  input.on('end', onEnd);
  input.resume();
  const next = async (): Promise<ReviewAction> => {
    while (queue.length === 0) {
      if (ended) return 'quit';
      await new Promise<void>((r) => (wake = r));
      wake = undefined;
    }
    return queue.shift()!;
  };
  const outcome: ReviewOutcome = { decided: 0, skipped: 0, quit: false };
  // Note: every step (decision or skip) is remembered so that u can walk back through them.
  const steps: Array<{ index: number; action: 'duplicate' | 'distinct' | 'skip' }> = [];
  let notice: string | undefined;
  try {
    for (let i = 0; i < options.pairs.length; i++) {
      const pair = options.pairs[i];
      if (!notice && options.settled?.(pair)) continue;
      const lines = renderPair(pair, i, options.pairs.length, output.columns ?? 80, output.rows ?? 24, notice);
      notice = undefined;
      output.write('\x1b[2J\x1b[H' + lines.join('\n') + '\n');
      const act = await next();
      if (act === 'quit') {
        outcome.quit = true;
        break;
      }
      if (act === 'undo') {
        const last = steps.pop();
        if (!last) {
          i--;
          continue;
        }
        if (last.action === 'skip') outcome.skipped--;
        else {
          options.undo?.(options.pairs[last.index], last.action);
          outcome.decided--;
        }
        notice = t(`dedup.review.undone.${last.action}`);
        i = last.index - 1;
        continue;
      }
      if (act === 'skip') {
        outcome.skipped++;
        steps.push({ index: i, action: 'skip' });
        continue;
      }
      options.decide(pair, act);
      outcome.decided++;
      steps.push({ index: i, action: act });
    }
  } finally {
    // Note: leave a clean screen for the summary that follows.
    if (options.pairs.length > 0) output.write('\x1b[2J\x1b[H');
    input.off('keypress', onKey);
    input.off('end', onEnd);
    if (raw) input.setRawMode!(false);
    input.pause();
  }
  return outcome;
}
