// Relevance-ordered screening on the labelled sets in ../shared/screening/: WSS@95 and recall@10%
// beside random order (mean over seeds), and the time per simulated screening.
// Run: node --expose-gc test/bench/screening.mjs   (after `npx tsc -p tsconfig.json`)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsvTable, headerKey } from '../../dist/formats/csv/common.js';
import { parseLabelledTable } from '../../dist/core/relevance/labelled.js';
import { simulateScreening, simulateRandomOrder } from '../../dist/core/relevance/simulate.js';
import { ScreeningSession } from '../../dist/ui/screenSession.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SHARED = path.resolve(here, '../../../shared/screening');
const SEEDS = [1, 2, 3, 4, 5];
const SETS = [
  { file: 'Cohen_2006_ACEInhibitors.csv', name: 'Ace (Cohen 2006)', labels: 'label_included', anchor: { wss95: 82.9, recall10: 90.5 } },
  { file: 'Bannach-Brown_2019.csv', name: 'Bannach-Brown 2019', labels: 'label_included' },
];

if (!fs.existsSync(SHARED)) {
  console.log(`screening: ${SHARED} not present, nothing to measure`);
  process.exit(0);
}

/** ASReview's cleaning for its published figures: no records without abstract, no duplicate abstracts. */
function cleaned(table) {
  const a = table.keys.indexOf('abstract');
  const seen = new Set();
  return {
    ...table,
    rows: table.rows.filter((r) => {
      const text = (r.cells[a] ?? '').trim();
      if (!text || seen.has(text)) return false;
      seen.add(text);
      return true;
    }),
  };
}

const pct = (x) => (100 * x).toFixed(1).padStart(5);
const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;

console.log('# screening: relevance order (naive Bayes + TF-IDF, retrained after every decision) vs random order');
console.log(`seeds ${SEEDS.join(',')}; metrics exclude the 2 prior records (1 relevant + 1 irrelevant, drawn by seed)`);
console.log('set                          variant     records  relevant   WSS@95  recall@10%   random WSS@95  random recall@10%   s/run');
for (const set of SETS) {
  const file = path.join(SHARED, set.file);
  if (!fs.existsSync(file)) continue;
  const table = readCsvTable(fs.readFileSync(file, 'utf8'), file);
  for (const [variant, t] of [['all', table], ['cleaned', cleaned(table)]]) {
    const { docs, problems } = parseLabelledTable(t, file, headerKey(set.labels), (k) => k);
    if (problems.length) throw new Error(`${set.file}: ${problems.length} label problems`);
    const runs = [];
    const random = [];
    const started = process.hrtime.bigint();
    for (const seed of SEEDS) {
      runs.push(simulateScreening(docs, { seed, estimateAt: [0.05, 0.1, 0.25, 0.5] }));
      random.push(simulateRandomOrder(docs, seed));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9 / SEEDS.length;
    const rel = docs.filter((d) => d.label === 1).length;
    console.log(
      `${set.name.padEnd(28)} ${variant.padEnd(9)} ${String(docs.length).padStart(9)} ${String(rel).padStart(9)}   ${pct(mean(runs.map((r) => r.wss95)))}       ${pct(mean(runs.map((r) => r.recall10)))}           ${pct(mean(random.map((r) => r.wss95)))}              ${pct(mean(random.map((r) => r.recall10)))}   ${seconds.toFixed(2).padStart(5)}`,
    );
    const est = runs[0].estimates.map((e) => `${Math.round(e.share * 100)}%: ~${e.estimated.toFixed(0)} (true ${e.actual})`).join(', ');
    console.log(`${''.padEnd(28)} estimate of relevant left, seed ${SEEDS[0]}: ${est}`);
  }
  if (set.anchor) console.log(`${''.padEnd(28)} ASReview NB+TF-IDF (published, cleaned): WSS@95 ${set.anchor.wss95}, recall@10% ${set.anchor.recall10}`);
}
// What a reviewer waits for after each key in relevance order on the largest set: save (in memory
// here), rebuild the state, retrain, re-rank, estimate.
{
  const file = path.join(SHARED, SETS[0].file);
  if (fs.existsSync(file)) {
    const table = readCsvTable(fs.readFileSync(file, 'utf8'), file);
    const { docs } = parseLabelledTable(table, file, headerKey(SETS[0].labels), (k) => k);
    const records = new Map();
    docs.forEach((d, i) => {
      const id = `i001-${String(i + 1).padStart(5, '0')}`;
      records.set(id, { id, titles: [{ lang: 'en', text: d.text.slice(0, 120) }], abstracts: [{ lang: 'en', text: d.text }], authors: [], languages: ['en'], keywords: [], descriptors: [], fullTextUrls: [], extra: {}, provenance: { source: 'pubmed', file: 'x', line: i + 1, importId: 'i001', format: 'csv' } });
    });
    const ids = [...records.keys()];
    const label = new Map(ids.map((id, i) => [id, docs[i].label]));
    const events = [];
    const append = (e) => {
      const full = { ...e, seq: events.length + 1, at: '' };
      events.push(full);
      return full;
    };
    const t0 = process.hrtime.bigint();
    const session = new ScreeningSession({ stage: 'title-abstract', uniqueIds: ids, records, events, append, order: 'relevance', seed: 1, language: 'en' });
    const startMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const n = 300;
    const t1 = process.hrtime.bigint();
    for (let k = 0; k < n && session.current; k++) {
      if (label.get(session.current) === 1) session.decide('include');
      else session.decide('exclude', 'E1');
      session.estimateLeft();
    }
    const perKey = Number(process.hrtime.bigint() - t1) / 1e6 / n;
    console.log(`interactive relevance order on ${ids.length} records: start ${startMs.toFixed(0)} ms, ${perKey.toFixed(1)} ms per decision (state, retrain, re-rank, estimate; ${n} decisions)`);
  }
}
globalThis.gc?.();
console.log(`peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
