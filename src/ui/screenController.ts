/**
 * Controllers behind the interactive screen: one reviewer screening a stage, or a third person
 * resolving conflicts. They build what the screen shows and save each action.
 */
import type { BibRecord } from '../core/record.js';
import { formatAuthors } from '../core/record.js';
import type { EventBase, NewEvent } from '../core/events.js';
import type { ScreenDecisionEvent, Stage } from '../core/screening/events.js';
import { computeScreeningState, type ScreeningState } from '../core/screening/state.js';
import { countTerms } from '../core/screening/highlight.js';
import { displayTitle } from '../core/record.js';
import type { StoppingStatus } from '../core/relevance/stopping.js';
import type { RemainingEstimate } from '../core/relevance/estimate.js';
import type { ScreeningSession } from '../core/screening/session.js';
import type { RecordContext } from '../stages/screen.js';
import type { ScreenAction, ScreenController } from './screenPrompt.js';
import type { RecordView } from './screenView.js';
import { t, formatNumber } from './i18n.js';

export type { RecordContext } from '../stages/screen.js';

/** 0.95 -> "95%" */
function formatPercent(x: number): string {
  const v = Math.round(x * 1000) / 10;
  return `${formatNumber(v, Number.isInteger(v) ? 0 : 1)}%`;
}

/** A p-value with three decimals (locale separator), or "< 0,001". */
function formatP(p: number): string {
  return p < 0.001 ? `< ${formatNumber(0.001, 3)}` : formatNumber(p, 3);
}

/** Title languages in display order: preferred first, then the original, then the others. */
function titleOrder(record: BibRecord, preferred?: string): BibRecord['titles'] {
  const score = (x: BibRecord['titles'][number]) => (preferred && x.lang === preferred ? 0 : x.original ? 1 : 2);
  return [...record.titles].map((x, i) => ({ x, i })).sort((a, b) => score(a.x) - score(b.x) || a.i - b.i).map((p) => p.x);
}

/** Everything the screen shows about one record; `langIndex` cycles through its title languages. */
export function buildRecordView(record: BibRecord, ctx: RecordContext, langIndex: number, notes: string[] = []): RecordView {
  const titles = titleOrder(record, ctx.language);
  const shown = titles.length ? titles[langIndex % titles.length] : undefined;
  const lang = shown?.lang ?? undefined;
  const abstracts = record.abstracts;
  const abstractLang =
    (lang && abstracts.some((a) => a.lang === lang) ? lang : undefined) ??
    (ctx.language && abstracts.some((a) => a.lang === ctx.language) ? ctx.language : undefined) ??
    abstracts.find((a) => a.original)?.lang ??
    abstracts[0]?.lang;
  const abstract = abstracts
    .filter((a) => a.lang === abstractLang)
    .map((a) => (a.label ? `${a.label}: ${a.text}` : a.text))
    .join('\n');
  const title = shown?.text ?? '';
  return {
    id: record.id,
    title,
    titleLang: shown?.lang ?? null,
    otherTitleLangs: titles.filter((x) => x !== shown).map((x) => x.lang ?? '?'),
    authors: formatAuthors(record.authors, 6),
    year: record.year,
    journal: record.journal,
    databases: ctx.databasesOf(record.id),
    abstract,
    descriptors: [...record.descriptors, ...record.keywords],
    terms: countTerms([title, abstract, ...record.descriptors, ...record.keywords], ctx.highlightTerms),
    notes,
    links: ctx.linksOf(record.id),
  };
}

/** The legend: message keys of the items, in order. */
function legend(items: string[]): string {
  return items.map((k) => t(`screen.key.${k}`)).join('  ');
}

/** A short line naming a record in the search results: id, year, first author, title. */
function foundLine(record: BibRecord, language: string | undefined): string {
  const who = record.authors[0] ? (record.authors[0].family || record.authors[0].literal || '') : '';
  return [`[${record.id}]`, record.year, who, displayTitle(record, language)].filter((x) => x !== undefined && x !== '').join(' · ');
}

/** The stopping rule's line: phase, p-value, when to switch to random order. */
export function stoppingLine(s: StoppingStatus, order: string): string {
  const rule = { target: formatPercent(s.recallTarget), confidence: formatPercent(s.confidence) };
  const p = s.pValue === undefined ? '—' : formatP(s.pValue);
  const alpha = formatP(1 - s.confidence);
  // Note: once the user switched, the rule still says 'switch' until the first random draw is decided.
  switch (order === 'random' && s.phase === 'switch' ? 'random' : s.phase) {
    case 'ranked':
      return t('screen.stop.ranked', { ...rule, run: formatNumber(s.irrelevantRun), switchAfter: formatNumber(s.switchAfter) });
    case 'switch':
      return t('screen.stop.switch', { ...rule, run: formatNumber(s.irrelevantRun) });
    case 'random':
      return t('screen.stop.random', { ...rule, size: formatNumber(s.sample?.size ?? 0), relevant: formatNumber(s.sample?.relevant ?? 0), p, alpha });
    case 'stop':
      return t('screen.stop.reached', { ...rule, p, alpha });
  }
}

function estimateText(e: RemainingEstimate): string {
  if ('value' in e) return t('screen.estimate', { n: formatNumber(Math.round(e.value)) });
  return e.notYet === 'NO_RELEVANT_YET' ? t('screen.estimate.noRelevant') : t('screen.estimate.tooFew', { n: formatNumber(e.needed ?? 0) });
}

/** The controller of `review screen`: one reviewer, one stage. */
export function sessionController(session: ScreeningSession, ctx: RecordContext): ScreenController {
  const stageLabel = t(`screen.stage.${session.stage}`);
  const ranked = () => session.order !== 'import';
  return {
    current: () => session.current,
    record: (id, langIndex) => {
      const view = buildRecordView(session.record(id)!, ctx, langIndex, session.notes(id).map((n) => n.note));
      const extra: string[] = [];
      if (session.stage === 'fulltext') {
        extra.push(`${t('screen.field.retrieval')}: ${session.needsRetrieval(id) ? t('screen.retrieval.unknown') : t('screen.retrieval.yes')}`);
        if (ctx.pdfOf) view.pdf = ctx.pdfOf(id);
      }
      const mine = session.decisionOn(id);
      if (mine) extra.push(t('screen.yourDecision', { decision: t(`screen.decision.${mine.decision}`), reason: mine.reason ? ` (${mine.reason})` : '' }));
      if (extra.length) view.extra = extra;
      return view;
    },
    header: () => {
      const p = session.progress();
      const who = session.reviewer ? ` · ${t('screen.reviewer', { name: session.reviewer })}` : '';
      return `${stageLabel}${who} · ${t('screen.progress', { done: formatNumber(p.done), total: formatNumber(p.total), left: formatNumber(p.left), included: formatNumber(p.included) })}`;
    },
    subheader: () => {
      const order =
        session.order === 'import'
          ? t('screen.order.import')
          : session.order === 'random'
            ? t('screen.order.random')
            : session.rankingWaits
              ? t('screen.order.waiting')
              : t('screen.order.relevance');
      if (!ranked()) return `[${session.current}] ${order}`;
      return `[${session.current}] ${order} · ${estimateText(session.estimateLeft())}\n${stoppingLine(session.stopping(), session.order)}`;
    },
    keys: () => {
      const tail = ['skip', 'undo', 'note', 'find', 'open', ...(session.stage === 'fulltext' ? ['pdf'] : []), 'scroll', ...(session.order === 'relevance' ? ['random'] : []), 'criteria', 'lang', 'quit'];
      if (session.stage === 'title-abstract') return legend(['include', 'exclude', 'maybe', ...tail]);
      return legend([...(session.needsRetrieval() ? ['retrieved', 'notRetrieved'] : ['include', 'exclude']), ...tail]);
    },
    refuse: (kind) => {
      if (kind === 'random') return session.order === 'relevance' ? undefined : session.order === 'random' ? t('screen.why.alreadyRandom') : t('screen.why.randomNeedsRelevance');
      if (kind === 'undo' || kind === 'skip' || kind === 'note' || kind === 'find') return undefined;
      if (kind === 'retrieval') return session.stage === 'title-abstract' ? t('screen.why.retrievalOnlyFulltext') : session.needsRetrieval() ? undefined : t('screen.why.alreadyRetrieved');
      if (session.stage === 'fulltext' && kind === 'maybe') return t('screen.why.noMaybeFulltext');
      if (session.needsRetrieval()) return t('screen.why.retrievalFirst');
      return undefined;
    },
    act: (action: ScreenAction) => {
      const id = session.current!;
      switch (action.kind) {
        case 'include':
        case 'maybe':
          session.decide(action.kind);
          return t(`screen.saved.${action.kind}`, { id });
        case 'exclude':
          session.decide('exclude', action.reason);
          return t('screen.saved.exclude', { id, reason: action.reason });
        case 'skip':
          session.skip();
          return t('screen.skipped', { id });
        case 'undo': {
          const target = session.undoTarget();
          if (!target) return t('screen.nothingToUndo');
          if (target.earlier && !action.confirmed) {
            const what =
              'retrieved' in target.what
                ? t(target.what.retrieved ? 'screen.undo.whatRetrieved' : 'screen.undo.whatNotRetrieved')
                : `${t(`screen.decision.${target.what.decision}`)}${target.what.reason ? ` (${target.what.reason})` : ''}`;
            return { confirm: t('screen.undo.confirm', { id: target.recordId, what, stage: stageLabel, at: formatWhen(target.at) }) };
          }
          const undone = session.undo(action.confirmed);
          return undone ? t('screen.undone', { id: undone }) : t('screen.nothingToUndo');
        }
        case 'note':
          session.note(action.text);
          return t('screen.saved.note', { id });
        case 'retrieval':
          session.markRetrieval(action.retrieved);
          return t(action.retrieved ? 'screen.saved.retrieved' : 'screen.saved.notRetrieved', { id });
        case 'random':
          session.switchToRandom();
          return t('screen.switchedRandom');
      }
    },
    find: (query) => {
      const found = session.find(query);
      return { total: found.length, lines: found.slice(0, 9).map((f) => ({ id: f.id, line: foundLine(session.record(f.id)!, ctx.language) })) };
    },
    jump: (id) => (session.jumpTo(id) ? t('screen.jumped', { id }) : t('screen.jump.notHere', { id })),
  };
}

/** A saved time (ISO) as the user reads it: local date and time to the minute. */
function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export interface ResolveOptions {
  stage: Stage;
  resolver?: string;
  uniqueIds: readonly string[];
  records: ReadonlyMap<string, BibRecord>;
  events: readonly EventBase[];
  append: (e: NewEvent<ScreenDecisionEvent>) => EventBase;
}

/** The controller of `review conflicts --resolve`: each conflict shows both answers; the key settles it. */
export function resolveController(opts: ResolveOptions, ctx: RecordContext): ScreenController & { resolved: () => number } {
  let state: ScreeningState = computeScreeningState(opts.uniqueIds, opts.events);
  const skipped = new Set<string>();
  let resolved = 0;
  const queue = () => state.conflicts[opts.stage].filter((id) => !skipped.has(id));
  const decide = (action: ScreenAction) => {
    const id = queue()[0];
    if (action.kind !== 'include' && action.kind !== 'exclude' && action.kind !== 'maybe' && action.kind !== 'skip') return t('screen.why.notWhenResolving');
    if (action.kind === 'skip') {
      skipped.add(id);
      return t('screen.skipped', { id });
    }
    const decision = action.kind === 'exclude' ? 'exclude' : action.kind === 'maybe' ? 'maybe' : 'include';
    opts.append({
      type: 'screen.decision',
      recordId: id,
      stage: opts.stage,
      decision,
      ...(action.kind === 'exclude' ? { reason: action.reason } : {}),
      ...(opts.resolver ? { reviewer: opts.resolver } : {}),
      by: 'resolution',
    } as NewEvent<ScreenDecisionEvent>);
    resolved++;
    state = computeScreeningState(opts.uniqueIds, opts.events);
    return action.kind === 'exclude' ? t('screen.saved.exclude', { id, reason: action.reason }) : t(`screen.saved.${decision}`, { id });
  };
  return {
    resolved: () => resolved,
    current: () => queue()[0],
    record: (id, langIndex) => {
      const view = buildRecordView(opts.records.get(id)!, ctx, langIndex);
      if (opts.stage === 'fulltext' && ctx.pdfOf) view.pdf = ctx.pdfOf(id);
      const per = state.byReviewer[opts.stage].get(id) ?? new Map();
      view.extra = [...per.entries()].map(([who, d]) =>
        t('screen.decisionsOf', { reviewer: who || '-', decision: t(`screen.decision.${d.decision}`), reason: d.reason ? ` (${d.reason})` : '' }),
      );
      return view;
    },
    header: () => `${t(`screen.stage.${opts.stage}`)} · ${t('screen.conflicts.title', { count: formatNumber(queue().length), stage: opts.stage })}`,
    subheader: () => `[${queue()[0] ?? ''}]${opts.resolver ? ` · ${t('screen.reviewer', { name: opts.resolver })}` : ''}`,
    keys: () => legend(['include', 'exclude', ...(opts.stage === 'title-abstract' ? ['maybe'] : []), 'skip', 'open', 'scroll', 'criteria', 'lang', 'quit']),
    refuse: (kind) => {
      if (kind === 'include' || kind === 'exclude' || kind === 'skip') return undefined;
      if (kind === 'maybe') return opts.stage === 'title-abstract' ? undefined : t('screen.why.noMaybeFulltext');
      return t('screen.why.notWhenResolving');
    },
    act: decide,
  };
}
