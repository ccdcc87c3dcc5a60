// Full disk and read-only review folder, on a real tiny tmpfs (the tests run as root, as CI does).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Review } from '../../src/project/review.js';
import { UserError, type CodedUserError } from '../../src/core/errors.js';
import { describeError } from '../../src/ui/diagnosticText.js';
import { protocolPath, runCli, tempDir } from '../helpers/cli.js';
import type { NoteEvent } from '../helpers/events.js';

let mnt: string;

beforeEach(() => {
  mnt = tempDir('review-tmpfs-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96k', 'tmpfs', mnt]);
});

afterEach(() => {
  execFileSync('umount', ['-l', mnt]);
});

describe('storage faults', () => {
  it('a full disk gives a clear message and every acknowledged event survives', () => {
    const dir = path.join(mnt, 'r');
    Review.init(dir, protocolPath('matriciamento-saude-mental.yaml')).close();
    const w = Review.open(dir, { writer: 'test' });
    const acked: number[] = [];
    let err: unknown;
    try {
      for (let i = 0; i < 10_000; i++) acked.push(w.append<NoteEvent>({ type: 'note', text: 'á'.repeat(500), i }).seq);
    } catch (e) {
      err = e;
    }
    w.close();
    expect(err).toBeInstanceOf(UserError);
    expect(err).toMatchObject({ code: 'DISK_FULL', params: { file: path.join(dir, 'data/events.jsonl') } });
    expect(describeError(err as CodedUserError)).toMatch(/disk is full.*nothing already saved was lost/);
    expect(acked.length).toBeGreaterThan(10);
    const r = Review.open(dir);
    expect(r.problems).toEqual([]);
    expect(r.events.map((e) => e.seq)).toEqual(acked);
  });

  it('a read-only review folder refuses writers with a clear message; reading still works; nothing changed', () => {
    const dir = path.join(mnt, 'r');
    Review.init(dir, protocolPath('matriciamento-saude-mental.yaml')).close();
    const w = Review.open(dir, { writer: 'test' });
    w.append<NoteEvent>({ type: 'note', text: 'antes' });
    w.close();
    const before = fs.readFileSync(path.join(dir, 'data/events.jsonl'));
    execFileSync('mount', ['-o', 'remount,ro', mnt]);
    expect(() => Review.open(dir, { writer: 'test' })).toThrow(expect.objectContaining({ code: 'READ_ONLY' }));
    const refused = runCli(['screen', dir, '--apply-limits']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/read-only; nothing already saved was lost/);
    const r = runCli(['status', dir, '--json']);
    expect(r.code).toBe(0); // reading still works
    expect(fs.readFileSync(path.join(dir, 'data/events.jsonl'))).toEqual(before);
  });
});
