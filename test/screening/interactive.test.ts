/**
 * The real interactive screen in an 80x24 pseudo-terminal (tmux): single keys, an exclusion
 * reason, undo, quit; and SIGKILL in the middle, then resume with every acknowledged decision.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Review } from '../../src/project/review.js';
import { computeScreeningState } from '../../src/core/screening/state.js';
import { fixturePath, runCli } from '../helpers/cli.js';
import { buildReview, fixtureRecords, rid, screeningEvents, Terminal } from './helpers.js';

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
    expect(text.split('\n')[0]).toMatch(/^Limits: 10 records checked, 4 excluded/);
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
    expect(end.output).toContain('3 decisions in this session; 3 records left, 0 skipped.');
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
    await s.waitFor(() => s.exitStatus() !== undefined && !alive(pid), 60_000).catch((e: Error) => {
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
    expect(end.output).toContain('0 decisions in this session');
  }, 120_000);

  it('a third person resolves conflicts by key, seeing both answers', async () => {
    const dir = buildReview();
    for (const args of [['--apply-limits'], ['--decisions', fixturePath('screening', 'decisoes-ana.csv')], ['--decisions', fixturePath('screening', 'decisions-bruno.csv')]])
      expect(runCli(['screen', dir, ...args]).code).toBe(0);
    const s = startScreen(dir, ['--resolve', '--reviewer', 'carla'], 'conflicts');
    const text = await s.waitFor(`[${rid(2)}]`);
    expect(text).toContain('ana: include');
    expect(text).toContain('bruno: exclude (E5)');
    s.keys('i');
    await s.waitFor(`[${rid(10)}]`);
    s.keys('e');
    await s.waitFor('Exclusion reason');
    s.keys('1');
    const end = await s.ended();
    expect(end.status).toBe(0);
    expect(end.output).toContain('2 conflicts resolved.');
    expect(end.output).toContain('No conflicts at title/abstract.');
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

/** The fixture records with a 40-line structured abstract, a DOI and a URL on record 1, and a distinct author on record 10. */
function richRecords() {
  const records = fixtureRecords();
  records[0].abstracts = [{ lang: 'pt', original: true, text: Array.from({ length: 40 }, (_, i) => `Linha ${String(i + 1).padStart(2, '0')}: a saúde mental na atenção básica, parte ${i + 1}.`).join('\n') }];
  records[0].doi = '10.1590/s0104-11692013000100017';
  records[0].url = 'https://pesquisa.bvsalud.org/portal/resource/pt/lil-700001';
  records[1].abstracts[0].text += ' O apoio matricial aparece em dois estudos.';
  records[9].authors = [{ family: 'Gonçalves', given: 'Beatriz' }, ...records[9].authors];
  return records;
}

const PT = { lang: 'pt_BR.UTF-8' };

/** A folder with a fake `xdg-open` that appends what it is given to `opened.txt`. */
function fakeOpener(): { bin: string; log: string } {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'review-opener-'));
  const log = path.join(bin, 'opened.txt');
  fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" >> '${log}'\n`, { mode: 0o755 });
  return { bin, log };
}

describe('reading and moving around at 80x24 in pt-BR', () => {
  it('scrolls a 40-line abstract with ↓, PgDn, Space, End and PgUp; every line is read; the hint names the keys', async () => {
    const dir = buildReview(richRecords());
    const s = startScreen(dir, [], 'screen', PT);
    let text = await s.waitFor(`[${rid(1)}]`);
    expect(text).toMatch(/\(continua: mais \d+ linhas — ↓ ou Espaço rola, PgDn uma página\)/);
    const seen = new Set<string>();
    const collect = (screenText: string) => {
      for (const m of screenText.matchAll(/^Linha (\d\d):/gm)) seen.add(m[1]);
    };
    collect(text);
    // Down moves one line: the reading view shows lines from the second on.
    s.keys('Down');
    text = await s.waitFor(/\(linhas 2–\d+ de 40 — ↓\/Espaço desce, ↑\/PgUp sobe\)/);
    collect(text);
    for (const key of ['PgDn', 'Space', 'PgDn', 'Space', 'PgDn', 'Space']) {
      const before = text.match(/\(linhas (\d+)/)?.[1];
      s.keys(key);
      text = await s.waitFor((x) => /\(linhas (\d+)/.exec(x)?.[1] !== before);
      collect(text);
      if (text.includes('fim do resumo')) break;
    }
    s.keys('End');
    text = await s.waitFor(/\(linhas \d+–40: fim do resumo — ↑ ou PgUp volta\)/);
    collect(text);
    expect([...seen].sort()).toEqual(Array.from({ length: 40 }, (_, i) => String(i + 1).padStart(2, '0')));
    s.keys('Home');
    text = await s.waitFor('(continua: mais');
    expect(text).toContain('Linha 01:');
    // A decision moves on; the next record starts at the top of its abstract.
    s.keys('i');
    await s.waitFor(`[${rid(2)}]`);
    s.keys('q');
    expect((await s.ended()).status).toBe(0);
  }, 120_000);

  it('o opens the DOI with the opener on PATH; with none, the link is printed', async () => {
    const dir = buildReview(richRecords());
    const { bin, log } = fakeOpener();
    const s = startScreen(dir, [], 'screen', { ...PT, env: { PATH: bin } });
    let text = await s.waitFor(`[${rid(1)}]`);
    expect(text).toContain('Link (o): https://doi.org/10.1590/s0104-11692013000100017 (+1)');
    s.keys('o');
    text = await s.waitFor('Aberto com xdg-open: https://doi.org/10.1590/s0104-11692013000100017');
    expect(fs.readFileSync(log, 'utf8')).toBe('https://doi.org/10.1590/s0104-11692013000100017\n');
    s.keys('q');
    expect((await s.ended()).status).toBe(0);

    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'review-no-opener-'));
    const t2 = startScreen(dir, [], 'screen', { ...PT, env: { PATH: empty } });
    await t2.waitFor(`[${rid(1)}]`);
    t2.keys('o');
    text = await t2.waitFor('Nenhum programa abriu o link');
    expect(text.replace(/\n/g, ' ')).toMatch(/\(xdg-open, wslview\); copie: https:\/\/doi\.org\/10\.1590\/s0104-11692013000100017/);
    // A record without any link says so instead of doing nothing.
    t2.keys('s');
    await t2.waitFor(`[${rid(2)}]`);
    t2.keys('o');
    await t2.waitFor('Este registro não tem DOI nem link para abrir.');
    t2.keys('q');
    await t2.ended();
  }, 120_000);

  it('--record opens the record asked for; an id that is not there is refused by name', async () => {
    const dir = buildReview(richRecords());
    const s = startScreen(dir, ['--record', rid(7)], 'screen', PT);
    const text = await s.waitFor('Mostrando i001-00007.');
    expect(text).toContain(`[${rid(7)}]`);
    expect(text).toContain('Atencao basica e saude mental');
    s.keys('e');
    await s.waitFor('Motivo da exclusão');
    s.keys('2');
    // After the record asked for, the queue starts from the first undecided record.
    await s.waitFor(`[${rid(1)}]`);
    s.keys('q');
    expect((await s.ended()).status).toBe(0);
    expect(finalDecisions(dir).out).toEqual({ [rid(7)]: 'exclude:E2' });

    const bad = startScreen(dir, ['--record', rid(3)], 'screen', PT);
    const end = await bad.ended();
    expect(end.status).toBe(1);
    expect(end.output).toContain(`${rid(3)} foi excluído pelos limites do protocolo; não vai à triagem humana.`);
  }, 120_000);

  it('/ finds records by author and by word, and opens the one chosen', async () => {
    const dir = buildReview(richRecords());
    const s = startScreen(dir, [], 'screen', PT);
    await s.waitFor(`[${rid(1)}]`);
    s.type('/');
    await s.waitFor('Buscar (palavra, autor ou id');
    s.type('goncalves');
    s.keys('Enter');
    let text = await s.waitFor('Registros que contêm "goncalves":');
    expect(text).toMatch(new RegExp(`1 {2}\\[${rid(10)}\\] · 2009 · Gonçalves · Práticas de saúde mental`));
    s.keys('1');
    text = await s.waitFor(`Mostrando ${rid(10)}.`);
    expect(text).toContain(`[${rid(10)}]`);
    s.type('/');
    await s.waitFor('Buscar (palavra');
    s.type('matricial');
    s.keys('Enter');
    text = await s.waitFor('Registros que contêm "matricial":');
    // Title matches come before matches in the abstract only (record 2's, accents aside).
    expect(text).toMatch(new RegExp(`1 {2}\\[${rid(6)}\\] · Silva · Apoio matricial`));
    expect(text).toMatch(new RegExp(`2 {2}\\[${rid(2)}\\]`));
    s.keys('Escape');
    await s.waitFor('i incluir  e excluir');
    s.type('/');
    await s.waitFor('Buscar (palavra');
    s.type('inexistente');
    s.keys('Enter');
    await s.waitFor('Nenhum registro desta etapa contém "inexistente".');
    s.keys('q');
    expect((await s.ended()).status).toBe(0);
  }, 120_000);

  it("u in a new session asks before undoing an earlier session's full-text inclusion", async () => {
    const dir = buildReview();
    expect(runCli(['screen', dir, '--apply-limits']).code).toBe(0);
    expect(runCli(['screen', dir, '--decisions', fixturePath('screening', 'decisoes-ana.csv')]).code).toBe(0);
    // An earlier full-text session: record 1 retrieved and included.
    const earlier = startScreen(dir, ['--stage', 'fulltext', '--reviewer', 'ana'], 'screen', PT);
    await earlier.waitFor(`[${rid(1)}]`);
    earlier.keys('i');
    await earlier.waitFor('Primeiro marque o texto: r obtido ou x não obtido; depois i ou e.');
    earlier.keys('m');
    await earlier.waitFor('Não há talvez no texto completo: tecle i para incluir ou e para excluir.');
    earlier.keys('r');
    await earlier.waitFor('Texto: obtido');
    earlier.keys('i');
    await earlier.waitFor(`[${rid(2)}]`);
    earlier.keys('q');
    await earlier.ended();
    const before = screeningEvents(dir).length;
    const included = () => [...finalDecisions(dir).state.fulltext].filter(([, d]) => d.decision === 'include').map(([id]) => id);
    expect(included()).toEqual([rid(1)]);

    const s = startScreen(dir, ['--stage', 'fulltext', '--reviewer', 'ana'], 'screen', PT);
    await s.waitFor(`[${rid(2)}]`);
    s.keys('u');
    let text = await s.waitFor('(s/n)');
    expect(text.replace(/\n/g, ' ')).toMatch(new RegExp(`u desfaria a decisão "incluir" de uma sessão anterior sobre ${rid(1)} \\(Texto completo, salva em \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\)\\. As contagens e o PRISMA mudam\\.`));
    s.keys('n');
    await s.waitFor('Nada foi desfeito.');
    expect(screeningEvents(dir)).toHaveLength(before);
    // This session's own decision is undone at once.
    s.keys('x');
    text = await s.waitFor(`[${rid(6)}]`);
    s.keys('u');
    text = await s.waitFor(`Desfeito: ${rid(2)} volta para decisão.`);
    expect(text).toContain(`[${rid(2)}]`);
    // Past it, the earlier session again needs a yes, and gets one.
    s.keys('u');
    await s.waitFor('(s/n)');
    s.keys('s');
    text = await s.waitFor(`Desfeito: ${rid(1)} volta para decisão.`);
    s.keys('q');
    expect((await s.ended()).status).toBe(0);
    expect(included()).toEqual([]);
  }, 120_000);
});
