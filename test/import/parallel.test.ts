import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { protocolPath, runCli, tempDir } from '../helpers/cli.js';

/**
 * A ~9 MB BVS-style RIS file with problems in both halves, and the lines where they are.
 * Note: above 8 MB the import parses the second half on a worker thread; the result must be
 * byte for byte what one thread gives.
 */
function bigRis(): { text: string; lines: Record<string, number> } {
  const out: string[] = [];
  const lines: Record<string, number> = {};
  const mark = (name: string) => (lines[name] = out.length + 1);
  const words = ['saúde', 'atenção', 'básica', 'cuidado', 'enfermagem', 'família', 'vínculo', 'território', 'matriciamento', 'ação'];
  const record = (i: number, opts: { title?: boolean; er?: boolean; abstract?: string } = {}) => {
    out.push('TY  - JOUR', `AU  - Conceição, Maria José`, `AU  - Núñez, Inês`);
    if (opts.title !== false) out.push(`TI  - ${words[i % 10]} e ${words[(i * 3) % 10]} na estratégia saúde da família ${i}`, `TT  - Primary care and ${i}`);
    out.push(`PY  - ${2000 + (i % 25)}`, `DB  - LILACS`, `DP  - http://bvsalud.org/`, `ID  - biblio-${100000 + i}`, 'LA  - pt');
    out.push(`AB  - ${opts.abstract ?? `Objetivo: compreender o ${words[i % 10]} – ${words[(i + 1) % 10]}. `.repeat(30)}`);
    if (opts.er !== false) out.push('ER  - ', '');
  };
  const n = 5200;
  for (let i = 0; i < n; i++) {
    if (i === 100) {
      mark('noTitleFirstHalf');
      record(i, { title: false });
    } else if (i === 200) {
      mark('strayFirstHalf');
      out.push('texto solto fora de registro');
      record(i);
    } else if (i === 4000) {
      mark('noTitleSecondHalf');
      record(i, { title: false });
    } else if (i === 4100) {
      record(i, { er: false });
      mark('missingErSecondHalf');
    } else if (i === 4200) {
      out.push('TY  - JOUR');
      mark('badDoiSecondHalf');
      out.push('DO  - não é um DOI', 'TI  - Registro com DOI ruim', 'ER  - ', '');
    } else if (i === 4300) {
      record(i, { abstract: 'longo '.repeat(300_000) });
    } else if (i === 4400) {
      mark('fffdSecondHalf');
      out.push('TY  - JOUR', 'TI  - Sa\ufffdde mental', 'ER  - ', '');
    } else record(i);
  }
  out.push('TY  - JOUR', 'TI  - Último registro, sem ER');
  mark('lastLine');
  return { text: '\ufeff' + out.join('\r\n') + '\r\n', lines };
}

function importJson(dir: string, file: string, env: NodeJS.ProcessEnv = {}) {
  expect(runCli(['init', dir, '--protocol', protocolPath('desafios-saude-mental-atencao-basica.yaml')]).code).toBe(0);
  const r = runCli(['import', dir, file, '--json', '--skip-bad'], { env, timeout: 60_000 });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('a large file is parsed in two halves at once', () => {
  it('gives byte for byte the records, counts and diagnostics of one thread, and leaves no scratch file', () => {
    const base = tempDir('review-parallel-');
    const { text, lines } = bigRis();
    const file = path.join(base, 'bvs-grande.ris');
    fs.writeFileSync(file, text);
    expect(fs.statSync(file).size).toBeGreaterThan(8 * 2 ** 20);

    const two = importJson(path.join(base, 'two'), file);
    const one = importJson(path.join(base, 'one'), file, { REVIEW_THREADS: '1' });
    expect(two.files[0].threads).toBe(2);
    expect(one.files[0].threads).toBe(1);
    expect({ ...two.files[0], threads: 0 }).toEqual({ ...one.files[0], threads: 0 });

    const records = (dir: string) => fs.readFileSync(path.join(base, dir, 'data', 'records', 'i001.jsonl'));
    expect(records('two').equals(records('one'))).toBe(true);
    expect(fs.readdirSync(path.join(base, 'two', 'data', 'records'))).toEqual(['i001.jsonl']);

    const s = two.files[0];
    expect(s.read).toBe(5200 + 1 - 2);
    expect(s.rejected).toBe(2);
    const at = (code: string) => s.diagnostics.filter((d: { code: string }) => d.code === code).map((d: { line: number }) => d.line);
    expect(at('RIS_NO_TITLE')).toEqual([lines.noTitleFirstHalf, lines.noTitleSecondHalf]);
    expect(at('RIS_TEXT_OUTSIDE_RECORD')).toEqual([lines.strayFirstHalf]);
    expect(at('RIS_MISSING_ER')).toEqual([lines.missingErSecondHalf, lines.lastLine - 1]);
    expect(at('RIS_BAD_DOI')).toEqual([lines.badDoiSecondHalf]);
    expect(at('ENCODING_REPLACEMENT_CHAR')).toEqual([lines.fffdSecondHalf + 1]);

    const stored = records('two').toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(stored.map((r) => r.id)).toEqual(stored.map((_, i) => `i001-${String(i + 1).padStart(5, '0')}`));
    expect(stored.find((r) => r.provenance.sourceId === 'biblio-104300').abstracts[0].text.length).toBe('longo '.repeat(300_000).trim().length);
    expect(stored[stored.length - 1].titles[0].text).toBe('Último registro, sem ER');
    fs.rmSync(base, { recursive: true, force: true });
  }, 120_000);
});
