/**
 * `review dedup --review`: uncertain pairs side by side, differences highlighted, one key to
 * decide (d duplicate, n not a duplicate, s skip, q quit). Each decision is handed to `decide`
 * (which appends and fsyncs the event) before the next pair is shown. Fits 80x24; without
 * colour (NO_COLOR) a `*` before the field name marks what differs.
 */
import readline from 'node:readline';
import chalk from 'chalk';
import type { BibRecord } from '../core/record.js';
import { formatAuthors } from '../core/record.js';
import { foldText } from '../core/dedup/normalize.js';
import { t } from './i18n.js';

export type ReviewAction = 'duplicate' | 'distinct' | 'skip' | 'quit';

/** What a key does: d, n, s, q (Escape and Ctrl-C quit too); anything else nothing. */
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

// Note: ANSI codes have no width: measure text without them when padding columns.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const visible = (s: string) => s.replace(ANSI, '').length;

/** Wrap words into lines of at most `width` characters (long words are cut). */
export function wrapWords(text: string, width: number): string[][] {
  const lines: string[][] = [];
  let line: string[] = [];
  let len = 0;
  for (let w of text.split(/\s+/).filter(Boolean)) {
    if (w.length > width) w = w.slice(0, width - 1) + '…';
    if (len + (line.length ? 1 : 0) + w.length > width && line.length) {
      lines.push(line);
      line = [];
      len = 0;
    }
    len += (line.length ? 1 : 0) + w.length;
    line.push(w);
  }
  if (line.length) lines.push(line);
  return lines;
}

function column(text: string, other: string, width: number, maxLines: number): string[] {
  const otherWords = new Set(foldText(other).split(' '));
  const lines = wrapWords(text || '-', width);
  const cut = lines.length > maxLines;
  const shown = lines.slice(0, maxLines);
  return shown.map((words, i) => {
    const painted = words.map((w) => {
      const f = foldText(w);
      return f && !otherWords.has(f.split(' ')[0]) ? chalk.yellow.bold(w) : w;
    });
    let s = painted.join(' ');
    if (cut && i === shown.length - 1 && visible(s) < width) s += '…';
    return s;
  });
}

function fields(view: PairView): Field[] {
  const { a, b } = view;
  const title = (r: BibRecord) => r.titles.map((x) => (r.titles.length > 1 && x.lang ? `[${x.lang}] ${x.text}` : x.text)).join(' / ');
  const place = (r: BibRecord) => `${r.volume ?? '-'}${r.issue ? `(${r.issue})` : ''}:${r.pages ?? '-'}`;
  const ids = (r: BibRecord) => [r.doi, r.pmid ? `PMID ${r.pmid}` : undefined, r.bvsId, r.scieloPid].filter(Boolean).join(' ') || '-';
  const source = (r: BibRecord) => [r.provenance.source, r.provenance.database, r.provenance.file, r.provenance.sourceId].filter(Boolean).join(' · ');
  const abstract = (r: BibRecord) => (r.abstracts[0]?.text ?? '').slice(0, 600);
  return [
    { label: t('dedup.field.title'), left: title(a), right: title(b), maxLines: 4 },
    { label: t('dedup.field.authors'), left: formatAuthors(a.authors, 6), right: formatAuthors(b.authors, 6), maxLines: 2 },
    { label: t('dedup.field.year'), left: String(a.year ?? '-'), right: String(b.year ?? '-'), maxLines: 1 },
    { label: t('dedup.field.journal'), left: a.journal ?? '-', right: b.journal ?? '-', maxLines: 2 },
    { label: t('dedup.field.issue'), left: place(a), right: place(b), maxLines: 1 },
    { label: t('dedup.field.ids'), left: ids(a), right: ids(b), maxLines: 2 },
    { label: t('dedup.field.source'), left: source(a), right: source(b), maxLines: 2 },
    { label: t('dedup.field.abstract'), left: abstract(a), right: abstract(b), maxLines: 3 },
  ];
}

/** The screen for one pair, as lines no wider than `width - 1` and no more than `height - 1`. */
export function renderPair(view: PairView, index: number, total: number, width = 80, height = 24): string[] {
  const w = Math.max(50, width) - 1;
  const labelW = 10;
  const colW = Math.floor((w - labelW - 4) / 2);
  const out: string[] = [];
  const score = view.score !== undefined ? `  ${t('dedup.review.score', { score: view.score.toFixed(2) })}` : '';
  out.push(chalk.bold(t('dedup.review.header', { n: index + 1, total })) + score + `  (${t('dedup.review.differs')})`);
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
  try {
    for (let i = 0; i < options.pairs.length; i++) {
      const pair = options.pairs[i];
      if (options.settled?.(pair)) continue;
      const lines = renderPair(pair, i, options.pairs.length, output.columns ?? 80, output.rows ?? 24);
      output.write('\x1b[2J\x1b[H' + lines.join('\n') + '\n');
      const act = await next();
      if (act === 'quit') {
        outcome.quit = true;
        break;
      }
      if (act === 'skip') {
        outcome.skipped++;
        continue;
      }
      options.decide(pair, act);
      outcome.decided++;
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
