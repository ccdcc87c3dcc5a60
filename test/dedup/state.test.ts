import { describe, expect, it } from 'vitest';
import type { EventBase } from '../../src/core/events.js';
import type { DedupDecisionEvent, DedupPair, DedupRunEvent, DedupUndoEvent } from '../../src/core/dedup/events.js';
import { computeDedupState } from '../../src/core/dedup/state.js';
import { detectDuplicates } from '../../src/core/dedup/detect.js';
import { mergeRecords, mostComplete } from '../../src/core/dedup/merge.js';
import { computeDedupCounts, computeDedupReport } from '../../src/core/dedup/report.js';
import { fixtureRecords, rec } from './fixture.js';

let seq = 0;
function runEvent(imports: string[], accepted: DedupPair[], uncertain: DedupPair[] = []): DedupRunEvent {
  return { type: 'dedup.run', seq: ++seq, at: '', imports, newRecords: 0, accepted, uncertain, rules: 'test' };
}
const decision = (a: string, b: string, d: 'duplicate' | 'distinct'): DedupDecisionEvent => ({ type: 'dedup.decision', seq: ++seq, at: '', a, b, decision: d, reviewer: 'ana' });
const score = (a: string, b: string, s = 0.9): DedupPair => ({ a, b, rule: 'score', score: s });

describe('groups from the log', () => {
  const fx = fixtureRecords();
  const found = detectDuplicates(fx.records);
  const events: EventBase[] = [runEvent(['i001', 'i002', 'i003', 'i004'], found.accepted, found.uncertain)];
  const state = computeDedupState(fx.records, events);
  const groupKeys = state.groups.map((g) => g.members.map(fx.key).sort());

  it('every record counts as its own until a run', () => {
    const s = computeDedupState(fx.records, []);
    expect(s.uniqueIds).toEqual(fx.records.map((r) => r.id));
    expect(s.groups).toEqual([]);
  });
  it('groups the same article from LILACS, BDENF, SciELO and Google Scholar', () => {
    expect(groupKeys).toContainEqual(['matricial-bdenf', 'matricial-lilacs', 'matricial-scholar', 'matricial-scielo']);
    expect(groupKeys).toContainEqual(['idosos-mdl', 'idosos-pubmed']);
    expect(groupKeys).toContainEqual(['diabetes-medline', 'diabetes-scielo']);
    expect(groupKeys).toContainEqual(['campinas-artigo', 'campinas-artigo-scholar']);
    expect(state.groups).toHaveLength(4);
    expect(state.uniqueIds).toHaveLength(16 - 6);
  });
  it('the canonical is the most complete record; the group id is its first member', () => {
    const g = state.groups.find((x) => x.members.includes(fx.id('matricial-lilacs')))!;
    expect(g.id).toBe(fx.id('matricial-lilacs'));
    expect(g.canonical).toBe(fx.id('matricial-lilacs'));
    expect(state.canonicalOf.get(fx.id('matricial-scholar'))).toBe(fx.id('matricial-lilacs'));
    expect(state.ruleOf.get(fx.id('matricial-scielo'))).toBe('doi');
  });
  it('leaves the congress abstract as one pending question', () => {
    expect(state.pending).toHaveLength(1);
    expect([fx.key(state.pending[0].a), fx.key(state.pending[0].b)]).toContain('campinas-congresso');
  });
  it('report: one row per record, same group for members, one canonical, the rule', () => {
    const rows = computeDedupReport(fx.records, state);
    expect(rows).toHaveLength(16);
    const matricial = rows.filter((r) => r.group === fx.id('matricial-lilacs'));
    expect(matricial.map((r) => r.source_id).sort()).toEqual(['S0034-71672014000200123', 'bde-26789', 'gs-17', 'lil-654321']);
    expect(matricial.filter((r) => r.canonical)).toHaveLength(1);
    expect(rows.find((r) => r.source_id === 'mdl-25012345')!.rule).toBe('bvs-mdl');
    const alone = rows.find((r) => r.source_id === 'lil-700001')!;
    expect(alone).toMatchObject({ group: alone.record_id, canonical: true, rule: '' });
  });
  it('counts per source for PRISMA', () => {
    const c = computeDedupCounts(fx.records, state);
    expect(c).toMatchObject({ before: 16, removed: 6, after: 10, groups: 4, pending: 1 });
    expect(c.bySource.bvs).toEqual({ before: 10, removed: 1, after: 9 });
    expect(c.bySource.scielo).toEqual({ before: 2, removed: 1, after: 1 });
    expect(c.bySource.pubmed).toEqual({ before: 2, removed: 2, after: 0 });
    expect(c.bySource['google-scholar']).toEqual({ before: 2, removed: 2, after: 0 });
    expect(c.byDatabase['bvs/BDENF']).toEqual({ before: 2, removed: 1, after: 1 });
  });
});

describe('chaining guard', () => {
  const t = (text: string) => [{ lang: 'pt', text }];
  it('one weak link cannot chain two groups whose members differ in DOI', () => {
    const recs = [
      rec('i001-00001', { titles: t('Saúde mental na atenção básica'), doi: '10.1590/a1', year: 2014 }),
      rec('i001-00002', { titles: t('Saúde mental na atenção básica'), year: 2014 }),
      rec('i001-00003', { titles: t('Saúde mental na atenção básica'), doi: '10.1590/b2', year: 2014 }),
    ];
    const s = computeDedupState(recs, [runEvent(['i001'], [score('i001-00001', 'i001-00002', 0.95), score('i001-00002', 'i001-00003', 0.9)])]);
    expect(s.groups).toEqual([{ id: 'i001-00001', canonical: 'i001-00001', members: ['i001-00001', 'i001-00002'] }]);
    expect(s.uniqueIds).toEqual(['i001-00001', 'i001-00003']);
  });
  it('nor years more than one apart', () => {
    const recs = [2010, 2011, 2012].map((y, i) => rec(`i001-0000${i + 1}`, { titles: t('Cuidado em saúde'), year: y }));
    const s = computeDedupState(recs, [runEvent(['i001'], [score('i001-00001', 'i001-00002'), score('i001-00002', 'i001-00003')])]);
    expect(s.groups[0].members).toHaveLength(2);
  });
  it('a scored pair joins groups only when most cross pairs were accepted', () => {
    const recs = ['1', '2', '3', '4'].map((n) => rec(`i001-0000${n}`, { titles: t('Cuidado em saúde'), year: 2014 }));
    const weak = computeDedupState(recs, [runEvent(['i001'], [score('i001-00001', 'i001-00002', 0.99), score('i001-00003', 'i001-00004', 0.99), score('i001-00002', 'i001-00003', 0.8)])]);
    expect(weak.groups.map((g) => g.members.length)).toEqual([2, 2]);
    const strong = computeDedupState(recs, [
      runEvent(['i001'], [score('i001-00001', 'i001-00002', 0.99), score('i001-00003', 'i001-00004', 0.99), score('i001-00002', 'i001-00003', 0.8), score('i001-00001', 'i001-00003', 0.8), score('i001-00002', 'i001-00004', 0.8)]),
    ]);
    expect(strong.groups.map((g) => g.members.length)).toEqual([4]);
  });
  it('a person saying "not a duplicate" keeps two records apart even through a third', () => {
    const recs = ['1', '2', '3'].map((n) => rec(`i001-0000${n}`, { titles: t('Cuidado em saúde'), year: 2014 }));
    const s = computeDedupState(recs, [runEvent(['i001'], [score('i001-00001', 'i001-00002'), score('i001-00002', 'i001-00003')]), decision('i001-00001', 'i001-00003', 'distinct')]);
    expect(s.groups).toHaveLength(1);
    expect(s.groups[0].members).toHaveLength(2);
  });
});

describe('decisions, undo and incremental runs', () => {
  const recs = [
    rec('i001-00001', { titles: [{ lang: 'pt', text: 'Matriciamento em saúde mental: a experiência de Campinas' }], year: 2012 }),
    rec('i001-00002', { titles: [{ lang: 'pt', text: 'Matriciamento em saúde mental: a experiência de Campinas' }], year: 2013 }),
    rec('i001-00003', { titles: [{ lang: 'pt', text: 'Apoio matricial' }], year: 2014 }),
    rec('i001-00004', { titles: [{ lang: 'pt', text: 'Apoio matricial' }], year: 2014 }),
  ];
  const run1 = runEvent(['i001'], [score('i001-00003', 'i001-00004')], [score('i001-00001', 'i001-00002', 0.5)]);
  it('a human "duplicate" merges an uncertain pair with rule human', () => {
    const s = computeDedupState(recs, [run1, decision('i001-00001', 'i001-00002', 'duplicate')]);
    expect(s.groups.map((g) => g.members)).toContainEqual(['i001-00001', 'i001-00002']);
    expect(s.ruleOf.get('i001-00002')).toBe('human');
    expect(s.pending).toEqual([]);
  });
  it('a human "not a duplicate" removes it from pending and it never merges', () => {
    const s = computeDedupState(recs, [run1, decision('i001-00002', 'i001-00001', 'distinct')]);
    expect(s.pending).toEqual([]);
    expect(s.groups).toHaveLength(1);
  });
  it('undo splits a group back; nothing is deleted; a later run cannot merge it again', () => {
    const undo: DedupUndoEvent = { type: 'dedup.undo', seq: ++seq, at: '', group: 'i001-00003', members: ['i001-00003', 'i001-00004'], reviewer: 'ana' };
    const again = runEvent(['i002'], [score('i001-00003', 'i001-00004')]);
    const s = computeDedupState(recs, [run1, undo, again]);
    expect(s.groups).toEqual([]);
    expect(s.uniqueIds).toEqual(recs.map((r) => r.id));
    expect(s.canonicalOf.size).toBe(4);
  });
  it('a later run keeps earlier human decisions and the earlier canonical', () => {
    const newer = rec('i002-00001', { titles: [{ lang: 'pt', text: 'Apoio matricial' }], year: 2014, journal: 'Rev Bras Enferm', volume: '67', pages: '1-9', doi: '10.1590/x3', abstracts: [{ lang: 'pt', text: 'Resumo longo' }] });
    const all = [...recs, newer];
    const events = [run1, decision('i001-00001', 'i001-00002', 'distinct'), runEvent(['i002'], [score('i001-00003', 'i002-00001'), score('i001-00004', 'i002-00001')], [score('i001-00001', 'i001-00002', 0.5)])];
    const s = computeDedupState(all, events);
    expect(s.pending).toEqual([]);
    const g = s.groups.find((x) => x.members.includes('i002-00001'))!;
    expect(g.members).toEqual(['i001-00003', 'i001-00004', 'i002-00001']);
    // Note: the newer record is more complete, but the canonical stays a record from the first run.
    expect(g.canonical).not.toBe('i002-00001');
    expect(s.consideredImports).toEqual(new Set(['i001', 'i002']));
  });
});

describe('merge', () => {
  it('fills empty fields from the others, adds other-language titles, keeps every provenance', () => {
    const fx = fixtureRecords();
    const get = (k: string) => fx.records.find((r) => r.id === fx.id(k))!;
    const canonical = mostComplete([get('matricial-bdenf'), get('matricial-lilacs'), get('matricial-scholar')]);
    expect(canonical.id).toBe(fx.id('matricial-lilacs'));
    const merged = mergeRecords(get('matricial-bdenf'), [get('matricial-lilacs'), get('matricial-scielo')]);
    expect(merged.doi).toBe('10.1590/0034-7167.2014670201');
    expect(merged.scieloPid).toBe('S0034-71672014000200123');
    expect(merged.bvsId).toBe('bde-26789');
    expect(merged.titles.map((x) => x.lang)).toEqual(['pt', 'en']);
    expect(merged.titles[0].text).toBe('APOIO MATRICIAL EM SAUDE MENTAL NA ATENCAO BASICA: A VISAO DOS ENFERMEIROS');
    expect(merged.abstracts.map((x) => x.lang)).toEqual(['pt', 'en']);
    expect(merged.languages).toEqual(['pt', 'en']);
    expect(merged.provenances.map((p) => p.database)).toEqual(['BDENF', 'LILACS', 'SciELO Brasil']);
    expect(merged.members).toEqual([fx.id('matricial-bdenf'), fx.id('matricial-lilacs'), fx.id('matricial-scielo')]);
  });
});

describe('merged records for screening', () => {
  it('one per unique record, each with the provenance of every member', async () => {
    const { computeMergedRecords } = await import('../../src/core/dedup/merged.js');
    const fx = fixtureRecords();
    const found = detectDuplicates(fx.records);
    const state = computeDedupState(fx.records, [runEvent(['i001', 'i002', 'i003', 'i004'], found.accepted, found.uncertain)]);
    const merged = computeMergedRecords(fx.records, state);
    expect(merged.map((m) => m.id)).toEqual(state.uniqueIds);
    const matricial = merged.find((m) => m.id === fx.id('matricial-lilacs'))!;
    expect(matricial.provenances.map((p) => p.source).sort()).toEqual(['bvs', 'bvs', 'google-scholar', 'scielo']);
    expect(matricial.scieloPid).toBe('S0034-71672014000200123');
    const alone = merged.find((m) => m.id === fx.id('paliativos-parte-1'))!;
    expect(alone.members).toEqual([alone.id]);
  });
});

describe('a withdrawn decision (u in the review screen)', () => {
  it('opens the pair again: the merge it made is gone and the pair waits for a person', () => {
    const records = [rec('i001-00001', { titles: [{ lang: 'pt', text: 'Saúde mental' }] }), rec('i001-00002', { titles: [{ lang: 'pt', text: 'Saúde mental na escola' }] })];
    const run = runEvent(['i001'], [], [score('i001-00001', 'i001-00002', 0.6)]);
    const decided = computeDedupState(records, [run, decision('i001-00001', 'i001-00002', 'duplicate')]);
    expect(decided.groups).toHaveLength(1);
    expect(decided.pending).toEqual([]);
    const retract = { type: 'dedup.retract', seq: ++seq, at: '', a: 'i001-00002', b: 'i001-00001', reviewer: 'ana' } as EventBase;
    const open = computeDedupState(records, [run, decision('i001-00001', 'i001-00002', 'duplicate'), retract]);
    expect(open.groups).toEqual([]);
    expect(open.pending.map((p) => [p.a, p.b])).toEqual([['i001-00001', 'i001-00002']]);
    // A new decision after the withdrawal counts.
    const again = computeDedupState(records, [run, decision('i001-00001', 'i001-00002', 'duplicate'), retract, decision('i001-00001', 'i001-00002', 'distinct')]);
    expect(again.groups).toEqual([]);
    expect(again.pending).toEqual([]);
  });
});
