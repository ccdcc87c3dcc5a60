import { describe, expect, it } from 'vitest';
import { matchChoice, resolveChoice, parseFieldValue, parseThemeIds, validateExtraction } from '../../src/core/extraction/validate.js';
import { parseExtractionCsv, extractionDelimiter } from '../../src/core/extraction/fromCsv.js';
import { suggestThemes } from '../../src/core/extraction/suggest.js';
import type { ExtractionField, Protocol } from '../../src/core/protocol.js';

const fields: ExtractionField[] = [
  { name: 'design', label: 'Delineamento', type: 'choice', values: ['qualitativo', 'quantitativo', 'relato de experiência', 'revisão'], required: true },
  { name: 'evidence_level', label: 'Nível de evidência', type: 'choice', values: ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'] },
  { name: 'participants', label: 'Participantes', type: 'number' },
  { name: 'brazil', label: 'No Brasil', type: 'boolean' },
  { name: 'settings', label: 'Cenários', type: 'multichoice', values: ['UBS', 'CAPS', 'Hospital'] },
  { name: 'objective', label: 'Objetivo', type: 'longtext' },
];
const protocol = {
  extraction: fields,
  themes: [
    { id: 'P1', label: 'Corresponsabilização e vínculo', group: 'Potencialidades', keywords: ['corresponsabiliza', 'vínculo'] },
    { id: 'P2', label: 'Educação permanente', group: 'Potencialidades', keywords: ['educação permanente'] },
    { id: 'I1', label: 'Despreparo', group: 'Impasses', keywords: ['despreparo', 'formação'] },
    { id: 'I2', label: 'Sobrecarga', group: 'Impasses', keywords: ['sobrecarga'] },
  ],
} as unknown as Protocol;
const f = (name: string) => fields.find((x) => x.name === name)!;

describe('field values against the protocol', () => {
  it('choices match without accents or case and come back as the protocol writes them', () => {
    expect(parseFieldValue(f('design'), 'Relato de Experiencia')).toEqual({ value: 'relato de experiência' });
    expect(parseFieldValue(f('design'), ' REVISAO ')).toEqual({ value: 'revisão' });
    expect(parseFieldValue(f('design'), 'ensaio clínico').problem).toMatchObject({ code: 'EXTRACT_CHOICE', field: 'design', value: 'ensaio clínico', expected: 'qualitativo, quantitativo, relato de experiência, revisão' });
  });

  it('levels of evidence I-VII: roman numerals, digits 1-7 accepted, anything else refused', () => {
    expect(parseFieldValue(f('evidence_level'), 'vi')).toEqual({ value: 'VI' });
    expect(parseFieldValue(f('evidence_level'), '4')).toEqual({ value: 'IV' });
    expect(parseFieldValue(f('evidence_level'), '8').problem?.code).toBe('EXTRACT_CHOICE');
    expect(parseFieldValue(f('evidence_level'), 'VIII').problem?.code).toBe('EXTRACT_CHOICE');
    // any other list takes its own numbers (1-based), as the form shows them
    expect(matchChoice(['baixo', 'alto'], '1')).toBe('baixo');
    expect(matchChoice(['baixo', 'alto'], '3')).toBeUndefined();
  });

  it('a choice by the beginning of its value (case and accents ignored); an ambiguous or unknown one is refused', () => {
    const values = ['qualitativo', 'quantitativo', 'misto', 'relato de experiência', 'revisão'];
    expect(resolveChoice(values, 'qualit')).toEqual({ value: 'qualitativo' });
    expect(resolveChoice(values, 'MIS')).toEqual({ value: 'misto' });
    expect(resolveChoice(values, 'relato de exp')).toEqual({ value: 'relato de experiência' });
    expect(resolveChoice(values, 'REVISAO')).toEqual({ value: 'revisão' });
    expect(resolveChoice(values, 'qua')).toEqual({ ambiguous: ['qualitativo', 'quantitativo'] });
    expect(resolveChoice(values, 're')).toEqual({ ambiguous: ['relato de experiência', 'revisão'] });
    expect(resolveChoice(values, 'ensaio')).toEqual({ none: true });
    expect(resolveChoice(values, '5')).toEqual({ value: 'revisão' });
    expect(resolveChoice(values, '0')).toEqual({ none: true });
    expect(parseFieldValue(f('design'), 'qua').problem?.code).toBe('EXTRACT_CHOICE');
  });

  it('numbers (decimal comma too), yes/no in pt and en, several choices, required fields', () => {
    expect(parseFieldValue(f('participants'), '146')).toEqual({ value: 146 });
    expect(parseFieldValue(f('participants'), '12,5')).toEqual({ value: 12.5 });
    expect(parseFieldValue(f('participants'), 'doze').problem).toMatchObject({ code: 'EXTRACT_NUMBER', value: 'doze' });
    expect(parseFieldValue(f('brazil'), 'Sim')).toEqual({ value: true });
    expect(parseFieldValue(f('brazil'), 'não')).toEqual({ value: false });
    expect(parseFieldValue(f('brazil'), 'talvez').problem?.code).toBe('EXTRACT_BOOLEAN');
    expect(parseFieldValue(f('settings'), 'ubs; caps|UBS')).toEqual({ value: ['UBS', 'CAPS'] });
    expect(parseFieldValue(f('settings'), 'UBS; escola').problem).toMatchObject({ code: 'EXTRACT_CHOICE', value: 'escola' });
    expect(parseFieldValue(f('design'), '  ').problem?.code).toBe('EXTRACT_REQUIRED');
    expect(parseFieldValue(f('objective'), '')).toEqual({});
  });

  it('themes: codebook ids, any case, unknown ones refused', () => {
    expect(parseThemeIds(protocol, 'p1; I2,P1')).toEqual({ themes: ['P1', 'I2'], problems: [] });
    expect(parseThemeIds(protocol, 'P1;X3').problems).toEqual([{ code: 'EXTRACT_UNKNOWN_THEME', value: 'X3', expected: 'P1, P2, I1, I2' }]);
  });

  it('a whole extraction: types, unknown fields and themes', () => {
    expect(validateExtraction(protocol, { design: 'revisão', participants: 3, brazil: true, settings: ['UBS'] }, ['P1'])).toEqual([]);
    const problems = validateExtraction(protocol, { participants: 'três', nope: 'x' }, ['Z9']).map((p) => p.code);
    expect(problems.sort()).toEqual(['EXTRACT_NUMBER', 'EXTRACT_REQUIRED', 'EXTRACT_UNKNOWN_FIELD', 'EXTRACT_UNKNOWN_THEME']);
  });
});

describe('extraction from a CSV', () => {
  const options = { included: new Set(['i001-00001', 'i001-00002', 'i002-00003']), known: new Set(['i001-00001', 'i001-00002', 'i002-00003', 'i001-00009', 'i003-00001']), canonicalOf: new Map([['i003-00001', 'i001-00002']]) };

  it('reads an Excel pt-BR file (BOM, ";") with a quoted multi-line cell; themes split on ";"', () => {
    const text = '\uFEFFrecord_id;título;design;evidence_level;participants;brazil;settings;objective;themes\r\n' +
      'i001-00001;Um título;qualitativo;VI;24;sim;UBS;"Compreender o matriciamento;\r\nsegunda linha";"P1;I2"\r\n' +
      'i003-00001;Cópia de i001-00002;Revisão;5;;;;;p2\r\n' +
      'i002-00003;;;;;;;;\r\n';
    expect(extractionDelimiter(text)).toBe(';');
    const r = parseExtractionCsv(text, protocol, options);
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      { recordId: 'i001-00001', line: 2, themes: ['P1', 'I2'], fields: { design: 'qualitativo', evidence_level: 'VI', participants: 24, brazil: true, settings: ['UBS'], objective: 'Compreender o matriciamento;\r\nsegunda linha' } },
      { recordId: 'i001-00002', line: 4, themes: ['P2'], fields: { design: 'revisão', evidence_level: 'V' } },
    ]);
  });

  it('every problem names its line; records not included, unknown or repeated are refused', () => {
    const text = [
      'record_id,design,evidence_level,participants,themes,desing',
      'i001-00001,qualitativo,IX,muitos,P1;Q7,',
      '"i001-00009",revisão,V,,,',
      'i009-00001,revisão,V,,,',
      'i001-00002,,V,,,',
      'i001-00001,revisão,V,,,',
      ',revisão,V,,,',
    ].join('\n');
    const r = parseExtractionCsv(text, protocol, options);
    expect(r.rows).toEqual([]);
    expect(r.problems.map((p) => [p.line, p.code, p.value ?? p.field])).toEqual([
      [1, 'EXTRACT_UNKNOWN_FIELD', 'desing'],
      [2, 'EXTRACT_CHOICE', 'IX'],
      [2, 'EXTRACT_NUMBER', 'muitos'],
      [2, 'EXTRACT_UNKNOWN_THEME', 'Q7'],
      [3, 'EXTRACT_NOT_INCLUDED', 'i001-00009'],
      [4, 'EXTRACT_UNKNOWN_RECORD', 'i009-00001'],
      [5, 'EXTRACT_REQUIRED', 'design'],
      [6, 'EXTRACT_DUPLICATE_ROW', 'i001-00001'],
      [7, 'EXTRACT_NO_RECORD_ID', undefined],
    ]);
  });

  it('reads the header of a file with no rows yet by its quotes: a quoted name holding ";" is one column', () => {
    const r = parseExtractionCsv('record_id;"desenho; tipo";design\r\n', protocol, options);
    expect(r.problems.map((p) => [p.line, p.code, p.field])).toEqual([[1, 'EXTRACT_UNKNOWN_FIELD', 'desenho; tipo']]);
  });

  it('refuses a file without a record_id column, and unreadable CSV with its line', () => {
    expect(parseExtractionCsv('design,themes\nqualitativo,P1\n', protocol, options).problems).toEqual([{ code: 'EXTRACT_NO_RECORD_ID', line: 1, expected: 'record_id' }]);
    const bad = parseExtractionCsv('record_id,design\ni001-00001,"qualitativo\ni001-00002,revisão\n', protocol, options);
    expect(bad.problems[0].code).toBe('EXTRACT_CSV');
  });
});

describe('theme suggestions', () => {
  const record = (title: string, abstract = '') => ({ titles: [{ lang: 'pt', text: title }], abstracts: abstract ? [{ lang: 'pt', text: abstract }] : [], keywords: [] });

  it('finds codebook keywords in title/abstract without accents or case, at the start of words', () => {
    const s = suggestThemes(protocol.themes!, record('CORRESPONSABILIZAÇÃO das equipes', 'A educacao permanente e o VINCULO; a deformação não conta.'));
    expect(s).toEqual([
      { themeId: 'P1', matched: ['corresponsabiliza', 'vínculo'] },
      { themeId: 'P2', matched: ['educação permanente'] },
    ]);
  });

  it('phrases must appear whole; nothing found gives nothing', () => {
    expect(suggestThemes(protocol.themes!, record('Educação e permanente'))).toEqual([]);
    expect(suggestThemes(protocol.themes!, record('Estudo sobre sobrecarga')).map((x) => x.themeId)).toEqual(['I2']);
  });
});
