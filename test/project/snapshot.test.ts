/** The derived-state snapshot (issue 16): used while the log and records are unchanged, rebuilt when either changes. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../../src/core/protocol.js';
import { Review } from '../../src/project/review.js';
import { derivedStateKey, readSnapshot, snapshotDir, writeSnapshot } from '../../src/project/snapshot.js';
import { fixturePath, protocolPath, runCli, tempDir } from '../helpers/cli.js';
import type { NoteEvent } from '../helpers/events.js';

function newReview(): string {
  const dir = path.join(tempDir(), 'r');
  Review.init(dir, protocolPath('matriciamento-saude-mental.yaml')).close();
  return dir;
}

const statusJson = (dir: string) => {
  const r = runCli(['status', dir, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { records: number; unique: number };
};

describe('derived-state snapshot', () => {
  it('a value is read back only under the key it was stored with', () => {
    const dir = newReview();
    const review = Review.open(dir);
    const key = derivedStateKey(review.paths);
    writeSnapshot(review.paths, 'x', key, { n: 1 });
    expect(readSnapshot(review.paths, 'x', key)).toEqual({ n: 1 });
    expect(readSnapshot(review.paths, 'x', key + 'other')).toBeUndefined();
    expect(readSnapshot(review.paths, 'missing', key)).toBeUndefined();
  });

  it('a protocol that passed the schema once is not checked again, and an edit is checked and refused as before', () => {
    const dir = newReview();
    const review = Review.open(dir);
    const marker = path.join(snapshotDir(review.paths), 'protocol-schema.json');
    expect(fs.existsSync(marker)).toBe(true);
    expect(Review.open(dir).protocol).toEqual(review.protocol);
    // An unknown top-level key (the schema has additionalProperties: false), with its line.
    fs.appendFileSync(review.paths.protocol, 'chave_desconhecida: 1\n');
    const text = fs.readFileSync(review.paths.protocol, 'utf8');
    const expected = parseProtocol(text, review.paths.protocol).problems;
    expect(expected.length).toBeGreaterThan(0);
    expect(() => Review.open(dir)).toThrow(expect.objectContaining({ code: 'PROTOCOL_INVALID', diagnostics: expected }));
    // A forged marker for another text does not let the edited protocol through.
    fs.writeFileSync(marker, JSON.stringify({ key: 'other', value: true }));
    expect(() => Review.open(dir)).toThrow(expect.objectContaining({ code: 'PROTOCOL_INVALID' }));
  });

  it('the key changes with an appended event, an edited protocol and a new records file', () => {
    const dir = newReview();
    const w = Review.open(dir, { writer: 'test' });
    const k0 = derivedStateKey(w.paths);
    w.append<NoteEvent>({ type: 'note', text: 'a' });
    const k1 = derivedStateKey(w.paths);
    expect(k1).not.toBe(k0);
    fs.appendFileSync(w.paths.protocol, '\n# nota\n');
    const k2 = derivedStateKey(w.paths);
    expect(k2).not.toBe(k1);
    fs.writeFileSync(path.join(w.paths.records, 'i009.jsonl'), '');
    expect(derivedStateKey(w.paths)).not.toBe(k2);
    w.close();
  });

  it('review status reads the snapshot while nothing changed, and counts again after an import', () => {
    const dir = newReview();
    expect(runCli(['import', dir, fixturePath('ris', 'bvs-lilacs-2021.ris'), '--source', 'bvs']).code).toBe(0);
    const first = statusJson(dir);
    expect(first.records).toBeGreaterThan(0);
    const file = path.join(snapshotDir(Review.open(dir).paths), 'status.json');
    // Proof that the stored counts are what status prints: change them under the same key.
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { key: string; value: { records: number } };
    fs.writeFileSync(file, JSON.stringify({ key: stored.key, value: { ...stored.value, records: 424242 } }));
    expect(statusJson(dir).records).toBe(424242);
    // A new import changes the log and adds a records file: the counts are computed again.
    expect(runCli(['import', dir, fixturePath('ris', 'scielo-search.ris'), '--source', 'scielo']).code).toBe(0);
    const after = statusJson(dir);
    expect(after.records).toBeGreaterThan(first.records);
    expect(after.records).not.toBe(424242);
  });

  it('a review folder that cannot be written still answers status', () => {
    const dir = newReview();
    expect(runCli(['import', dir, fixturePath('ris', 'bvs-lilacs-2021.ris'), '--source', 'bvs']).code).toBe(0);
    const derived = path.join(dir, 'data', 'derived');
    // Note: a file where the folder should be makes every snapshot write fail, also as root.
    fs.rmSync(derived, { recursive: true, force: true });
    fs.writeFileSync(derived, 'not a folder');
    expect(statusJson(dir).records).toBeGreaterThan(0);
  });
});
