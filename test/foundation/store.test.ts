import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Review, parseEventLog } from '../../src/project/review.js';
import { LockedError } from '../../src/core/errors.js';
import { describeError } from '../../src/ui/diagnosticText.js';
import { ROOT, protocolPath, runCli, tempDir } from '../helpers/cli.js';
import type { NoteEvent } from '../helpers/events.js';

const APPENDER = path.join(ROOT, 'test/helpers/appender.mjs');

function newReview(): string {
  const dir = path.join(tempDir(), 'r');
  Review.init(dir, protocolPath('matriciamento-saude-mental.yaml')).close();
  return dir;
}

/** Start the appender; resolve with the acknowledged seqs once it is killed `killAfterMs` after its first acknowledgement. */
function appendAndKill(dir: string, killAfterMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [APPENDER, dir, '100000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      // Note: the clock starts at the first acknowledged event, not at `ready`: on a busy machine
      // the child may not get a core for a while, and a kill before any ack would test nothing.
      if (/^ack \d+$/m.test(out) && !timer) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d) => (err += d));
    let timer: NodeJS.Timeout | undefined;
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`appender ended by itself: ${code} ${err}`));
      resolve([...out.matchAll(/^ack (\d+)$/gm)].map((m) => Number(m[1])));
    });
  });
}

describe('event log store', () => {
  it('appends events with increasing seq and reads them back', () => {
    const dir = newReview();
    const w = Review.open(dir, { writer: 'test' });
    w.append<NoteEvent>({ type: 'note', text: 'primeira' });
    w.append<NoteEvent>({ type: 'note', text: 'segunda' });
    w.close();
    const r = Review.open(dir);
    expect(r.events.map((e) => [e.seq, (e as unknown as { text: string }).text])).toEqual([
      [1, 'primeira'],
      [2, 'segunda'],
    ]);
    expect(r.problems).toEqual([]);
  });

  it('a torn last line is reported, skipped, kept aside and cut on the next write', () => {
    const dir = newReview();
    const w = Review.open(dir, { writer: 'test' });
    w.append<NoteEvent>({ type: 'note', text: 'ok' });
    w.close();
    const events = path.join(dir, 'data/events.jsonl');
    fs.appendFileSync(events, '{"type":"note","te');
    const r = Review.open(dir);
    expect(r.events).toHaveLength(1);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'LOG_TORN_LINE', line: 2, fatal: false })]);
    const w2 = Review.open(dir, { writer: 'test' });
    w2.append<NoteEvent>({ type: 'note', text: 'depois' });
    w2.close();
    const again = Review.open(dir);
    expect(again.problems).toEqual([]);
    expect(again.events.map((e) => e.seq)).toEqual([1, 2]);
    const kept = fs.readdirSync(path.join(dir, 'data')).filter((f) => f.startsWith('torn-'));
    expect(fs.readFileSync(path.join(dir, 'data', kept[0]), 'utf8')).toBe('{"type":"note","te');
  });

  it('a garbled middle line is skipped with a warning, never fatal', () => {
    const { events, problems } = parseEventLog('{"seq":1,"type":"a"}\nnot json\n{"seq":3,"type":"b"}\n', 'events.jsonl');
    expect(events.map((e) => e.seq)).toEqual([1, 3]);
    expect(problems).toEqual([expect.objectContaining({ code: 'LOG_BAD_LINE', line: 2 })]);
  });

  it('a process killed while appending leaves a review that opens with every acknowledged event', async () => {
    for (const delay of [30, 80, 150, 250]) {
      const dir = newReview();
      const acked = await appendAndKill(dir, delay);
      expect(acked.length).toBeGreaterThan(0);
      const lock = path.join(dir, 'data/lock');
      expect(fs.existsSync(lock)).toBe(true); // the dead writer never released it
      const r = Review.open(dir, { writer: 'after-crash' }); // a dead holder's lock is taken over
      const seqs = new Set(r.events.map((e) => e.seq));
      for (const s of acked) expect(seqs.has(s)).toBe(true);
      // seqs are contiguous: nothing in the middle went missing
      expect(r.events.map((e) => e.seq)).toEqual(r.events.map((_, i) => i + 1));
      r.close();
    }
  });

  it('a second writer is refused with a message naming the first', async () => {
    const dir = newReview();
    const child = spawn(process.execPath, [APPENDER, dir, '1', 'hold'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve) => child.stdout.on('data', (d) => String(d).includes('ack') && resolve()));
      let err: unknown;
      try {
        Review.open(dir, { writer: 'second' });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(LockedError);
      expect((err as LockedError).holderPid).toBe(child.pid);
      expect(err).toMatchObject({ code: 'LOCKED', params: { pid: child.pid, command: 'appender' } });
      const sentence = describeError(err as LockedError);
      expect(sentence).toContain(`pid ${child.pid}`);
      expect(sentence).toContain('"appender"');
      // read-only opens still work while the writer holds the lock
      expect(Review.open(dir).events).toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('review status on a crashed review still answers', async () => {
    const dir = newReview();
    await appendAndKill(dir, 50);
    fs.appendFileSync(path.join(dir, 'data/events.jsonl'), '{"seq":99999,"type":"te');
    const r = runCli(['status', dir, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ records: 0, unique: 0, screened: 0, included: 0, bySource: {}, problems: 1 });
  });
});

/** The state letter of /proc/PID/stat once it is `want`, polled until a generous deadline (never a fixed sleep). */
async function waitForProcessState(pid: number, want: string, deadlineMs = 60_000): Promise<string> {
  const until = Date.now() + deadlineMs;
  let state = '?';
  for (;;) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    } catch {
      state = 'gone';
    }
    if (state === want || Date.now() > until) return state;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('lock held by a zombie', () => {
  it('a killed but not yet reaped writer does not keep the review locked', async () => {
    const dir = newReview();
    // Note: the child kills itself only once its parent has become `sleep` (which never reaps), so
    // it stays a zombie for as long as the test needs it. If it died while the parent was still a
    // shell, the shell could reap it first, and a busy machine made that happen.
    const script = 'sh -c \'while [ "$(cat /proc/$PPID/comm)" != sleep ]; do :; done; kill -9 $$\' & echo $!; exec sleep 60';
    const parent = spawn('sh', ['-c', script], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const pid = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (d) => resolve(String(d).trim()))));
      const state = await waitForProcessState(pid, 'Z');
      expect(state).toBe('Z');
      fs.writeFileSync(path.join(dir, 'data/lock'), JSON.stringify({ pid, host: os.hostname(), command: 'screen', startedAt: new Date().toISOString() }));
      const r = Review.open(dir, { writer: 'after-zombie' });
      r.append<NoteEvent>({ type: 'note', text: 'depois do zumbi' });
      r.close();
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
