/**
 * Horizontal bar chart of theme frequencies as one standalone SVG: a heading per group
 * (Potencialidades, Impasses...), one bar per theme with its count and % of included studies.
 */
import type { ThemeTable } from '../themes/frequencies.js';
import { CHAR_WIDTH, escapeXml, px, truncate, wrapText } from './text.js';

export interface ThemeChartOptions {
  title: string;
  /** "n = {n} studies included" line under the title. */
  subtitle?: string;
  /** Percent as the language writes it: "33,3%". */
  formatPercent?: (p: number) => string;
  formatNumber?: (n: number) => string;
  lang?: string;
}

const FONT = "Arial, Helvetica, 'Liberation Sans', 'DejaVu Sans', sans-serif";
const FS = 13;
const WIDTH = 900;
const LABEL_W = 340;
const BAR_X = 24 + LABEL_W + 12;
const BAR_MAX = WIDTH - BAR_X - 110;
const ROW_H = 24;
const PALETTE = ['#2f7ebc', '#d9622b', '#3a9d5d', '#8e5ea2', '#c9a227', '#5f6b7a'];

/** Build the bar chart. Bars are scaled to the number of included studies (100% = full width). */
export function themeChartSvg(table: ThemeTable, options: ThemeChartOptions): string {
  const num = options.formatNumber ?? ((n: number) => String(n));
  const pct = options.formatPercent ?? ((p: number) => `${p.toFixed(1)}%`);
  const parts: string[] = [];
  let y = 30;
  parts.push(`<text x="24" y="${y}" font-size="${FS + 4}" font-weight="bold">${escapeXml(options.title)}</text>`);
  y += 20;
  if (options.subtitle) {
    parts.push(`<text x="24" y="${y}" fill="#444444">${escapeXml(options.subtitle)}</text>`);
    y += 12;
  }
  const scale = table.included > 0 ? BAR_MAX / table.included : 0;
  const axisTop = y + 12;
  table.groups.forEach((g, gi) => {
    const colour = PALETTE[gi % PALETTE.length];
    y += 26;
    parts.push(`<text class="group" x="24" y="${y}" font-weight="bold" font-size="${FS + 1}" fill="${colour}">${escapeXml(g.group)}</text>`);
    y += 8;
    for (const th of g.themes) {
      const wrapped = wrapText(`${th.id} ${th.label}`, LABEL_W, FS);
      const lines = wrapped.slice(0, 2);
      // Note: labels past two lines are cut with an ellipsis; the full label is in the report table.
      if (wrapped.length > 2) lines[1] = truncate(wrapped.slice(1).join(' '), Math.floor(LABEL_W / (FS * CHAR_WIDTH)));
      const rowH = Math.max(ROW_H, lines.length * 16 + 8);
      const w = Math.max(th.n > 0 ? 2 : 0, th.n * scale);
      const labelY = y + rowH / 2 - ((lines.length - 1) * 16) / 2;
      parts.push(
        `<g class="bar" data-theme="${escapeXml(th.id)}" data-n="${th.n}">` +
          lines.map((l, i) => `<text x="${24 + LABEL_W}" y="${px(labelY + i * 16)}" text-anchor="end" dominant-baseline="central">${escapeXml(l)}</text>`).join('') +
          `<rect x="${BAR_X}" y="${px(y + (rowH - 16) / 2)}" width="${px(w)}" height="16" fill="${colour}"/>` +
          `<text x="${px(BAR_X + w + 6)}" y="${px(y + rowH / 2)}" dominant-baseline="central">${escapeXml(`${num(th.n)} (${pct(th.percent)})`)}</text>` +
          `</g>`,
      );
      y += rowH;
    }
  });
  y += 20;
  parts.push(`<line x1="${BAR_X}" y1="${px(axisTop)}" x2="${BAR_X}" y2="${px(y - 14)}" stroke="#888888"/>`);
  return (
    [
      `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${WIDTH}" height="${px(y)}" viewBox="0 0 ${WIDTH} ${px(y)}" lang="${escapeXml(options.lang ?? 'en')}" font-family="${FONT}" font-size="${FS}" role="img">`,
      `<title>${escapeXml(options.title)}</title>`,
      `<rect x="0" y="0" width="${WIDTH}" height="${px(y)}" fill="#ffffff"/>`,
      ...parts,
      `</svg>`,
    ].join('\n') + '\n'
  );
}
