import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Protocol, Term } from '../../src/core/protocol.js';
import { compileFor, type SearchSourceId } from '../../src/core/query/index.js';
import { parseTextTerm } from '../../src/core/query/tree.js';

const chars = fc.constantFrom(...'abcdeçãéíóúâêô ÁÉ()":-/,$*ANDORNOT'.split(''));
const word = fc.string({ unit: chars, minLength: 1, maxLength: 14 }).filter((s) => parseTextTerm(s).text.length > 0);
const term: fc.Arbitrary<Term> = fc.oneof(
  fc.record({ keyword: word, variants: fc.array(word, { maxLength: 2 }) }),
  fc.record({ descriptor: word, es: word, en: word, mesh: fc.constant('D008603'), synonyms: fc.array(word, { maxLength: 2 }) }),
);
const protocol: fc.Arbitrary<Protocol> = fc
  .record({ blocks: fc.array(fc.array(term, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), not: fc.array(term, { maxLength: 2 }) })
  .map(({ blocks, not }) => ({
    id: 'p',
    title: 'p',
    question: { framework: 'PICo' },
    search: { blocks: blocks.map((terms, i) => ({ name: `B${i}`, terms })), ...(not.length ? { not } : {}) },
    sources: [{ id: 'bvs' }, { id: 'scielo' }, { id: 'pubmed' }, { id: 'google-scholar' }],
    eligibility: { inclusion: [], exclusion: [{ code: 'E1', text: 'x' }] },
  }));

/** Parentheses balanced outside quotes, quotes paired: the portal can parse the query. */
function wellFormed(q: string): boolean {
  let depth = 0;
  let inQuote = false;
  for (const ch of q) {
    if (ch === '"') inQuote = !inQuote;
    else if (!inQuote && ch === '(') depth++;
    else if (!inQuote && ch === ')' && --depth < 0) return false;
  }
  return depth === 0 && !inQuote;
}

/** No bare operator word or syntax character outside quotes other than the compiler's own. */
function noStrayOperators(q: string, source: SearchSourceId): boolean {
  const outside = q.replace(/"[^"]*"/g, '""');
  const tokens = outside.split(/[\s()]+/).filter(Boolean);
  const ops = new Set(source === 'google-scholar' ? ['OR'] : ['AND', 'OR', 'NOT']);
  return tokens.every((tok) => ops.has(tok) || !/^(and|or|not)$/i.test(tok.replace(/^[a-z]+:/, '').replace(/\[.*$/, '').replace(/^-/, '')));
}

describe('compilers on arbitrary strategies', () => {
  it('always give well-formed queries that contain every term', () => {
    fc.assert(
      fc.property(protocol, (p) => {
        for (const s of ['bvs', 'scielo', 'pubmed', 'google-scholar'] as SearchSourceId[]) {
          const c = compileFor(s, p);
          expect(wellFormed(c.query), `${s}: ${c.query}`).toBe(true);
          expect(noStrayOperators(c.query, s), `${s}: ${c.query}`).toBe(true);
        }
        const bvs = compileFor('bvs', p).query;
        for (const b of p.search.blocks)
          for (const t of b.terms) {
            const text = parseTextTerm('keyword' in t ? t.keyword : t.descriptor).text.replace(/"/g, '');
            expect(bvs).toContain(text);
          }
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? 300), seed: process.env.PROP_RUNS ? undefined : 4242 },
    );
  });
});
