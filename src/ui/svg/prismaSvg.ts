/**
 * The PRISMA 2020 flow diagram (new review, databases and registers only) as one standalone
 * SVG string: the title bar, the Identification / Screening / Included phase bars, the main
 * boxes on the left, the removal and exclusion boxes on the right, and the arrows between them.
 * No scripts, no external fonts or images: it renders in any browser without network.
 */
import { databaseLabel, type PrismaCounts } from '../../core/prisma/counts.js';
import { reasonLabel, type PrismaLabels } from '../../core/prisma/template.js';
import { escapeXml, px, wrapText } from './text.js';

export interface PrismaSvgOptions {
  labels: PrismaLabels;
  /** How numbers are written (1.234 in pt-BR). */
  formatNumber?: (n: number) => string;
  /** Document language for the `lang` attribute: pt-BR or en. */
  lang?: string;
  /** Accessible title of the figure. */
  title?: string;
}

interface Line {
  text: string;
  bold?: boolean;
  indent?: number;
  muted?: boolean;
  /** Template field this line shows, for `data-field`/`data-n`. */
  field?: string;
  n?: number;
}

interface Box {
  id: string;
  lines: Line[];
}

const FONT = "Arial, Helvetica, 'Liberation Sans', 'DejaVu Sans', sans-serif";
const FS = 13;
const LH = 17;
const PAD = 10;
const WIDTH = 900;
const PHASE_X = 12;
const PHASE_W = 34;
const LEFT_X = 62;
const BOX_W = 370;
const RIGHT_X = LEFT_X + BOX_W + 56;
const ROW_GAP = 34;
const TOP = 16;
const HEADER_H = 40;

/** Build the flow diagram. */
export function prismaSvg(c: PrismaCounts, options: PrismaSvgOptions): string {
  const L = options.labels;
  const num = options.formatNumber ?? ((n: number) => String(n));
  const n = (x: number) => `(n = ${num(x)})`;
  const line = (text: string, field?: string, value?: number, extra: Partial<Line> = {}): Line => ({ text, field, n: value, ...extra });

  const identified: Box = {
    id: 'box2',
    lines: [
      line(L.identifiedFrom, undefined, undefined, { bold: true }),
      line(`${L.databases} ${n(c.databaseResults)}`, 'database_results', c.databaseResults),
      ...c.byDatabase.map((d) => line(`${databaseLabel(d)} ${n(d.n)}`, 'database_specific_results', d.n, { indent: 14 })),
      line(`${L.registers} ${n(c.registerResults)}`, 'register_results', c.registerResults),
    ],
  };
  const removed: Box = {
    id: 'box3',
    lines: [
      line(L.removedBefore, undefined, undefined, { bold: true }),
      line(`${L.duplicates} ${n(c.duplicates)}`, 'duplicates', c.duplicates),
      line(`${L.automation} ${n(c.excludedAutomatic)}`, 'excluded_automatic', c.excludedAutomatic),
      line(`${L.otherRemoved} ${n(c.excludedOther)}`, 'excluded_other', c.excludedOther),
    ],
  };
  const screened: Box = { id: 'box4', lines: [line(L.screened, undefined, undefined, { bold: true }), line(n(c.recordsScreened), 'records_screened', c.recordsScreened)] };
  if (c.awaitingScreening > 0) screened.lines.push(line(`${L.awaitingScreening} ${n(c.awaitingScreening)}`, 'awaiting_screening', c.awaitingScreening, { muted: true }));
  const excluded: Box = { id: 'box5', lines: [line(L.excluded, undefined, undefined, { bold: true }), line(n(c.recordsExcluded), 'records_excluded', c.recordsExcluded)] };
  const sought: Box = { id: 'box6', lines: [line(L.sought, undefined, undefined, { bold: true }), line(n(c.reportsSought), 'dbr_sought_reports', c.reportsSought)] };
  const notRetrieved: Box = {
    id: 'box7',
    lines: [line(L.notRetrieved, undefined, undefined, { bold: true }), line(n(c.reportsNotRetrieved), 'dbr_notretrieved_reports', c.reportsNotRetrieved)],
  };
  const assessed: Box = { id: 'box8', lines: [line(L.assessed, undefined, undefined, { bold: true }), line(n(c.reportsAssessed), 'dbr_assessed', c.reportsAssessed)] };
  if (c.awaitingFulltext > 0) assessed.lines.push(line(`${L.awaitingFulltext} ${n(c.awaitingFulltext)}`, 'awaiting_fulltext', c.awaitingFulltext, { muted: true }));
  const reportsExcluded: Box = {
    id: 'box9',
    lines: [
      line(`${L.reportsExcluded} ${n(c.reportsExcluded)}${c.reportsExcludedByReason.length ? ':' : ''}`, 'dbr_excluded', c.reportsExcluded, { bold: true }),
      ...c.reportsExcludedByReason.map((r) => line(`${reasonLabel(r, L.noReason)} ${n(r.n)}`, 'dbr_excluded_reason', r.n, { indent: 14 })),
    ],
  };
  const included: Box = {
    id: 'box10',
    lines: [
      line(L.studiesIncluded, undefined, undefined, { bold: true }),
      line(n(c.studiesIncluded), 'new_studies', c.studiesIncluded),
      line(L.reportsIncluded, undefined, undefined, { bold: true }),
      line(n(c.reportsIncluded), 'new_reports', c.reportsIncluded),
    ],
  };

  const rows: [Box, Box | undefined][] = [
    [identified, removed],
    [screened, excluded],
    [sought, notRetrieved],
    [assessed, reportsExcluded],
    [included, undefined],
  ];

  const out: string[] = [];
  let y = TOP + HEADER_H + 22;
  const rowTops: number[] = [];
  const rowHeights: number[] = [];
  const body: string[] = [];
  for (const [left, right] of rows) {
    const l = layoutLines(left.lines);
    const r = right ? layoutLines(right.lines) : [];
    const h = Math.max(boxHeight(l), right ? boxHeight(r) : 0);
    rowTops.push(y);
    rowHeights.push(h);
    body.push(renderBox(left.id, LEFT_X, y, BOX_W, h, l));
    if (right) {
      body.push(renderBox(right.id, RIGHT_X, y, BOX_W, h, r));
      body.push(arrow(LEFT_X + BOX_W, y + h / 2, RIGHT_X, y + h / 2));
    }
    y += h + ROW_GAP;
  }
  for (let i = 0; i + 1 < rows.length; i++) body.push(arrow(LEFT_X + BOX_W / 2, rowTops[i] + rowHeights[i], LEFT_X + BOX_W / 2, rowTops[i + 1]));
  const height = y - ROW_GAP + 20;

  const phase = (id: string, label: string, from: number, to: number) => {
    const top = rowTops[from];
    const bottom = rowTops[to] + rowHeights[to];
    const cx = PHASE_X + PHASE_W / 2;
    const cy = (top + bottom) / 2;
    return (
      `<g class="phase" data-phase="${id}"><rect x="${PHASE_X}" y="${px(top)}" width="${PHASE_W}" height="${px(bottom - top)}" rx="6" fill="#a9c8e8" stroke="#5b8cc0"/>` +
      `<text x="${px(cx)}" y="${px(cy)}" transform="rotate(-90 ${px(cx)} ${px(cy)})" text-anchor="middle" dominant-baseline="central" font-weight="bold" font-size="${FS + 1}">${escapeXml(label)}</text></g>`
    );
  };

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${WIDTH}" height="${px(height)}" viewBox="0 0 ${WIDTH} ${px(height)}" lang="${escapeXml(options.lang ?? 'en')}" font-family="${FONT}" font-size="${FS}" role="img">`,
    `<title>${escapeXml(options.title ?? 'PRISMA 2020')}</title>`,
    `<defs><marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#222"/></marker></defs>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${px(height)}" fill="#ffffff"/>`,
    `<g class="header" data-box="newstud"><rect x="${LEFT_X}" y="${TOP}" width="${RIGHT_X + BOX_W - LEFT_X}" height="${HEADER_H}" rx="6" fill="#ffc94d" stroke="#c99700"/>` +
      `<text x="${px(LEFT_X + (RIGHT_X + BOX_W - LEFT_X) / 2)}" y="${px(TOP + HEADER_H / 2)}" text-anchor="middle" dominant-baseline="central" font-weight="bold" font-size="${FS + 1}">${escapeXml(L.header)}</text></g>`,
    phase('identification', L.identification, 0, 0),
    phase('screening', L.screening, 1, 3),
    phase('included', L.included, 4, 4),
    ...body,
    `</svg>`,
  );
  return out.join('\n') + '\n';
}

interface PlacedLine extends Line {
  dy: number;
}

function layoutLines(lines: Line[]): PlacedLine[] {
  const placed: PlacedLine[] = [];
  let dy = 0;
  for (const l of lines) {
    const indent = l.indent ?? 0;
    // Note: "(n = 12)" never breaks across lines; its spaces are held together while wrapping.
    const wrapped = wrapText(l.text.replace(/\(n = [^)]*\)/g, (m) => m.replace(/ /g, '\u0001')), BOX_W - 2 * PAD - indent, FS).map((x) => x.replace(/\u0001/g, ' '));
    wrapped.forEach((text, i) => {
      placed.push({ ...l, text, dy, field: i === wrapped.length - 1 ? l.field : undefined, indent: indent + (i > 0 && indent > 0 ? 8 : 0) });
      dy += LH;
    });
  }
  return placed;
}

function boxHeight(lines: PlacedLine[]): number {
  return lines.length * LH + 2 * PAD;
}

function renderBox(id: string, x: number, y: number, w: number, h: number, lines: PlacedLine[]): string {
  const texts = lines.map((l) => {
    const attrs = [
      `x="${px(x + PAD + (l.indent ?? 0))}"`,
      `y="${px(y + PAD + l.dy + LH * 0.75)}"`,
      l.bold ? 'font-weight="bold"' : '',
      l.muted ? 'fill="#555555" font-style="italic"' : '',
      l.field ? `data-field="${l.field}" data-n="${l.n}"` : '',
    ].filter(Boolean);
    return `<text ${attrs.join(' ')}>${escapeXml(l.text)}</text>`;
  });
  return `<g class="box" data-box="${id}"><rect x="${px(x)}" y="${px(y)}" width="${px(w)}" height="${px(h)}" fill="#ffffff" stroke="#222222" stroke-width="1.2"/>${texts.join('')}</g>`;
}

function arrow(x1: number, y1: number, x2: number, y2: number): string {
  return `<line class="arrow" x1="${px(x1)}" y1="${px(y1)}" x2="${px(x2)}" y2="${px(y2)}" stroke="#222222" stroke-width="1.4" marker-end="url(#arrowhead)"/>`;
}
