/**
 * src/formats sits below the UI (issue 16): no file of it imports ui/, cli/, project/, sources/
 * or stages/; diagnostics leave as codes and params, and the UI makes the sentences.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const FORMATS = path.join(ROOT, 'src', 'formats');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('src/formats imports nothing above it', () => {
  it('reaches only formats/ and core/ (and packages)', () => {
    const files = filesUnder(FORMATS);
    expect(files.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.[^'"]+)['"]/g)) {
        const target = path.relative(path.join(ROOT, 'src'), path.resolve(path.dirname(file), m[1])).split(path.sep)[0];
        if (target !== 'formats' && target !== 'core') wrong.push(`${path.relative(ROOT, file)} -> ${m[1]}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
