/**
 * Rendering one screening screen as text that fits the terminal (80x24 at least): the record,
 * highlighted protocol terms, progress and keys. Long titles and abstracts are wrapped and cut
 * to the lines left; with NO_COLOR nothing but plain text is written, and the protocol terms
 * found are also listed by name so no information depends on colour.
 */
import chalk from 'chalk';
import type { Criterion } from '../core/protocol.js';
import { findHighlights, type HighlightRange } from '../core/screening/highlight.js';
import { t } from './i18n.js';

export type ScreenMode = 'decide' | 'reason' | 'note' | 'criteria';

export interface RecordView {
  id: string;
  title: string;
  titleLang: string | null;
  otherTitleLangs: string[];
  authors: string;
  year?: number;
  journal?: string;
  databases: string[];
  abstract: string;
  descriptors: string[];
  /** Protocol terms found, with counts. */
  terms: { label: string; count: number }[];
  notes: string[];
  /** Lines shown above the record (e.g. the reviewers' decisions when resolving a conflict). */
  extra?: string[];
}

export interface ScreenViewModel {
  header: string;
  subheader: string;
  record: RecordView;
  highlightTerms: Parameters<typeof findHighlights>[1];
  mode: ScreenMode;
  keys: string;
  reasons: readonly Criterion[];
  inclusion: readonly Criterion[];
  noteText: string;
  message: string;
}

/** One wrapped line and where it starts in the wrapped text. */
interface Piece {
  text: string;
  start: number;
}

/** Greedy word wrap keeping offsets; words longer than the width are cut. Newlines break paragraphs. */
export function wrapWithOffsets(text: string, width: number): Piece[] {
  const out: Piece[] = [];
  const w = Math.max(10, width);
  let offset = 0;
  for (const para of text.split('\n')) {
    let i = 0;
    while (i < para.length) {
      while (i < para.length && para[i] === ' ') i++;
      if (i >= para.length) break;
      let end = Math.min(para.length, i + w);
      if (end < para.length) {
        const space = para.lastIndexOf(' ', end);
        if (space > i) end = space;
      }
      out.push({ text: para.slice(i, end).trimEnd(), start: offset + i });
      i = end;
    }
    if (para.length === 0) out.push({ text: '', start: offset });
    offset += para.length + 1;
  }
  return out;
}

/** Plain wrap (no offsets). */
export function wrap(text: string, width: number): string[] {
  return wrapWithOffsets(text, width).map((p) => p.text);
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

function paint(piece: Piece, ranges: readonly HighlightRange[], style: (s: string) => string): string {
  const end = piece.start + piece.text.length;
  let out = '';
  let pos = piece.start;
  for (const r of ranges) {
    if (r.end <= piece.start || r.start >= end) continue;
    const s = Math.max(r.start, piece.start);
    const e = Math.min(r.end, end);
    if (s > pos) out += piece.text.slice(pos - piece.start, s - piece.start);
    out += style(piece.text.slice(s - piece.start, e - piece.start));
    pos = e;
  }
  return out + piece.text.slice(pos - piece.start);
}

/** Normalize for display: NFC (one column per accented letter), single spaces, kept paragraph breaks. */
export function displayText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\t\r\f\v ]+/g, ' ')
    .replace(/ *\n+ */g, '\n')
    .trim();
}

/** Render the screen; never more than `rows - 1` lines of at most `columns - 1` characters. */
export function renderScreen(vm: ScreenViewModel, columns = 80, rows = 24): string {
  const width = Math.max(20, columns - 1);
  const maxLines = Math.max(10, rows - 1);
  const hl = (s: string) => chalk.bold.yellow(s);
  const top: string[] = [chalk.bold(cut(vm.header, width)), ...wrap(vm.subheader, width).slice(0, 2).map((l) => chalk.dim(l))];
  const bottom: string[] = [];
  const body: string[] = [];
  const r = vm.record;

  if (vm.mode === 'criteria') {
    body.push(chalk.bold(t('screen.criteria.inclusion')));
    for (const c of vm.inclusion) body.push(...wrap(`${c.code}  ${c.text}`, width - 2).map((l) => `  ${l}`));
    body.push(chalk.bold(t('screen.criteria.exclusion')));
    vm.reasons.forEach((c, i) => body.push(...wrap(`${reasonKey(i)}  ${c.code}  ${c.text}`, width - 2).map((l) => `  ${l}`)));
    bottom.push(t('screen.criteria.back'));
    return fit(top, body, bottom, maxLines);
  }

  const title = displayText(r.title) || t('screen.noTitle');
  const langTag = r.titleLang ? `[${r.titleLang}] ` : '';
  const titlePieces = wrapWithOffsets(langTag + title, width).slice(0, 3);
  const titleRanges = findHighlights(langTag + title, vm.highlightTerms);
  // Each line has a priority: on a small terminal the highest numbers go first, so the abstract keeps some room.
  const head: [string, number][] = titlePieces.map((p, i) => [chalk.bold(paint(p, titleRanges, hl)), i === 0 ? 0 : 3]);
  if (r.otherTitleLangs.length > 0) head.push([chalk.dim(cut(t('screen.titleLangs', { langs: r.otherTitleLangs.join(', ') }), width)), 6]);
  if (r.extra) head.push(...r.extra.map((l): [string, number] => [chalk.cyan(cut(l, width)), 0]));
  if (r.authors) head.push([cut(`${t('screen.field.authors')}: ${r.authors}`, width), 2]);
  const where = [r.year, r.journal].filter((x) => x !== undefined && x !== '').join(' · ');
  if (where) head.push([cut(where, width), 1]);
  if (r.databases.length) head.push([chalk.dim(cut(`${t('screen.field.databases')}: ${r.databases.join(', ')}`, width)), 4]);
  if (r.descriptors.length)
    head.push(...wrap(`${t('screen.field.descriptors')}: ${r.descriptors.join('; ')}`, width).slice(0, 2).map((l, i): [string, number] => [chalk.dim(l), 5 + i * 2]));
  if (r.terms.length) head.push([cut(`${t('screen.field.terms')}: ${r.terms.map((x) => `${x.label} ×${x.count}`).join(', ')}`, width), 3]);
  if (r.notes.length) head.push([chalk.magenta(cut(`${t('screen.field.notes')}: ${r.notes.join(' | ')}`, width)), 2]);

  if (vm.mode === 'reason') {
    bottom.push(chalk.bold(t('screen.reasonPrompt')));
    vm.reasons.forEach((c, i) => bottom.push(cut(`  ${reasonKey(i)}  ${c.code}  ${c.text}`, width)));
  } else if (vm.mode === 'note') {
    bottom.push(...wrap(t('screen.notePrompt') + vm.noteText, width));
  } else {
    bottom.push(...wrap(vm.keys, width).map((l) => chalk.cyan(l)));
  }
  if (vm.message) bottom.push(chalk.green(cut(vm.message, width)));

  // The abstract takes whatever room is left, at least a few lines.
  const minAbstract = 4;
  const budget = maxLines - top.length - bottom.length - 2;
  while (budget - head.length < minAbstract && head.some(([, p]) => p > 0)) {
    const worst = Math.max(...head.map(([, p]) => p));
    head.splice(head.map(([, p]) => p).lastIndexOf(worst), 1);
  }
  const room = budget - head.length;
  const abstract = displayText(r.abstract);
  body.push(...head.map(([l]) => l), '');
  if (!abstract) body.push(chalk.dim(t('screen.noAbstract')));
  else {
    const pieces = wrapWithOffsets(abstract, width);
    const ranges = findHighlights(abstract, vm.highlightTerms);
    const shown = pieces.length <= room ? pieces : pieces.slice(0, Math.max(1, room - 1));
    body.push(...shown.map((p) => paint(p, ranges, hl)));
    if (shown.length < pieces.length) body.push(chalk.dim(t('screen.more', { n: pieces.length - shown.length })));
  }
  return fit(top, body, bottom, maxLines);
}

/** Key of the i-th exclusion reason: 1-9, then a, b, c... */
export function reasonKey(i: number): string {
  return i < 9 ? String(i + 1) : String.fromCharCode(97 + i - 9);
}

function fit(top: string[], body: string[], bottom: string[], maxLines: number): string {
  const room = Math.max(0, maxLines - top.length - bottom.length - 1);
  const sep = chalk.dim('─'.repeat(20));
  return [...top, ...body.slice(0, room), sep, ...bottom].slice(0, maxLines).join('\n');
}
