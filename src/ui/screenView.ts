/**
 * Rendering one screening screen as text that fits the terminal (80x24 at least): the record,
 * highlighted protocol terms, progress and keys. Long titles and abstracts are wrapped and cut
 * to the lines left; with NO_COLOR nothing but plain text is written, and the protocol terms
 * found are also listed by name so no information depends on colour.
 */
import chalk from 'chalk';
import { textWidth as stringWidth, truncateText, wrap, wrapWithOffsets, type Piece } from './text.js';
import type { Criterion } from '../core/protocol.js';
import { findHighlights, type HighlightRange } from '../core/screening/highlight.js';
import { t } from './i18n.js';

export type ScreenMode = 'decide' | 'reason' | 'note' | 'criteria' | 'search' | 'results' | 'confirm';

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
  /** Where to read the record: the DOI's resolver URL first, then the source's links. */
  links: string[];
  /** Full-text stage: the report's PDF, where it is or where it is expected, and whether it is there. */
  pdf?: { path: string; exists: boolean };
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
  /** Lines of the abstract scrolled past (clamped by the view). */
  scroll?: number;
  /** Search mode: the results to choose from, numbered 1-9, and how many matched in all. */
  results?: string[];
  resultsTotal?: number;
}

/** The screen and where the abstract stands: the scroll actually used, lines shown and lines in all. */
export interface ScreenLayout {
  text: string;
  scroll: number;
  room: number;
  total: number;
}

/**
 * The key legend wrapped between its items (items are separated by two or more spaces), so that
 * "r texto obtido" never breaks inside; an item wider than the line is word-wrapped.
 */
export function wrapLegend(legend: string, width: number): string[] {
  const items = legend.split(/ {2,}/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line && stringWidth(line) + 2 + stringWidth(item) <= width) line += `  ${item}`;
    else {
      if (line) lines.push(line);
      if (stringWidth(item) > width) {
        const parts = wrap(item, width);
        lines.push(...parts.slice(0, -1));
        line = parts[parts.length - 1];
      } else line = item;
    }
  }
  if (line) lines.push(line);
  return lines;
}

const cut = truncateText;

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

/** Render the screen; never more than `rows - 1` lines of at most `columns - 1` columns. */
export function renderScreen(vm: ScreenViewModel, columns = 80, rows = 24): string {
  return layoutScreen(vm, columns, rows).text;
}

/** The screen, with the abstract scrolled by `vm.scroll` lines (clamped so the last page is full). */
export function layoutScreen(vm: ScreenViewModel, columns = 80, rows = 24): ScreenLayout {
  const width = Math.max(20, columns - 1);
  const maxLines = Math.max(10, rows - 1);
  const hl = (s: string) => chalk.bold.yellow(s);
  const top: string[] = [chalk.bold(cut(vm.header, width)), ...vm.subheader.split('\n').flatMap((l) => wrap(l, width)).slice(0, 4).map((l) => chalk.dim(l))];
  const bottom: string[] = [];
  const body: string[] = [];
  const r = vm.record;
  const none = (text: string): ScreenLayout => ({ text, scroll: 0, room: 0, total: 0 });

  if (vm.mode === 'criteria') {
    body.push(chalk.bold(t('screen.criteria.inclusion')));
    for (const c of vm.inclusion) body.push(...wrap(`${c.code}  ${c.text}`, width - 2).map((l) => `  ${l}`));
    body.push(chalk.bold(t('screen.criteria.exclusion')));
    vm.reasons.forEach((c, i) => body.push(...wrap(`${reasonKey(i)}  ${c.code}  ${c.text}`, width - 2).map((l) => `  ${l}`)));
    bottom.push(t('screen.criteria.back'));
    return none(fit(top, body, bottom, maxLines));
  }
  if (vm.mode === 'results') {
    body.push(chalk.bold(cut(t('screen.search.results', { query: vm.noteText }), width)));
    (vm.results ?? []).forEach((line, i) => body.push(...wrap(`${i + 1}  ${line}`, width - 2).slice(0, 2).map((l, k) => (k === 0 ? `  ${l}` : `     ${l}`))));
    const shown = vm.results?.length ?? 0;
    if ((vm.resultsTotal ?? 0) > shown) bottom.push(...wrap(t('screen.search.more', { shown, total: vm.resultsTotal }), width));
    bottom.push(...wrap(t('screen.search.choose'), width));
    return none(fit(top, body, bottom, maxLines));
  }

  const scrolled = (vm.scroll ?? 0) > 0;
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
  // Note: links and the PDF are never dropped, and never cut (a cut URL cannot be copied): they wrap.
  const link = r.links[0] ? `${t('screen.field.link')}: ${r.links[0]}${r.links.length > 1 ? ` ${t('screen.field.moreLinks', { n: r.links.length - 1 })}` : ''}` : t('screen.field.noLink');
  head.push(...wrap(link, width).map((l): [string, number] => [chalk.blue(l), 0]));
  if (r.pdf)
    head.push(
      ...wrap(r.pdf.exists ? `${t('screen.field.pdf')}: ${r.pdf.path}` : t('screen.field.noPdf', { path: r.pdf.path }), width).map((l): [string, number] => [
        r.pdf!.exists ? chalk.blue(l) : chalk.yellow(l),
        0,
      ]),
    );

  if (vm.mode === 'reason') {
    bottom.push(chalk.bold(t('screen.reasonPrompt')));
    vm.reasons.forEach((c, i) => bottom.push(cut(`  ${reasonKey(i)}  ${c.code}  ${c.text}`, width)));
  } else if (vm.mode === 'note') {
    bottom.push(...wrap(t('screen.notePrompt') + vm.noteText, width));
  } else if (vm.mode === 'search') {
    bottom.push(...wrap(t('screen.search.prompt') + vm.noteText, width));
  } else if (vm.mode !== 'confirm') {
    bottom.push(...wrapLegend(vm.keys, width).map((l) => chalk.cyan(l)));
  }
  if (vm.message) bottom.push(...wrap(vm.message, width).map((l) => (vm.mode === 'confirm' ? chalk.bold.yellow(l) : chalk.green(l))));

  // The abstract takes whatever room is left, at least a few lines; once scrolled, the reading
  // view keeps only the first title line, the extra lines and the links.
  const minAbstract = 4;
  const budget = maxLines - top.length - bottom.length - 2;
  const kept = scrolled ? head.filter(([, p]) => p === 0) : head;
  while (budget - kept.length < minAbstract && kept.some(([, p]) => p > 0)) {
    const worst = Math.max(...kept.map(([, p]) => p));
    kept.splice(kept.map(([, p]) => p).lastIndexOf(worst), 1);
  }
  let room = budget - kept.length;
  const abstract = displayText(r.abstract);
  body.push(...kept.map(([l]) => l));
  // Note: on a terminal too small for the head, the blank line goes before the abstract's hint does.
  if (room >= 2) body.push('');
  else room += 1;
  room = Math.max(1, room);
  if (!abstract) {
    body.push(chalk.dim(t('screen.noAbstract')));
    return { text: fit(top, body, bottom, maxLines), scroll: 0, room, total: 0 };
  }
  const pieces = wrapWithOffsets(abstract, width);
  const ranges = findHighlights(abstract, vm.highlightTerms);
  if (pieces.length <= room) {
    body.push(...pieces.map((p) => paint(p, ranges, hl)));
    return { text: fit(top, body, bottom, maxLines), scroll: 0, room, total: pieces.length };
  }
  // One line of the room goes to the hint that names the keys.
  const shownRoom = Math.max(0, room - 1);
  const scroll = Math.min(Math.max(0, vm.scroll ?? 0), Math.max(0, pieces.length - Math.max(1, shownRoom)));
  const shown = pieces.slice(scroll, scroll + shownRoom);
  body.push(...shown.map((p) => paint(p, ranges, hl)));
  const below = pieces.length - scroll - shown.length;
  const hint =
    scroll === 0
      ? t('screen.more', { n: below })
      : below > 0
        ? t('screen.moreMiddle', { from: scroll + 1, to: scroll + shown.length, total: pieces.length })
        : t('screen.moreEnd', { from: scroll + 1, total: pieces.length });
  body.push(chalk.dim(cut(hint, width)));
  return { text: fit(top, body, bottom, maxLines), scroll, room: shownRoom, total: pieces.length };
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
