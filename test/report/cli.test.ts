/** `review prisma`, `report`, `export` and `extract --from` on a review folder built from events. */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { Review } from '../../src/project/review.js';
import { addRecords } from '../../src/project/addRecords.js';
import { emptyRecord, type ParsedRecord, type SourceId } from '../../src/core/record.js';
import type { EventBase } from '../../src/core/events.js';
import { checkPrismaInvariants } from '../../src/core/prisma/invariants.js';
import { computePrismaFromLog } from '../../src/core/prisma/counts.js';
import { planExtraction } from '../../src/stages/extract/index.js';
import { runCli, tempDir, fixturePath } from '../helpers/cli.js';

function parsed(source: SourceId, database: string | undefined, title: string, over: Partial<ParsedRecord> = {}): ParsedRecord {
  const r = emptyRecord({ source, database, file: 'f', line: 1, format: 'ris' });
  return { ...r, titles: [{ lang: 'pt', text: title, original: true }], authors: [{ family: 'Conceição', given: 'Maria' }], year: 2016, languages: ['pt'], ...over };
}

/**
 * 8 records: BVS/LILACS 4, SciELO 2 (one a duplicate of a BVS record), PubMed 2 (one out of the
 * year limit). 7 unique, 1 by automation, 6 screened: 2 excluded (E1), 4 sought, 1 not retrieved,
 * 3 assessed, 1 excluded (E2), 2 included.
 */
function buildReview(dir: string): void {
  Review.init(dir, fixturePath('demo', 'protocol.yaml')).close();
  const review = Review.open(dir, { writer: 'test' });
  try {
    const bvs = addRecords(review, [
      parsed('bvs', 'LILACS', 'Matriciamento em saúde mental: corresponsabilização', { doi: '10.1590/aaa', journal: 'Saúde debate' }),
      parsed('bvs', 'LILACS', 'Apoio matricial e educação permanente'),
      parsed('bvs', 'LILACS', 'Estigma e loucura'),
      parsed('bvs', 'LILACS', 'Apoio matricial no hospital geral'),
    ], { file: 'bvs.ris', format: 'ris', source: 'bvs', recordsRejected: 0, warnings: 0 }).records;
    const scielo = addRecords(review, [
      parsed('scielo', 'SciELO Brasil', 'Matriciamento em saúde mental: corresponsabilização', { doi: '10.1590/aaa' }),
      parsed('scielo', 'SciELO Brasil', 'Reforma psiquiátrica'),
    ], { file: 'scielo.ris', format: 'ris', source: 'scielo', recordsRejected: 0, warnings: 0 }).records;
    const pubmed = addRecords(review, [
      parsed('pubmed', 'MEDLINE', 'Matrix support teams in Brazil', { languages: ['en'], year: 2020 }),
      parsed('pubmed', 'MEDLINE', 'Old paper', { languages: ['en'], year: 2001 }),
    ], { file: 'pubmed.nbib', format: 'medline', source: 'pubmed', recordsRejected: 0, warnings: 0 }).records;
    const [b1, b2, b3, b4] = bvs.map((r) => r.id);
    const [s1, s2] = scielo.map((r) => r.id);
    const [p1, p2] = pubmed.map((r) => r.id);
    const events: (Omit<EventBase, 'seq' | 'at'> & Record<string, unknown>)[] = [
      { type: 'dedup.run', imports: ['i001', 'i002', 'i003'], newRecords: 8, accepted: [{ a: b1, b: s1, rule: 'doi' }], uncertain: [], rules: 'test' },
      { type: 'screen.decision', recordId: p2, stage: 'title-abstract', decision: 'exclude', reason: 'limit:year', by: 'automation' },
      { type: 'screen.limits', imports: ['i001', 'i002', 'i003'], checked: 8, excluded: 1 },
      ...[b1, b2, b4, p1].map((id) => ({ type: 'screen.decision', recordId: id, stage: 'title-abstract', decision: 'include', by: 'human' })),
      ...[b3, s2].map((id) => ({ type: 'screen.decision', recordId: id, stage: 'title-abstract', decision: 'exclude', reason: 'E1', by: 'human' })),
      { type: 'screen.retrieval', recordId: b2, retrieved: false },
      { type: 'screen.decision', recordId: b1, stage: 'fulltext', decision: 'include', by: 'human' },
      { type: 'screen.decision', recordId: p1, stage: 'fulltext', decision: 'include', by: 'human' },
      { type: 'screen.decision', recordId: b4, stage: 'fulltext', decision: 'exclude', reason: 'E2', by: 'human' },
    ];
    for (const e of events) review.append(e as never);
  } finally {
    review.close();
  }
}

const eventsLines = (dir: string) => fs.readFileSync(path.join(dir, 'data', 'events.jsonl'), 'utf8').trim().split('\n').length;

describe('review prisma / report / export / extract on a fixture review', () => {
  let dir: string;
  beforeAll(() => {
    dir = path.join(tempDir(), 'rev');
    buildReview(dir);
  });

  it('library: the fixture review adds up', () => {
    const review = Review.open(dir);
    const c = computePrismaFromLog(review.records(), review.events, review.protocol);
    expect(checkPrismaInvariants(c)).toEqual([]);
    expect(c.studiesIncluded).toBe(2);
  });

  it('prisma --json: box by box, with the template field names', () => {
    const r = runCli(['prisma', dir, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      database_results: 8,
      database_specific_results: 'LILACS (BVS), 4; SciELO Brasil (SciELO), 2; MEDLINE (PubMed), 2',
      register_results: 0,
      duplicates: 1,
      excluded_automatic: 1,
      excluded_other: 0,
      records_screened: 6,
      records_excluded: 2,
      dbr_sought_reports: 4,
      dbr_notretrieved_reports: 1,
      dbr_assessed: 3,
      dbr_excluded: 'E2: Não se passa na atenção básica / atenção primária, 1',
      new_studies: 2,
      new_reports: 2,
      total_studies: 2,
      awaiting_screening: 0,
      awaiting_fulltext: 0,
      included_ids: ['i001-00001', 'i003-00001'],
    });
    expect(j.excluded_automatic_reasons).toEqual([{ code: 'limit:year', text: '', n: 1 }]);
    // The review is in Portuguese: the English diagram carries its language in the name.
    expect(j.files.svg).toBe(path.join(dir, 'out', 'prisma.en.svg'));
    expect(fs.readFileSync(j.files.svg, 'utf8')).toContain('Identification of studies via databases and registers');
  });

  it('a diagram in another language never overwrites the review language\'s file', () => {
    expect(runCli(['prisma', dir, '--lang', 'pt-BR']).code).toBe(0);
    expect(runCli(['prisma', dir, '--lang', 'en']).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out', 'prisma.svg'), 'utf8')).toContain('Identificação de estudos via bases de dados e registros');
    expect(fs.readFileSync(path.join(dir, 'out', 'prisma.en.svg'), 'utf8')).toContain('Identification of studies via databases and registers');
  });

  it('prisma in pt-BR: table, template CSV and SVG with the Portuguese boxes', () => {
    const csv = path.join(dir, 'prisma-template.csv');
    const svg = path.join(dir, 'fluxo.svg');
    const r = runCli(['prisma', dir, '--csv', csv, '--svg', svg, '--lang', 'pt-BR']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Registros triados\s+6/);
    expect(r.stdout).toMatch(/Estudos incluídos na revisão\s+2/);
    expect(r.stdout).toContain(svg);
    const rows = parse(fs.readFileSync(csv, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(['data', 'node', 'box', 'description', 'boxtext', 'tooltips', 'url', 'n']);
    const n = (data: string) => rows.find((x) => x.data === data)?.n;
    expect(n('records_screened')).toBe('6');
    expect(n('dbr_excluded')).toBe('E2: Não se passa na atenção básica / atenção primária, 1');
    expect(rows.find((x) => x.data === 'records_excluded')?.boxtext).toBe('Registros excluídos');
    const s = fs.readFileSync(svg, 'utf8');
    expect(s).toContain('Relatórios buscados para recuperação');
    expect(s).toContain('data-field="records_screened" data-n="6"');
  });

  it('extract --from: a bad file is refused with file and line, nothing saved', () => {
    const before = eventsLines(dir);
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'record_id,design,evidence_level,themes\ni001-00001,qualitativo,VIII,P1\ni001-00003,qualitativo,VI,P1\n');
    const r = runCli(['extract', dir, '--from', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:2`);
    expect(r.stderr).toContain('EXTRACT_CHOICE');
    expect(r.stderr).toContain(`${bad}:3`);
    expect(r.stderr).toContain('EXTRACT_NOT_INCLUDED');
    expect(eventsLines(dir)).toBe(before);
  });

  it('extract needs a terminal for the form and says to use --from', () => {
    const r = runCli(['extract', dir], { input: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--from');
  });

  it('extract --from a good file, then report: theme table, report.md, themes.svg', () => {
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(
      good,
      '\uFEFFrecord_id;design;evidence_level;participants;objective;themes\r\n' +
        'i002-00001;Qualitativo;6;24;=cmd|calc;"P1;I2"\r\n' +
        'i003-00001;revisão;V;;Revisar;"P1;P2"\r\n',
    );
    const r = runCli(['extract', dir, '--from', good, '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ saved: 2, extracted: 2, included: 2 });

    const rep = runCli(['report', dir, '--json']);
    expect(rep.code).toBe(0);
    const j = JSON.parse(rep.stdout);
    expect(j.included).toBe(2);
    const themes = Object.fromEntries(j.groups.flatMap((g: { themes: { id: string; n: number; percent: number }[] }) => g.themes.map((x) => [x.id, [x.n, x.percent]])));
    expect(themes.P1).toEqual([2, 100]);
    expect(themes.P2).toEqual([1, 50]);
    expect(themes.I2).toEqual([1, 50]);
    expect(themes.I1).toEqual([0, 0]);
    expect(j.groups.map((g: { group: string }) => g.group)).toEqual(['Potencialidades', 'Impasses']);
    const md = fs.readFileSync(j.files.report, 'utf8');
    expect(md).toContain('# Report of the review: Matriciamento');
    expect(md).toMatch(/### .*\(BVS\) - bvs\.ris/);
    expect(md).toContain('| Studies included in review | 2 |');
    // the synoptic table's default columns: author/year, title, journal, database, design, level of evidence...
    expect(md).toMatch(/\| Conceição, 2016 \| Matriciamento em saúde mental: corresponsabilização \| Saúde debate \| [^|]+ \| qualitativo \| VI \|/);
    expect(j.tables.find((x: { id: string }) => x.id === 'field:evidence_level').rows).toEqual([
      { value: 'V', n: 1, percent: 50 },
      { value: 'VI', n: 1, percent: 50 },
    ]);
    expect(fs.readFileSync(j.files.themes, 'utf8')).toContain('data-theme="P1" data-n="2"');

    const pt = runCli(['report', dir, '--lang', 'pt-BR']);
    expect(pt.stdout).toMatch(/P1 Corresponsabilização e vínculo entre equipes\s+2 \(100,0%\)/);
  });

  it('extract --template writes the sheet to fill (earlier values in it) and --from reads it back unchanged', () => {
    const sheet = path.join(dir, 'sheet.csv');
    const r = runCli(['extract', dir, '--template', sheet, '--lang', 'pt-BR']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 estudos incluídos');
    const text = fs.readFileSync(sheet, 'utf8');
    expect(text.startsWith('\uFEFFrecord_id;title;design;evidence_level;participants;setting;objective;main_results;themes\r\n')).toBe(true);
    const rows = parse(text, { bom: true, delimiter: ';' }) as string[][];
    expect(rows[1]).toEqual(['i001-00001', 'Matriciamento em saúde mental: corresponsabilização', 'qualitativo', 'VI', '24', '', "'=cmd|calc", '', 'P1;I2']);
    const before = eventsLines(dir);
    expect(runCli(['extract', dir, '--from', sheet]).code).toBe(0);
    expect(eventsLines(dir)).toBe(before + 2);
    const last = fs.readFileSync(path.join(dir, 'data', 'events.jsonl'), 'utf8').trim().split('\n').slice(-2).map((l) => JSON.parse(l));
    expect(last[0]).toMatchObject({ type: 'extract', recordId: 'i001-00001', fields: { design: 'qualitativo', evidence_level: 'VI', participants: 24, objective: '=cmd|calc' }, themes: ['P1', 'I2'] });
  });

  it('extract --from reads a sheet Excel saved in Windows-1252 with its accents (as screen --decisions does)', () => {
    const sheet = path.join(dir, 'excel-1252.csv');
    const text = 'record_id;design;evidence_level;objective;themes\r\ni003-00001;revisão;V;Compreender a atenção básica e o cuidado em saúde mental;P2\r\n';
    fs.writeFileSync(sheet, iconv.encode(text, 'win1252'));
    expect(fs.readFileSync(sheet).includes(Buffer.from('ã', 'utf8'))).toBe(false);
    const r = runCli(['extract', dir, '--from', sheet, '--json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ saved: 1 });
    expect(out.encoding).toMatch(/^(windows-1252|iso-8859-1)$/);
    const last = JSON.parse(fs.readFileSync(path.join(dir, 'data', 'events.jsonl'), 'utf8').trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ type: 'extract', recordId: 'i003-00001', fields: { design: 'revisão', objective: 'Compreender a atenção básica e o cuidado em saúde mental' }, themes: ['P2'] });
  });

  it('extract --record: an unknown id or a study not included is refused by its id; a copy of an included study is that study', () => {
    const unknown = runCli(['extract', dir, '--record', 'i009-00001']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('there is no record i009-00001');
    const excluded = runCli(['extract', dir, '--record', 'i001-00003']);
    expect(excluded.code).toBe(1);
    expect(excluded.stderr).toContain('record i001-00003 is not an included study');
    // not on a terminal the form cannot open; the id was found (the message is about the terminal)
    const copy = runCli(['extract', dir, '--record', 'i002-00001']);
    expect(copy.code).toBe(1);
    expect(copy.stderr).not.toContain('i002-00001');
    expect(copy.stderr).toContain('--from');
  });

  it('extract --record plans just that study, already extracted or not, with its earlier values to offer', () => {
    const review = Review.open(dir);
    try {
      const all = planExtraction(review);
      expect(all.studies.map((s) => s.id)).toEqual(['i001-00001', 'i003-00001']);
      expect(all.todo).toEqual([]);
      const one = planExtraction(review, 'i002-00001');
      expect(one.todo.map((s) => s.id)).toEqual(['i001-00001']);
      expect(one.extractions.get('i001-00001')?.fields.design).toBe('qualitativo');
      expect(() => planExtraction(review, 'i001-00003')).toThrow(expect.objectContaining({ code: 'extract.recordNotIncluded', params: { id: 'i001-00003' } }));
    } finally {
      review.close();
    }
  });

  it('export --format csv: Excel pt-BR by default in Portuguese, plain with --no-excel; formulas neutralised', () => {
    const r = runCli(['export', dir, '--format', 'csv', '--lang', 'pt-BR']);
    expect(r.code).toBe(0);
    const file = path.join(dir, 'out', 'selected-articles.csv');
    const buf = fs.readFileSync(file);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8');
    expect(text.split('\r\n')[0]).toContain('id_registro;autores;ano;titulo;periodico;bases;doi;link;Delineamento do estudo');
    const rows = parse(text, { bom: true, delimiter: ';' }) as string[][];
    expect(rows).toHaveLength(3);
    const first = rows[1];
    expect(first.slice(0, 6)).toEqual(['i001-00001', 'Conceição, Maria', '2016', 'Matriciamento em saúde mental: corresponsabilização', 'Saúde debate', 'LILACS (BVS); SciELO Brasil (SciELO)']);
    expect(first).toContain("'=cmd|calc");
    expect(first).toContain('P1; I2');

    const plain = path.join(dir, 'plain.csv');
    expect(runCli(['export', dir, '--format', 'csv', '--no-excel', '--out', plain]).code).toBe(0);
    const p = fs.readFileSync(plain, 'utf8');
    expect(p.charCodeAt(0)).not.toBe(0xfeff);
    expect(p.split('\n')[0].startsWith('record_id,authors,year,title')).toBe(true);
  });

  it('export RIS and BibTeX of the included, unique or all records', () => {
    const ris = runCli(['export', dir, '--format', 'ris', '--json']);
    expect(JSON.parse(ris.stdout)).toMatchObject({ count: 2, set: 'included' });
    const text = fs.readFileSync(JSON.parse(ris.stdout).file, 'utf8');
    expect(text.match(/^TY {2}- /gm)).toHaveLength(2);
    expect(JSON.parse(runCli(['export', dir, '--format', 'bibtex', '--set', 'unique', '--json']).stdout).count).toBe(7);
    expect(JSON.parse(runCli(['export', dir, '--format', 'ris', '--set', 'all', '--json']).stdout).count).toBe(8);
    const bad = runCli(['export', dir, '--format', 'xls']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('xls');
  });
});
