/**
 * The interactive screen: a custom @inquirer/core prompt that shows one record at a time and takes
 * one key per decision. Actions go to a controller that saves them (fsynced) synchronously inside
 * the key handler, so the next record is only rendered after the decision is on disk.
 */
import { createPrompt, useKeypress, useState, isEnterKey, type KeypressEvent } from '@inquirer/core';
import type { Criterion } from '../core/protocol.js';
import type { HighlightTerm } from '../core/screening/highlight.js';
import { renderScreen, reasonKey, type RecordView, type ScreenMode } from './screenView.js';

export type ScreenAction =
  | { kind: 'include' }
  | { kind: 'exclude'; reason: string }
  | { kind: 'maybe' }
  | { kind: 'skip' }
  | { kind: 'undo' }
  | { kind: 'note'; text: string }
  | { kind: 'retrieval'; retrieved: boolean };

/** What the prompt needs from whoever runs the session (screening or conflict resolution). */
export interface ScreenController {
  /** Record id on screen, or undefined when there is nothing left. */
  current(): string | undefined;
  record(id: string, titleLangIndex: number): RecordView;
  header(): string;
  subheader(): string;
  /** Key help for the current record. */
  keys(): string;
  /** Is this key's action possible on the current record? */
  allows(kind: ScreenAction['kind']): boolean;
  /** Save the action (before returning) and return the message to show. */
  act(action: ScreenAction): string;
}

export interface ScreenPromptConfig {
  controller: ScreenController;
  reasons: readonly Criterion[];
  inclusion: readonly Criterion[];
  highlightTerms: readonly HighlightTerm[];
  columns?: number;
  rows?: number;
}

export type ScreenOutcome = 'quit' | 'finished';

const KEY_ACTIONS: Record<string, ScreenAction['kind']> = { i: 'include', m: 'maybe', s: 'skip', u: 'undo' };

export const screenPrompt = createPrompt<ScreenOutcome, ScreenPromptConfig>((config, done) => {
  const c = config.controller;
  const [mode, setMode] = useState<ScreenMode>('decide');
  const [langIndex, setLangIndex] = useState(0);
  const [message, setMessage] = useState('');
  const [noteText, setNoteText] = useState('');
  const [, setTick] = useState(0);
  const [finished, setFinished] = useState(false);

  const after = (msg: string) => {
    setMessage(msg);
    setMode('decide');
    setLangIndex(0);
    setTick((n) => n + 1);
    if (c.current() === undefined) {
      setFinished(true);
      done('finished');
    }
  };

  useKeypress((key: KeypressEvent, rl) => {
    if (finished) return;
    if (mode === 'note') {
      if (isEnterKey(key)) {
        // Note: readline empties rl.line on Enter before this handler runs; the text is in state.
        const text = noteText.trim();
        rl.clearLine(0);
        setNoteText('');
        if (text) after(c.act({ kind: 'note', text }));
        else setMode('decide');
      } else if (key.name === 'escape') {
        rl.clearLine(0);
        setNoteText('');
        setMode('decide');
      } else setNoteText(rl.line);
      return;
    }
    rl.clearLine(0);
    const name = key.name ?? '';
    if (mode === 'criteria') {
      setMode('decide');
      return;
    }
    if (mode === 'reason') {
      const i = config.reasons.findIndex((_, k) => reasonKey(k) === name);
      if (i >= 0) after(c.act({ kind: 'exclude', reason: config.reasons[i].code }));
      else if (name === 'escape' || name === 'backspace') setMode('decide');
      return;
    }
    if (key.ctrl) return;
    if (name === 'q') {
      setFinished(true);
      done('quit');
    } else if (name === 'e' && c.allows('exclude')) setMode('reason');
    else if (name === 'n' && c.allows('note')) {
      setNoteText('');
      setMode('note');
    } else if (name === 'c') setMode('criteria');
    else if (name === 't') setLangIndex((n) => n + 1);
    else if (name === 'r' && c.allows('retrieval')) after(c.act({ kind: 'retrieval', retrieved: true }));
    else if (name === 'x' && c.allows('retrieval')) after(c.act({ kind: 'retrieval', retrieved: false }));
    else if (KEY_ACTIONS[name] && c.allows(KEY_ACTIONS[name])) after(c.act({ kind: KEY_ACTIONS[name] } as ScreenAction));
  });

  const id = c.current();
  if (id === undefined || finished) return '';
  return renderScreen(
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
    },
    config.columns ?? process.stdout.columns ?? 80,
    config.rows ?? process.stdout.rows ?? 24,
  );
});
