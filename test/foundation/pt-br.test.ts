// With LANG=pt_BR.UTF-8, every command's help and its typical errors (unknown command, missing
// argument, unknown option, bad option value, bad protocol) speak Portuguese: an English-word
// detector finds no English sentence, and an error stays short (no whole help after it).
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { QUERY_LIMIT_CODES, limitsText } from '../../src/core/query/compiled.js';
import { SOURCE_REASON_CODES, sourceReasonText } from '../../src/core/query/sourceReason.js';
import { t } from '../../src/ui/i18n.js';
import { protocolPath, runCli, tempDir, type CliResult } from '../helpers/cli.js';

const PT = { LANG: 'pt_BR.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const pt = (args: string[]): CliResult => runCli(args, { env: PT });

/**
 * Words that only English has: function words and the words of commander's own messages
 * (not "for", "no", "do", "a", "use": Portuguese words too).
 */
const ENGLISH = new Set(
  ('the of and or to is are was were be been with from this that these not missing required invalid usage error ' +
    'errors options option command commands argument arguments unknown expected file files folder records record ' +
    'show shows print prints write writes default help too many must should cannot could found only each every ' +
    'see run at on in by it its has have which when then than your you did mean allowed choices given got specified')
    .split(' '),
);

/** What may stay as written: flags, placeholders, paths, URLs, codes, env names, product names, quoted values. */
function prose(text: string): string {
  return text
    .replace(/Publish or Perish|Web of Science|Landis & Koch|Google Scholar/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/"[^"\n]*"|'[^'\n]*'/g, ' ')
    .replace(/\breview(?: [a-z-]+)?/g, ' ')
    .replace(/(^|\s)--?[\w-]+/g, ' ')
    .replace(/<[^>\n]*>|\[[^\]\n]*\]/g, ' ')
    .replace(/\S*[/\\]\S*|\S+\.(?:ya?ml|csv|ris|nbib|xml|bib|json|svg|md|txt)\b/g, ' ')
    .replace(/^ {2}help\b/gm, ' ')
    .replace(/\w*_\w*/g, ' ')
    .replace(/\b[A-Z][A-Z0-9_]{2,}\b/g, ' ');
}

/** The English words left in a text once what may stay as written is taken out. */
function englishWords(text: string): string[] {
  return (prose(text).toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => ENGLISH.has(w));
}

function expectPortuguese(r: CliResult, what: string): void {
  const all = `${r.stdout}\n${r.stderr}`;
  expect(all.trim(), what).not.toBe('');
  expect(englishWords(all), `${what}:\n${all}`).toEqual([]);
}

/** An error: exit 1, on stderr, in at most a few lines (the whole help would push it off a 24-line screen). */
function expectShortError(r: CliResult, what: string, maxLines = 4): void {
  expect(r.code, what).toBe(1);
  expectPortuguese(r, what);
  expect(r.stderr.trim().split('\n').length, `${what}:\n${r.stderr}`).toBeLessThanOrEqual(maxLines);
}

describe('the English-word detector', () => {
  it('finds commander English and protocol English, and lets Portuguese with flags and names through', () => {
    expect(englishWords("error: missing required argument 'dir'")).toEqual(['error', 'missing', 'required', 'argument']);
    expect(englishWords('Usage: review [options] [command]')).toEqual(['usage']);
    expect(englishWords('p.yaml:3  erro  invalid YAML: expected one of "PICo"')).toEqual(['invalid', 'expected', 'of']);
    expect(englishWords('erro: falta o argumento obrigatório <pasta>\nVeja: review init --help')).toEqual([]);
    expect(englishWords('importa exportações do Publish or Perish (CSV) para a pasta; veja https://example.org/the/of')).toEqual([]);
    expect(englishWords('força o formato; record_id, uma coluna por campo')).toEqual([]);
  });
});

describe('pt-BR everywhere a user looks (LANG=pt_BR.UTF-8)', () => {
  let dir: string;
  let work: string;
  beforeAll(() => {
    work = tempDir('review-ptbr-');
    dir = path.join(work, 'r');
    const r = pt(['init', dir, '--protocol', protocolPath('matriciamento-saude-mental.yaml')]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('review --help and review without a command', () => {
    const help = pt(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Uso: review \[opções\] \[comando\]/);
    expectPortuguese(help, 'review --help');
    expectPortuguese(pt([]), 'review');
  });

  it.each(COMMANDS.map((c) => c.name))('review %s --help', (name) => {
    const r = pt([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Uso: review ${name}`);
    expectPortuguese(r, `review ${name} --help`);
    // One name per thing: the file placeholder is <arquivo>, never <file> or FILE.
    expect(r.stdout).not.toMatch(/<file>|\bFILE\b|Google Scholar/);
  });

  it('an unknown command: the error, a suggestion, and one line pointing to --help', () => {
    const r = pt(['statsu']);
    expectShortError(r, 'review statsu');
    expect(r.stderr).toContain('comando desconhecido "statsu"');
    expect(r.stderr).toContain('status');
    expect(r.stderr.trim().split('\n').at(-1)).toBe('Veja: review --help');
    expect(r.stdout).toBe('');
  });

  it.each(COMMANDS.filter((c) => c.name !== 'demo').map((c) => c.name))('review %s without its argument', (name) => {
    const r = pt([name]);
    expectShortError(r, `review ${name}`);
    expect(r.stderr).toMatch(/falta o argumento obrigatório|a opção .* é obrigatória/);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(`Veja: review ${name} --help`);
  });

  // The options a command requires, so that the unknown option is what it complains about.
  const required: Record<string, string[]> = { init: ['--protocol', 'p.yaml'], simulate: ['--labels', 'x'], export: ['--format', 'csv'] };
  it.each(COMMANDS.map((c) => c.name))('review %s with an unknown option', (name) => {
    const r = pt([name, dir, ...(required[name] ?? []), '--nao-existe']);
    expectShortError(r, `review ${name} --nao-existe`);
    expect(r.stderr).toContain('opção desconhecida "--nao-existe"');
  });

  it('too many arguments, an option without its value', () => {
    expectShortError(pt(['status', dir, 'outra']), 'review status DIR outra');
    expectShortError(pt(['init', path.join(work, 'x'), '--protocol']), 'review init DIR --protocol');
  });

  it('search --dry-run: the plan of every source in Portuguese (queries and URLs as the portals take them)', () => {
    const r = pt(['search', dir, '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    // The query (the line after "consulta (N cláusulas):") and the URLs are the portals' syntax, not prose.
    const ls = r.stdout.split('\n');
    const withoutQueries = ls.filter((l, i) => !/^https?:/.test(l) && !/^consulta \(/.test(ls[i - 1] ?? '')).join('\n');
    expectPortuguese({ ...r, stdout: withoutQueries }, 'search --dry-run');
    expect(r.stdout).toContain('Google Acadêmico');
    expect(r.stdout).not.toMatch(/Google Scholar(?! \()|\bFILE\b/);
  });

  const badValues: [string, (dir: string) => string[]][] = [
    ['search --max abc', (d) => ['search', d, '--dry-run', '--max', 'abc']],
    ['search --source x', (d) => ['search', d, '--source', 'nenhuma']],
    ['search --timeout 0', (d) => ['search', d, '--timeout', '0']],
    ['screen --stage x', (d) => ['screen', d, '--stage', 'nenhuma']],
    ['screen --order x', (d) => ['screen', d, '--order', 'nenhuma', '--apply-limits']],
    ['screen --seed x', (d) => ['screen', d, '--seed', 'x', '--apply-limits']],
    ['conflicts --stage x', (d) => ['conflicts', d, '--stage', 'nenhuma']],
    ['agreement --stage x', (d) => ['agreement', d, '--stage', 'nenhuma']],
    ['dedup --format x', (d) => ['dedup', d, '--report', '--format', 'xml']],
    ['export --format x', (d) => ['export', d, '--format', 'docx2']],
    ['export --set x', (d) => ['export', d, '--set', 'nenhum']],
    ['import --source x', (d) => ['import', d, protocolPath('matriciamento-saude-mental.yaml'), '--source', 'nenhuma']],
    ['import a missing file', (d) => ['import', d, path.join(d, 'nao-existe.ris')]],
    ['descriptors --lookup without a key', (d) => ['descriptors', d, '--lookup', 'cuidado']],
    ['extract --from a missing file', (d) => ['extract', d, '--from', path.join(d, 'nao-existe.csv')]],
    ['simulate a missing file', () => ['simulate', 'nao-existe.csv', '--labels', 'incluido']],
    ['status on a folder that is not a review', (d) => ['status', path.dirname(d)]],
  ];
  it.each(badValues)('a bad value: %s', (_what, args) => {
    const r = runCli(args(dir), { env: { ...PT, DECS_API_KEY: '' } });
    expect(r.code, `${r.stdout}\n${r.stderr}`).not.toBe(0);
    expectPortuguese(r, args(dir).join(' '));
  });

  const badProtocols: [string, string, RegExp][] = [
    ['invalid YAML', 'id: x\ntitle: [sem fim\n', /YAML inválido/],
    ['an unknown key', 'id: x\ntitle: T\nquestion: {framework: PICo}\nsearch: {blocks: [{name: a, terms: [{keyword: b}]}]}\nsources: [{id: bvs}]\neligibility: {inclusion: [], exclusion: [{code: E1, text: t}]}\ncolor: azul\n', /chave desconhecida/],
    ['a missing required key', 'id: x\ntitle: T\nquestion: {framework: PICo}\nsearch: {blocks: [{name: a, terms: [{keyword: b}]}]}\nsources: [{id: bvs}]\n', /falta a chave obrigatória/],
    ['a value outside the list', 'id: x\ntitle: T\nquestion: {framework: SPIDER}\nsearch: {blocks: [{name: a, terms: [{keyword: b}]}]}\nsources: [{id: bvs}]\neligibility: {inclusion: [], exclusion: [{code: E1, text: t}]}\n', /esperado um destes/],
    ['a wrong type', 'id: x\ntitle: T\nquestion: {framework: PICo}\nsearch: {blocks: [{name: a, terms: [{keyword: b}]}]}\nsources: [{id: bvs}]\nlimits: {fullText: talvez}\neligibility: {inclusion: [], exclusion: [{code: E1, text: t}]}\n', /esperado/],
    ['an empty list', 'id: x\ntitle: T\nquestion: {framework: PICo}\nsearch: {blocks: [{name: a, terms: [{keyword: b}]}]}\nsources: []\neligibility: {inclusion: [], exclusion: [{code: E1, text: t}]}\n', /pelo menos/],
    ['a reversed year range and a code used twice', 'id: x\ntitle: T\nquestion: {framework: PICo}\nsearch: {blocks: [{name: a, terms: [{keyword: b}]}]}\nsources: [{id: bvs}]\nlimits: {years: {from: 2020, to: 2010}}\neligibility: {inclusion: [{code: E1, text: a}], exclusion: [{code: E1, text: t}]}\n', /invertido/],
  ];
  it.each(badProtocols)('a bad protocol: %s names file and line in Portuguese', (_what, yaml, expected) => {
    const file = path.join(work, `p-${Math.random().toString(36).slice(2)}.yaml`);
    fs.writeFileSync(file, yaml);
    const r = pt(['init', path.join(work, `r-${path.basename(file, '.yaml')}`), '--protocol', file]);
    expect(r.code).toBe(1);
    expectPortuguese(r, `protocol with ${_what}`);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr).toMatch(new RegExp(`${path.basename(file).replace('.', '\\.')}:\\d+`));
  });
});

/** Lines of a terminal output without the queries (portal syntax: OR, AND, field:term) and URLs. */
const withoutQueries = (text: string) =>
  text
    .split('\n')
    .filter((l) => !/ (OR|AND) |^\s*https?:/.test(l))
    .join('\n');

describe('codes from the query compilers and the live sources, worded at the edge', () => {
  it('every limit and every failure reason has Portuguese words (and English ones), none left as its code', () => {
    const tr = (lang: 'pt-BR' | 'en') => (k: string, p?: Record<string, string | number | undefined>) => t(k, p, lang);
    for (const code of QUERY_LIMIT_CODES) {
      const pt = limitsText([{ code, field: 'x', value: '2010-2020' }], tr('pt-BR'));
      expect(pt, code).not.toContain('search.limit');
      expect(englishWords(pt), pt).toEqual([]);
      expect(limitsText([{ code, field: 'x', value: '' }], tr('en'))).not.toContain('search.limit');
    }
    expect(limitsText([{ code: 'years', field: 'as_ylo, as_yhi', value: '2007-2015' }], tr('pt-BR'))).toBe('anos: 2007-2015 (as_ylo, as_yhi)');
    for (const code of SOURCE_REASON_CODES) {
      const params = { status: 500, seconds: 60, ms: 30000, code: 'EPIPE', bytes: 12, error: 'x' };
      const pt = sourceReasonText({ code, params }, tr('pt-BR'));
      expect(pt, code).not.toContain('search.reason');
      expect(englishWords(pt), pt).toEqual([]);
      expect(pt).not.toBe(sourceReasonText({ code, params }, tr('en')).replace(/^HTTP \d+$/, ''));
    }
    expect(sourceReasonText({ code: 'CDN_BLOCK', params: {} }, tr('pt-BR'))).toBe('página de bloqueio do provedor de rede (CDN)');
    expect(sourceReasonText({ code: 'NETWORK', params: { code: 'ECONNREFUSED' } }, tr('pt-BR'))).toBe('conexão recusada');
  });
});

describe('pt-BR in what a search that fails and the demo outputs show', () => {
  let work: string;
  let demo: string;
  beforeAll(() => {
    work = tempDir('review-ptbr-sweep-');
    demo = path.join(work, 'demo');
    const r = pt(['demo', demo]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('a live search against a closed port: one Portuguese line of what happened, the query and the import steps', () => {
    const dir = path.join(work, 'r');
    expect(pt(['init', dir, '--protocol', protocolPath('matriciamento-saude-mental.yaml')]).code).toBe(0);
    const env = { ...PT, REVIEW_SCIELO_URL: 'http://127.0.0.1:1', REVIEW_HTTP_RETRIES: '1', REVIEW_HTTP_BACKOFF_MS: '10' };
    const r = runCli(['search', dir, '--source', 'scielo'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('A fonte SciELO não deu resposta utilizável após 2 tentativas (conexão recusada). Faça a busca manualmente:');
    expect(r.stderr).toMatch(/tentativa 1 falhou \(conexão recusada\); nova tentativa em 0,0 s/);
    expect(r.stderr).toContain('a SciELO não informou o número de resultados (conexão recusada)');
    expect(r.stderr).toContain('--source scielo');
    expect(r.stderr).not.toMatch(/ECONNREFUSED|network error|timeout after|no usable answer/);
    expectPortuguese({ ...r, stderr: withoutQueries(r.stderr) }, 'search against a closed port');
    const probe = runCli(['search', dir, '--probe'], { env: { ...env, REVIEW_BVS_URL: 'http://127.0.0.1:1' } });
    expect(probe.stdout).toContain('SciELO: sem resposta utilizável (conexão recusada)');
    expectPortuguese({ ...probe, stdout: withoutQueries(probe.stdout) }, 'search --probe against a closed port');
  });

  it('Google Acadêmico is the one name of Google Scholar in the diagram, the report, status, prisma and dedup', () => {
    const svg = fs.readFileSync(path.join(demo, 'out', 'prisma.svg'), 'utf8');
    expect(svg).toContain('Google Acadêmico (n = 10)');
    expect(svg).not.toContain('Google Scholar');
    const md = fs.readFileSync(path.join(demo, 'out', 'report.md'), 'utf8');
    expect(md).toContain('### Google Acadêmico - google-scholar-pop.csv');
    expect(md).toContain('- **Plataforma:** Google Acadêmico (só por importação: navegador ou Publish or Perish)');
    expect(md).not.toContain('Google Scholar');
    for (const args of [['status', demo], ['prisma', demo], ['dedup', demo]]) {
      const r = pt(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout, args.join(' ')).toContain('Google Acadêmico');
      expect(r.stdout, args.join(' ')).not.toMatch(/Google Scholar|google-scholar\//);
    }
  });

  it('the limits of each strategy in words, with the portal field they go in (report, search --dry-run)', () => {
    const md = fs.readFileSync(path.join(demo, 'out', 'report.md'), 'utf8');
    expect(md).toContain('- **Limites:** anos: 2010-2023 (as_ylo, as_yhi)');
    expect(md).toContain('- **Limites:** bases: LILACS, BDENF (db); idiomas: pt, es, en (la); tipos de documento: article (type); anos: 2010-2023 (year)');
    expect(md).not.toMatch(/\byears:|- \*\*Limites:\*\* db:/);
    const dry = pt(['search', demo, '--dry-run', '--source', 'google-scholar']);
    expect(dry.stdout).toContain('limites: anos: 2010-2023 (as_ylo, as_yhi)');
    expect(dry.stdout).not.toContain('years:');
  });

  it('zero takes the plural, stages and formats have Portuguese names (import, decisions, demo)', () => {
    const r = pt(['import', demo, path.join(demo, 'out', 'selected-articles.csv'), '--source', 'other']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/10 registros lidos, 0 rejeitados, 0 avisos/);
    const d = pt(['decisions', demo]);
    expect(d.stdout).toContain('Título/resumo');
    expect(d.stdout).not.toMatch(/title-abstract|fulltext/);
    const again = pt(['demo', path.join(work, 'demo2')]);
    expect(again.stdout).toContain('8 registros (texto MEDLINE/PubMed (.nbib))');
    expect(again.stdout).toContain('10 registros (CSV do Publish or Perish)');
    expect(again.stdout).toContain('  resultados no Word');
  });
});
