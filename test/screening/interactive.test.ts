/**
 * The real interactive screen in an 80x24 pseudo-terminal (tmux): single keys, an exclusion
 * reason, undo, quit; and SIGKILL in the middle, then resume with every acknowledged decision.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Review } from '../../src/project/review.js';
import { computeScreeningState } from '../../src/core/screening/state.js';
import { fixturePath, runCli } from '../helpers/cli.js';
import { buildReview, rid, screeningEvents, Terminal } from './helpers.js';

/** `review screen DIR ...` (or another command) in a fresh 80x24 terminal, English unless told. */
function startScreen(dir: string, extra: string[] = [], command = 'screen', opts: Parameters<typeof Terminal.start>[1] = {}): Terminal {
  return Terminal.start([command, dir, ...extra], opts);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function finalDecisions(dir: string, reviewer?: string) {
  const review = Review.open(dir);
  const ids = review.records().map((r) => r.id);
  const state = computeScreeningState(ids, review.events);
  const out: Record<string, string> = {};
  for (const [id, per] of state.byReviewer['title-abstract']) {
    const d = per.get(reviewer ?? '');
    if (d) out[id] = d.reason ? `${d.decision}:${d.reason}` : d.decision;
  }
  return { out, events: review.events, state };
}

afterEach(() => Terminal.killAll());

describe('interactive screen in an 80x24 terminal', () => {
  it('screens with single keys, picks a reason, undoes, quits; every decision is in the log', async () => {
    const dir = buildReview();
    const s = startScreen(dir);
    let text = await s.waitFor(`[${rid(1)}]`);
    // The limits ran first: 4 records never reach the screen.
    expect(text).toContain('0/6 done, 6 left');
    // The limits' line, then the whole screen: nothing scrolled out of the 24 rows.
    expect(text.split('\n')[0]).toMatch(/^Limits: 10 record\(s\) checked, 4 excluded/);
    expect(text.split('\n').slice(1, 3).some((l) => l.startsWith('Title/abstract'))).toBe(true);
    expect(text).toMatch(/Protocol terms: .*Saúde Mental ×\d/);
    expect(text).toContain('t: en');
    expect(s.screen(true)).not.toMatch(/\x1b\[[0-9;]*m/); // NO_COLOR: plain text
    s.keys('t');
    await s.waitFor('[en] Challenges of mental-health actions');
    s.keys('i');
    text = await s.waitFor(`[${rid(2)}]`);
    expect(text).toContain(`Saved: ${rid(1)} included.`);
    s.keys('e');
    text = await s.waitFor('Exclusion reason');
    expect(text).toContain('5  E5  Não é artigo original');
    s.keys('1');
    text = await s.waitFor(`[${rid(6)}]`);
    expect(text).toContain(`Saved: ${rid(2)} excluded (E1).`);
    s.keys('m');
    await s.waitFor(`[${rid(7)}]`);
    s.keys('u');
    text = await s.waitFor(`Undone: ${rid(6)}`);
    expect(text).toContain(`[${rid(6)}]`);
    s.keys('i');
    text = await s.waitFor(`[${rid(7)}]`);
    // Accent-insensitive highlighting: the title is written without accents.
    expect(text).toContain('Atencao basica e saude mental');
    expect(text).toMatch(/Protocol terms: .*Atenção Primária à Saúde/);
    expect(text).toContain('3/6 done, 3 left, 2 included');
    expect(text.split('\n').slice(0, 3).some((l) => l.startsWith('Title/abstract'))).toBe(true);
    s.keys('q');
    const end = await s.ended();
    expect(end.status).toBe(0);
    expect(end.output).toContain('Stopped. Every decision is saved');
    expect(end.output).toContain('3 decision(s) in this session; 3 record(s) left, 0 skipped.');
    const { out, events } = finalDecisions(dir);
    expect(out).toEqual({ [rid(1)]: 'include', [rid(2)]: 'exclude:E1', [rid(6)]: 'include' });
    expect(events.filter((e) => e.type === 'screen.undo')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'screen.decision' && (e as unknown as { by: string }).by === 'automation')).toHaveLength(4);
  }, 120_000);

  it('SIGKILL in the middle loses no acknowledged decision, and the next run resumes at the first undecided record', async () => {
    const dir = buildReview();
    const s = startScreen(dir, ['--reviewer', 'bea']);
    await s.waitFor(`[${rid(1)}]`);
    const acknowledged: string[] = [];
    const plan: [string, string, number][] = [
      ['i', rid(1), 2],
      ['m', rid(2), 6],
      ['i', rid(6), 7],
    ];
    for (const [key, id, next] of plan) {
      s.keys(key);
      // The next record on screen is the acknowledgement: the decision was fsynced before it was drawn.
      await s.waitFor(`[${rid(next)}]`);
      acknowledged.push(id);
    }
    s.keys('e');
    await s.waitFor('Exclusion reason');
    s.keys('3');
    // The lock names the screening process: that is the one to kill.
    const pid = JSON.parse(fs.readFileSync(path.join(dir, 'data/lock'), 'utf8')).pid as number;
    process.kill(pid, 'SIGKILL');
    // Note: a process in an fsync on a busy disk dies only when the write returns; allow for that.
    await s.waitFor(() => s.pane().dead && !alive(pid), 60_000).catch((e: Error) => {
      const ps = spawnSync('ps', ['-o', 'pid,ppid,stat,wchan,cmd', '-p', String(pid)], { encoding: 'utf8' }).stdout;
      throw new Error(`${e.message}\nprocess ${pid}:\n${ps}`);
    });

    const { out } = finalDecisions(dir, 'bea');
    for (const id of acknowledged) expect(out[id]).toBeDefined();
    expect(out[rid(1)]).toBe('include');
    expect(out[rid(2)]).toBe('maybe');
    // The key sent just before the kill may or may not have landed; either way the log is whole.
    const review = Review.open(dir);
    expect(review.problems.filter((p) => p.code === 'LOG_BAD_LINE')).toEqual([]);
    const pool = [1, 2, 6, 7, 8, 10].map(rid);
    const firstUndecided = pool.find((id) => out[id] === undefined)!;

    const again = startScreen(dir, ['--reviewer', 'bea']);
    const text = await again.waitFor(`[${firstUndecided}]`);
    expect(text).toContain(`${Object.keys(out).length}/6 done`);
    again.keys('q');
    const end = await again.ended();
    expect(end.status).toBe(0);
    // The resumed session's prompt started at the top row: its last messages are still read whole.
    expect(end.output).toContain('Stopped. Every decision is saved');
    expect(end.output).toContain('0 decision(s) in this session');
  }, 120_000);

  it('a third person resolves conflicts by key, seeing both answers', async () => {
    const dir = buildReview();
    for (const args of [['--apply-limits'], ['--decisions', fixturePath('screening', 'decisoes-ana.csv')], ['--decisions', fixturePath('screening', 'decisions-bruno.csv')]])
      expect(runCli(['screen', dir, ...args]).code).toBe(0);
    const s = startScreen(dir, ['--resolve', '--reviewer', 'carla'], 'conflicts');
    let text = await s.waitFor(`[${rid(2)}]`);
    expect(text).toContain('ana: include');
    expect(text).toContain('bruno: exclude (E5)');
    s.keys('i');
    await s.waitFor(`[${rid(10)}]`);
    s.keys('e');
    await s.waitFor('Exclusion reason');
    s.keys('1');
    const end = await s.ended();
    expect(end.status).toBe(0);
    expect(end.output).toContain('2 conflict(s) resolved.');
    expect(end.output).toContain('No conflicts at title-abstract.');
    expect(screeningEvents(dir).filter((e) => e.by === 'resolution').map((e) => [e.recordId, e.decision, e.reason, e.reviewer])).toEqual([
      [rid(2), 'include', undefined, 'carla'],
      [rid(10), 'exclude', 'E1', 'carla'],
    ]);
  }, 120_000);

  it('full-text stage: retrieved / not retrieved, then include or exclude with a reason; colours only without NO_COLOR', async () => {
    const dir = buildReview();
    for (const args of [['--apply-limits'], ['--decisions', fixturePath('screening', 'decisoes-ana.csv')]]) expect(runCli(['screen', dir, ...args]).code).toBe(0);
    const s = startScreen(dir, ['--stage', 'fulltext'], 'screen', { colour: true });
    let text = await s.waitFor(`[${rid(1)}]`);
    expect(text).toContain('0/5 done'); // 1, 2, 6 (maybe), 7, 10 passed title/abstract; 8 was excluded
    expect(text).toContain('r report retrieved  x not retrieved');
    // Highlighted protocol terms carry ANSI styles when colour is allowed.
    expect(s.screen(true)).toMatch(/\x1b\[[0-9;]*m(Saúde Mental|saúde mental)/i);
    s.keys('r');
    text = await s.waitFor('Report: retrieved');
    expect(text).toContain(`[${rid(1)}]`);
    s.keys('i');
    await s.waitFor(`[${rid(2)}]`);
    s.keys('x');
    await s.waitFor(`[${rid(6)}]`);
    s.keys('r');
    await s.waitFor('Report: retrieved');
    s.keys('e');
    await s.waitFor('Exclusion reason');
    s.keys('2');
    text = await s.waitFor(`[${rid(7)}]`);
    expect(text).toContain('3/5 done, 2 left, 1 included');
    s.keys('q');
    expect((await s.ended()).output).toContain('Every decision is saved');
    const status = JSON.parse(runCli(['status', dir, '--json']).stdout);
    expect(status).toMatchObject({ fulltextAssessed: 2, included: 1, notRetrieved: 1 });
  }, 120_000);
});
