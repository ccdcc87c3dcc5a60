/**
 * The review report in Markdown: question, search strategy per source (PRISMA-S: database,
 * platform, date, exact query, limits, hits; imported files with format, source, date and
 * records), the PRISMA counts, the characteristics of the included studies and the themes.
 * Pure: texts come through `tr`, numbers through `num`.
 */
import type { EventBase } from '../events.js';
import type { Protocol } from '../protocol.js';
import type { MergedRecord } from '../dedup/merge.js';
import type { ExtractEvent, ExtractValue } from '../extraction/events.js';
import { databaseLabel, type PrismaCounts } from '../prisma/counts.js';
import { reasonLabel, type PrismaLabels } from '../prisma/template.js';
import type { ThemeTable } from '../themes/frequencies.js';
import type { ScreenStoppingEvent } from '../screening/events.js';
import { studyLabel } from './studies.js';
import { limitsText } from '../query/compiled.js';
import { warningText } from '../query/sourceReason.js';
import { searchStrategies, strategyDatabases, strategyHeading, strategyPlatform, type StrategyEntry } from './strategy.js';
import { computeDescriptiveTables, type DescriptiveTable } from './descriptive.js';
import { synopticTable, type RecordColumn } from './synoptic.js';

export { formatLimits } from './strategy.js';

export type Translate = (key: string, params?: Record<string, string | number | undefined>) => string;

export interface ReportInput {
  protocol: Protocol;
  events: readonly EventBase[];
  prisma: PrismaCounts;
  /** Included studies, merged with their duplicates, in the order of `prisma.includedIds`. */
  studies: readonly MergedRecord[];
  extractions: ReadonlyMap<string, ExtractEvent>;
  themes: ThemeTable;
  labels: PrismaLabels;
  tr: Translate;
  num: (n: number) => string;
  pct: (p: number) => string;
  formatValue: (v: ExtractValue) => string;
  /** "e" (pt) or "and" (en) between two authors. */
  and: string;
  generatedAt: string;
  toolVersion: string;
  /** Databases the records of each import name (RIS files mix LILACS, BDENF...). */
  importDatabases?: ReadonlyMap<string, readonly string[]>;
  /** Words for automatic-limit codes (`limit:year` -> "fora do período"). */
  limitLabel?: (code: string) => string;
  /** `pt` -> "Português" in the report's language. */
  languageName?: (code: string) => string;
  /** Names of the diagram and chart files the report links to (prisma.svg, prisma.en.svg...). */
  files?: { prisma: string; themes: string };
}

/** Escape a Markdown table cell: pipes and line breaks would break the row. */
export function mdCell(s: string): string {
  // Note: only ASCII spaces are trimmed; an em space indents the reason rows on purpose.
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n+/g, ' ').replace(/^[ \t]+|[ \t]+$/g, '');
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** The fence that cannot be closed by the query itself. */
function fence(text: string): string {
  let f = '```';
  while (text.includes(f)) f += '`';
  return f;
}

/** Title of a descriptive table ("Delineamento do estudo", "Ano de publicação"...). */
export function descriptiveTitle(t: DescriptiveTable, tr: Translate): string {
  return t.label || tr(`outputs.table.${t.id}`);
}

/** A descriptive table's value as shown: language codes get their names. */
export function descriptiveValue(t: DescriptiveTable, value: string, languageName: (code: string) => string = (c) => c): string {
  return t.id === 'language' ? languageName(value) : value;
}

/** The PRISMA column of a source in words ("bases de dados", "outros métodos: sites"). */
export function methodText(method: string, tr: Translate): string {
  return tr(`outputs.method.${method}`);
}

/** The date searched with what it really is when not given (import date, file date). */
export function strategyDate(e: StrategyEntry, tr: Translate, short = false): string {
  if (e.dateIsImport) return `${e.date} ${tr(short ? 'outputs.strategy.importDateShort' : 'outputs.strategy.importDate')}`;
  if (e.dateFromFile) return `${e.date} ${tr(short ? 'outputs.strategy.fileDateShort' : 'outputs.strategy.fileDate')}`;
  return e.date;
}

function searchSection(input: ReportInput): string[] {
  const { tr, num, events, protocol } = input;
  const names = input.labels.sources;
  const out: string[] = [`## ${tr('report.search')}`, ''];
  const entries = searchStrategies(events, protocol, input.importDatabases);
  out.push(`**${tr('report.protocolLimits')}:** ${protocolLimits(protocol, tr)}`, '');
  if (entries.length === 0) {
    out.push(tr('report.search.none'), '');
    return out;
  }
  out.push(
    table(
      [tr('report.col.database'), tr('report.col.platform'), tr('outputs.col.searchedOn'), tr('report.col.hits'), tr('report.col.records'), tr('outputs.col.prismaColumn')],
      entries.map((e) => [
        strategyHeading(e, names),
        strategyPlatform(e, tr, names),
        strategyDate(e, tr, true),
        e.hits !== undefined ? num(e.hits) : '',
        e.records !== undefined ? num(e.records) : '',
        methodText(e.method, tr),
      ]),
    ),
    '',
  );
  for (const e of entries) {
    out.push(`### ${strategyHeading(e, names)}${e.file ? ` - ${e.file}` : ''}`, '');
    const items: [string, string][] = [
      [tr('report.col.database'), strategyDatabases(e, names)],
      [tr('report.col.platform'), strategyPlatform(e, tr, names)],
      [tr('outputs.col.searchedOn'), strategyDate(e, tr)],
      [tr('report.col.limits'), limitsText(e.limits, tr)],
      [tr('report.col.hits'), e.hits !== undefined ? num(e.hits) : ''],
      [tr('report.col.records'), e.records !== undefined ? num(e.records) : ''],
      [tr('report.col.file'), e.file ? `${e.file}${e.format ? ` (${e.format})` : ''}` : ''],
      [tr('outputs.col.prismaColumn'), methodText(e.method, tr)],
      [tr('report.col.status'), e.status ? tr(`search.status.${e.status}`) : ''],
    ];
    for (const [k, v] of items) if (v) out.push(`- **${k}:** ${v.replace(/\r?\n/g, ' ')}`);
    if (e.query) {
      const f = fence(e.query);
      out.push(`- **${tr('report.col.query')}:**${e.queryFromProtocol ? ` ${tr('outputs.strategy.protocolQuery')}` : ''}`, '', f, e.query, f);
    } else out.push(`- **${tr('report.col.query')}:** ${tr('outputs.strategy.noQuery')}`);
    // Note: PubMed's errorlist/warninglist mean the query ran wider than written; PRISMA-S wants the search as run.
    if (e.warnings?.length) out.push(`- **${tr('report.search.warnings')}:**`, ...e.warnings.map((w) => `  - ${warningText(w, tr)}`));
    if (e.parts?.length)
      out.push(`- **${tr('report.search.parts', { n: e.parts.length })}:**`, ...e.parts.map((p) => `  - ${p.from} - ${p.to}: ${num(p.hits)}`));
    out.push('');
  }
  return out;
}

function protocolLimits(protocol: Protocol, tr: Translate): string {
  const l = protocol.limits;
  const parts: string[] = [];
  if (l?.years) parts.push(tr('report.limits.years', { from: l.years.from ?? '', to: l.years.to ?? '' }));
  if (l?.languages?.length) parts.push(tr('report.limits.languages', { languages: l.languages.join(', ') }));
  if (l?.fullText) parts.push(tr('report.limits.fullText'));
  if (l?.documentTypes?.length) parts.push(tr('report.limits.documentTypes', { types: l.documentTypes.join(', ') }));
  return parts.length ? parts.join('; ') : tr('report.limits.none');
}

/** PRISMA counts as a two-column table, in the diagram's order and wording. */
export function prismaRows(c: PrismaCounts, L: PrismaLabels, num: (n: number) => string, limitLabel: (code: string) => string = (x) => x): [string, string][] {
  const rows: [string, string][] = [
    [`${L.identifiedFrom} ${L.databases}`, num(c.databaseResults)],
    ...c.byDatabase.map((d): [string, string] => [`  ${databaseLabel(d, L.sources)}`, num(d.n)]),
    [`${L.identifiedFrom} ${L.registers}`, num(c.registerResults)],
    [L.duplicates, num(c.duplicates)],
    [L.automation, num(c.excludedAutomatic)],
    ...c.excludedAutomaticByLimit.map((r): [string, string] => [`  ${limitLabel(r.code)}`, num(r.n)]),
    [L.otherRemoved, num(c.excludedOther)],
    [L.screened, num(c.recordsScreened)],
    [L.excluded, num(c.recordsExcluded)],
    ...c.recordsExcludedByReason.map((r): [string, string] => [`  ${reasonLabel(r, L.noReason)}`, num(r.n)]),
    [L.sought, num(c.reportsSought)],
    [L.notRetrieved, num(c.reportsNotRetrieved)],
    [L.assessed, num(c.reportsAssessed)],
    [L.reportsExcluded, num(c.reportsExcluded)],
    ...c.reportsExcludedByReason.map((r): [string, string] => [`  ${reasonLabel(r, L.noReason)}`, num(r.n)]),
    [L.studiesIncluded, num(c.studiesIncluded)],
    [L.reportsIncluded, num(c.reportsIncluded)],
  ];
  if (c.awaitingScreening > 0) rows.push([L.awaitingScreening, num(c.awaitingScreening)]);
  if (c.awaitingFulltext > 0) rows.push([L.awaitingFulltext, num(c.awaitingFulltext)]);
  const o = c.other;
  if (o.identified > 0) {
    const m: Record<string, string> = { websites: L.websites, organisations: L.organisations, citations: L.citations, handsearch: L.handsearch };
    rows.push(
      [L.headerOther, num(o.identified)],
      ...o.byMethod.map((x): [string, string] => [`  ${m[x.method] ?? x.method}`, num(x.n)]),
      ...o.byDatabase.map((d): [string, string] => [`  ${databaseLabel(d, L.sources)}`, num(d.n)]),
      [`  ${L.otherDuplicates}`, num(o.duplicates)],
      [`  ${L.automation}`, num(o.excludedAutomatic)],
      [`  ${L.otherExcludedScreening}`, num(o.excludedScreening)],
      [`  ${L.sought}`, num(o.reportsSought)],
      [`  ${L.notRetrieved}`, num(o.reportsNotRetrieved)],
      [`  ${L.assessed}`, num(o.reportsAssessed)],
      [`  ${L.reportsExcluded}`, num(o.reportsExcluded)],
      ...o.reportsExcludedByReason.map((r): [string, string] => [`    ${reasonLabel(r, L.noReason)}`, num(r.n)]),
      [`  ${L.studiesIncluded}`, num(o.studiesIncluded)],
    );
    if (o.awaitingScreening > 0) rows.push([`  ${L.awaitingScreening}`, num(o.awaitingScreening)]);
    if (o.awaitingFulltext > 0) rows.push([`  ${L.awaitingFulltext}`, num(o.awaitingFulltext)]);
  }
  return rows;
}

/**
 * The statistical stopping rule as it was applied (Callaghan & Müller-Hansen 2020): for each stop
 * the screen logged, the stage, the target recall and confidence, the p-value, how much was
 * screened and the random sample it rests on. Empty when nobody stopped by the rule.
 */
function stoppingSection(input: ReportInput): string[] {
  const { tr, num } = input;
  const stops = input.events.filter((e): e is ScreenStoppingEvent => e.type === 'screen.stopping');
  if (stops.length === 0) return [];
  const pct = (x: number) => `${num(Math.round(x * 100))}%`;
  const rows = stops.map((e) => [
    tr(`report.stage.${e.stage}`),
    e.reviewer ?? '-',
    pct(e.recallTarget),
    pct(e.confidence),
    e.pValue < 0.001 ? '< 0,001'.replace(',', tr('report.decimalMark')) : e.pValue.toFixed(3).replace('.', tr('report.decimalMark')),
    `${num(e.screened)} / ${num(e.total)}`,
    num(e.relevantFound),
    e.sample ? tr('report.stopping.sample', { size: num(e.sample.size), relevant: num(e.sample.relevant), pool: num(e.sample.poolAtStart) }) : '-',
    e.at.slice(0, 10),
  ]);
  return [
    `## ${tr('report.stopping')}`,
    '',
    tr('report.stopping.intro'),
    '',
    table(
      ['report.stopping.col.stage', 'report.stopping.col.reviewer', 'report.stopping.col.target', 'report.stopping.col.confidence', 'report.stopping.col.p', 'report.stopping.col.screened', 'report.stopping.col.relevant', 'report.stopping.col.sample', 'report.stopping.col.date'].map((k) => tr(k)),
      rows,
    ),
    '',
  ];
}

/** Build the whole report. */
export function buildReportMarkdown(input: ReportInput): string {
  const { protocol, tr, num, pct, prisma, studies, extractions, themes, labels } = input;
  const out: string[] = [`# ${tr('report.title', { title: protocol.title })}`, '', `_${tr('report.generated', { version: input.toolVersion, date: input.generatedAt })}_`, ''];
  const q = protocol.question;
  out.push(`## ${tr('report.question')}`, '');
  if (q.text) out.push(q.text, '');
  const parts = (['population', 'interest', 'context', 'intervention', 'comparison', 'outcome'] as const).filter((k) => q[k]);
  if (parts.length) out.push(`${tr('report.framework')}: ${q.framework}`, '', ...parts.map((k) => `- **${tr(`protocol.question.${k}`)}:** ${q[k]}`), '');

  out.push(...searchSection(input));

  const files = input.files ?? { prisma: 'prisma.svg', themes: 'themes.svg' };
  out.push(`## ${tr('report.prisma')}`, '', tr('outputs.prismaLink', { file: files.prisma }), '');
  out.push(
    table(
      [tr('report.col.box'), tr('report.col.n')],
      prismaRows(prisma, labels, num, input.limitLabel).map(([k, v]) => [k.startsWith('  ') ? `${'\u2003'.repeat(k.length - k.trimStart().length >= 4 ? 2 : 1)}${k.trim()}` : k, v]),
    ),
    '',
  );

  out.push(...stoppingSection(input));

  out.push(`## ${tr('report.characteristics')}`, '');
  if (studies.length === 0) out.push(tr('report.noneIncluded'), '');
  else {
    const syn = synopticTable(protocol, studies, extractions, {
      heading: (c: RecordColumn) => tr(`outputs.col.${c}`),
      formatValue: input.formatValue,
      and: input.and,
      sourceNames: input.labels.sources,
    });
    out.push(
      table(
        syn.header,
        syn.rows.map((r) => (extractions.has(r.id) ? r.cells : r.cells.map((c, i) => (c === '' && !['study', 'title', 'journal', 'database', 'authors', 'year', 'doi', 'language', 'themes'].includes(syn.columns[i]) ? tr('report.notExtracted') : c)))),
      ),
      '',
    );
    out.push(`## ${tr('outputs.descriptive')}`, '');
    for (const d of computeDescriptiveTables(protocol, studies, extractions, input.formatValue, input.labels.sources)) {
      out.push(`### ${descriptiveTitle(d, tr)}`, '');
      const rows = d.rows.map((r) => [descriptiveValue(d, r.value, input.languageName), num(r.n), pct(r.percent)]);
      if (d.missing > 0) rows.push([tr('outputs.table.missing'), num(d.missing), pct((d.missing / Math.max(1, d.total)) * 100)]);
      out.push(table([descriptiveTitle(d, tr), tr('report.col.n'), tr('report.col.percent')], rows), '');
    }
  }

  out.push(`## ${tr('report.themes')}`, '');
  if ((protocol.themes ?? []).length === 0) out.push(tr('report.themes.noCodebook'), '');
  else {
    out.push(tr('report.themes.extracted', { extracted: num(themes.extracted), included: num(themes.included) }), '', tr('outputs.themesLink', { file: files.themes }), '');
    const rows: string[][] = [];
    for (const g of themes.groups) {
      rows.push([`**${g.group}**`, '', num(g.n), pct(g.percent)]);
      for (const th of g.themes) rows.push(['', `${th.id} ${th.label}`, num(th.n), pct(th.percent)]);
    }
    out.push(table([tr('report.col.group'), tr('report.col.theme'), tr('report.col.n'), tr('report.col.percent')], rows), '');
    if (themes.unknownThemes.length) out.push(tr('report.themes.unknown', { ids: themes.unknownThemes.join(', ') }), '');
    if (studies.length > 0) {
      const ids = (protocol.themes ?? []).map((th) => th.id);
      out.push(`### ${tr('report.matrix')}`, '');
      out.push(
        table(
          [tr('report.col.study'), ...ids],
          studies.map((s) => {
            const mine = extractions.get(s.id)?.themes ?? [];
            return [studyLabel(s, input.and), ...ids.map((id) => (mine.includes(id) ? 'X' : ''))];
          }),
        ),
        '',
      );
    }
  }
  return out.join('\n');
}
