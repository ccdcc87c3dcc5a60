import { describe, expect, it } from 'vitest';
import type { BibRecord } from '../../src/core/record.js';
import type { EventBase } from '../../src/core/events.js';
import { checkLimits, documentTypeFamily, planLimits } from '../../src/core/screening/limits.js';
import type { Limits } from '../../src/core/protocol.js';

const LIMITS: Limits = { years: { from: 2007, to: 2015 }, languages: ['pt'], fullText: true, documentTypes: ['article'] };

function record(id: string, fields: Partial<BibRecord> = {}, importId = 'i001'): BibRecord {
  return {
    id,
    titles: [{ lang: 'pt', text: 'Saúde mental na atenção básica' }],
    abstracts: [],
    authors: [],
    languages: ['pt'],
    keywords: [],
    descriptors: [],
    fullTextUrls: [],
    extra: {},
    year: 2012,
    documentType: 'article',
    provenance: { source: 'bvs', database: 'LILACS', file: 'x.ris', line: 1, importId, format: 'ris' },
    ...fields,
  };
}

describe('automatic limits', () => {
  it('excludes records that plainly fail a limit, with the limit code', () => {
    expect(checkLimits(record('a'), LIMITS)).toBeUndefined();
    expect(checkLimits(record('a', { year: 2006 }), LIMITS)).toBe('limit:year');
    expect(checkLimits(record('a', { year: 2016 }), LIMITS)).toBe('limit:year');
    expect(checkLimits(record('a', { year: 2007 }), LIMITS)).toBeUndefined();
    expect(checkLimits(record('a', { languages: ['es'] }), LIMITS)).toBe('limit:language');
    expect(checkLimits(record('a', { languages: ['en', 'pt'] }), LIMITS)).toBeUndefined();
    expect(checkLimits(record('a', { documentType: 'thesis' }), LIMITS)).toBe('limit:type');
    expect(checkLimits(record('a', { documentType: 'Journal Article; Review' }), LIMITS)).toBeUndefined();
    expect(checkLimits(record('a', { documentType: 'artigo' }), LIMITS)).toBeUndefined();
    expect(checkLimits(record('a', { fullText: false }), LIMITS)).toBe('limit:fulltext');
    expect(checkLimits(record('a', { fullText: false }), { ...LIMITS, fullText: false })).toBeUndefined();
  });

  it('never excludes on missing or unreadable data: it goes to a person', () => {
    expect(checkLimits(record('a', { year: undefined }), LIMITS)).toBeUndefined();
    expect(checkLimits(record('a', { languages: [] }), LIMITS)).toBeUndefined();
    expect(checkLimits(record('a', { languages: ['português'] }), LIMITS)).toBeUndefined();
    expect(checkLimits(record('a', { documentType: undefined }), LIMITS)).toBeUndefined();
    expect(checkLimits(record('a', { documentType: 'non-conventional' }), LIMITS)).toBeUndefined();
    expect(checkLimits(record('a', { fullText: undefined }), LIMITS)).toBeUndefined();
    expect(checkLimits(record('a', { year: undefined, languages: [], documentType: undefined }), LIMITS)).toBeUndefined();
    expect(documentTypeFamily('Dissertação')).toBe('thesis');
  });

  it('runs once per import, leaves records people decided alone, and records its run', () => {
    const records = [record('i001-1', { year: 1999 }), record('i001-2', { languages: ['en'] }), record('i001-3')];
    const first = planLimits(records, LIMITS, []);
    expect(first.imports).toEqual(['i001']);
    expect(first.events.map((e) => [e.type, (e as { reason?: string }).reason])).toEqual([
      ['screen.decision', 'limit:year'],
      ['screen.decision', 'limit:language'],
      ['screen.limits', undefined],
    ]);
    const logged = first.events.map((e, i) => ({ ...e, seq: i + 1, at: '' })) as unknown as EventBase[];
    // A second import: only its records are checked; one was already decided by a person.
    const more = [...records, record('i002-1', { year: 2020 }, 'i002'), record('i002-2', { year: 2020 }, 'i002')];
    const human = { seq: 10, at: '', type: 'screen.decision', recordId: 'i002-2', stage: 'title-abstract', decision: 'include', by: 'human' } as unknown as EventBase;
    const second = planLimits(more, LIMITS, [...logged, human]);
    expect(second.imports).toEqual(['i002']);
    expect([...second.excluded.keys()]).toEqual(['i002-1']);
    expect(second.checked).toBe(1);
    expect(planLimits(records, LIMITS, logged).events).toEqual([]);
  });
});
