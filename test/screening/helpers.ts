/** Builds a small screening review from fixtures/screening/records.json (Portuguese records). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Review } from '../../src/project/review.js';
import { addRecords } from '../../src/project/addRecords.js';
import type { ParsedRecord } from '../../src/core/record.js';
import { BIN, fixturePath, protocolPath, runCli, tempDir } from '../helpers/cli.js';
import { TMUX_CONF } from '../helpers/tmux.js';

export const PROTOCOL = 'desafios-saude-mental-atencao-basica.yaml';

export function fixtureRecords(): ParsedRecord[] {
  return JSON.parse(fs.readFileSync(fixturePath('screening', 'records.json'), 'utf8')) as ParsedRecord[];
}

/** `review init` through the CLI, then the fixture records added as one import. Returns the folder. */
export function buildReview(records: ParsedRecord[] = fixtureRecords()): string {
  const dir = path.join(tempDir('review-screen-'), 'rev');
  const r = runCli(['init', dir, '--protocol', protocolPath(PROTOCOL)]);
  if (r.code !== 0) throw new Error(`init failed: ${r.stderr}`);
  const review = Review.open(dir, { writer: 'test' });
  addRecords(review, records, { file: 'bvs-export.ris', format: 'ris', source: 'bvs', recordsRejected: 0, warnings: 0 });
  review.close();
  return dir;
}

/** Record id of the n-th fixture record (1-based) in the first import. */
export function rid(n: number): string {
  return `i001-${String(n).padStart(5, '0')}`;
}

/** The screening events of a review's log. */
export function screeningEvents(dir: string): Record<string, unknown>[] {
  return Review.open(dir).events.filter((e) => e.type.startsWith('screen.')) as unknown as Record<string, unknown>[];
}

export function writeCsv(dir: string, name: string, text: string): string {
  const file = path.join(path.dirname(dir), name);
  fs.writeFileSync(file, text);
  return file;
}

/**
 * A terminal for the interactive commands: a fresh tmux server per test, 80x24 unless told, with
 * the project's tmux configuration (test/helpers/tmux.ts: no status line, so the pane has all 24 rows).
 *
 * Note: why a finished command is read with `ended()`, from the history, and why its pane never
 * dies. With remain-on-exit, tmux 3.3 marks a dead pane by moving to its last row and writing a
 * linefeed ("Pane is dead", server-fn.c: server_destroy_pane), which scrolls the top row out of
 * the visible pane; a command whose prompt started at row 0 prints its last messages from row 0,
 * so a capture taken after the exit lost the first of them (the flake seen under load: the test
 * polled once the process had already exited). Here the shell prints the exit status as a marker
 * and then sleeps, and `ended()` waits for the marker and reads the history too.
 */
/** What the pane's shell prints after the command, with its exit status. */
const EXIT_MARK = 'review-exit:';

export class Terminal {
  private static counter = 0;
  private static live: Terminal[] = [];
  readonly socket: string;

  private constructor(socket: string) {
    this.socket = socket;
  }

  /** Run `review ARGS` in the terminal (under a shell that reaps it), with extra environment. */
  static start(args: string[], opts: { env?: Record<string, string>; lang?: string; colour?: boolean; columns?: number; rows?: number } = {}): Terminal {
    const socket = `review-screen-${process.pid}-${++Terminal.counter}`;
    const term = new Terminal(socket);
    Terminal.live.push(term);
    const env = {
      LANG: opts.lang ?? 'en_US.UTF-8',
      LC_ALL: '',
      LC_MESSAGES: '',
      ...(opts.colour ? { FORCE_COLOR: '1' } : { NO_COLOR: '1' }),
      ...opts.env,
    };
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const cmd = `env ${Object.entries(env).map(([k, v]) => quote(`${k}=${v}`)).join(' ')} ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}`;
    // Note: the shell stays (no exec of the command): it reaps node the moment it dies, then says
    // how it ended and sleeps, so the pane stays alive and nothing scrolls.
    term.tmux('new-session', '-d', '-x', String(opts.columns ?? 80), '-y', String(opts.rows ?? 24), '-s', 'main', `${cmd}; echo "${EXIT_MARK}$?"; exec sleep 3600`);
    return term;
  }

  /** Kill every terminal started so far (afterEach). */
  static killAll(): void {
    for (const term of Terminal.live.splice(0)) {
      spawnSync('tmux', ['-L', term.socket, 'kill-server']);
      fs.rmSync(path.join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, term.socket), { force: true });
    }
  }

  tmux(...args: string[]): string {
    const r = spawnSync('tmux', ['-L', this.socket, '-f', TMUX_CONF, ...args], { encoding: 'utf8' });
    return r.stdout ?? '';
  }

  /** The visible pane as text (with `ansi`, with its colour codes). */
  screen(ansi = false): string {
    return this.tmux('capture-pane', '-p', ...(ansi ? ['-e'] : []), '-t', 'main');
  }

  keys(...k: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...k);
  }

  /** Literal text, typed (not key names). */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', text);
  }

  /** Wait until the pane shows `what` (or passes the test); the deadline is generous for a loaded machine. */
  async waitFor(what: string | RegExp | ((text: string) => boolean), timeoutMs = 40_000): Promise<string> {
    const test = typeof what === 'string' ? (s: string) => s.includes(what) : what instanceof RegExp ? (s: string) => what.test(s) : what;
    return this.poll(() => {
      const text = this.screen();
      return test(text) ? text : undefined;
    }, timeoutMs, () => `${String(what)}; screen was:\n${this.screen()}`);
  }

  /** Everything the pane shows and has scrolled away (history included). */
  transcript(): string {
    return this.tmux('capture-pane', '-p', '-S', '-', '-E', '-', '-t', 'main');
  }

  /** The command's exit status once it has ended, else undefined. */
  exitStatus(): number | undefined {
    const m = new RegExp(`^${EXIT_MARK}(\\d+)$`, 'm').exec(this.transcript());
    return m ? Number(m[1]) : undefined;
  }

  /** Wait for the command to exit; its exit status and everything it wrote (history included). */
  async ended(timeoutMs = 40_000): Promise<{ status: number; output: string }> {
    const status = await this.poll(() => this.exitStatus(), timeoutMs, () => `the command to exit; screen was:\n${this.screen()}`);
    return { status, output: this.transcript() };
  }

  private async poll<T>(probe: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
    const started = Date.now();
    for (;;) {
      const got = probe();
      if (got !== undefined) return got;
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what()}`);
      // Note: this is the poll interval of a wait for a state, not a sleep standing in for one.
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
