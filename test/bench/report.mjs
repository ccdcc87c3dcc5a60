/**
 * Report benchmark: `review demo` end to end (median of 3 runs), and the outputs of a large
 * synthetic review (10k and 100k records; 20% duplicates, 5% out of the limits, 10% sought,
 * half of those included and extracted): PRISMA counts, report Markdown, SVGs, CSV table.
 * Run: node --expose-gc test/bench/report.mjs
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeReviewOutputs } from '../../dist/core/report/state.js';
import { checkPrismaInvariants } from '../../dist/core/prisma/invariants.js';
import { buildReportMarkdown } from '../../dist/core/report/markdown.js';
import { selectedArticleTable, stringifyTable } from '../../dist/core/report/selectedTable.js';
import { prismaSvg } from '../../dist/ui/svg/prismaSvg.js';
import { themeChartSvg } from '../../dist/ui/svg/themeChart.js';
import { prismaLabels } from '../../dist/ui/svg/prismaLabels.js';
import { parseProtocol } from '../../dist/core/protocol.js';
import { t } from '../../dist/ui/i18n.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const protocol = parseProtocol(fs.readFileSync(path.join(ROOT, 'fixtures/demo/protocol.yaml'), 'utf8'), 'protocol.yaml').protocol;

function demoRuns() {
  const times = [];
  for (let i = 0; i < 3; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-demo-'));
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/review.js'), 'demo', path.join(dir, 'd'), '--json'], { encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`demo failed: ${r.stderr}`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  console.log(`demo end to end (44 records, import..report): median ${(times[1] / 1000).toFixed(2)} s  (runs: ${times.map((x) => (x / 1000).toFixed(2)).join(', ')})`);
}

function synthetic(n) {
  const records = [];
  const events = [];
  let seq = 0;
  const add = (e) => events.push({ seq: ++seq, at: '', ...e });
  const dbs = [['bvs', 'LILACS'], ['bvs', 'BDENF'], ['scielo', 'SciELO Brasil'], ['pubmed', 'MEDLINE'], ['google-scholar', 'Google Scholar']];
  for (let i = 0; i < n; i++) {
    const [source, database] = dbs[i % dbs.length];
    records.push({
      id: `i001-${String(i + 1).padStart(6, '0')}`,
      titles: [{ lang: 'pt', text: `Matriciamento em saúde mental na atenção básica: estudo ${i}`, original: true }],
      abstracts: [{ lang: 'pt', text: 'Estudo qualitativo sobre corresponsabilização, vínculo e sobrecarga das equipes.' }],
      authors: [{ family: 'Silva', given: 'Ana' }, { family: 'Souza', given: 'B' }],
      year: 2010 + (i % 14),
      journal: 'Ciênc. saúde coletiva',
      doi: `10.1590/bench.${i}`,
      languages: ['pt'],
      keywords: [],
      descriptors: [],
      fullTextUrls: [],
      extra: {},
      provenance: { source, database, file: 'f', line: i + 1, importId: 'i001', format: 'ris' },
    });
  }
  const accepted = [];
  for (let i = 0; i + 1 < n; i += 10) accepted.push({ a: records[i].id, b: records[i + 1].id, rule: 'doi' }, { a: records[i].id, b: records[i + 2].id, rule: 'doi' });
  add({ type: 'dedup.run', imports: ['i001'], newRecords: n, accepted, uncertain: [], rules: 'bench' });
  const dup = new Set(accepted.map((p) => p.b));
  const unique = records.filter((r) => !dup.has(r.id));
  unique.forEach((r, k) => {
    if (k % 20 === 0) add({ type: 'screen.decision', recordId: r.id, stage: 'title-abstract', decision: 'exclude', reason: 'limit:year', by: 'automation' });
    else if (k % 10 === 1) {
      add({ type: 'screen.decision', recordId: r.id, stage: 'title-abstract', decision: 'include', by: 'human' });
      const inc = k % 20 === 1;
      add({ type: 'screen.decision', recordId: r.id, stage: 'fulltext', decision: inc ? 'include' : 'exclude', reason: inc ? undefined : 'E2', by: 'human' });
      if (inc) add({ type: 'extract', recordId: r.id, fields: { design: 'qualitativo', evidence_level: 'VI', main_results: 'Vínculo; sobrecarga' }, themes: ['P1', 'I2'] });
    } else add({ type: 'screen.decision', recordId: r.id, stage: 'title-abstract', decision: 'exclude', reason: 'E1', by: 'human' });
  });
  return { records, events };
}

function timed(label, fn) {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0, label];
}

function scale(n) {
  const { records, events } = synthetic(n);
  globalThis.gc?.();
  const base = process.memoryUsage().heapUsed;
  const [state, tState] = timed('state', () => computeReviewOutputs(records, events, protocol));
  const broken = checkPrismaInvariants(state.prisma);
  const labels = prismaLabels('pt-BR');
  const [, tSvg] = timed('svg', () => prismaSvg(state.prisma, { labels }));
  const [md, tMd] = timed('md', () =>
    buildReportMarkdown({ protocol, events, prisma: state.prisma, studies: state.studies, extractions: state.extractions, themes: state.themes, labels, tr: (k, p) => t(k, p, 'pt-BR'), num: String, pct: (p) => `${p.toFixed(1)}%`, formatValue: String, and: 'e', generatedAt: '', toolVersion: '' }),
  );
  const [csv, tCsv] = timed('csv', () => {
    const tb = selectedArticleTable(state.studies, protocol, state.extractions, { headings: { id: 'id', authors: 'a', year: 'y', title: 't', journal: 'j', databases: 'd', doi: 'doi', link: 'l', themes: 'th', themeLabels: 'tl' }, formatValue: String });
    return stringifyTable(tb.header, tb.rows, { excel: true });
  });
  const [, tChart] = timed('chart', () => themeChartSvg(state.themes, { title: 'Temas' }));
  const heap = (process.memoryUsage().heapUsed - base) / 2 ** 20;
  console.log(
    `${String(n).padStart(6)} records (${state.prisma.studiesIncluded} included): outputs state ${tState.toFixed(0)} ms, PRISMA SVG ${tSvg.toFixed(1)} ms, ` +
      `report.md ${tMd.toFixed(0)} ms (${(md.length / 1024).toFixed(0)} KiB), table CSV ${tCsv.toFixed(0)} ms (${(csv.length / 1024).toFixed(0)} KiB), chart ${tChart.toFixed(1)} ms; ` +
      `heap +${heap.toFixed(0)} MiB; invariants ${broken.length === 0 ? 'ok' : broken.join('; ')}`,
  );
  if (broken.length) process.exitCode = 1;
}

console.log('## report / PRISMA / export');
demoRuns();
for (const n of [10_000, 100_000]) scale(n);
