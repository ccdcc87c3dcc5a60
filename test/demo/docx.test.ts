/**
 * The demo's Word document, opened as Word opens it: the zip's word/document.xml holds every
 * included study's row in the synoptic table, the theme counts, the descriptive tables, the
 * PRISMA picture (an embedded PNG) and the references in ABNT; Vancouver and APA on request.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';
import { Review } from '../../src/project/review.js';
import { computeReviewOutputs } from '../../src/core/report/state.js';
import { displayTitle } from '../../src/core/record.js';
import { studyLabel } from '../../src/core/report/studies.js';
import { runCli, tempDir } from '../helpers/cli.js';

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The text of each paragraph, in order. */
function paragraphs(xml: string): string[] {
  return xml.split(/<w:p[ >]/).slice(1).map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1])).join(''));
}

/** Each table row as its cells' texts. */
function tableRows(xml: string): string[][] {
  return [...xml.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((row) => row[1].split('<w:tc>').slice(1).map((c) => paragraphs(c).join('\n')));
}

function openDocx(file: string) {
  const zip = unzipSync(fs.readFileSync(file));
  const xml = strFromU8(zip['word/document.xml']);
  return { zip, xml, rows: tableRows(xml), paras: paragraphs(xml) };
}

describe('review demo: the Word document', () => {
  let dir: string;
  let docx: string;
  beforeAll(() => {
    dir = path.join(tempDir(), 'demo');
    const r = runCli(['demo', dir, '--json'], { env: { LANG: 'pt_BR.UTF-8' } });
    expect(r.stderr).toBe('');
    docx = JSON.parse(r.stdout).files.docx;
  });

  it('holds a row per included study, the theme counts, the tables, the PRISMA PNG and the ABNT references', () => {
    expect(path.basename(docx)).toBe('review.docx');
    const { zip, xml, rows, paras } = openDocx(docx);
    expect(XMLValidator.validate(xml)).toBe(true);

    // Quadro 1: one row per included study, with its label, title, design and level of evidence
    expect(paras).toContain('Quadro 1 - Quadro sinóptico dos estudos incluídos');
    const header = rows.find((r) => r[1] === 'Autor, ano')!;
    expect(header).toEqual(['N.', 'Autor, ano', 'Título', 'Periódico', 'Base de dados', 'Delineamento do estudo', 'Nível de evidência (Melnyk & Fineout-Overholt)', 'Objetivo', 'Principais resultados', 'Temas']);
    const review = Review.open(dir);
    const state = computeReviewOutputs(review.records(), review.events, review.protocol);
    expect(state.studies).toHaveLength(10);
    for (const [i, s] of state.studies.entries()) {
      const row = rows.find((r) => r[0] === String(i + 1) && r[1] === studyLabel(s, 'e'));
      expect(row, s.id).toBeDefined();
      expect(row![2]).toBe(displayTitle(s, review.protocol.language));
      const x = state.extractions.get(s.id)!;
      expect(row![5]).toBe(x.fields.design);
      expect(row![6]).toBe(x.fields.evidence_level);
    }
    expect(rows.find((r) => r[1] === 'Iglesias e Avellar, 2019')![9]).toBe('P1 Corresponsabilização e vínculo entre equipes; P2 Educação permanente e troca de saberes; I2 Sobrecarga e alta demanda das equipes');

    // the theme table: theme, n, % of included
    expect(paras.some((p) => /^Tabela 1 - Temas dos estudos incluídos \(n = 10\)/.test(p))).toBe(true);
    expect(rows).toContainEqual(['   P1 Corresponsabilização e vínculo entre equipes', '6', '60,0%']);
    expect(rows).toContainEqual(['   I2 Sobrecarga e alta demanda das equipes', '4', '40,0%']);
    // the descriptive tables, numbered in order
    expect(paras).toContain('Tabela 2 - Estudos incluídos por delineamento do estudo');
    expect(paras.some((p) => /^Tabela \d+ - Estudos incluídos por ano de publicação$/.test(p))).toBe(true);
    expect(paras.some((p) => /^Tabela \d+ - Estudos incluídos por idioma$/.test(p))).toBe(true);
    expect(rows).toContainEqual(['Português', '8', '80,0%']);
    expect(rows).toContainEqual(['(não informado)', '1', '10,0%']);
    // the strategy of each database (PRISMA-S), Google Acadêmico (one name per thing in pt-BR) under other methods
    expect(paras).toContain('Quadro 2 - Estratégia de busca em cada base de dados (PRISMA-S)');
    expect(rows.some((r) => r[0].startsWith('Google Acadêmico') && r[5] === 'outros métodos: sites')).toBe(true);
    expect(xml).not.toContain('Google Scholar');

    // Figura 1: the PRISMA diagram as an embedded PNG the document points to
    expect(paras).toContain('Figura 1 - Fluxograma PRISMA 2020 da seleção dos estudos');
    const media = Object.keys(zip).filter((k) => k.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    const png = zip[media[0]];
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = Buffer.from(png.subarray(16, 20)).readUInt32BE();
    expect(width).toBeGreaterThan(1500);
    const rels = strFromU8(zip['word/_rels/document.xml.rels']);
    const embed = /<a:blip r:embed="([^"]+)"/.exec(xml)![1];
    expect(rels).toMatch(new RegExp(`Id="${embed}"[^>]*Target="media/${path.basename(media[0])}"`));

    // references of the included studies in ABNT NBR 6023, sorted by author
    const start = paras.indexOf('Referências dos estudos incluídos');
    const refs = paras.slice(start + 1).filter(Boolean);
    expect(refs).toHaveLength(10);
    expect(refs).toContain(
      'IGLESIAS, Alexandra; AVELLAR, Luziane Zacché. Matriciamento em saúde mental: práticas e concepções trazidas por equipes de referência, matriciadores e gestores. Ciênc. saúde coletiva, v. 24, n. 4, p. 1247–1254, 2019.',
    );
    expect(refs).toContain('JORGE, MSB et al. Apoio matricial, projeto terapêutico singular e produção do cuidado em saúde mental. Texto & Contexto - Enfermagem, 2015.');
    expect([...refs].sort((a, b) => a.localeCompare(b, 'pt'))).toEqual(refs);
    // the journal title is bold, as ABNT sets it
    expect(xml).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*<w:t[^>]*>Ciênc\. saúde coletiva<\/w:t>/);
  });

  it('Vancouver or APA on request; an unknown style is refused; English carries its language in the name', () => {
    const v = runCli(['export', dir, '--format', 'docx', '--style', 'vancouver', '--out', path.join(dir, 'v.docx'), '--lang', 'pt-BR']);
    expect(v.code).toBe(0);
    const vp = openDocx(path.join(dir, 'v.docx')).paras;
    expect(vp).toContain(
      '1. Iglesias A, Avellar LZ. Matriciamento em saúde mental: práticas e concepções trazidas por equipes de referência, matriciadores e gestores. Ciênc saúde coletiva. 2019;24(4):1247–54. doi:10.1590/1413-81232018244.05362017',
    );

    const en = runCli(['export', dir, '--format', 'docx', '--style', 'apa', '--lang', 'en', '--json']);
    expect(en.code).toBe(0);
    const file = JSON.parse(en.stdout).file;
    expect(path.basename(file)).toBe('review.en.docx');
    expect(fs.existsSync(docx)).toBe(true);
    const ep = openDocx(file).paras;
    expect(ep).toContain('Chart 1 - Synoptic table of the included studies');
    expect(ep.some((p) => p.startsWith('Iglesias, A., & Avellar, L. Z. (2019). Matriciamento em saúde mental'))).toBe(true);

    const bad = runCli(['export', dir, '--format', 'docx', '--style', 'chicago']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown reference style "chicago"');
  });

  it('renders in LibreOffice to a non-empty PDF where LibreOffice is installed; elsewhere its parts are whole', () => {
    const { zip } = openDocx(docx);
    // every part the document points to is in the package, and every part has a content type
    const types = strFromU8(zip['[Content_Types].xml']);
    for (const m of strFromU8(zip['word/_rels/document.xml.rels']).matchAll(/Target="([^"]+)"/g)) {
      if (/^https?:/.test(m[1])) continue;
      const part = path.posix.join('word', m[1]);
      expect(zip[part], part).toBeDefined();
      const ext = path.extname(part).slice(1);
      expect(types.includes(`Extension="${ext}"`) || types.includes(`PartName="/${part}"`), part).toBe(true);
    }
    for (const [name, bytes] of Object.entries(zip)) if (name.endsWith('.xml')) expect(XMLValidator.validate(strFromU8(bytes)), name).toBe(true);

    const soffice = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' }).stdout.trim();
    if (!soffice) return;
    const out = path.join(tempDir(), 'pdf');
    fs.mkdirSync(out);
    // Note: a profile of its own, so a LibreOffice the user has open does not take the job.
    execFileSync(soffice, [`-env:UserInstallation=file://${out}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', out, docx], { timeout: 180_000, stdio: 'pipe' });
    const pdf = fs.readFileSync(path.join(out, 'review.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
    const pages = Number(/\/Type\s*\/Pages\b[^>]*\/Count\s+(\d+)/.exec(pdf.toString('latin1'))?.[1] ?? 0);
    expect(pages).toBeGreaterThanOrEqual(3);
  });
});
