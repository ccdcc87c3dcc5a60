/** The one language guesser (src/formats/language-guess.ts), used by every reader that meets texts of unnamed language. */
import { describe, expect, it } from 'vitest';
import { assignLanguages, detectLanguage, GUESS_LANGS, languageOrDeclared, languageScores } from '../../src/formats/language-guess.js';
import { placeTitleAndAbstracts } from '../../src/formats/text.js';
import { emptyRecord } from '../../src/core/record.js';
import { splitBvsTitles } from '../../src/formats/csv/csv-bvs.js';
import { STOPWORDS } from '../../src/core/text.js';

describe('detectLanguage', () => {
  it.each([
    ['Qualidade de vida de cuidadores de crianças com paralisia cerebral', 'pt'],
    ['Impasses e desafios do apoio matricial', 'pt'],
    ['Calidad del sueño en profesionales de enfermería con turnos rotatorios', 'es'],
    ['Evaluación de un programa de apoyo', 'es'],
    ['Quality of life of caregivers of children with cerebral palsy', 'en'],
    ['Laparoscopy & robotics: a historical parallel', 'en'],
    ['Trouble bipolaire et qualité de vie: étude transversale auprès de 104 patients', 'fr'],
    ['Les ressources éducatives libres en tant que technologies éducatives', 'fr'],
    ['Die Wahrnehmung von Musik und Sprache bei Kindern', 'de'],
    ['Interventi riabilitativi di gruppo nel Dipartimento di Salute Mentale', 'it'],
    ['COVID-19', undefined],
  ])('%j -> %s', (text, lang) => expect(detectLanguage(text)).toBe(lang));

  it('its evidence is the one stopword list per language (core STOPWORDS): a function word only one language writes names it', () => {
    for (const lang of GUESS_LANGS) {
      const own = [...STOPWORDS[lang]].filter((w) => GUESS_LANGS.every((other) => other === lang || !STOPWORDS[other].has(w)));
      expect(own.length).toBeGreaterThan(5);
      for (const w of own) expect(detectLanguage(w), `${lang}: ${w}`).toBe(lang);
    }
  });

  it('a word several languages write is shared out: one English word outweighs "de"', () => {
    expect(detectLanguage('Early vs. delayed everolimus in de novo heart transplant recipients')).toBe('en');
    const [pt, es, en, fr] = languageScores('de');
    expect([pt, es, fr]).toEqual([20, 20, 20]);
    expect(en).toBe(0);
  });

  it('a word ending decides before the letters (-ción is Spanish, though ó is also Portuguese)', () => {
    const scores = languageScores('avaliação evaluación');
    expect(scores[GUESS_LANGS.indexOf('pt')]).toBe(180);
    expect(scores[GUESS_LANGS.indexOf('es')]).toBe(180);
  });

  it('reads only the first 400 characters, and with settledAt stops once a language leads by that much', () => {
    const en = GUESS_LANGS.indexOf('en');
    const pt = GUESS_LANGS.indexOf('pt');
    expect(languageScores('the the the the do do do do do do')[pt]).toBeGreaterThan(0);
    const settled = languageScores('the the the the do do do do do do', GUESS_LANGS, 3);
    expect(settled[en]).toBe(180);
    expect(settled[pt]).toBe(0);
    expect(languageScores(`${'x '.repeat(200)}the`)[en]).toBe(0);
  });

  it('chooses among the candidates only, and names none below the lead asked for', () => {
    // "ç" is Portuguese or French: with French out of play it is Portuguese evidence.
    expect(detectLanguage('Behçet', { candidates: ['pt', 'es', 'en'] })).toBe('pt');
    expect(detectLanguage('Behçet')).toBeUndefined();
    expect(detectLanguage('Resultados de la terapia para familiares de personas con trastorno mental', { candidates: ['pt', 'es', 'fr', 'de', 'it'] })).toBe('es');
    expect(detectLanguage('Cuidado em saúde', { minLead: 1 })).toBe('pt');
    expect(detectLanguage('Terapia con familiares en casa', { minLead: 1 })).toBeUndefined();
    expect(detectLanguage('Terapia con familiares en casa')).toBe('es');
  });
});

describe('assignLanguages', () => {
  it('gives each version of a title its own language, the clearest first', () => {
    expect(assignLanguages(['Saúde mental na atenção básica', 'Salud mental en la atención primaria', 'Mental health in primary care'])).toEqual(['pt', 'es', 'en']);
  });

  it('keeps the fixed ones and gives the others what is left', () => {
    expect(assignLanguages(['Apoio matricial', 'Apoyo matricial'], ['pt'])).toEqual(['pt', null]);
    expect(assignLanguages(['Apoyo matricial en la salud', 'Apoio matricial em saúde'], ['es'])).toEqual(['es', 'pt']);
  });
});

describe('the guesser in a reader', () => {
  it('a BVS CSV title with a French translation gets fr, not a language already used', () => {
    const titles = splitBvsTitles("Saúde mental na escola / La santé mentale des enfants à l'école", 'pt');
    expect(titles.map((t) => t.lang)).toEqual(['pt', 'fr']);
  });
});

describe('a record that declares one language', () => {
  it('keeps it for its texts unless the words clearly say another (WoS, EndNote and Ovid give English titles of Portuguese articles)', () => {
    const rec = emptyRecord({ source: 'wos', file: 'x.txt', line: 1, format: 'wos' });
    rec.languages = ['pt'];
    placeTitleAndAbstracts(rec, 'Nurses in primary care: a study of the workload', ['Saúde mental na atenção básica: um estudo com as equipes']);
    expect(rec.titles.map((t) => t.lang)).toEqual(['en']);
    expect(rec.abstracts.map((a) => a.lang)).toEqual(['pt']);
    expect(languageOrDeclared('COVID-19 vaccines', 'pt')).toBe('pt');
  });
});
