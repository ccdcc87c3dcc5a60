/**
 * Scopus, Web of Science and Embase: export-only sources with a strategy. The expected strings are
 * written from the vendors' syntax (see src/core/query/scopus.ts, wos.ts, embase.ts for the pages).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProtocol, type Protocol } from '../../src/core/protocol.js';
import { compileFor } from '../../src/core/query/index.js';
import { fixturePath, runCli, tempDir } from '../helpers/cli.js';

const FIXTURE = fixturePath('protocols', 'export-only-databases.yaml');

function protocol(edit: (yaml: string) => string = (y) => y): Protocol {
  const r = parseProtocol(edit(fs.readFileSync(FIXTURE, 'utf8')), FIXTURE);
  if (!r.protocol) throw new Error(JSON.stringify(r.problems));
  return r.protocol;
}

function review(): string {
  const dir = path.join(tempDir('review-export-only-'), 'rev');
  const r = runCli(['init', dir, '--protocol', FIXTURE]);
  if (r.code !== 0) throw new Error(r.stderr);
  return dir;
}

const BLOCK1 = ['"Mental Health"', '"Mental Hygiene"', '"apoio matricial"', '"matrix support"', 'matriciamento'];
const BLOCK2 = ['"Primary Health Care"', '"Primary Care"', 'nurs*', '"family health strateg*"'];
const SCOPUS = `TITLE-ABS-KEY(${BLOCK1.join(' OR ')}) AND TITLE-ABS-KEY(${BLOCK2.join(' OR ')}) AND PUBYEAR > 2009 AND PUBYEAR < 2024 AND LANGUAGE(portuguese OR english) AND DOCTYPE(ar) AND NOT TITLE-ABS-KEY(veterinar*)`;
const WOS = `((TS=(${BLOCK1.join(' OR ')}) AND TS=(${BLOCK2.join(' OR ')})) NOT TS=(veterinar*)) AND PY=(2010-2023) AND LA=(Portuguese OR English) AND DT=(Article)`;
const tiabkw = (xs: string[]) => xs.map((x) => `${x.replace(/"/g, "'")}:ti,ab,kw`).join(' OR ');
const EMBASE = `((('mental health'/exp OR ${tiabkw(BLOCK1)}) AND ('primary health care'/exp OR ${tiabkw(BLOCK2)})) NOT (veterinar*:ti,ab,kw)) AND [2010-2023]/py AND ([portuguese]/lim OR [english]/lim) AND [article]/lim`;

describe('export-only database compilers', () => {
  it('Scopus: TITLE-ABS-KEY per block, loose phrases in quotes, * truncation, PUBYEAR/LANGUAGE/DOCTYPE, AND NOT last', () => {
    const c = compileFor('scopus', protocol());
    expect(c.query).toBe(SCOPUS);
    expect(c.platform).toBe('Scopus (Elsevier)');
    expect(c.limits).toEqual([
      { code: 'years', field: 'PUBYEAR', value: '2010-2023' },
      { code: 'languages', field: 'LANGUAGE', value: 'portuguese, english' },
      { code: 'documentTypes', field: 'DOCTYPE', value: 'ar' },
    ]);
    expect(c.warnings.map((w) => w.code)).toEqual(['FULLTEXT_NOT_FILTERED']);
  });

  it('Web of Science: TS= per block, PY= range, LA= and DT=', () => {
    const c = compileFor('wos', protocol());
    expect(c.query).toBe(WOS);
    expect(c.databases).toEqual(['Web of Science Core Collection']);
  });

  it('Embase: Emtree guesses with /exp flagged for checking, free text :ti,ab,kw, /py and /lim limits', () => {
    const c = compileFor('embase', protocol());
    expect(c.query).toBe(EMBASE);
    expect(c.warnings).toContainEqual({ code: 'EMTREE_UNCHECKED', params: { terms: "'mental health'/exp, 'primary health care'/exp" } });
  });

  it('opens a one-ended year range the way each database takes it, and says so where it completes it', () => {
    const p = protocol((y) => y.replace('years: { from: 2010, to: 2023 }', 'years: { from: 2010 }'));
    expect(compileFor('scopus', p).query).toContain('AND PUBYEAR > 2009 AND LANGUAGE');
    expect(compileFor('scopus', p).query).not.toContain('PUBYEAR <');
    const wos = compileFor('wos', p);
    const year = new Date().getUTCFullYear();
    expect(wos.query).toContain(`PY=(2010-${year})`);
    expect(wos.warnings).toContainEqual({ code: 'YEARS_COMPLETED', params: { source: 'Web of Science', given: '2010-', start: 2010, end: year } });
  });

  it('searches a descriptor without an English form in Portuguese, and reports a document type it cannot map', () => {
    const p = protocol((y) => y.replace(/          en: Primary Health Care\n          mesh: D011320\n/, '').replace('documentTypes: [article]', 'documentTypes: [article, case-report]'));
    const scopus = compileFor('scopus', p);
    expect(scopus.query).toContain('TITLE-ABS-KEY("Atenção Primária à Saúde" OR "Primary Care" OR nurs*');
    expect(scopus.warnings).toContainEqual(expect.objectContaining({ code: 'DOCTYPE_NOT_MAPPED', params: expect.objectContaining({ type: 'case-report' }) }));
    const embase = compileFor('embase', p);
    expect(embase.query).toContain("('Atenção Primária à Saúde':ti,ab,kw OR");
    expect(embase.warnings).toContainEqual({ code: 'NO_ENGLISH_FORM', params: { term: 'Atenção Primária à Saúde' } });
  });
});

describe('review search on export-only sources', () => {
  it('protocol validation accepts scopus, wos and embase and still names an unknown id', () => {
    expect(protocol().sources.map((s) => s.id)).toEqual(['scopus', 'wos', 'embase']);
    const bad = runCli(['init', path.join(tempDir(), 'rev'), '--protocol', writeTemp(fs.readFileSync(FIXTURE, 'utf8').replace('- id: wos', '- id: webofscience'))]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"scopus", "wos", "embase" (sources[1].id)');
  });

  it('--dry-run prints each strategy with its platform, in English and Portuguese', () => {
    const dir = review();
    const en = runCli(['search', dir, '--dry-run']);
    expect(en.code).toBe(0);
    for (const q of [SCOPUS, WOS, EMBASE]) expect(en.stdout).toContain(`\n${q}\n`);
    expect(en.stdout).toContain('== Web of Science — Web of Science Core Collection (Clarivate) ==');
    expect(en.stdout).toContain('Embase is import-only');
    expect(en.stdout).toContain('Check each one in Emtree');
    expect(en.stdout).toContain(`review import ${dir} FILE --source wos`);
    const pt = runCli(['search', dir, '--dry-run', '--lang', 'pt-BR']);
    expect(pt.code).toBe(0);
    expect(pt.stdout).toContain('A Scopus só entra por importação');
    expect(pt.stdout).toContain('Confira cada um no Emtree');
    expect(pt.stdout).toContain(`review import ${dir} ARQUIVO --source embase`);
    const json = JSON.parse(runCli(['search', dir, '--dry-run', '--json']).stdout) as { source: string; query: string; live: boolean }[];
    expect(json.map((p) => [p.source, p.query, p.live])).toEqual([['scopus', SCOPUS, false], ['wos', WOS, false], ['embase', EMBASE, false]]);
  });

  it('refuses a live search of one of them, in English and Portuguese, and only mentions them in a full run', () => {
    const dir = review();
    const en = runCli(['search', dir, '--source', 'wos']);
    expect(en.code).toBe(1);
    expect(en.stderr).toContain('Web of Science is import-only and cannot be searched by the tool');
    expect(en.stderr).toContain(`review import ${dir} FILE --source wos`);
    const pt = runCli(['search', dir, '--source', 'scopus'], { env: { LANG: 'pt_BR.UTF-8' } });
    expect(pt.code).toBe(1);
    expect(pt.stderr).toContain('A Scopus só entra por importação e não pode ser buscada pela ferramenta');
    expect(pt.stderr).toContain(`review import ${dir} ARQUIVO --source scopus`);
    const all = runCli(['search', dir]);
    expect(all.code).toBe(0);
    expect(all.stderr).toContain(`Embase skipped: import-only (see review search ${dir} --dry-run --source embase).`);
    expect(fs.readdirSync(path.join(dir, 'data', 'searches'))).toEqual([]);
  });

  it('an import with --source wos logs the protocol strategy, and the report gives it with the platform', () => {
    const dir = review();
    const file = path.join(tempDir('review-export-only-'), 'savedrecs.txt');
    fs.copyFileSync(fixturePath('csv', 'wos-tab-delimited-utf8.txt'), file);
    const r = runCli(['import', dir, file, '--source', 'wos', '--searched-on', '2024-05-02']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const events = fs.readFileSync(path.join(dir, 'data', 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; search?: { query: string; queryFrom: string; platform: string } });
    expect(events.find((e) => e.type === 'import')?.search).toEqual(expect.objectContaining({ query: WOS, queryFrom: 'protocol', platform: 'Web of Science Core Collection (Clarivate)' }));
    for (const lang of ['pt-BR', 'en']) {
      expect(runCli(['report', dir, '--lang', lang]).code).toBe(0);
      const report = fs.readdirSync(path.join(dir, 'out')).filter((f) => f.startsWith('report') && f.endsWith('.md')).map((f) => fs.readFileSync(path.join(dir, 'out', f), 'utf8')).join('\n');
      expect(report).toContain(WOS);
      expect(report).toContain('Web of Science Core Collection (Clarivate)');
    }
  });
});

function writeTemp(text: string): string {
  const file = path.join(tempDir('review-export-only-'), 'protocol.yaml');
  fs.writeFileSync(file, text);
  return file;
}
