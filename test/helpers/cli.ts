/** Run the built CLI (`bin/review.js`) as a user would, in a child process. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/review.js');
/** The shared data (../shared next to the repo; REVIEW_SHARED when the checkout lives elsewhere, e.g. a worktree). */
export const SHARED = process.env.REVIEW_SHARED ?? path.resolve(ROOT, '../shared');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** English, no colour, unless env says otherwise. */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeout?: number } = {}): CliResult {
  const opts: SpawnSyncOptions = {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', NO_COLOR: '1', ...options.env },
    input: options.input,
    encoding: 'utf8',
    timeout: options.timeout ?? 180_000,
  };
  const r = spawnSync(process.execPath, [BIN, ...args], opts);
  return { code: r.status ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** A fresh temp folder, removed by the caller's afterEach if wanted. */
export function tempDir(prefix = 'review-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function protocolPath(name: string): string {
  return path.join(ROOT, 'protocols', name);
}

export function fixturePath(...parts: string[]): string {
  return path.join(ROOT, 'fixtures', ...parts);
}
