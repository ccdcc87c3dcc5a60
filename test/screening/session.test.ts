/**
 * The screening session and its controller without a terminal: session-bounded undo, jumping to a
 * record, search, keys refused with a reason, the stopping rule's line and the estimate.
 */
import { describe, expect, it } from 'vitest';
import type { EventBase } from '../../src/core/events.js';
import type { BibRecord } from '../../src/core/record.js';
import { ScreeningSession } from '../../src/core/screening/session.js';
import { resolveController, sessionController, type RecordContext } from '../../src/ui/screenController.js';
import { findRecords } from '../../src/core/screening/find.js';
import { listDecisions } from '../../src/core/screening/decisionList.js';
import { findPdf } from '../../src/stages/screen.js';
import { setLang } from '../../src/ui/i18n.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

setLang('pt-BR');

function record(n: number, over: Partial<BibRecord> = {}): BibRecord {
  return {
    id: `i001-${String(n).padStart(5, '0')}`,
    titles: [{ lang: 'pt', text: `Registro ${n} sobre saúde mental`, original: true }],
    abstracts: [{ lang: 'pt', text: `Resumo do registro ${n}.` }],
    authors: [{ family: `Autor${n}`, given: 'A.' }],
    languages: ['pt'],
    keywords: [],
    descriptors: [],
    fullTextUrls: [],
    extra: {},
    provenance: { source: 'bvs', file: 'x.ris', line: n, importId: 'i001', format: 'ris' },
    ...over,
  };
}

/** An in-memory store: events get seq and at as the real one gives them. */
function store(initial: Record<string, unknown>[] = []) {
  const events: EventBase[] = [];
  const append = (e: object) => {
    const full = { ...e, seq: events.length + 1, at: '2026-11-30T14:03:00Z' } as EventBase;
    events.push(full);
    return full;
  };
  for (const e of initial) append(e);
  return { events, append };
}

const ctx: RecordContext = { highlightTerms: [], databasesOf: () => [], linksOf: () => [] };

function session(records: BibRecord[], s: ReturnType<typeof store>, over: Partial<ConstructorParameters<typeof ScreeningSession>[0]> = {}) {
  return new ScreeningSession({
    stage: 'title-abstract',
    uniqueIds: records.map((r) => r.id),
    records: new Map(records.map((r) => [r.id, r])),
    events: s.events,
    append: s.append as never,
    order: 'import',
    seed: 1,
    ...over,
  });
}

const RECORDS = [1, 2, 3, 4, 5].map((n) => record(n));
const id = (n: number) => RECORDS[n - 1].id;

describe('undo reaches only this session unless confirmed', () => {
  it('a new session asks before undoing an earlier full-text inclusion, and nothing changes without a yes', () => {
    // An earlier session: both stages done for record 1 (included at full text).
    const s = store([
      { type: 'screen.decision', recordId: id(1), stage: 'title-abstract', decision: 'include', by: 'human' },
      { type: 'screen.decision', recordId: id(1), stage: 'fulltext', decision: 'include', by: 'human' },
    ]);
    const ft = session(RECORDS, s, { stage: 'fulltext' });
    const c = sessionController(ft, ctx);
    const before = s.events.length;
    const asked = c.act({ kind: 'undo' });
    expect(asked).toEqual({ confirm: expect.stringContaining(`decisão "incluir" de uma sessão anterior sobre ${id(1)} (Texto completo, salva em `) });
    expect((asked as { confirm: string }).confirm).toMatch(/sessão anterior.*PRISMA mudam\. Desfazer\? \(s\/n\)/);
    expect(s.events).toHaveLength(before);
    expect(ft.undo()).toBeUndefined(); // no confirmation: nothing withdrawn
    expect(s.events).toHaveLength(before);
    expect(c.act({ kind: 'undo', confirmed: true })).toBe(`Desfeito: ${id(1)} volta para decisão.`);
    expect(s.events.at(-1)).toMatchObject({ type: 'screen.undo', undoes: 2 });
  });

  it("this session's own decisions are undone at once; past them, the question comes back", () => {
    const s = store([{ type: 'screen.decision', recordId: id(1), stage: 'title-abstract', decision: 'exclude', reason: 'E1', by: 'human' }]);
    const ta = session(RECORDS, s);
    const c = sessionController(ta, ctx);
    expect(ta.current).toBe(id(2));
    c.act({ kind: 'include' });
    expect(c.act({ kind: 'undo' })).toBe(`Desfeito: ${id(2)} volta para decisão.`);
    const asked = c.act({ kind: 'undo' });
    expect(typeof asked).toBe('object');
    expect((asked as { confirm: string }).confirm).toContain(`decisão "excluir (E1)" de uma sessão anterior sobre ${id(1)}`);
  });
});

describe('jumping and searching', () => {
  it('--record opens any record of the stage, decided or not, and names why others cannot be opened', () => {
    const s = store([
      { type: 'screen.decision', recordId: id(3), stage: 'title-abstract', decision: 'exclude', reason: 'limit:year', by: 'automation' },
      { type: 'screen.decision', recordId: id(2), stage: 'title-abstract', decision: 'include', by: 'human' },
    ]);
    const dup = record(6);
    const ta = session([...RECORDS, dup], s, { uniqueIds: RECORDS.map((r) => r.id), canonicalOf: new Map([[dup.id, id(4)]]) });
    expect(ta.jumpProblem(id(3))).toEqual({ problem: 'limits' });
    expect(ta.jumpProblem(dup.id)).toEqual({ problem: 'duplicate', canonical: id(4) });
    expect(ta.jumpProblem('i009-00001')).toEqual({ problem: 'unknown' });
    expect(ta.jumpTo(id(2))).toBe(true);
    const view = sessionController(ta, ctx).record(id(2), 0);
    expect(view.extra).toContain('Sua decisão: incluir (uma nova tecla a substitui)');
    ta.decide('exclude', 'E2');
    // After the jumped record, the queue goes on with the first undecided one.
    expect(ta.current).toBe(id(1));
    expect(s.events.at(-1)).toMatchObject({ recordId: id(2), decision: 'exclude' });
  });

  it('finds by id number, author surname and words, accents and case aside', () => {
    const recs = [
      record(1, { authors: [{ family: 'Gonçalves', given: 'Ana' }] }),
      record(12, { titles: [{ lang: 'pt', text: 'Atenção básica e apoio matricial' }] }),
      record(3, { abstracts: [{ lang: 'pt', text: 'Enfermagem na atenção básica' }] }),
    ];
    expect(findRecords(recs, '12').map((f) => f.id)).toEqual(['i001-00012']);
    expect(findRecords(recs, 'i001-00003')).toEqual([{ id: 'i001-00003', matchedIn: 'id' }]);
    expect(findRecords(recs, 'goncalves')).toEqual([{ id: 'i001-00001', matchedIn: 'author' }]);
    expect(findRecords(recs, 'ATENCAO basica').map((f) => [f.id, f.matchedIn])).toEqual([
      ['i001-00012', 'title'],
      ['i001-00003', 'text'],
    ]);
    expect(findRecords(recs, 'enferm matricial')).toEqual([]);
  });
});

describe('every key says why when it cannot act', () => {
  it('full text: m and i/e before r/x are refused with what to press', () => {
    const s = store([{ type: 'screen.decision', recordId: id(1), stage: 'title-abstract', decision: 'include', by: 'human' }]);
    const c = sessionController(session(RECORDS, s, { stage: 'fulltext' }), ctx);
    expect(c.keys()).toMatch(/^r texto obtido {2}x não obtido/);
    expect(c.refuse('include')).toBe('Primeiro marque o texto: r obtido ou x não obtido; depois i ou e.');
    expect(c.refuse('exclude')).toBe(c.refuse('include'));
    expect(c.refuse('maybe')).toMatch(/Não há talvez no texto completo/);
    expect(c.refuse('random')).toMatch(/--order relevance/);
    c.act({ kind: 'retrieval', retrieved: true });
    expect(c.refuse('include')).toBeUndefined();
    expect(c.refuse('retrieval')).toMatch(/já está marcado como obtido/);
  });

  it('conflicts --resolve at full text leaves m out of the legend and says why', () => {
    const s = store([
      { type: 'screen.decision', recordId: id(1), stage: 'title-abstract', decision: 'include', by: 'human' },
      { type: 'screen.decision', recordId: id(1), stage: 'fulltext', decision: 'include', reviewer: 'ana', by: 'human' },
      { type: 'screen.decision', recordId: id(1), stage: 'fulltext', decision: 'exclude', reason: 'E1', reviewer: 'bia', by: 'human' },
    ]);
    const c = resolveController(
      { stage: 'fulltext', uniqueIds: RECORDS.map((r) => r.id), records: new Map(RECORDS.map((r) => [r.id, r])), events: s.events, append: s.append as never },
      ctx,
    );
    expect(c.current()).toBe(id(1));
    expect(c.keys()).not.toMatch(/\bm talvez/);
    expect(c.refuse('maybe')).toMatch(/Não há talvez no texto completo/);
    expect(c.refuse('find')).toMatch(/resolver conflitos/);
    expect(c.refuse('note')).toMatch(/resolver conflitos/);
    // A note can never be taken for a resolution.
    const before = s.events.length;
    expect(c.act({ kind: 'note', text: 'rever' })).toMatch(/resolver conflitos/);
    expect(s.events).toHaveLength(before);
    expect(c.refuse('include')).toBeUndefined();
  });
});

describe('stopping rule and estimate on the screen', () => {
  it('shows the phase and the estimate; an exclusion never raises the estimate; the stop is logged once', () => {
    const recs = Array.from({ length: 300 }, (_, i) =>
      record(i + 1, { titles: [{ lang: 'pt', text: i % 10 === 0 ? `saúde mental ${i}` : `hipertensão arterial ${i}` }] }),
    );
    const s = store();
    const ta = session(recs, s, { order: 'relevance' });
    const c = sessionController(ta, ctx);
    expect(c.subheader()).toMatch(/estimados após a 1ª inclusão/);
    let last: number | undefined;
    let logged = 0;
    for (let k = 0; k < 300 && ta.current; k++) {
      const cur = ta.current;
      const relevant = /saúde mental/.test(recs.find((r) => r.id === cur)!.titles[0].text);
      const phase = ta.stopping().phase;
      if (phase === 'switch' && ta.order === 'relevance') {
        expect(c.subheader()).toMatch(/tecle a para a ordem aleatória/);
        c.act({ kind: 'random' });
        expect(ta.order).toBe('random');
        continue;
      }
      c.act(relevant ? { kind: 'include' } : { kind: 'exclude', reason: 'E1' });
      const e = ta.estimateLeft();
      if ('value' in e) {
        if (!relevant && last !== undefined) expect(e.value).toBeLessThanOrEqual(last + 1e-9);
        last = e.value;
      }
      logged = s.events.filter((x) => x.type === 'screen.stopping').length;
      if (ta.stopping().phase === 'stop') break;
    }
    expect(ta.stopping()).toMatchObject({ phase: "stop" });
    expect(logged).toBe(1);
    expect(last).toBeDefined();
    expect(c.subheader()).toMatch(/pode parar \(está no log\)/);
    // Decisions drawn at random carry the mark the stopping rule reads.
    expect(s.events.some((e) => (e as unknown as { drawn?: string }).drawn === 'random')).toBe(true);
  });
});

describe('decision list', () => {
  it('lists the decisions that count, by stage and reviewer, limits and resolutions included', () => {
    const s = store([
      { type: 'screen.decision', recordId: id(3), stage: 'title-abstract', decision: 'exclude', reason: 'limit:year', by: 'automation' },
      { type: 'screen.decision', recordId: id(1), stage: 'title-abstract', decision: 'include', reviewer: 'ana', by: 'human' },
      { type: 'screen.decision', recordId: id(1), stage: 'title-abstract', decision: 'exclude', reason: 'E1', reviewer: 'bia', by: 'human' },
      { type: 'screen.decision', recordId: id(2), stage: 'title-abstract', decision: 'include', reviewer: 'ana', by: 'human' },
      { type: 'screen.undo', recordId: id(2), stage: 'title-abstract', reviewer: 'ana', undoes: 4 },
      { type: 'screen.decision', recordId: id(1), stage: 'title-abstract', decision: 'include', reviewer: 'carla', by: 'resolution' },
    ]);
    const ids = RECORDS.map((r) => r.id);
    expect(listDecisions(ids, s.events).map((r) => [r.recordId, r.reviewer, r.decision, r.by])).toEqual([
      [id(3), '', 'exclude', 'automation'],
      [id(1), 'ana', 'include', 'human'],
      [id(1), 'bia', 'exclude', 'human'],
      [id(1), 'carla', 'include', 'resolution'],
    ]);
    expect(listDecisions(ids, s.events, { reviewer: 'ana' }).map((r) => r.recordId)).toEqual([id(1)]);
    expect(listDecisions(ids, s.events, { stage: 'fulltext' })).toEqual([]);
  });
});

describe('the PDF at the full-text stage', () => {
  it('is fulltext/<id>.pdf or any PDF named from the id, checked to exist; otherwise where to save it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-pdf-'));
    const ft = path.join(dir, 'fulltext');
    expect(findPdf(ft, 'i001-00012')).toEqual({ path: path.join(ft, 'i001-00012.pdf'), exists: false });
    fs.mkdirSync(ft);
    fs.writeFileSync(path.join(ft, 'i001-000120.pdf'), '%PDF-1.4');
    fs.writeFileSync(path.join(ft, 'i001-00012 Silva 2019.PDF'), '%PDF-1.4');
    expect(findPdf(ft, 'i001-00012')).toEqual({ path: path.join(ft, 'i001-00012 Silva 2019.PDF'), exists: true });
    expect(findPdf(ft, 'i001-00013').exists).toBe(false);
  });
});
