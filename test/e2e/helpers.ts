/**
 * A small tmux driver for end-to-end tests: a real terminal with a shell in it, where the test
 * types `review ...` commands and single keys as a person would, and reads the screen back.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, ROOT } from '../helpers/cli.js';
import { TMUX_CONF } from '../helpers/tmux.js';

let sessions = 0;

/** What `waitFor` looks for: a text, a pattern, or a test on the whole screen. */
export type ScreenMatch = string | RegExp | ((screen: string) => boolean);

function matches(screen: string, what: ScreenMatch): boolean {
  if (typeof what === 'string') return screen.includes(what);
  if (what instanceof RegExp) return what.test(screen);
  return what(screen);
}

/** One tmux server (its own `-L` socket) with one pane running an interactive bash. */
export class Terminal {
  readonly socket: string;
  private commands = 0;

  /** Start a `width` x `height` terminal; `env` is exported in its shell, `review` runs the built CLI. */
  constructor(env: Record<string, string>, readonly width = 100, readonly height = 30) {
    this.socket = `review-e2e-${process.pid}-${++sessions}`;
    const vars = Object.entries({ NO_COLOR: '1', LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '', PS1: '$ ', HOME: process.env.HOME ?? '/tmp', PATH: process.env.PATH ?? '', TERM: 'xterm-256color', ...env }).map(([k, v]) => `${k}=${v}`);
    this.tmux('new-session', '-d', '-x', String(width), '-y', String(height), '-s', 'main', 'env', '-i', ...vars, 'bash', '--norc', '--noprofile', '-i');
    // Note: `review` as a shell function, so the commands on screen read as a user types them.
    this.type(`review() { ${process.execPath} ${BIN} "$@"; }; cd ${ROOT}; clear`);
    this.keys('Enter');
  }

  /** Run a tmux command against this server; returns its stdout. */
  tmux(...args: string[]): string {
    const r = spawnSync('tmux', ['-L', this.socket, '-f', TMUX_CONF, ...args], { encoding: 'utf8' });
    if (r.error) throw new Error(`cannot run tmux (is it installed?): ${r.error.message}`);
    if (r.status !== 0 && args[0] !== 'kill-server') throw new Error(`tmux ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout ?? '';
  }

  /** The visible screen as text; with `history`, that many lines scrolled off above it too. */
  screen(history = 0): string {
    // Note: -J joins lines the terminal wrapped, so long messages read as one line.
    return this.tmux('capture-pane', '-p', '-J', '-t', 'main', ...(history > 0 ? ['-S', String(-history)] : []));
  }

  /** Send keys (tmux names: Enter, Escape, C-c, or single characters). */
  keys(...k: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...k);
  }

  /** Type text literally (no key-name lookup). */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', text);
  }

  /** Poll the screen until `what` shows; on timeout fail with the screen in the message. */
  async waitFor(what: ScreenMatch, timeoutMs = 30_000, history = 0): Promise<string> {
    const started = Date.now();
    for (;;) {
      const text = this.screen(history);
      if (matches(text, what)) return text;
      if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(what)}; the screen was:\n${text}`);
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  /**
   * Clear the screen and type a command line. Returns a marker pattern that matches the line the
   * shell prints when the command ends, with its exit code in group 1.
   */
  start(commandLine: string): RegExp {
    const n = ++this.commands;
    this.type(`clear; ${commandLine}; echo "[exit-${n}" "$?]"`);
    this.keys('Enter');
    // Note: the typed line shows `"[exit-n" "$?]"`; only the echo prints `[exit-n 0]`.
    return new RegExp(`\\[exit-${n} (\\d+)\\]`);
  }

  /** Wait for a command started by `start` to end; returns its exit code and the screen. */
  async ended(marker: RegExp, timeoutMs = 30_000): Promise<{ code: number; screen: string }> {
    const screen = await this.waitFor(marker, timeoutMs);
    return { code: Number(marker.exec(screen)![1]), screen };
  }

  /** Run a command to its end; fails with the screen when it exits with another code than `expectCode`. */
  async run(commandLine: string, expectCode = 0, timeoutMs = 30_000): Promise<string> {
    const { code, screen } = await this.ended(this.start(commandLine), timeoutMs);
    if (code !== expectCode) throw new Error(`\`${commandLine}\` exited with ${code} (expected ${expectCode}); the screen was:\n${screen}`);
    return screen;
  }

  /** Stop the tmux server and remove its socket file. */
  close(): void {
    this.tmux('kill-server');
    fs.rmSync(path.join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, this.socket), { force: true });
  }
}

/** The local fake BVS / SciELO / PubMed server, started as a child process. */
export interface FakeServerProcess {
  child: ChildProcess;
  /** REVIEW_BVS_URL, REVIEW_PUBMED_URL, ... as printed by the server. */
  env: Record<string, string>;
  url: string;
  /** POST faults to `/__faults`. */
  addFaults(faults: object[]): Promise<void>;
  /** Requests the server has seen. */
  requests(): Promise<Array<{ path: string; query: Record<string, string> }>>;
  stop(): void;
}

/** Start `node test/helpers/fakeServer.mjs` with the given hits; resolves once it printed its URLs. */
export function startFakeServerProcess(hits: { bvs?: number; scielo?: number; pubmed?: number }): Promise<FakeServerProcess> {
  const args = [path.join(ROOT, 'test/helpers/fakeServer.mjs'), ...Object.entries(hits).flatMap(([k, v]) => [`--${k}`, String(v)])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`fake server printed no URLs in 60 s: ${out}`));
    }, 60_000);
    child.on('exit', (code) => reject(new Error(`fake server exited with ${code}: ${out}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!/REVIEW_DECS_URL=\S+\n/.test(out)) return;
      clearTimeout(timer);
      const env = Object.fromEntries(out.trim().split('\n').map((l) => l.split('=', 2) as [string, string]));
      const url = env.FAKE_SERVER_URL;
      resolve({
        child,
        env,
        url,
        async addFaults(faults) {
          const r = await fetch(`${url}/__faults`, { method: 'POST', body: JSON.stringify(faults) });
          if (!r.ok) throw new Error(`fake server refused faults: ${r.status}`);
        },
        async requests() {
          return (await fetch(`${url}/__requests`)).json() as Promise<Array<{ path: string; query: Record<string, string> }>>;
        },
        stop() {
          child.removeAllListeners('exit');
          child.kill('SIGTERM');
        },
      });
    });
  });
}
