// On an 80x24 terminal: `review status` fits the screen, `search --dry-run` shortens its URLs,
// and everything is whole when the output goes to a pipe or file (and in --json).
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { StatusCounts } from '../../src/core/status.js';
import { setLang } from '../../src/ui/i18n.js';
import { renderStatus } from '../../src/ui/statusView.js';
import { stripAnsi, textWidth } from '../../src/ui/text.js';
import { runCli, tempDir } from '../helpers/cli.js';

/** Run the CLI in this process as if on a `columns`-wide terminal; returns what reached stdout. */
async function onTerminal(args: string[], columns = 80): Promise<{ code: number; out: string }> {
  let out = '';
  const saved = { isTTY: process.stdout.isTTY, columns: process.stdout.columns, noColor: process.env.NO_COLOR };
  Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true, writable: true });
  Object.defineProperty(process.stdout, 'columns', { value: columns, configurable: true, writable: true });
  process.env.NO_COLOR = '1';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'review', '--lang', 'pt-BR', ...args]);
    return { code, out };
  } finally {
    spy.mockRestore();
    Object.defineProperty(process.stdout, 'isTTY', { value: saved.isTTY, configurable: true, writable: true });
    Object.defineProperty(process.stdout, 'columns', { value: saved.columns, configurable: true, writable: true });
    if (saved.noColor === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = saved.noColor;
  }
}

const lines = (text: string) => text.replace(/\n$/, '').split('\n');

afterEach(() => setLang('en'));

describe('an 80x24 terminal', () => {
  let dir: string;
  beforeAll(() => {
    dir = path.join(tempDir('review-fit-'), 'demo');
    const r = runCli(['demo', dir]);
    expect(r.code, r.stderr).toBe(0);
  }, 120_000);

  it('review status fits in 24 lines of 80 columns and names Google Acadêmico in pt-BR', async () => {
    const { code, out } = await onTerminal(['status', dir]);
    expect(code).toBe(0);
    const ls = lines(out);
    expect(ls.length).toBeLessThanOrEqual(24);
    for (const l of ls) expect(textWidth(l), l).toBeLessThan(80);
    expect(out).toContain('Google Acadêmico');
    expect(out).not.toContain('Google Scholar');
    expect(out).toMatch(/registros importados\s+44/);
  });

  it('a review with many sources and databases still fits', () => {
    const byDatabase: Record<string, number> = {};
    const bySource: Record<string, number> = {};
    for (const source of ['bvs', 'scielo', 'pubmed', 'google-scholar', 'other'])
      for (let i = 0; i < 12; i++) {
        byDatabase[`${source}/Base com um nome bem comprido número ${i}`] = 1000 + i;
        bySource[source] = (bySource[source] ?? 0) + 1000 + i;
      }
    const counts: StatusCounts = { records: 60_066, unique: 50_000, duplicates: 10_066, uncertainPairs: 12, bySource, byDatabase, excludedAutomatic: 5, screened: 49_000, maybe: 30, fulltextAssessed: 400, conflicts: 3, notRetrieved: 2, included: 120, extracted: 100 };
    setLang('pt-BR');
    const ls = renderStatus('Uma revisão integrativa com um título muito longo, maior do que a largura do terminal inteira', counts, 79);
    expect(ls.length).toBeLessThanOrEqual(22); // room for the prompt and a problems line
    for (const l of ls) expect(textWidth(l), l).toBeLessThanOrEqual(79);
    expect(ls.join('\n')).toContain('60.066');
  });

  it('search --dry-run shortens its URLs on a terminal, and gives them whole in a pipe and in --json', async () => {
    const { code, out } = await onTerminal(['search', dir, '--dry-run']);
    expect(code).toBe(0);
    const urlLines = lines(stripAnsi(out)).filter((l) => /^https?:\/\//.test(l));
    expect(urlLines.length).toBeGreaterThanOrEqual(4);
    for (const l of urlLines) expect(textWidth(l), l).toBeLessThan(80);
    expect(urlLines.some((l) => l.includes('…'))).toBe(true);
    expect(out).toContain('--dry-run --json');
    // Every other line is wrapped at word boundaries: only a single word longer than the line may pass.
    for (const l of lines(out)) if (textWidth(l) >= 80) expect(l.trim(), l).not.toMatch(/\s/);

    const piped = runCli(['search', dir, '--dry-run']);
    expect(lines(piped.stdout).filter((l) => /^https?:\/\//.test(l) && l.length > 1000).length).toBeGreaterThanOrEqual(2);
    expect(piped.stdout).not.toContain('…');
    const json = JSON.parse(runCli(['search', dir, '--dry-run', '--json']).stdout) as { url: string }[];
    expect(json.some((p) => p.url.length > 1000)).toBe(true);
  });
});
