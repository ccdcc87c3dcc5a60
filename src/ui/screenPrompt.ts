/**
 * The interactive screen: a custom @inquirer/core prompt that shows one record at a time and takes
 * one key per decision. Actions go to a controller that saves them (fsynced) synchronously inside
 * the key handler, so the next record is only rendered after the decision is on disk.
 */
import { createPrompt, useKeypress, useRef, useState, isEnterKey, type KeypressEvent } from '@inquirer/core';
import type { Criterion } from '../core/protocol.js';
import type { HighlightTerm } from '../core/screening/highlight.js';
import { layoutScreen, reasonKey, type RecordView, type ScreenLayout, type ScreenMode } from './screenView.js';
import { openExternal } from './screenOpen.js';
import { t } from './i18n.js';

export type ScreenAction =
  | { kind: 'include' }
  | { kind: 'exclude'; reason: string }
  | { kind: 'maybe' }
  | { kind: 'skip' }
  | { kind: 'undo'; confirmed?: boolean }
  | { kind: 'note'; text: string }
  | { kind: 'retrieval'; retrieved: boolean }
  | { kind: 'random' };

/** A record found by `/`: its id and the line that shows it in the list. */
export interface FoundLine {
  id: string;
  line: string;
}

/** What the prompt needs from whoever runs the session (screening or conflict resolution). */
export interface ScreenController {
  /** Record id on screen, or undefined when there is nothing left. */
  current(): string | undefined;
  record(id: string, titleLangIndex: number): RecordView;
  header(): string;
  /** One or more lines (joined with newlines) under the header. */
  subheader(): string;
  /** Key help for the current record: items separated by two spaces. */
  keys(): string;
  /** Undefined when this key's action is possible on the current record; otherwise why not (shown to the user). */
  refuse(kind: ScreenAction['kind'] | 'find'): string | undefined;
  /** Save the action (before returning) and return the message to show, or a question to confirm first. */
  act(action: ScreenAction): string | { confirm: string };
  /** Records matching a query (`/`): the first 9 and how many in all. */
  find?(query: string): { lines: FoundLine[]; total: number };
  /** Show this record now; returns the message. */
  jump?(id: string): string;
}

export interface ScreenPromptConfig {
  controller: ScreenController;
  reasons: readonly Criterion[];
  inclusion: readonly Criterion[];
  highlightTerms: readonly HighlightTerm[];
  /** Message shown on the first screen (e.g. where `--record` jumped). */
  message?: string;
  columns?: number;
  rows?: number;
}

export type ScreenOutcome = 'quit' | 'finished';

const KEY_ACTIONS: Record<string, ScreenAction['kind']> = { i: 'include', m: 'maybe', s: 'skip', u: 'undo', a: 'random' };
const SCROLL_KEYS = new Set(['down', 'up', 'pagedown', 'pageup', 'space', 'home', 'end']);
/** Keys that answer yes to a question (s/y, either language). */
const YES = new Set(['s', 'y']);

export const screenPrompt = createPrompt<ScreenOutcome, ScreenPromptConfig>((config, done) => {
  const c = config.controller;
  const [mode, setMode] = useState<ScreenMode>('decide');
  const [langIndex, setLangIndex] = useState(0);
  const [message, setMessage] = useState(config.message ?? '');
  const [noteText, setNoteText] = useState('');
  // The scroll belongs to one record: a new record starts at the top of its abstract.
  const [scrolled, setScrolled] = useState<{ id: string | undefined; lines: number }>({ id: undefined, lines: 0 });
  const [results, setResults] = useState<{ lines: FoundLine[]; total: number }>({ lines: [], total: 0 });
  const [, setTick] = useState(0);
  const [finished, setFinished] = useState(false);
  const live = useRef(true);
  const layout = useRef<ScreenLayout>({ text: '', scroll: 0, room: 1, total: 0 });

  const after = (result: string | { confirm: string }) => {
    if (typeof result !== 'string') {
      setMessage(result.confirm);
      setMode('confirm');
      return;
    }
    setMessage(result);
    setMode('decide');
    setLangIndex(0);
    setTick((n) => n + 1);
    if (c.current() === undefined) {
      setFinished(true);
      live.current = false;
      done('finished');
    }
  };
  const act = (action: ScreenAction) => {
    const why = c.refuse(action.kind);
    if (why) setMessage(why);
    else after(c.act(action));
  };

  const scrollBy = (name: string) => {
    const { scroll: now, room, total } = layout.current;
    if (total <= room && now === 0) return setMessage(t('screen.scroll.all'));
    const page = Math.max(1, room - 1);
    const next =
      name === 'down' ? now + 1 : name === 'up' ? now - 1 : name === 'pageup' ? now - page : name === 'home' ? 0 : name === 'end' ? total : now + page;
    setScrolled({ id: c.current(), lines: Math.max(0, next) });
  };

  const open = (target: string | undefined, missing: string) => {
    if (!target) return setMessage(missing);
    setMessage(t('screen.open.opening', { target }));
    openExternal(target, (r) => live.current && setMessage(r.ok ? t('screen.open.done', { target, via: r.via }) : t('screen.open.failed', { target, tried: r.tried.join(', ') })));
  };

  /** A line typed at the bottom (note, search): Enter gives the text, Esc goes back. */
  const typing = (key: KeypressEvent, line: string, onEnter: (text: string) => void): boolean => {
    if (isEnterKey(key)) {
      onEnter(noteText.trim());
      return true;
    }
    if (key.name === 'escape') {
      setNoteText('');
      setMode('decide');
      return true;
    }
    setNoteText(line);
    return false;
  };

  useKeypress((key: KeypressEvent, rl) => {
    if (finished) return;
    if (mode === 'note' || mode === 'search') {
      // Note: readline empties rl.line on Enter before this handler runs; the text is in state.
      const ended = typing(key, rl.line, (text) => {
        setNoteText(mode === 'search' ? text : '');
        if (!text) return setMode('decide');
        if (mode === 'note') return after(c.act({ kind: 'note', text }));
        const found = c.find?.(text) ?? { lines: [], total: 0 };
        if (found.total === 0) {
          setMessage(t('screen.search.none', { query: text }));
          setMode('decide');
        } else {
          setResults(found);
          setMode('results');
        }
      });
      if (ended) rl.clearLine(0);
      return;
    }
    rl.clearLine(0);
    // Note: readline names letters, digits and special keys; '/' has only its sequence.
    const name = key.name || ((key as KeypressEvent & { sequence?: string }).sequence === '/' ? 'slash' : '');
    if (mode === 'criteria') {
      setMode('decide');
      return;
    }
    if (mode === 'results') {
      const i = Number(name) - 1;
      if (Number.isInteger(i) && i >= 0 && i < results.lines.length) {
        setMessage(c.jump!(results.lines[i].id));
        setLangIndex(0);
        setNoteText('');
        setMode('decide');
      } else if (name === 'escape' || name === 'backspace') {
        setNoteText('');
        setMode('decide');
      }
      return;
    }
    if (mode === 'confirm') {
      setMode('decide');
      if (YES.has(name)) after(c.act({ kind: 'undo', confirmed: true }));
      else setMessage(t('screen.undo.kept'));
      return;
    }
    if (mode === 'reason') {
      const i = config.reasons.findIndex((_, k) => reasonKey(k) === name);
      if (i >= 0) after(c.act({ kind: 'exclude', reason: config.reasons[i].code }));
      else if (name === 'escape' || name === 'backspace') setMode('decide');
      return;
    }
    if (key.ctrl) return;
    if (SCROLL_KEYS.has(name)) return scrollBy(name);
    const view = () => c.record(c.current()!, langIndex);
    switch (name) {
      case 'q':
        setFinished(true);
        live.current = false;
        return done('quit');
      case 'e': {
        const why = c.refuse('exclude');
        return why ? setMessage(why) : setMode('reason');
      }
      case 'n': {
        const why = c.refuse('note');
        if (why) return setMessage(why);
        setNoteText('');
        return setMode('note');
      }
      case 'c':
        return setMode('criteria');
      case 't':
        return setLangIndex((n) => n + 1);
      case 'r':
      case 'x':
        return act({ kind: 'retrieval', retrieved: name === 'r' });
      case 'o':
        return open(view().links[0], t('screen.open.noLink'));
      case 'p': {
        const pdf = view().pdf;
        if (!pdf) return setMessage(t('screen.open.pdfOnlyFulltext'));
        return open(pdf.exists ? pdf.path : undefined, t('screen.open.noPdf', { path: pdf.path }));
      }
      case 'slash': {
        const why = c.refuse('find');
        if (why) return setMessage(why);
        setNoteText('');
        return setMode('search');
      }
      default:
        if (KEY_ACTIONS[name]) return act({ kind: KEY_ACTIONS[name] } as ScreenAction);
        if (name) setMessage(t('screen.unknownKey', { key: name }));
    }
  });

  const id = c.current();
  if (id === undefined || finished) return '';
  const scrollNow = scrolled.id === id ? scrolled.lines : 0;
  layout.current = layoutScreen(
    {
      header: c.header(),
      subheader: c.subheader(),
      record: c.record(id, langIndex),
      highlightTerms: config.highlightTerms,
      mode,
      keys: c.keys(),
      reasons: config.reasons,
      inclusion: config.inclusion,
      noteText,
      message,
      scroll: scrollNow,
      results: results.lines.map((r) => r.line),
      resultsTotal: results.total,
    },
    config.columns ?? process.stdout.columns ?? 80,
    config.rows ?? process.stdout.rows ?? 24,
  );
  return layout.current.text;
});
