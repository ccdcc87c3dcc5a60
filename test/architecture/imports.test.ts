/**
 * The import picture of src/ (issue 16, STYLE.md "The shape of the house"): arrows point down
 * the layers only (cli, ui on top; stages, project, sources, formats; core at the ground), no
 * command imports another, and no file reaches itself through its imports (no loops).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const SRC = path.join(ROOT, 'src');

/** Layers from the top; a file may import its own layer or any layer below it. */
const LAYERS = ['cli', 'ui', 'stages', 'project', 'sources', 'formats', 'core'] as const;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Relative imports of a file (static and dynamic, type-only ones too), as src-relative paths. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.[^'"]+)['"]/g)].map((m) => m[1]);
  return specs.map((spec) => path.relative(SRC, path.resolve(path.dirname(file), spec)).replace(/\.js$/, '.ts'));
}

const layerOf = (rel: string) => rel.split(path.sep)[0];

const graph = new Map(filesUnder(SRC).map((f) => [path.relative(SRC, f), importsOf(f)]));

describe('the import picture of src/', () => {
  it('reads every source file and its imports', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get(path.join('cli', 'main.ts'))?.length).toBeGreaterThan(0);
  });

  it('no arrow runs back up the layers (nothing below ui imports ui or cli; core imports only core)', () => {
    const wrong: string[] = [];
    for (const [from, targets] of graph) {
      const fromRank = LAYERS.indexOf(layerOf(from) as (typeof LAYERS)[number]);
      for (const to of targets) {
        const toRank = LAYERS.indexOf(layerOf(to) as (typeof LAYERS)[number]);
        if (fromRank >= 0 && toRank >= 0 && toRank < fromRank) wrong.push(`${from} -> ${to}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('no command imports another command', () => {
    const commands = path.join('cli', 'commands') + path.sep;
    const wrong = [...graph].flatMap(([from, targets]) =>
      from.startsWith(commands) ? targets.filter((to) => to.startsWith(commands)).map((to) => `${from} -> ${to}`) : [],
    );
    expect(wrong).toEqual([]);
  });

  it('every command is thin: at most 60 lines (counted as `wc -l` counts, newline characters)', () => {
    const dir = path.join(SRC, 'cli', 'commands');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    const long = files
      .map((f) => ({ f, lines: (fs.readFileSync(path.join(dir, f), 'utf8').match(/\n/g) ?? []).length }))
      .filter((x) => x.lines > 60)
      .map((x) => `${x.f}: ${x.lines} lines`);
    expect(long).toEqual([]);
  });

  it('no import loops', () => {
    const loops: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const to of graph.get(file) ?? []) {
        if (!graph.has(to)) continue;
        if (state.get(to) === 'open') loops.push([...stack.slice(stack.indexOf(to)), to].join(' -> '));
        else if (!state.has(to)) visit(to);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
    expect(loops).toEqual([]);
  });
});
