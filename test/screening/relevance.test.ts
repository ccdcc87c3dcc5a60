import { describe, expect, it } from 'vitest';
import { computeTfidf, tokenize } from '../../src/core/relevance/tfidf.js';
import { RelevanceRanker } from '../../src/core/relevance/ranker.js';
import { LinearSvmLearner, NaiveBayesLearner } from '../../src/core/relevance/learners.js';
import { computeOrderMetrics, simulateScreening } from '../../src/core/relevance/simulate.js';
import type { EventBase, NewEvent } from '../../src/core/events.js';
import type { BibRecord } from '../../src/core/record.js';
import { ScreeningSession } from '../../src/core/screening/session.js';

const MENTAL = [
  'Apoio matricial em saúde mental na atenção básica',
  'Cuidado em saúde mental por enfermeiros da Estratégia Saúde da Família',
  'Sofrimento psíquico e acolhimento em saúde mental na unidade básica',
  'Saúde mental e atenção psicossocial na atenção primária',
];
const OTHER = [
  'Adesão ao tratamento da hipertensão arterial em idosos',
  'Cobertura vacinal de crianças menores de cinco anos',
  'Saúde bucal de escolares: cárie dentária e escovação',
  'Controle glicêmico de pessoas com diabetes mellitus',
  'Abandono do tratamento da tuberculose na atenção básica',
  'Aleitamento materno exclusivo e desmame precoce',
];

describe('TF-IDF features', () => {
  it('folds accents and case, drops stop words and numbers', () => {
    expect(tokenize('A Saúde MENTAL de 2015 na Atenção Básica')).toEqual(['saude', 'mental', 'atencao', 'basica']);
  });

  it('gives L2-normalized sparse vectors over terms in two or more documents', () => {
    const m = computeTfidf(['saúde mental', 'saúde bucal', 'mental mental']);
    expect([...m.vocabulary.keys()]).toEqual(['mental', 'saude']);
    for (const v of m.vectors) {
      const norm = Math.sqrt([...v.values].reduce((s, x) => s + x * x, 0));
      expect(norm).toBeCloseTo(1, 10);
    }
  });
});

describe('relevance ranking', () => {
  it('ranks records like the included ones first', () => {
    const texts = [...MENTAL, ...OTHER];
    const m = computeTfidf(texts);
    const ranker = new RelevanceRanker(m.vectors, m.vocabulary.size, { seed: 1 });
    ranker.setLabel(0, 1);
    ranker.setLabel(4, 0);
    const ranked = ranker.rank([1, 2, 3, 5, 6, 7, 8, 9]);
    expect(ranked.slice(0, 3).sort()).toEqual([1, 2, 3]);
    expect(ranker.estimateRelevantLeft()).toBeUndefined(); // too few records screened
  });

  it('is deterministic with a seed: the same simulation twice gives the same order', () => {
    const docs = Array.from({ length: 60 }, (_, i) => ({
      text: i % 6 === 0 ? `${MENTAL[i % 4]} caso ${i}` : `${OTHER[i % 6]} local ${i % 7}`,
      label: (i % 6 === 0 ? 1 : 0) as 0 | 1,
    }));
    const a = simulateScreening(docs, { seed: 5 });
    const b = simulateScreening(docs, { seed: 5 });
    expect(a.order).toEqual(b.order);
    expect(a.priors).toEqual(b.priors);
    expect(a.recall10).toBeGreaterThan(0.5);
    const c = simulateScreening(docs, { seed: 6 });
    expect(c.order).toHaveLength(58);
    expect(new Set(c.order).size).toBe(58);
  });

  it('computes WSS@95 and recall@10% as defined (hand example)', () => {
    // 20 records, 4 relevant at positions 1, 2, 5, 10: 95% recall needs all 4, reached at 10.
    const labels = Array.from({ length: 20 }, (_, i) => ([0, 1, 4, 9].includes(i) ? 1 : 0)) as (0 | 1)[];
    const m = computeOrderMetrics(labels);
    expect(m.screenedAt95).toBe(10);
    expect(m.wss95).toBeCloseTo(10 / 20 - 0.05, 10);
    expect(m.recall10).toBeCloseTo(2 / 4, 10); // first 2 records screened
  });

  it('computes WSS@100, recall at 5/10/20/30% and the average time to discovery (hand example)', () => {
    const labels = Array.from({ length: 20 }, (_, i) => ([0, 1, 4, 9].includes(i) ? 1 : 0)) as (0 | 1)[];
    const m = computeOrderMetrics(labels);
    expect(m.screenedAt100).toBe(10);
    expect(m.wss100).toBeCloseTo(10 / 20, 10);
    expect(m.recallAt).toEqual({ '5': 1 / 4, '10': 2 / 4, '20': 2 / 4, '30': 3 / 4 }); // after 1, 2, 4, 6 records
    expect(m.atd).toBeCloseTo((1 + 2 + 5 + 10) / 4, 10);
  });

  it('naive Bayes follows sklearn MultinomialNB (hand-computed log-odds, no balance)', () => {
    // Two terms; doc0 relevant (1, 0), doc1 irrelevant (0, 1); alpha 1, V 2:
    // log P(t0|1) = log(2/3), log P(t0|0) = log(1/3); doc2 = (1, 0) scores log 2 + log(1/1) prior.
    const v = (a: number, b: number) => ({ indices: Int32Array.from([0, 1]), values: Float64Array.from([a, b]) });
    const nb = new NaiveBayesLearner([v(1, 0), v(0, 1), v(1, 0)], 2, { alpha: 1, balance: 'power', balancePower: 0, balanceScale: 1 });
    nb.setLabel(0, 1);
    nb.setLabel(1, 0);
    nb.fit();
    expect(nb.score(2)).toBeCloseTo(Math.log(2 / 3) - Math.log(1 / 3), 12);
  });

  it('the warm-started SVM separates what it was taught and unlearns a label taken back', () => {
    const texts = [...MENTAL, ...OTHER];
    const m = computeTfidf(texts);
    const svm = new LinearSvmLearner(m.vectors, m.vocabulary.size, { C: 1, chunk: 0, epochs: 20 });
    svm.setLabel(0, 1);
    svm.setLabel(4, 0);
    svm.fit();
    expect(svm.score(1)).toBeGreaterThan(svm.score(5));
    svm.setLabel(0, -1);
    svm.setLabel(4, -1);
    svm.fit();
    expect(svm.score(1)).toBeCloseTo(0, 12); // nothing labelled: w back to zero
  });
});

describe('estimate of relevant records left through the ranker (issue 14: it rose with every exclusion)', () => {
  it('never rises on an exclusion, and says nothing before it means something', () => {
    const docs = Array.from({ length: 120 }, (_, i) => (i % 8 === 0 ? `${MENTAL[i % 4]} caso ${i}` : `${OTHER[i % 6]} local ${i % 9}`));
    const m = computeTfidf(docs);
    const ranker = new RelevanceRanker(m.vectors, m.vocabulary.size, { seed: 3 });
    const seen: (number | undefined)[] = [];
    let last: number | undefined;
    let pool = docs.map((_, i) => i);
    // Screen in relevance order (import order until both classes are seen), labels from the text.
    for (let step = 0; step < 90; step++) {
      const next = ranker.ready ? ranker.best(pool)! : pool[0];
      pool = pool.filter((d) => d !== next);
      const relevant = next % 8 === 0;
      ranker.setLabel(next, relevant ? 1 : 0);
      const e = ranker.estimateRelevantLeft();
      if (!relevant && last !== undefined) expect(e).toBeDefined();
      if (!relevant && last !== undefined && e !== undefined) expect(e).toBeLessThanOrEqual(last + 1e-12);
      seen.push(e);
      last = e;
    }
    expect(seen.slice(0, 10).every((e) => e === undefined)).toBe(true); // too few screened
    expect(seen.some((e) => e !== undefined)).toBe(true);
  });
});

describe('screening session (relevance order, undo, skip)', () => {
  function session(order: 'import' | 'relevance') {
    const texts = [OTHER[0], OTHER[1], MENTAL[0], OTHER[2], MENTAL[1], OTHER[3], MENTAL[2], OTHER[4]];
    const records = new Map<string, BibRecord>(
      texts.map((text, i) => {
        const id = `r${i + 1}`;
        return [id, { id, titles: [{ lang: 'pt', text }], abstracts: [], authors: [], languages: ['pt'], keywords: [], descriptors: [], fullTextUrls: [], extra: {}, provenance: { source: 'bvs', file: 'x', line: 1, importId: 'i001', format: 'ris' } }];
      }),
    );
    const events: EventBase[] = [];
    const append = (e: NewEvent<EventBase>) => {
      const full = { ...e, seq: events.length + 1, at: '' } as EventBase;
      events.push(full);
      return full;
    };
    return { events, s: new ScreeningSession({ stage: 'title-abstract', uniqueIds: [...records.keys()], records, events, append: append as never, order, seed: 1, language: 'pt' }) };
  }

  it('import order: each decision is appended before the next record; undo returns to that record; skip moves on', () => {
    const { s, events } = session('import');
    expect(s.current).toBe('r1');
    s.decide('exclude', 'E1');
    expect(events).toHaveLength(1);
    expect(s.current).toBe('r2');
    s.skip();
    expect(s.current).toBe('r3');
    s.decide('include');
    expect(s.undo()).toBe('r3');
    expect(s.current).toBe('r3');
    expect(events.map((e) => e.type)).toEqual(['screen.decision', 'screen.decision', 'screen.undo']);
    expect(s.progress()).toMatchObject({ done: 1, left: 7 });
  });

  it('relevance order: after one include and one exclude, records like the include come first', () => {
    const { s } = session('relevance');
    expect(s.rankingWaits).toBe(true);
    expect(s.current).toBe('r1'); // import order until the model can learn
    s.decide('exclude', 'E1');
    expect(s.current).toBe('r2');
    s.skip();
    expect(s.current).toBe('r3');
    s.decide('include');
    expect(s.rankingWaits).toBe(false);
    expect(['r5', 'r7']).toContain(s.current);
    s.decide('include');
    expect(['r5', 'r7']).toContain(s.current);
  });
});
