/**
 * SVG -> PNG with resvg (github.com/yisibl/resvg-js, a maintained binding of the Rust resvg).
 * resvg draws text only with fonts it is given, and a machine may have none installed: the
 * DejaVu fonts come from the `dejavu-fonts-ttf` npm package and system fonts are not read, so
 * the picture is the same on every machine and nothing is fetched.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'].map((f) => path.join(FONT_DIR, f));

export interface Png {
  data: Buffer;
  width: number;
  height: number;
}

/** Render an SVG to PNG at `scale` times its size (2 gives a sharp picture in print). */
export function svgToPng(svg: string, scale = 2): Png {
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: { loadSystemFonts: false, fontFiles: FONTS, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  const img = r.render();
  return { data: img.asPng(), width: img.width, height: img.height };
}
