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
import { BIN, fixturePath, runCli } from '../helpers/cli.js';
import { buildReview, rid, screeningEvents } from './helpers.js';
import { TMUX_CONF } from '../helpers/tmux.js';

let counter = 0;
const sockets: string[] = [];

function tmux(socket: string, ...args: string[]): string {
  const r = spawnSync('tmux', ['-L', socket, '-f', TMUX_CONF, ...args], { encoding: 'utf8' });
  return r.stdout ?? '';
}

/**
 * Start `review screen` in a fresh 80x24 tmux server. Node runs under the pane's shell, which reaps it
 * as soon as it dies (tmux itself may leave a killed pane process a zombie for a while).
 */
function startScreen(dir: string, extra: string[] = [], command = 'screen', colour = 'NO_COLOR=1'): string {
  const socket = `review-screen-${process.pid}-${++counter}`;
  sockets.push(socket);
  // Note: the shell stays (sleep) after the command, so the pane never dies: tmux writes "Pane is
  // dead" under a dead pane's last line and scrolls the screen's first line away, which once made
  // a test miss the message printed just before exit whenever it looked after the exit.
  const cmd = `env ${colour} LANG=en_US.UTF-8 LC_ALL= LC_MESSAGES= ${process.execPath} ${BIN} ${command} ${dir} ${extra.join(' ')}; echo review-ended; exec sleep 3600`;
  tmux(socket, 'new-session', '-d', '-x', '80', '-y', '24', '-s', 'main', cmd);
  return socket;
}

function screen(socket: string): string {
  return tmux(socket, 'capture-pane', '-p', '-t', 'main');
}

async function waitFor(socket: string, what: string | ((text: string) => boolean), timeoutMs = 40_000): Promise<string> {
  const test = typeof what === 'string' ? (s: string) => s.includes(what) : what;
  const started = Date.now();
  for (;;) {
    const text = screen(socket);
    if (test(text)) return text;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${String(what)}; screen was:\n${text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function keys(socket: string, ...k: string[]): void {
  tmux(socket, 'send-keys', '-t', 'main', ...k);
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

afterEach(() => {
  for (const s of sockets.splice(0)) {
    spawnSync('tmux', ['-L', s, 'kill-server']);
    fs.rmSync(path.join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, s), { force: true });
  }
});

describe('interactive screen in an 80x24 terminal', () => {
  it('screens with single keys, picks a reason, undoes, quits; every decision is in the log', async () => {
    const dir = buildReview();
    const s = startScreen(dir);
    let text = await waitFor(s, `[${rid(1)}]`);
    // The limits ran first: 4 records never reach the screen.
    expect(text).toContain('0/6 done, 6 left');
    // The limits' line, then the whole screen: nothing scrolled out of the 24 rows.
    expect(text.split('\n')[0]).toMatch(/^Limits: 10 records checked, 4 excluded/);
    expect(text.split('\n').slice(1, 3).some((l) => l.startsWith('Title/abstract'))).toBe(true);
    expect(text).toMatch(/Protocol terms: .*Saúde Mental ×\d/);
    expect(text).toContain('t: en');
    expect(tmux(s, 'capture-pane', '-p', '-e', '-t', 'main')).not.toMatch(/\x1b\[[0-9;]*m/); // NO_COLOR: plain text
    keys(s, 't');
    await waitFor(s, '[en] Challenges of mental-health actions');
    keys(s, 'i');
    text = await waitFor(s, `[${rid(2)}]`);
    expect(text).toContain(`Saved: ${rid(1)} included.`);
    keys(s, 'e');
    text = await waitFor(s, 'Exclusion reason');
    expect(text).toContain('5  E5  Não é artigo original');
    keys(s, '1');
    text = await waitFor(s, `[${rid(6)}]`);
    expect(text).toContain(`Saved: ${rid(2)} excluded (E1).`);
    keys(s, 'm');
    await waitFor(s, `[${rid(7)}]`);
    keys(s, 'u');
    text = await waitFor(s, `Undone: ${rid(6)}`);
    expect(text).toContain(`[${rid(6)}]`);
    keys(s, 'i');
    text = await waitFor(s, `[${rid(7)}]`);
    // Accent-insensitive highlighting: the title is written without accents.
    expect(text).toContain('Atencao basica e saude mental');
    expect(text).toMatch(/Protocol terms: .*Atenção Primária à Saúde/);
    expect(text).toContain('3/6 done, 3 left, 2 included');
    expect(text.split('\n').slice(0, 3).some((l) => l.startsWith('Title/abstract'))).toBe(true);
    keys(s, 'q');
    text = await waitFor(s, 'Every decision is saved');
    const { out, events } = finalDecisions(dir);
    expect(out).toEqual({ [rid(1)]: 'include', [rid(2)]: 'exclude:E1', [rid(6)]: 'include' });
    expect(events.filter((e) => e.type === 'screen.undo')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'screen.decision' && (e as unknown as { by: string }).by === 'automation')).toHaveLength(4);
  }, 120_000);

  it('SIGKILL in the middle loses no acknowledged decision, and the next run resumes at the first undecided record', async () => {
    const dir = buildReview();
    const s = startScreen(dir, ['--reviewer', 'bea']);
    await waitFor(s, `[${rid(1)}]`);
    const acknowledged: string[] = [];
    const plan: [string, string, number][] = [
      ['i', rid(1), 2],
      ['m', rid(2), 6],
      ['i', rid(6), 7],
    ];
    for (const [key, id, next] of plan) {
      keys(s, key);
      // The next record on screen is the acknowledgement: the decision was fsynced before it was drawn.
      await waitFor(s, `[${rid(next)}]`);
      acknowledged.push(id);
    }
    keys(s, 'e');
    await waitFor(s, 'Exclusion reason');
    keys(s, '3');
    // The lock names the screening process: that is the one to kill.
    const pid = JSON.parse(fs.readFileSync(path.join(dir, 'data/lock'), 'utf8')).pid as number;
    process.kill(pid, 'SIGKILL');
    // Note: a process in an fsync on a busy disk dies only when the write returns; allow for that.
    await waitFor(s, (text) => text.includes('review-ended') && !alive(pid), 60_000).catch((e: Error) => {
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
    const text = await waitFor(again, `[${firstUndecided}]`);
    expect(text).toContain(`${Object.keys(out).length}/6 done`);
    keys(again, 'q');
    await waitFor(again, 'Every decision is saved');
  }, 120_000);

  it('a third person resolves conflicts by key, seeing both answers', async () => {
    const dir = buildReview();
    for (const args of [['--apply-limits'], ['--decisions', fixturePath('screening', 'decisoes-ana.csv')], ['--decisions', fixturePath('screening', 'decisions-bruno.csv')]])
      expect(runCli(['screen', dir, ...args]).code).toBe(0);
    const s = startScreen(dir, ['--resolve', '--reviewer', 'carla'], 'conflicts');
    let text = await waitFor(s, `[${rid(2)}]`);
    expect(text).toContain('ana: include');
    expect(text).toContain('bruno: exclude (E5)');
    keys(s, 'i');
    await waitFor(s, `[${rid(10)}]`);
    keys(s, 'e');
    await waitFor(s, 'Exclusion reason');
    keys(s, '1');
    text = await waitFor(s, '2 conflicts resolved.');
    expect(text).toContain('No conflicts at title/abstract.');
    expect(screeningEvents(dir).filter((e) => e.by === 'resolution').map((e) => [e.recordId, e.decision, e.reason, e.reviewer])).toEqual([
      [rid(2), 'include', undefined, 'carla'],
      [rid(10), 'exclude', 'E1', 'carla'],
    ]);
  }, 120_000);

  it('full-text stage: retrieved / not retrieved, then include or exclude with a reason; colours only without NO_COLOR', async () => {
    const dir = buildReview();
    for (const args of [['--apply-limits'], ['--decisions', fixturePath('screening', 'decisoes-ana.csv')]]) expect(runCli(['screen', dir, ...args]).code).toBe(0);
    const s = startScreen(dir, ['--stage', 'fulltext'], 'screen', 'FORCE_COLOR=1');
    let text = await waitFor(s, `[${rid(1)}]`);
    expect(text).toContain('0/5 done'); // 1, 2, 6 (maybe), 7, 10 passed title/abstract; 8 was excluded
    expect(text).toContain('r report retrieved  x not retrieved');
    // Highlighted protocol terms carry ANSI styles when colour is allowed.
    expect(tmux(s, 'capture-pane', '-p', '-e', '-t', 'main')).toMatch(/\x1b\[[0-9;]*m(Saúde Mental|saúde mental)/i);
    keys(s, 'r');
    text = await waitFor(s, 'Report: retrieved');
    expect(text).toContain(`[${rid(1)}]`);
    keys(s, 'i');
    await waitFor(s, `[${rid(2)}]`);
    keys(s, 'x');
    await waitFor(s, `[${rid(6)}]`);
    keys(s, 'r');
    await waitFor(s, 'Report: retrieved');
    keys(s, 'e');
    await waitFor(s, 'Exclusion reason');
    keys(s, '2');
    text = await waitFor(s, `[${rid(7)}]`);
    expect(text).toContain('3/5 done, 2 left, 1 included');
    keys(s, 'q');
    await waitFor(s, 'Every decision is saved');
    const status = JSON.parse(runCli(['status', dir, '--json']).stdout);
    expect(status).toMatchObject({ fulltextAssessed: 2, included: 1, notRetrieved: 1 });
  }, 120_000);
});
