/**
 * The PRISMA 2020 flow diagram (new review: databases and registers, and other methods when a
 * source feeds them) as one standalone
 * SVG string: the title bar, the Identification / Screening / Included phase bars, the main
 * boxes on the left, the removal and exclusion boxes on the right, and the arrows between them.
 * No scripts, no external fonts or images: it renders in any browser without network.
 */
import { databaseLabel, type PrismaCounts } from '../prisma/counts.js';
import { reasonLabel, type PrismaLabels } from '../prisma/template.js';
import { escapeXml, px, wrapText } from './text.js';

export interface PrismaSvgOptions {
  labels: PrismaLabels;
  /** How numbers are written (1.234 in pt-BR). */
  formatNumber?: (n: number) => string;
  /** Document language for the `lang` attribute: pt-BR or en. */
  lang?: string;
  /** Accessible title of the figure. */
  title?: string;
  /** The PRISMA method of a source (from the protocol), to list each other-methods source under its method. */
  methodOf?: (source: string) => string;
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
const PHASE_X = 12;
const PHASE_W = 34;
const LEFT_X = 62;
const ROW_GAP = 34;
const TOP = 16;
const HEADER_H = 40;

/** Build the flow diagram: one column of boxes pairs, two when some source feeds "other methods". */
export function prismaSvg(c: PrismaCounts, options: PrismaSvgOptions): string {
  const L = options.labels;
  const num = options.formatNumber ?? ((n: number) => String(n));
  const n = (x: number) => `(n = ${num(x)})`;
  const line = (text: string, field?: string, value?: number, extra: Partial<Line> = {}): Line => ({ text, field, n: value, ...extra });
  const o = c.other;
  const twoColumns = o.identified > 0;
  // Note: the PRISMA 2020 template puts "other methods" to the right, each column a main box and its exclusions.
  const BOX_W = twoColumns ? 290 : 370;
  const GAP = twoColumns ? 40 : 56;
  const xs = [LEFT_X, LEFT_X + BOX_W + GAP, LEFT_X + 2 * (BOX_W + GAP) + 14, LEFT_X + 3 * (BOX_W + GAP) + 14];
  const WIDTH = (twoColumns ? xs[3] : xs[1]) + BOX_W + 18;

  const identified: Box = {
    id: 'box2',
    lines: [
      line(L.identifiedFrom, undefined, undefined, { bold: true }),
      line(`${L.databases} ${n(c.databaseResults)}`, 'database_results', c.databaseResults),
      ...c.byDatabase.map((d) => line(`${databaseLabel(d, L.sources)} ${n(d.n)}`, 'database_specific_results', d.n, { indent: 14 })),
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
  const sought = soughtBox('box6', 'dbr_sought_reports', c.reportsSought);
  const notRetrieved = notRetrievedBox('box7', 'dbr_notretrieved_reports', c.reportsNotRetrieved);
  const assessed = assessedBox('box8', 'dbr_assessed', c.reportsAssessed, c.awaitingFulltext, 'awaiting_fulltext');
  const reportsExcluded = excludedBox('box9', 'dbr_excluded', c.reportsExcluded, c.reportsExcludedByReason);
  const included: Box = {
    id: 'box10',
    lines: [
      line(L.studiesIncluded, undefined, undefined, { bold: true }),
      line(n(c.studiesIncluded), 'new_studies', c.studiesIncluded),
      line(L.reportsIncluded, undefined, undefined, { bold: true }),
      line(n(c.reportsIncluded), 'new_reports', c.reportsIncluded),
    ],
  };

  function soughtBox(id: string, field: string, v: number): Box {
    return { id, lines: [line(L.sought, undefined, undefined, { bold: true }), line(n(v), field, v)] };
  }
  function notRetrievedBox(id: string, field: string, v: number): Box {
    return { id, lines: [line(L.notRetrieved, undefined, undefined, { bold: true }), line(n(v), field, v)] };
  }
  function assessedBox(id: string, field: string, v: number, awaiting: number, awaitingField: string): Box {
    const b: Box = { id, lines: [line(L.assessed, undefined, undefined, { bold: true }), line(n(v), field, v)] };
    if (awaiting > 0) b.lines.push(line(`${L.awaitingFulltext} ${n(awaiting)}`, awaitingField, awaiting, { muted: true }));
    return b;
  }
  function excludedBox(id: string, field: string, v: number, reasons: PrismaCounts['reportsExcludedByReason']): Box {
    return {
      id,
      lines: [
        line(`${L.reportsExcluded} ${n(v)}${reasons.length ? ':' : ''}`, field, v, { bold: true }),
        ...reasons.map((r) => line(`${reasonLabel(r, L.noReason)} ${n(r.n)}`, `${field}_reason`, r.n, { indent: 14 })),
      ],
    };
  }

  const methodLabel: Record<string, string> = { websites: L.websites, organisations: L.organisations, citations: L.citations, handsearch: L.handsearch };
  const methodField: Record<string, string> = { websites: 'website_results', organisations: 'organisation_results', citations: 'citations_results', handsearch: 'handsearch_results' };
  const otherIdentified: Box = {
    id: 'box11',
    lines: [
      line(L.identifiedFrom, undefined, undefined, { bold: true }),
      ...o.byMethod.flatMap((m) => [
        line(`${methodLabel[m.method] ?? m.method} ${n(m.n)}`, methodField[m.method], m.n),
        ...o.byDatabase.filter((d) => prismaColumnOfSource(d.source, options) === m.method).map((d) => line(`${databaseLabel(d, L.sources)} ${n(d.n)}`, undefined, undefined, { indent: 14 })),
      ]),
    ],
  };
  const otherRemoved: Box = {
    id: 'box11b',
    lines: [
      line(L.otherRemovedBefore, undefined, undefined, { bold: true }),
      line(`${L.otherDuplicates} ${n(o.duplicates)}`, 'other_duplicates', o.duplicates),
      line(`${L.automation} ${n(o.excludedAutomatic)}`, 'other_excluded_automatic', o.excludedAutomatic),
      line(`${L.otherExcludedScreening} ${n(o.excludedScreening)}`, 'other_excluded_screening', o.excludedScreening),
    ],
  };
  if (o.awaitingScreening > 0) otherRemoved.lines.push(line(`${L.awaitingScreening} ${n(o.awaitingScreening)}`, 'other_awaiting_screening', o.awaitingScreening, { muted: true }));
  const otherSought = soughtBox('box12', 'other_sought_reports', o.reportsSought);
  const otherNotRetrieved = notRetrievedBox('box13', 'other_notretrieved_reports', o.reportsNotRetrieved);
  const otherAssessed = assessedBox('box14', 'other_assessed', o.reportsAssessed, o.awaitingFulltext, 'other_awaiting_fulltext');
  const otherExcluded = excludedBox('box15', 'other_excluded', o.reportsExcluded, o.reportsExcludedByReason);

  // Each row: boxes at column positions 0..3 (undefined: empty).
  const rows: (Box | undefined)[][] = [
    [identified, removed, twoColumns ? otherIdentified : undefined, twoColumns ? otherRemoved : undefined],
    [screened, excluded],
    [sought, notRetrieved, twoColumns ? otherSought : undefined, twoColumns ? otherNotRetrieved : undefined],
    [assessed, reportsExcluded, twoColumns ? otherAssessed : undefined, twoColumns ? otherExcluded : undefined],
    [included],
  ];

  const out: string[] = [];
  let y = TOP + HEADER_H + 22;
  const rowTops: number[] = [];
  const rowHeights: number[] = [];
  const body: string[] = [];
  for (const row of rows) {
    const laid = row.map((b) => (b ? layoutLines(b.lines, BOX_W) : undefined));
    const h = Math.max(...laid.map((l) => (l ? boxHeight(l) : 0)));
    rowTops.push(y);
    rowHeights.push(h);
    row.forEach((b, i) => {
      if (!b) return;
      body.push(renderBox(b.id, xs[i], y, BOX_W, h, laid[i]!));
      if (i % 2 === 1 && row[i - 1]) body.push(arrow(xs[i - 1] + BOX_W, y + h / 2, xs[i], y + h / 2));
    });
    y += h + ROW_GAP;
  }
  for (let i = 0; i + 1 < rows.length; i++) body.push(arrow(LEFT_X + BOX_W / 2, rowTops[i] + rowHeights[i], LEFT_X + BOX_W / 2, rowTops[i + 1]));
  if (twoColumns) {
    const cx = xs[2] + BOX_W / 2;
    body.push(arrow(cx, rowTops[0] + rowHeights[0], cx, rowTops[2]));
    body.push(arrow(cx, rowTops[2] + rowHeights[2], cx, rowTops[3]));
    // Note: the elbow from "reports assessed (other methods)" into the shared "studies included" box.
    const midY = rowTops[4] + rowHeights[4] / 2;
    body.push(`<polyline class="arrow" points="${px(cx)},${px(rowTops[3] + rowHeights[3])} ${px(cx)},${px(midY)} ${px(LEFT_X + BOX_W + 2)},${px(midY)}" fill="none" stroke="#222222" stroke-width="1.4" marker-end="url(#arrowhead)"/>`);
  }
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
  const header = (box: string, x: number, w: number, label: string, fill: string, stroke: string) =>
    `<g class="header" data-box="${box}"><rect x="${px(x)}" y="${TOP}" width="${px(w)}" height="${HEADER_H}" rx="6" fill="${fill}" stroke="${stroke}"/>` +
    wrapText(label, w - 2 * PAD, FS + 1)
      .map((t, i, all) => `<text x="${px(x + w / 2)}" y="${px(TOP + HEADER_H / 2 + (i - (all.length - 1) / 2) * (FS + 3))}" text-anchor="middle" dominant-baseline="central" font-weight="bold" font-size="${FS + 1}">${escapeXml(t)}</text>`)
      .join('') +
    `</g>`;

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${WIDTH}" height="${px(height)}" viewBox="0 0 ${WIDTH} ${px(height)}" lang="${escapeXml(options.lang ?? 'en')}" font-family="${FONT}" font-size="${FS}" role="img">`,
    `<title>${escapeXml(options.title ?? 'PRISMA 2020')}</title>`,
    `<defs><marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#222"/></marker></defs>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${px(height)}" fill="#ffffff"/>`,
    header('newstud', LEFT_X, xs[1] + BOX_W - LEFT_X, L.header, '#ffc94d', '#c99700'),
    twoColumns ? header('othstud', xs[2], xs[3] + BOX_W - xs[2], L.headerOther, '#d9d9d9', '#8c8c8c') : '',
    phase('identification', L.identification, 0, 0),
    phase('screening', L.screening, 1, 3),
    phase('included', L.included, 4, 4),
    ...body,
    `</svg>`,
  );
  return out.filter(Boolean).join('\n') + '\n';
}

/** The method a source's records were counted under (from the counts: the first method whose databases include it). */
function prismaColumnOfSource(source: string, options: PrismaSvgOptions): string {
  return options.methodOf?.(source) ?? (source === 'google-scholar' ? 'websites' : 'databases');
}

interface PlacedLine extends Line {
  dy: number;
}

function layoutLines(lines: Line[], boxWidth: number): PlacedLine[] {
  const placed: PlacedLine[] = [];
  let dy = 0;
  for (const l of lines) {
    const indent = l.indent ?? 0;
    // Note: "(n = 12)" never breaks across lines; its spaces are held together while wrapping.
    // Note: bold DejaVu/Arial runs about 12% wider than the average glyph the wrap assumes.
    const wrapped = wrapText(l.text.replace(/\(n = [^)]*\)/g, (m) => m.replace(/ /g, '\u0001')), boxWidth - 2 * PAD - indent, l.bold ? FS * 1.14 : FS * 1.04).map((x) => x.replace(/\u0001/g, ' '));
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
