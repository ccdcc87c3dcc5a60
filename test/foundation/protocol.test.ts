import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../../src/core/protocol.js';
import { fixturePath, protocolPath, runCli, tempDir, ROOT } from '../helpers/cli.js';

const seeds = fs.readdirSync(`${ROOT}/protocols`).filter((f) => f.endsWith('.yaml'));

describe('seed protocols', () => {
  it('there are three of them', () => expect(seeds.length).toBe(3));

  it.each(seeds)('%s validates and keeps its accents', (name) => {
    const text = fs.readFileSync(protocolPath(name), 'utf8');
    const { protocol, problems } = parseProtocol(text, name);
    expect(problems).toEqual([]);
    expect(protocol!.search.blocks.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(protocol)).toMatch(/Atenção Primária à Saúde|Atenção Básica/);
    expect(protocol!.eligibility.exclusion.every((c) => /^E\d+$/.test(c.code))).toBe(true);
    expect(protocol!.themes!.length).toBeGreaterThan(2);
  });

  it('matriciamento keeps Matriciamento as a keyword, not a descriptor', () => {
    const { protocol } = parseProtocol(fs.readFileSync(protocolPath('matriciamento-saude-mental.yaml'), 'utf8'), 'x');
    const terms = protocol!.search.blocks.flatMap((b) => b.terms);
    expect(terms).toContainEqual(expect.objectContaining({ keyword: 'matriciamento' }));
    expect(terms.some((t) => 'descriptor' in t && /matricia/i.test(t.descriptor))).toBe(false);
    expect(protocol!.sources.map((s) => s.id)).toEqual(['bvs', 'scielo', 'google-scholar']);
    expect([...new Set(protocol!.themes!.map((t) => t.group))]).toEqual(['Potencialidades', 'Impasses']);
  });

  it('the 2007-2015 review carries its limits', () => {
    const { protocol } = parseProtocol(fs.readFileSync(protocolPath('desafios-saude-mental-atencao-basica.yaml'), 'utf8'), 'x');
    expect(protocol!.limits).toEqual({ years: { from: 2007, to: 2015 }, languages: ['pt'], fullText: true, documentTypes: ['article'] });
    expect(protocol!.sources).toEqual([{ id: 'bvs', databases: ['LILACS', 'BDENF'] }, { id: 'scielo' }]);
  });
});

function problemsOf(name: string) {
  return parseProtocol(fs.readFileSync(fixturePath('protocols', name), 'utf8'), name).problems;
}

describe('broken protocols', () => {
  it('lists every wrong type with key path and line', () => {
    const p = problemsOf('broken-types.yaml');
    const byPath = Object.fromEntries(p.map((d) => [d.path, d]));
    expect(byPath['search.blocks[0].terms[0].mesh']).toMatchObject({ code: 'PROTOCOL_TYPE', line: 10 });
    expect(byPath['sources[0].databases']).toMatchObject({ code: 'PROTOCOL_TYPE', line: 13 });
    expect(byPath['limits.years.from']).toMatchObject({ code: 'PROTOCOL_TYPE', line: 15 });
    expect(byPath['limits.fullText']).toMatchObject({ code: 'PROTOCOL_TYPE', line: 16 });
    expect(p.every((d) => d.fatal)).toBe(true);
  });

  it('names unknown keys at their own line', () => {
    const p = problemsOf('broken-unknown-key.yaml');
    expect(p).toContainEqual(expect.objectContaining({ code: 'PROTOCOL_UNKNOWN_KEY', path: 'search.blocks[0].terms[0].ingles', line: 10 }));
    expect(p).toContainEqual(expect.objectContaining({ code: 'PROTOCOL_UNKNOWN_KEY', path: 'limits.idiomas', line: 14 }));
  });

  it('refuses an empty list of search blocks', () => {
    expect(problemsOf('broken-missing-block.yaml')).toEqual([
      expect.objectContaining({ code: 'PROTOCOL_EMPTY', path: 'search.blocks', line: 6 }),
    ]);
  });

  it('reports bad YAML with a line', () => {
    const p = problemsOf('broken-yaml.yaml');
    expect(p.length).toBeGreaterThan(0);
    expect(p[0].code).toBe('PROTOCOL_YAML');
    expect(p[0].line).toBeGreaterThan(1);
  });

  it('a missing required key points at its parent', () => {
    const p = parseProtocol('id: x\ntitle: T\nquestion:\n  framework: PICo\nsources:\n  - id: bvs\neligibility:\n  inclusion: []\n  exclusion: [{code: E1, text: t}]\n', 'p.yaml').problems;
    expect(p).toEqual([expect.objectContaining({ code: 'PROTOCOL_MISSING_KEY', path: 'search', line: 1 })]);
  });

  it('catches reversed years and duplicate criterion codes', () => {
    const base = fs.readFileSync(protocolPath('desafios-saude-mental-atencao-basica.yaml'), 'utf8');
    const text = base.replace('years: { from: 2007, to: 2015 }', 'years: { from: 2015, to: 2007 }').replace('code: E2', 'code: E1');
    const codes = parseProtocol(text, 'x').problems.map((d) => d.code).sort();
    expect(codes).toEqual(['PROTOCOL_DUPLICATE', 'PROTOCOL_YEARS']);
  });

  it.each(['broken-types.yaml', 'broken-unknown-key.yaml', 'broken-missing-block.yaml', 'broken-yaml.yaml'])(
    'review init with %s exits 1 naming file, line and key path',
    (name) => {
      const dir = tempDir();
      const r = runCli(['init', `${dir}/r`, '--protocol', fixturePath('protocols', name)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${name}:`);
      expect(r.stderr).toMatch(/PROTOCOL_[A-Z_]+/);
      expect(fs.existsSync(`${dir}/r/review.json`)).toBe(false);
    },
  );
});
