/**
 * The review's results as a Word document, built with the `docx` package (docx.js.org): the
 * PRISMA 2020 flow diagram as a picture, the synoptic table ("Quadro 1 - Quadro sinóptico"),
 * the theme table, the descriptive tables (design, level of evidence, year, journal, database,
 * language), the search strategy of every database (PRISMA-S) and the references of the
 * included studies (ABNT NBR 6023 by default in Portuguese). Captions follow ABNT NBR 14724:
 * "Quadro/Tabela/Figura N - title" above, "Fonte:" below. Opens in Word and LibreOffice.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { Review } from '../../project/review.js';
import { synopticTable, type RecordColumn } from '../../core/report/synoptic.js';
import { descriptiveTitle, descriptiveValue, strategyDate } from '../../core/report/markdown.js';
import { limitsText } from '../../core/query/compiled.js';
import { searchStrategies, strategyHeading, strategyPlatform, type StrategyEntry } from '../../core/report/strategy.js';
import { sourceName } from '../../core/prisma/counts.js';
import { readOutputsState } from './state.js';
import { readDescriptiveTables } from './tables.js';
import { renderPrismaSvg } from './prisma.js';
import { databasesPerImport } from './report.js';
import { svgToPng } from './png.js';
import { formatReferences, type CitationStyle } from './references.js';
import type { OutputWords } from './words.js';

// A4 in twips (1/1440 inch); margins 3 cm top/left, 2 cm bottom/right (ABNT NBR 14724).
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1701, left: 1701, bottom: 1134, right: 1134 };
const FONT = 'Arial';
/** Usable width in pixels (96 dpi) of a page, for pictures. */
const usablePx = (landscape: boolean) => (((landscape ? A4.height : A4.width) - MARGIN.left - MARGIN.right) / 1440) * 96;

const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function text(t: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}): TextRun {
  return new TextRun({ text: t, bold: opts.bold, italics: opts.italics, size: opts.size, font: FONT });
}

function cell(t: string, opts: { bold?: boolean; size: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; shade?: boolean; width?: number }): TableCell {
  return new TableCell({
    width: opts.width ? { size: opts.width, type: WidthType.DXA } : undefined,
    children: t.split('\n').map((line) => new Paragraph({ alignment: opts.align, children: [text(line, { bold: opts.bold, size: opts.size })] })),
    shading: opts.shade ? { fill: 'E7E6E6', color: 'auto', type: 'clear' } : undefined,
    margins: { top: 40, bottom: 40, left: 70, right: 70 },
  });
}

/** A table with a repeated header row; `numeric` columns are right-aligned; `weights` share the page width. */
function table(
  header: string[],
  rows: string[][],
  opts: { size: number; numeric?: number[]; boldRows?: Set<number>; closed?: boolean; weights?: number[]; pageWidth?: number },
): Table {
  const align = (i: number) => (opts.numeric?.includes(i) ? AlignmentType.RIGHT : AlignmentType.LEFT);
  const total = opts.weights?.reduce((a, b) => a + b, 0) ?? 0;
  const widths = opts.weights && opts.pageWidth ? opts.weights.map((w) => Math.floor((w / total) * opts.pageWidth!)) : undefined;
  // Note: IBGE/ABNT tables are open at the sides (no vertical lines); "quadros" are closed.
  const side = opts.closed ? thin : none;
  return new Table({
    width: widths ? { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA } : { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: widths,
    layout: widths ? TableLayoutType.FIXED : undefined,
    borders: { top: thin, bottom: thin, left: side, right: side, insideHorizontal: opts.closed ? thin : none, insideVertical: opts.closed ? thin : none },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, { bold: true, size: opts.size, align: align(i), shade: opts.closed, width: widths?.[i] })) }),
      ...rows.map((r, ri) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, { size: opts.size, align: align(i), bold: opts.boldRows?.has(ri), width: widths?.[i] })) })),
    ],
  });
}

function caption(t: string): Paragraph {
  return new Paragraph({ spacing: { before: 240, after: 80 }, keepNext: true, children: [text(t, { bold: true, size: 20 })] });
}

function source(t: string): Paragraph {
  return new Paragraph({ spacing: { before: 60, after: 240 }, children: [text(t, { size: 18 })] });
}

function heading(t: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_1, spacing: { before: 240, after: 120 }, children: [text(t, { bold: true, size: 26 })] });
}

/** "Delineamento do estudo" -> "delineamento do estudo" inside a sentence; acronyms (DOI, PICo) stay. */
function lowerFirst(s: string, lang: string): string {
  return /^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLocaleLowerCase(lang) + s.slice(1) : s;
}

function strategyDatabase(e: StrategyEntry, words: OutputWords): string {
  const names = words.labels.sources;
  const src = sourceName(e.source, names);
  const platform = strategyPlatform(e, words.t, names);
  return `${strategyHeading(e, names)}\n${platform !== src ? platform : ''}`.trim();
}

export interface DocxOptions {
  style: CitationStyle;
  /** Date shown in the "Fonte" lines and the subtitle (tests pass a fixed one). */
  now?: Date;
}

/** Build the .docx bytes. */
export async function buildDocx(review: Review, words: OutputWords, options: DocxOptions): Promise<Buffer> {
  const { t, num, pct } = words;
  const state = readOutputsState(review);
  const protocol = review.protocol;
  const now = options.now ?? new Date();
  const year = String(now.getFullYear());
  const fonte = t('outputs.docx.source', { year });
  let quadro = 0;
  let tabela = 0;
  let figura = 0;

  // -- Section 1 (landscape): title, the PRISMA diagram and the synoptic table.
  const wide: (Paragraph | Table)[] = [];
  wide.push(
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [text(protocol.title, { bold: true, size: 32 })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [text(t('outputs.docx.subtitle', { included: num(state.prisma.studiesIncluded), date: now.toISOString().slice(0, 10) }), { italics: true, size: 20 })],
    }),
  );
  const png = svgToPng(renderPrismaSvg(review, words, state.prisma), 2);
  const maxW = usablePx(true);
  // Note: title, subtitle, caption and source take about 200 px; the picture fills the rest of the first page.
  const maxH = ((A4.width - MARGIN.top - MARGIN.bottom) / 1440) * 96 - 210;
  const k = Math.min(maxW / (png.width / 2), maxH / (png.height / 2), 1.2);
  wide.push(
    caption(t('outputs.docx.figure', { n: ++figura, title: t('outputs.docx.prismaTitle') })),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [
        new ImageRun({
          type: 'png',
          data: png.data,
          transformation: { width: Math.round((png.width / 2) * k), height: Math.round((png.height / 2) * k) },
          altText: { name: 'PRISMA 2020', title: t('outputs.docx.prismaTitle'), description: t('prisma.title', { title: protocol.title }) },
        }),
      ],
    }),
    source(t('outputs.docx.sourcePrisma', { year })),
  );

  const syn = synopticTable(protocol, state.studies, state.extractions, {
    heading: (c: RecordColumn) => t(`outputs.col.${c}`),
    formatValue: words.formatValue,
    and: words.and,
    sourceNames: words.labels.sources,
  });
  const pageBreak = new Paragraph({ pageBreakBefore: true, children: [] });
  wide.push(pageBreak, caption(t('outputs.docx.quadro', { n: ++quadro, title: t('outputs.docx.synopticTitle') })));
  if (syn.rows.length === 0) wide.push(new Paragraph({ children: [text(t('report.noneIncluded'))] }));
  else {
    const fieldType = (c: string) => protocol.extraction?.find((f) => f.name === c)?.type;
    // Note: long texts (title, objective, results, themes) get the room; short codes (N., level) little.
    const weight = (c: string) =>
      ({ study: 1.2, title: 2, journal: 1.1, database: 1.2, authors: 1.6, year: 0.6, language: 0.8, doi: 1.4, themes: 1.7 })[c] ??
      (fieldType(c) === 'longtext' ? 1.8 : fieldType(c) === 'text' ? 1.2 : 1.15);
    wide.push(
      table(['N.', ...syn.header], syn.rows.map((r, i) => [String(i + 1), ...r.cells]), {
        size: 16,
        closed: true,
        weights: [0.35, ...syn.columns.map(weight)],
        pageWidth: A4.height - MARGIN.left - MARGIN.right,
      }),
    );
  }
  wide.push(source(fonte));

  // -- Section 2 (portrait): themes, descriptive tables, strategy, references.
  const tall: (Paragraph | Table)[] = [heading(t('outputs.docx.results'))];
  if ((protocol.themes ?? []).length > 0) {
    const rows: string[][] = [];
    const bold = new Set<number>();
    for (const g of state.themes.groups) {
      bold.add(rows.length);
      rows.push([g.group, num(g.n), pct(g.percent)]);
      for (const th of g.themes) rows.push([`   ${th.id} ${th.label}`, num(th.n), pct(th.percent)]);
    }
    tall.push(caption(t('outputs.docx.tabela', { n: ++tabela, title: t('outputs.docx.themesTitle', { n: num(state.themes.included) }) })));
    tall.push(table([t('report.col.theme'), t('report.col.n'), t('report.col.percent')], rows, { size: 18, numeric: [1, 2], boldRows: bold }));
    tall.push(source(fonte));
  }
  for (const d of readDescriptiveTables(review, words)) {
    const title = descriptiveTitle(d, t);
    const rows = d.rows.map((r) => [descriptiveValue(d, r.value, words.languageName), num(r.n), pct(r.percent)]);
    if (d.missing > 0) rows.push([t('outputs.table.missing'), num(d.missing), pct((d.missing / Math.max(1, d.total)) * 100)]);
    tall.push(caption(t('outputs.docx.tabela', { n: ++tabela, title: t('outputs.docx.byTitle', { title: lowerFirst(title, words.lang) }) })));
    tall.push(table([title, t('report.col.n'), t('report.col.percent')], rows, { size: 18, numeric: [1, 2] }));
    tall.push(source(fonte));
  }

  const entries = searchStrategies(review.events, protocol, databasesPerImport(review.records()));
  tall.push(caption(t('outputs.docx.quadro', { n: ++quadro, title: t('outputs.docx.strategyTitle') })));
  tall.push(
    table(
      [t('report.col.database'), t('outputs.col.searchedOn'), t('report.col.query'), t('report.col.limits'), t('report.col.hits'), t('outputs.col.prismaColumn')],
      entries.map((e) => [
        strategyDatabase(e, words),
        strategyDate(e, t, true),
        e.query ? (e.queryFromProtocol ? `${e.query}\n${t('outputs.strategy.protocolQuery')}` : e.query) : t('outputs.strategy.noQuery'),
        limitsText(e.limits, t),
        e.hits !== undefined ? num(e.hits) : e.records !== undefined ? t('outputs.strategy.recordsInFile', { n: num(e.records) }) : '',
        t(`outputs.method.${e.method}`),
      ]),
      { size: 16, closed: true, weights: [1.4, 1.1, 3, 0.9, 1.1, 1.1], pageWidth: A4.width - MARGIN.left - MARGIN.right },
    ),
  );
  tall.push(source(fonte));

  tall.push(heading(t('outputs.docx.references')));
  for (const ref of formatReferences(state.studies, options.style, words.lang, protocol.language)) {
    tall.push(
      new Paragraph({
        spacing: { after: 200 },
        alignment: AlignmentType.LEFT,
        children: ref.runs.map((r) => text(r.text, { bold: r.bold, italics: r.italic, size: 22 })),
      }),
    );
  }

  const page = (landscape: boolean): ISectionOptions['properties'] => ({
    page: { size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT }, margin: MARGIN },
  });
  const doc = new Document({
    creator: 'review',
    title: protocol.title,
    description: t('outputs.docx.subtitle', { included: num(state.prisma.studiesIncluded), date: now.toISOString().slice(0, 10) }),
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      { properties: page(true), children: wide },
      { properties: page(false), children: tall },
    ],
  });
  return Packer.toBuffer(doc);
}
