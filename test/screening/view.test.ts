import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderScreen, wrapWithOffsets, type ScreenViewModel } from '../../src/ui/screenView.js';
import { compileHighlightTerms } from '../../src/core/screening/highlight.js';
import { setLang } from '../../src/ui/i18n.js';

setLang('pt-BR');

const longAbstract = Array.from({ length: 40 }, (_, i) => `Frase ${i + 1} sobre saúde mental na atenção básica e o apoio matricial das equipes.`).join(' ');

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
    },
    highlightTerms: compileHighlightTerms({ search: { blocks: [{ name: 'A', terms: [{ descriptor: 'Saúde Mental' }] }] } }),
    mode,
    keys: 'i incluir  e excluir  m talvez  s pular  u desfazer  n nota  c critérios  t idioma  q sair',
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
        for (const l of lines) expect(l.length).toBeLessThan(columns);
        expect(lines[0]).toMatch(/^Título\/resumo/);
        if (mode === 'decide') {
          expect(lines.at(-1)).toBe('Salvo: i001-00003 incluído.');
          expect(lines.join('\n')).toMatch(/\(continua: mais \d+ linhas\)/);
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
});
