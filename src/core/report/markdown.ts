/**
 * The review report in Markdown: question, search strategy per source (PRISMA-S: database,
 * platform, date, exact query, limits, hits; imported files with format, source, date and
 * records), the PRISMA counts, the characteristics of the included studies and the themes.
 * Pure: texts come through `tr`, numbers through `num`.
 */
import type { EventBase, ImportEvent } from '../events.js';
import type { Protocol } from '../protocol.js';
import { displayTitle } from '../record.js';
import type { MergedRecord } from '../dedup/merge.js';
import type { ExtractEvent, ExtractValue } from '../extraction/events.js';
import { databaseLabel, sourceName, type PrismaCounts } from '../prisma/counts.js';
import { reasonLabel, type PrismaLabels } from '../prisma/template.js';
import type { ThemeTable } from '../themes/frequencies.js';
import { studyLabel } from './studies.js';

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

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** Limits as a search event may hold them: a string, a list, or an object of filters. */
export function formatLimits(v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(formatLimits).filter(Boolean).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('from' in o || 'to' in o) return `${str(o.from)}-${str(o.to)}`;
    return Object.entries(o)
      .map(([k, x]) => [k, formatLimits(x)])
      .filter(([, x]) => x !== '')
      .map(([k, x]) => `${k}: ${x}`)
      .join('; ');
  }
  return '';
}

/** The fence that cannot be closed by the query itself. */
function fence(text: string): string {
  let f = '```';
  while (text.includes(f)) f += '`';
  return f;
}

function searchSection(input: ReportInput): string[] {
  const { tr, num, events, protocol } = input;
  const out: string[] = [`## ${tr('report.search')}`, ''];
  const searches = events.filter((e) => e.type === 'search') as (EventBase & Record<string, unknown>)[];
  const imports = (events.filter((e) => e.type === 'import') as ImportEvent[]).filter((e) => !e.searchId);
  const limits = protocolLimits(protocol, tr);
  out.push(`**${tr('report.protocolLimits')}:** ${limits}`, '');
  if (searches.length === 0 && imports.length === 0) out.push(tr('report.search.none'), '');
  if (searches.length > 0) {
    out.push(`### ${tr('report.search.live')}`, '');
    for (const s of searches) {
      const dbs = Array.isArray(s.databases) ? s.databases.map(String).join(', ') : str(s.databases);
      out.push(`#### ${sourceName(str(s.source))}${dbs ? ` - ${dbs}` : ''}`, '');
      const items: [string, string][] = [
        [tr('report.col.platform'), str(s.platform) || str(s.url)],
        [tr('report.col.date'), str(s.startedAt) || str(s.at)],
        [tr('report.col.limits'), formatLimits(s.limits)],
        [tr('report.col.hits'), typeof s.hits === 'number' ? num(s.hits) : str(s.hits)],
        [tr('report.col.records'), typeof s.fetched === 'number' ? num(s.fetched) : str(s.fetched)],
        [tr('report.col.status'), str(s.status)],
      ];
      for (const [k, v] of items) if (v) out.push(`- **${k}:** ${v.replace(/\r?\n/g, ' ')}`);
      const query = typeof s.query === 'string' ? s.query : s.query !== undefined ? JSON.stringify(s.query) : '';
      if (query) {
        const f = fence(query);
        out.push(`- **${tr('report.col.query')}:**`, '', f, query, f);
      }
      out.push('');
    }
  }
  if (imports.length > 0) {
    out.push(`### ${tr('report.search.imports')}`, '');
    out.push(
      table(
        [tr('report.col.file'), tr('report.col.format'), tr('report.col.source'), tr('report.col.database'), tr('report.col.date'), tr('report.col.records')],
        imports.map((e) => [
          str(e.file),
          str(e.format),
          sourceName(str(e.source)),
          str(e.database) || (input.importDatabases?.get(str(e.importId)) ?? []).join(', '),
          str(e.at).slice(0, 10),
          typeof e.recordsRead === 'number' ? num(e.recordsRead) : '',
        ]),
      ),
      '',
    );
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
    ...c.byDatabase.map((d): [string, string] => [`  ${databaseLabel(d)}`, num(d.n)]),
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
  return rows;
}

/** Build the whole report. */
export function buildReportMarkdown(input: ReportInput): string {
  const { protocol, tr, num, pct, prisma, studies, extractions, themes, labels } = input;
  const out: string[] = [`# ${tr('report.title', { title: protocol.title })}`, '', `_${tr('report.generated', { version: input.toolVersion, date: input.generatedAt })}_`, ''];
  const q = protocol.question;
  out.push(`## ${tr('report.question')}`, '');
  if (q.text) out.push(q.text, '');
  const parts = (['population', 'interest', 'context', 'intervention', 'comparison', 'outcome'] as const).filter((k) => q[k]);
  if (parts.length) out.push(`${tr('report.framework')}: ${q.framework}`, '', ...parts.map((k) => `- **${k}:** ${q[k]}`), '');

  out.push(...searchSection(input));

  out.push(`## ${tr('report.prisma')}`, '', tr('report.prisma.svg'), '');
  out.push(table([tr('report.col.box'), tr('report.col.n')], prismaRows(prisma, labels, num, input.limitLabel).map(([k, v]) => [k.startsWith('  ') ? `\u2003${k.trim()}` : k, v])), '');

  out.push(`## ${tr('report.characteristics')}`, '');
  const fields = protocol.extraction ?? [];
  if (studies.length === 0) out.push(tr('report.noneIncluded'), '');
  else {
    out.push(
      table(
        [tr('report.col.study'), tr('report.col.title'), tr('report.col.journal'), ...fields.map((f) => f.label), tr('report.col.themes')],
        studies.map((s) => {
          const x = extractions.get(s.id);
          return [
            studyLabel(s, input.and),
            displayTitle(s, protocol.language),
            s.journal ?? '',
            ...fields.map((f) => (x?.fields[f.name] !== undefined ? input.formatValue(x.fields[f.name]) : x ? '' : tr('report.notExtracted'))),
            x ? x.themes.join(', ') : '',
          ];
        }),
      ),
      '',
    );
  }

  out.push(`## ${tr('report.themes')}`, '');
  if ((protocol.themes ?? []).length === 0) out.push(tr('report.themes.noCodebook'), '');
  else {
    out.push(tr('report.themes.extracted', { extracted: num(themes.extracted), included: num(themes.included) }), '', tr('report.themes.chart'), '');
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
