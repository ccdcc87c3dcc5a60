import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import chalk from 'chalk';
import stringWidth from 'string-width';
import { layoutScreen, renderScreen, wrapLegend, type ScreenViewModel } from '../../src/ui/screenView.js';
import { wrapWithOffsets } from '../../src/ui/text.js';
import { compileHighlightTerms } from '../../src/core/screening/highlight.js';
import { setLang } from '../../src/ui/i18n.js';

setLang('pt-BR');

const longAbstract = Array.from({ length: 40 }, (_, i) => `Frase ${i + 1} sobre saúde mental na atenção básica e o apoio matricial das equipes.`).join(' ');

const LEGEND = 'i incluir  e excluir  m talvez  s pular  u desfazer  n nota  / buscar  o abrir link  ↓↑ Espaço rolar  a ordem aleatória  c critérios  t idioma  q sair';

function model(mode: ScreenViewModel['mode'] = 'decide'): ScreenViewModel {
  return {
    header: 'Título/resumo · revisor(a) ana · 3/120 feitos, restam 117, 2 incluídos',
    subheader: '[i001-00004] ordem de relevância · ~12 relevantes restantes (estimativa do modelo, alta no início) · 3 exclusões desde a última inclusão',
    record: {
      id: 'i001-00004',
      title: 'Um título muito longo sobre os desafios das ações de saúde mental na atenção básica, com enfermeiros, agentes comunitários e médicos de família em três regiões do Brasil',
      titleLang: 'pt',
      otherTitleLangs: ['en', 'es'],
      authors: 'Silva, Maria; Souza, João; Pereira, Ana; Oliveira, Carlos; Santos, Beatriz; Lima, Paulo et al.',
      year: 2013,
      journal: 'Revista Brasileira de Enfermagem',
      databases: ['LILACS', 'BDENF', 'SciELO'],
      abstract: longAbstract,
      descriptors: ['Saúde Mental', 'Atenção Primária à Saúde', 'Estratégia Saúde da Família', 'Enfermagem'],
      terms: [{ label: 'Saúde Mental', count: 40 }],
      notes: ['rever método'],
      links: ['https://doi.org/10.1590/s0034-71672013000400012', 'https://pesquisa.bvsalud.org/portal/resource/pt/lil-700000'],
    },
    highlightTerms: compileHighlightTerms({ search: { blocks: [{ name: 'A', terms: [{ descriptor: 'Saúde Mental' }] }] } }),
    mode,
    keys: LEGEND,
    reasons: Array.from({ length: 5 }, (_, i) => ({ code: `E${i + 1}`, text: `Critério de exclusão número ${i + 1}` })),
    inclusion: [{ code: 'I1', text: 'Trata de saúde mental na atenção básica' }],
    noteText: '',
    message: 'Salvo: i001-00003 incluído.',
  };
}

describe('screen layout', () => {
  for (const [columns, rows] of [[80, 24], [60, 15], [120, 40]] as const) {
    for (const mode of ['decide', 'reason', 'criteria', 'note'] as const) {
      it(`fits ${columns}x${rows} in ${mode} mode, header first, keys or prompt last`, () => {
        const lines = stripVTControlCharacters(renderScreen(model(mode), columns, rows)).split('\n');
        expect(lines.length).toBeLessThanOrEqual(rows - 1);
        for (const l of lines) expect(stringWidth(l)).toBeLessThan(columns);
        expect(lines[0]).toMatch(/^Título\/resumo/);
        if (mode === 'decide') {
          expect(lines.at(-1)).toBe('Salvo: i001-00003 incluído.');
          // At 80 columns and more the hint is whole and names the keys.
          expect(lines.join('\n')).toMatch(columns >= 80 ? /\(continua: mais \d+ linhas — ↓ ou Espaço rola, PgDn uma página\)/ : /\(continua: mais \d+ linhas — ↓/);
        }
        if (mode === 'reason') expect(lines.join('\n')).toContain('5  E5  Critério de exclusão número 5');
      });
    }
  }

  it('wraps without losing text and keeps offsets for highlighting', () => {
    const text = 'Atenção básica e saúde mental:\numa revisão integrativa da literatura brasileira';
    const pieces = wrapWithOffsets(text, 20);
    for (const p of pieces) expect(text.slice(p.start, p.start + p.text.length)).toBe(p.text);
    expect(pieces.map((p) => p.text).join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
  });

  it('scrolls through a 40-sentence abstract: every line is shown on some page, the hint names the keys', () => {
    const vm = model();
    const all = wrapWithOffsets(vm.record.abstract, 79).map((p) => p.text);
    const seen = new Set<string>();
    let scroll = 0;
    let hints: string[] = [];
    for (let page = 0; page < 100; page++) {
      const l = layoutScreen({ ...vm, scroll }, 80, 24);
      const lines = stripVTControlCharacters(l.text).split('\n');
      expect(lines.length).toBeLessThanOrEqual(23);
      for (const line of lines) if (all.includes(line)) seen.add(line);
      hints = lines.filter((x) => /^\(continua|^\(linhas/.test(x));
      expect(hints).toHaveLength(1);
      if (l.scroll + l.room >= l.total) break;
      scroll = l.scroll + Math.max(1, l.room - 1);
    }
    expect([...seen].sort()).toEqual([...all].sort());
    expect(hints[0]).toMatch(/fim do resumo — ↑ ou PgUp volta/);
    // Scrolled, the reading view keeps the first title line and the link, and drops the rest of the head.
    const mid = stripVTControlCharacters(layoutScreen({ ...vm, scroll: 3 }, 80, 24).text);
    expect(mid).toContain('Link (o): https://doi.org/10.1590/s0034-71672013000400012 (+1)');
    expect(mid).not.toContain('Autores:');
    expect(mid).toMatch(/\(linhas 4–\d+ de \d+ — ↓\/Espaço desce, ↑\/PgUp sobe\)/);
  });

  it('highlights protocol terms inside the title and the abstract', () => {
    const level = chalk.level;
    chalk.level = 1;
    try {
      const text = renderScreen(model(), 80, 24);
      const hl = chalk.bold.yellow('saúde mental');
      const lines = text.split('\n');
      expect(lines.find((l) => stripVTControlCharacters(l).startsWith('[pt] Um título'))).toContain(hl);
      expect(lines.find((l) => stripVTControlCharacters(l).startsWith('Frase 1 sobre'))).toContain(hl);
    } finally {
      chalk.level = level;
    }
  });

  it('wraps the legend between keys at every width from 80 to 160, never inside "o abrir link"', () => {
    const items = LEGEND.split('  ');
    for (let columns = 80; columns <= 160; columns++) {
      const lines = wrapLegend(LEGEND, columns - 1);
      for (const l of lines) expect(stringWidth(l)).toBeLessThan(columns);
      expect(lines.flatMap((l) => l.split('  '))).toEqual(items);
      const rendered = stripVTControlCharacters(renderScreen(model(), columns, 24)).split('\n');
      for (const l of rendered) expect(stringWidth(l)).toBeLessThan(columns);
      // Every word on the screen is a whole word of the abstract: nothing breaks inside a word.
      const words = new Set(model().record.abstract.split(' '));
      for (const l of rendered.filter((x) => x.startsWith('Frase'))) for (const w of l.split(' ')) expect(words.has(w)).toBe(true);
    }
  });

  it('never cuts a link: a long URL wraps whole; a missing PDF says where to save it', () => {
    const long = `https://pesquisa.bvsalud.org/portal/resource/pt/${'x'.repeat(120)}`;
    const vm = model();
    vm.record.links = [long];
    vm.record.pdf = { path: '/home/ana/minha-revisao/fulltext/i001-00004.pdf', exists: false };
    const lines = stripVTControlCharacters(renderScreen(vm, 80, 24)).split('\n');
    const start = lines.findIndex((l) => l.startsWith('Link (o):'));
    const end = lines.findIndex((l, i) => i > start && l.startsWith('PDF:'));
    expect(lines.slice(start, end).join('').replace(/^Link \(o\): ?/, '')).toBe(long);
    expect(lines.slice(end, end + 2).join(' ')).toBe('PDF: não encontrado; salve o texto como /home/ana/minha-revisao/fulltext/i001-00004.pdf');
  });

  it('measures wide characters by their columns', () => {
    const cjk = '精神卫生 初级保健 护理人员 的 看法 与 经验 研究 '.repeat(6);
    for (const p of wrapWithOffsets(cjk, 30)) expect(stringWidth(p.text)).toBeLessThanOrEqual(30);
  });

  it('search results: numbered, and says when there are more than it shows', () => {
    const vm = { ...model('results'), noteText: 'saude', results: Array.from({ length: 9 }, (_, i) => `[i001-0000${i + 1}] · 2013 · Silva · Título ${i + 1}`), resultsTotal: 23 };
    const text = stripVTControlCharacters(renderScreen(vm, 80, 24));
    expect(text).toContain('Registros que contêm "saude":');
    expect(text).toContain('  9  [i001-00009] · 2013 · Silva · Título 9');
    expect(text).toContain('Os primeiros 9 de 23 registros: acrescente uma palavra para refinar a busca.');
    expect(text.split('\n').at(-1)).toBe('Digite o número para abrir; Esc volta.');
  });
});
