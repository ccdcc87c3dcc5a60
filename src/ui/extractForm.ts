/**
 * The extraction form for one study, built on @inquirer/core: choice fields by number key or by value,
 * text fields by typing, yes/no by s/y/n, and a theme picker (any number of themes, grouped
 * as the codebook groups them, keyword suggestions marked but not pre-selected).
 */
import { createPrompt, useState, useKeypress, isEnterKey, isUpKey, isDownKey, isSpaceKey, isBackspaceKey, type KeypressEvent } from '@inquirer/core';
import chalk from 'chalk';
import type { ExtractionField, Protocol } from '../core/protocol.js';
import type { ExtractValue } from '../core/extraction/events.js';
import { parseFieldValue, resolveChoice, type ExtractProblem } from '../core/extraction/validate.js';
import { t } from './i18n.js';

/** Streams for the prompts (tests pass their own). */
export interface FormContext {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

interface ChoiceConfig {
  message: string;
  values: string[];
  required: boolean;
  initial?: string;
}

/**
 * Pick one value: its number (one key when there are nine values or fewer), or its value typed
 * out or begun ("qual", "IV"; case and accents ignored) then Enter. Anything that fits no value,
 * or several, gets a message and a new try, never an empty answer. Enter alone keeps the earlier
 * value or leaves an optional field empty.
 */
export const choicePrompt = createPrompt<string | undefined, ChoiceConfig>((config, done) => {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [answer, setAnswer] = useState<string | undefined>(undefined);
  const finish = (v: string | undefined) => {
    setAnswer(v ?? '');
    done(v);
  };
  useKeypress((key: KeypressEvent, rl) => {
    if (isEnterKey(key)) {
      // Note: readline has already cleared its line on Enter; what was typed is in `typed`.
      if (typed.trim()) {
        const m = resolveChoice(config.values, typed);
        if ('value' in m) return finish(m.value);
        if ('ambiguous' in m) {
          setError(t('extract.form.ambiguous', { value: typed.trim(), options: m.ambiguous.join(', ') }));
          rl.write(typed);
          return;
        }
        setError(/^\d+$/.test(typed.trim()) ? t('extract.form.badNumber', { max: config.values.length }) : t('extract.form.noMatch', { value: typed.trim() }));
        setTyped('');
        return;
      }
      if (config.initial !== undefined) finish(config.initial);
      else if (config.required) setError(t('extract.form.required'));
      else finish(undefined);
      return;
    }
    const line = rl.line;
    setError(undefined);
    // Note: with nine values or fewer one digit is the whole answer; no Enter needed.
    if (/^[1-9]$/.test(line) && config.values.length <= 9 && Number(line) <= config.values.length) {
      rl.clearLine(0);
      return finish(config.values[Number(line) - 1]);
    }
    setTyped(line);
  });
  if (answer !== undefined) return `${chalk.bold(config.message)} ${chalk.cyan(answer || '-')}`;
  const lines = [chalk.bold(config.message) + (config.initial !== undefined ? chalk.dim(`  [${t('extract.form.keep')}: ${config.initial}]`) : '')];
  config.values.forEach((v, i) => lines.push(`  ${chalk.cyan(String(i + 1))}) ${v}`));
  lines.push(`${t('extract.form.choiceText')} ${typed}`);
  if (error) lines.push(chalk.red(error));
  return lines.join('\n');
});

interface TextConfig {
  message: string;
  initial?: string;
  /** Error text for a bad value, undefined when it is fine. */
  validate: (text: string) => string | undefined;
}

/** Type a value; Enter accepts (empty keeps the earlier value). */
export const textPrompt = createPrompt<string, TextConfig>((config, done) => {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [finished, setFinished] = useState(false);
  useKeypress((key: KeypressEvent, rl) => {
    if (isEnterKey(key)) {
      // Note: readline has already cleared its line on Enter; the typed text is in `value`.
      const text = value === '' && config.initial !== undefined ? config.initial : value;
      const problem = config.validate(text);
      if (problem) {
        rl.write(value);
        setError(problem);
        return;
      }
      setValue(text);
      setFinished(true);
      done(text);
      return;
    }
    setError(undefined);
    setValue(rl.line);
  });
  if (finished) return `${chalk.bold(config.message)} ${chalk.cyan(value || '-')}`;
  const keep = config.initial ? chalk.dim(`  [${t('extract.form.keep')}: ${config.initial.slice(0, 40)}]`) : '';
  return [`${chalk.bold(config.message)}${keep}`, `> ${value}`, error ? chalk.red(error) : ''].filter(Boolean).join('\n');
});

export interface PickItem {
  id: string;
  label: string;
  group?: string;
  suggested?: boolean;
}

interface PickConfig {
  message: string;
  items: PickItem[];
  initial: string[];
}

/** Pick any number of items: arrows move, space or the item's number toggles, Enter confirms. */
export const pickPrompt = createPrompt<string[], PickConfig>((config, done) => {
  const [cursor, setCursor] = useState(0);
  const [chosen, setChosen] = useState<string[]>(config.initial);
  const [typed, setTyped] = useState('');
  const [finished, setFinished] = useState(false);
  const toggle = (i: number) => {
    const id = config.items[i]?.id;
    if (id === undefined) return;
    setChosen(chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]);
  };
  useKeypress((key: KeypressEvent, rl) => {
    rl.clearLine(0);
    if (isEnterKey(key)) {
      if (typed) {
        toggle(Number(typed) - 1);
        setTyped('');
        return;
      }
      setFinished(true);
      done(config.items.map((x) => x.id).filter((id) => chosen.includes(id)));
    } else if (isUpKey(key)) setCursor((cursor - 1 + config.items.length) % config.items.length);
    else if (isDownKey(key)) setCursor((cursor + 1) % config.items.length);
    else if (isSpaceKey(key)) toggle(cursor);
    else if (isBackspaceKey(key)) setTyped(typed.slice(0, -1));
    else if (/^[0-9]$/.test(key.name)) {
      const next = typed + key.name;
      // Note: when no longer number could follow, toggle at once (a codebook of up to 9 themes).
      if (Number(next) * 10 > config.items.length) {
        toggle(Number(next) - 1);
        setTyped('');
      } else setTyped(next);
    }
  });
  if (finished) return `${chalk.bold(config.message)} ${chalk.cyan(chosen.join(', ') || '-')}`;
  const lines = [chalk.bold(config.message)];
  let group: string | undefined;
  config.items.forEach((it, i) => {
    if (it.group !== undefined && it.group !== group) {
      group = it.group;
      lines.push(chalk.underline(group));
    }
    const mark = chosen.includes(it.id) ? chalk.green('[x]') : '[ ]';
    const pointer = i === cursor ? chalk.cyan('>') : ' ';
    const hint = it.suggested ? chalk.yellow(` * ${t('extract.form.suggested')}`) : '';
    lines.push(`${pointer} ${mark} ${String(i + 1).padStart(2)} ${it.id} ${it.label}${hint}`);
  });
  lines.push(chalk.dim(t('extract.form.pickHelp')) + (typed ? ` ${typed}` : ''));
  return lines.join('\n');
});

/** Message for a value problem found while typing. */
export function problemText(p: ExtractProblem): string {
  return t(`extract.problem.${p.code}`, { field: p.field, value: p.value, expected: p.expected, line: p.line });
}

export interface FormInput {
  protocol: Protocol;
  /** Theme ids whose keywords appear in the study. */
  suggested: ReadonlySet<string>;
  /** An earlier extraction of the study, offered as defaults. */
  previous?: { fields: Record<string, ExtractValue>; themes: string[] };
}

const show = (v: ExtractValue | undefined): string | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v.join('; ') : typeof v === 'boolean' ? (v ? t('report.yes') : t('report.no')) : String(v);

async function askField(f: ExtractionField, previous: ExtractValue | undefined, ctx: FormContext): Promise<ExtractValue | undefined> {
  const message = `${f.label}${f.required ? ' *' : ''}${f.help ? chalk.dim(` (${f.help})`) : ''}`;
  if (f.type === 'choice') {
    const v = await choicePrompt({ message, values: f.values ?? [], required: Boolean(f.required), initial: typeof previous === 'string' ? previous : undefined }, ctx);
    return v === undefined || v === '' ? undefined : v;
  }
  if (f.type === 'multichoice') {
    const items = (f.values ?? []).map((v) => ({ id: v, label: '' }));
    const v = await pickPrompt({ message, items, initial: Array.isArray(previous) ? previous : [] }, ctx);
    return v.length ? v : undefined;
  }
  const text = await textPrompt(
    {
      message: f.type === 'boolean' ? `${message} ${chalk.dim(t('extract.form.yesNo'))}` : message,
      initial: show(previous),
      validate: (s) => {
        const r = parseFieldValue(f, s);
        return r.problem ? problemText(r.problem) : undefined;
      },
    },
    ctx,
  );
  return parseFieldValue(f, text).value;
}

/** Ask every field of the protocol, then the themes. Ctrl+C rejects with ExitPromptError. */
export async function fillExtractionForm(input: FormInput, ctx: FormContext = {}): Promise<{ fields: Record<string, ExtractValue>; themes: string[] }> {
  const fields: Record<string, ExtractValue> = {};
  for (const f of input.protocol.extraction ?? []) {
    const v = await askField(f, input.previous?.fields[f.name], ctx);
    if (v !== undefined) fields[f.name] = v;
  }
  const codebook = input.protocol.themes ?? [];
  let themes: string[] = [];
  if (codebook.length > 0) {
    themes = await pickPrompt(
      {
        message: t('extract.form.themes'),
        items: codebook.map((th) => ({ id: th.id, label: th.label, group: th.group, suggested: input.suggested.has(th.id) })),
        initial: input.previous?.themes ?? [],
      },
      ctx,
    );
  }
  return { fields, themes };
}
