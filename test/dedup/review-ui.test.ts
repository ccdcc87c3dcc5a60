import { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import chalk from 'chalk';
import { keyToAction, renderPair, reviewPairs, wrapWords, type PairView } from '../../src/ui/dedupReview.js';
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
  _write(chunk: Buffer, _enc: string, cb: () => void) {
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
    expect(text).toMatch(/d = duplicate {3}n = not a duplicate {3}s = skip {3}q = quit/);
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
  it('wraps words and cuts words longer than the column', () => {
    expect(wrapWords('Apoio matricial em saúde mental', 12)).toEqual([['Apoio'], ['matricial', 'em'], ['saúde', 'mental']]);
    expect(wrapWords('x'.repeat(20), 8)[0][0]).toHaveLength(8);
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
