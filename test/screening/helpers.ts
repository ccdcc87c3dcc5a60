/** Builds a small screening review from fixtures/screening/records.json (Portuguese records). */
import fs from 'node:fs';
import path from 'node:path';
import { Review } from '../../src/project/review.js';
import { addRecords } from '../../src/project/addRecords.js';
import type { ParsedRecord } from '../../src/core/record.js';
import { fixturePath, protocolPath, runCli, tempDir } from '../helpers/cli.js';

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
