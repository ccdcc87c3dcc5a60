import { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import chalk from 'chalk';
import { focusOnDifference, keyToAction, renderPair, reviewPairs, wrapWords, type PairView } from '../../src/ui/dedupReview.js';
import { setLang } from '../../src/ui/i18n.js';
import { fixtureRecords } from './fixture.js';

const fx = fixtureRecords();
const get = (k: string) => fx.records.find((r) => r.id === fx.id(k))!;
const pairs: PairView[] = [
  { a: get('campinas-congresso'), b: get('campinas-artigo'), score: 0.53, rule: 'score' },
  { a: get('matricial-lilacs'), b: get('matricial-bdenf'), score: 0.9, rule: 'score' },
  { a: get('diabetes-scielo'), b: get('diabetes-medline'), score: 0.8, rule: 'score' },
];
// eslint-disable-next-line no-control-regex
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

class Sink extends Writable {
  text = '';
  columns = 80;
  rows = 24;
  override _write(chunk: Buffer, _enc: string, cb: () => void) {
    this.text += chunk.toString();
    cb();
  }
}

let level: typeof chalk.level;
beforeEach(() => {
  level = chalk.level;
  setLang('en');
});
afterEach(() => {
  chalk.level = level;
});

describe('keys', () => {
  it('d, n, s, q decide; Escape and Ctrl-C quit; other keys do nothing', () => {
    expect(keyToAction({ name: 'd' })).toBe('duplicate');
    expect(keyToAction({ name: 'N' })).toBe('distinct');
    expect(keyToAction({ name: 's' })).toBe('skip');
    expect(keyToAction({ name: 'q' })).toBe('quit');
    expect(keyToAction({ name: 'u' })).toBe('undo');
    expect(keyToAction({ name: 'escape' })).toBe('quit');
    expect(keyToAction({ name: 'c', ctrl: true })).toBe('quit');
    expect(keyToAction({ name: 'x' })).toBeUndefined();
    expect(keyToAction({ name: 'return' })).toBeUndefined();
  });
});

describe('side-by-side screen', () => {
  it('fits 80x24 and marks the differing fields without colour (NO_COLOR)', () => {
    chalk.level = 0;
    const lines = renderPair(pairs[0], 0, 3, 80, 24);
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(79);
    const text = lines.join('\n');
    expect(text).not.toMatch(/\x1b\[/);
    expect(text).toMatch(/Possible duplicate 1 of 3/);
    expect(text).toMatch(/^\*Year\s+2012\s+\| 2013$/m);
    expect(text).toMatch(/^\*Journal/m);
    expect(text).toMatch(/^ Title\s+Matriciamento em saúde mental: a/m);
    expect(text).toMatch(/d = duplicate {3}n = not a duplicate {3}s = skip {3}u = undo {3}q = quit/);
  });
  it('highlights the words that differ when colour is on, and keeps the width', () => {
    chalk.level = 1;
    const lines = renderPair(pairs[1], 1, 3, 80, 24);
    for (const l of lines) expect(strip(l).length).toBeLessThanOrEqual(79);
    const journalLine = lines.find((l) => strip(l).includes('*Journal'))!;
    expect(journalLine).toContain(chalk.yellow.bold('Revista'));
  });
  it('shows the titles of every language a record carries', () => {
    chalk.level = 0;
    const text = renderPair(pairs[2], 2, 3, 80, 24).join('\n');
    expect(text).toMatch(/\[es\] Calidad de vida/);
    expect(text).toMatch(/\| Quality of life in older/);
  });
  it('wraps words and breaks a word longer than the column across lines (nothing cut off)', () => {
    expect(wrapWords('Apoio matricial em saúde mental', 12)).toEqual([['Apoio'], ['matricial', 'em'], ['saúde', 'mental']]);
    expect(wrapWords('x'.repeat(20), 8)).toEqual([['x'.repeat(8)], ['x'.repeat(8)], ['x'.repeat(4)]]);
    // Terminal columns, not characters: a CJK character takes two.
    expect(wrapWords('数据 数据 数据', 5)).toEqual([['数据'], ['数据'], ['数据']]);
  });
  it('shows DOI and URL whole, even a long SciELO link that differs only in its PID', () => {
    chalk.level = 0;
    const url = (pid: string) => `http://www.scielo.br/scielo.php?script=sci_arttext&pid=${pid}&lng=pt&nrm=iso`;
    const a = { ...pairs[1].a, doi: '10.1590/s0102-311x2004000700011', url: url('S0102-311X2004000700011'), fullTextUrls: [] };
    const b = { ...pairs[1].b, doi: undefined, url: url('S0102-311X2004000700012'), fullTextUrls: [] };
    const lines = renderPair({ a, b, rule: 'score', score: 0.8 }, 0, 1, 80, 24);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(79);
    const text = lines.join('\n');
    expect(text).toMatch(/^\*IDs\s+doi:10\.1590\/s0102-311x20040007/m);
    // The two PIDs are on screen, each whole across the wrapped lines of its column.
    const cols = (side: 0 | 1) => lines.filter((l) => / \| /.test(l)).map((l) => l.split(' | ')[side].trim()).join('');
    expect(cols(0)).toContain('pid=S0102-311X2004000700011');
    expect(cols(1)).toContain('pid=S0102-311X2004000700012');
  });
  it('a long title that differs near its end is shown from the difference', () => {
    chalk.level = 0;
    const long = 'Avaliação da implantação do apoio matricial em saúde mental na atenção primária de municípios de médio porte do interior do estado de São Paulo entre 2010 e 2015 segundo profissionais e gestores das equipes';
    const a = { ...pairs[1].a, titles: [{ lang: 'pt', text: `${long}: parte I` }] };
    const b = { ...pairs[1].b, titles: [{ lang: 'pt', text: `${long}: parte II` }] };
    expect(focusOnDifference(`${long}: parte I`, `${long}: parte II`, 30, 4)).toMatch(/^….* equipes: parte I$/);
    expect(focusOnDifference(`${long}: parte II`, `${long}: parte I`, 30, 4)).toMatch(/^….* equipes: parte II$/);
    expect(focusOnDifference('Curto e igual', 'Curto e diferente', 30, 1)).toBe('Curto e igual');
    const text = renderPair({ a, b, rule: 'score', score: 0.7 }, 0, 1, 80, 24).join('\n');
    expect(text).toMatch(/parte I\s+\|/);
    expect(text).toMatch(/\| .*parte II/);
  });
});

describe('the prompt loop', () => {
  it('hands each decision over before showing the next pair; s skips; q stops', async () => {
    chalk.level = 0;
    const input = new PassThrough();
    const output = new Sink();
    const seen: string[] = [];
    const done = reviewPairs({
      pairs,
      input,
      output,
      decide: (p, d) => seen.push(`${p.a.id}:${d}:${(output.text.match(/Possible duplicate/g) ?? []).length}`),
    });
    input.write('x');
    input.write('n');
    input.write('s');
    input.write('q');
    const outcome = await done;
    expect(outcome).toEqual({ decided: 1, skipped: 1, quit: true });
    // The first decision was saved while only the first screen had been drawn.
    expect(seen).toEqual([`${pairs[0].a.id}:distinct:1`]);
    expect((output.text.match(/Possible duplicate/g) ?? []).length).toBe(3);
  });
  it('d on every pair decides all of them; end of input stops', async () => {
    const input = new PassThrough();
    const output = new Sink();
    const seen: string[] = [];
    const done = reviewPairs({ pairs: pairs.slice(0, 2), input, output, decide: (_p, d) => seen.push(d) });
    input.end('dd');
    expect(await done).toEqual({ decided: 2, skipped: 0, quit: false });
    expect(seen).toEqual(['duplicate', 'duplicate']);
  });
});

describe('settled pairs', () => {
  it('a pair an earlier decision settled is not shown', async () => {
    const input = new PassThrough();
    const output = new Sink();
    const seen: string[] = [];
    const merged = new Set<string>();
    const done = reviewPairs({
      pairs,
      input,
      output,
      decide: (p, d) => {
        seen.push(p.a.id);
        if (d === 'duplicate') merged.add(pairs[1].a.id);
      },
      settled: (p) => merged.has(p.a.id),
    });
    input.end('dd');
    expect(await done).toEqual({ decided: 2, skipped: 0, quit: false });
    expect(seen).toEqual([pairs[0].a.id, pairs[2].a.id]);
  });
});

describe('undo inside the review', () => {
  it('u withdraws the last decision, shows that pair again, and the new key decides it', async () => {
    chalk.level = 0;
    const input = new PassThrough();
    const output = new Sink();
    const log: string[] = [];
    const done = reviewPairs({
      pairs,
      input,
      output,
      decide: (p, d) => log.push(`decide ${p.a.id} ${d}`),
      undo: (p, d) => log.push(`undo ${p.a.id} ${d}`),
    });
    input.write('d');
    input.write('s');
    input.write('u');
    input.write('u');
    input.write('n');
    input.write('d');
    input.end('q');
    expect(await done).toEqual({ decided: 2, skipped: 0, quit: true });
    expect(log).toEqual([`decide ${pairs[0].a.id} duplicate`, `undo ${pairs[0].a.id} duplicate`, `decide ${pairs[0].a.id} distinct`, `decide ${pairs[1].a.id} duplicate`]);
    expect(output.text).toMatch(/undone: "duplicate" withdrawn/);
    expect(output.text).toMatch(/back to the pair you skipped/);
  });
  it('u before any decision does nothing but show the pair again', async () => {
    const input = new PassThrough();
    const output = new Sink();
    const seen: string[] = [];
    const done = reviewPairs({ pairs: pairs.slice(0, 1), input, output, decide: (_p, d) => seen.push(d), undo: () => seen.push('undo') });
    input.end('ud');
    expect(await done).toEqual({ decided: 1, skipped: 0, quit: false });
    expect(seen).toEqual(['duplicate']);
  });
});
