/** Shared set-up of the search tests: a review from a seed protocol and a fast, recorded context. */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Review } from '../../src/project/review.js';
import { createHttpClient, createRateLimiter } from '../../src/sources/http.js';
import type { SearchContext } from '../../src/sources/types.js';
import { BIN, ROOT, protocolPath, tempDir } from '../helpers/cli.js';

export function newReview(seed = 'matriciamento-cuidados-paliativos'): string {
  const dir = path.join(tempDir('review-search-'), 'rev');
  Review.init(dir, protocolPath(`${seed}.yaml`)).close();
  return dir;
}

/** A context that never really waits: sleeps are recorded, the clock advances by them. */
export function fastContext(baseUrl: string, extra: Partial<SearchContext> = {}): SearchContext & { waits: number[] } {
  let clock = 1_000_000;
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
    clock += ms;
  };
  const now = () => clock;
  return {
    http: createHttpClient(),
    baseUrl,
    timeoutMs: 2_000,
    retries: 5,
    backoffMs: 100,
    maxRetryAfterMs: 60_000,
    sleep,
    now,
    random: () => 0.5,
    limiter: createRateLimiter(1000, now, sleep),
    pageSize: 100,
    waits,
    ...extra,
  };
}

/** Every file under a folder, recursively. */
export function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export interface AsyncCliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI without blocking this process (the fake server lives here and must keep answering). */
export function runCliAsync(args: string[], env: NodeJS.ProcessEnv = {}, onSpawn?: (kill: (s: NodeJS.Signals) => void) => void): Promise<AsyncCliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', NO_COLOR: '1', REVIEW_HTTP_BACKOFF_MS: '20', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    onSpawn?.((s) => child.kill(s));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export async function waitFor(cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
