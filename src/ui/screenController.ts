/**
 * Controllers behind the interactive screen: one reviewer screening a stage, or a third person
 * resolving conflicts. They build what the screen shows and save each action.
 */
import type { BibRecord } from '../core/record.js';
import { formatAuthors } from '../core/record.js';
import type { EventBase, NewEvent } from '../core/events.js';
import type { ScreenDecisionEvent, Stage } from '../core/screening/events.js';
import { computeScreeningState, type ScreeningState } from '../core/screening/state.js';
import { countTerms, type HighlightTerm } from '../core/screening/highlight.js';
import type { ScreeningSession } from './screenSession.js';
import type { ScreenAction, ScreenController } from './screenPrompt.js';
import type { RecordView } from './screenView.js';
import { t, formatNumber } from './i18n.js';

export interface RecordContext {
  /** Preferred language of titles and abstracts. */
  language?: string;
  highlightTerms: readonly HighlightTerm[];
  /** Record id -> databases of the record and of its duplicates. */
  databasesOf: (id: string) => string[];
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
  };
}

/** The controller of `review screen`: one reviewer, one stage. */
export function sessionController(session: ScreeningSession, ctx: RecordContext): ScreenController {
  const stageLabel = t(`screen.stage.${session.stage}`);
  return {
    current: () => session.current,
    record: (id, langIndex) => {
      const view = buildRecordView(session.record(id)!, ctx, langIndex, session.notes(id).map((n) => n.note));
      if (session.stage === 'fulltext')
        view.extra = [`${t('screen.field.retrieval')}: ${session.needsRetrieval(id) ? t('screen.retrieval.unknown') : t('screen.retrieval.yes')}`];
      return view;
    },
    header: () => {
      const p = session.progress();
      const who = session.reviewer ? ` · ${t('screen.reviewer', { name: session.reviewer })}` : '';
      return `${stageLabel}${who} · ${t('screen.progress', { done: formatNumber(p.done), total: formatNumber(p.total), left: formatNumber(p.left), included: formatNumber(p.included) })}`;
    },
    subheader: () => {
      const order =
        session.order === 'import' ? t('screen.order.import') : session.rankingWaits ? t('screen.order.waiting') : t('screen.order.relevance');
      const est = session.order === 'relevance' ? session.estimateLeft() : undefined;
      const since = session.order === 'relevance' && !session.rankingWaits ? ` · ${t('screen.sinceInclude', { n: formatNumber(session.sinceLastInclude()) })}` : '';
      return `[${session.current}] ${order}${est !== undefined ? ` · ${t('screen.estimate', { n: formatNumber(Math.round(est)) })}` : ''}${since}`;
    },
    keys: () =>
      session.stage === 'title-abstract' ? t('screen.keys.decide') : session.needsRetrieval() ? t('screen.keys.retrieval') : t('screen.keys.decideFulltext'),
    allows: (kind) => {
      if (kind === 'undo' || kind === 'skip' || kind === 'note') return true;
      if (session.stage === 'title-abstract') return kind !== 'retrieval';
      if (session.needsRetrieval()) return kind === 'retrieval';
      return kind === 'include' || kind === 'exclude';
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
          const undone = session.undo();
          return undone ? t('screen.undone', { id: undone }) : t('screen.nothingToUndo');
        }
        case 'note':
          session.note(action.text);
          return t('screen.saved.note', { id });
        case 'retrieval':
          session.markRetrieval(action.retrieved);
          return t(action.retrieved ? 'screen.saved.retrieved' : 'screen.saved.notRetrieved', { id });
      }
    },
  };
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
      const per = state.byReviewer[opts.stage].get(id) ?? new Map();
      view.extra = [...per.entries()].map(([who, d]) =>
        t('screen.decisionsOf', { reviewer: who || '-', decision: t(`screen.decision.${d.decision}`), reason: d.reason ? ` (${d.reason})` : '' }),
      );
      return view;
    },
    header: () => `${t(`screen.stage.${opts.stage}`)} · ${t('screen.conflicts.title', { count: formatNumber(queue().length), stage: opts.stage })}`,
    subheader: () => `[${queue()[0] ?? ''}]${opts.resolver ? ` · ${t('screen.reviewer', { name: opts.resolver })}` : ''}`,
    keys: () => t('screen.keys.resolve'),
    allows: (kind) => kind === 'include' || kind === 'exclude' || kind === 'skip' || (kind === 'maybe' && opts.stage === 'title-abstract'),
    act: decide,
  };
}
