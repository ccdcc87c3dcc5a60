// Relevance-ordered screening on the 8 labelled sets in ../shared/screening/, with the protocol of
// `review simulate` (one random relevant and one random irrelevant record to start, retrain after
// every decision; metrics leave those two out): the product's ranker beside two baselines,
// - ASReview v1's default: naive Bayes alpha 3.822 on TF-IDF words with ASReview's double balance
//   (asreview/asreview asreview/models/classifiers/nb.py, balance/double.py, feature_extraction/tfidf.py);
// - a linear SVM, C 0.11, balanced classes, on word + word-pair sublinear TF-IDF (ASReview v2's
//   elas_u4 is LinearSVC C 0.11 on TfidfVectorizer(ngram_range=(1,2), sublinear_tf=True, max_df=0.95)),
// then the stopping rule (Callaghan & Müller-Hansen 2020) replayed on the product's orders, and the
// estimate of relevant records left against the truth.
// Run: npm run bench screening   (BENCH_SEEDS=5 for more seeds, BENCH_SETS=Kwok,Hamilton for some sets)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsvTable, headerKey } from '../../dist/formats/csv/common.js';
import { parseLabelledTable } from '../../dist/core/relevance/labelled.js';
import { simulateScreening, simulateRandomOrder, simulateStopping } from '../../dist/core/relevance/simulate.js';
import { computeRankerFeatures } from '../../dist/core/relevance/ranker.js';
import { ScreeningSession } from '../../dist/core/screening/session.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// Note: a worktree outside the main checkout points REVIEW_SHARED at the shared folder.
const SHARED = path.join(process.env.REVIEW_SHARED ?? path.resolve(here, '../../../shared'), 'screening');
const SEEDS = Array.from({ length: Number(process.env.BENCH_SEEDS ?? 3) }, (_, i) => i + 1);
/** Random samples drawn per ranked run for the stopping rule (the sample's seed varies, the order stays). */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 10);
const ALL_SETS = [
  { file: 'Cohen_2006_ACEInhibitors.csv', name: 'Ace (Cohen 2006)', labels: 'label_included' },
  { file: 'Bannach-Brown_2019.csv', name: 'Bannach-Brown 2019', labels: 'label_included' },
  { file: 'Cohen_2006_ADHD.csv', name: 'ADHD (Cohen 2006)', labels: 'label_included' },
  { file: 'Cohen_2006_Opioids.csv', name: 'Opioids (Cohen 2006)', labels: 'label_included' },
  { file: 'Kitchenham_2010.csv', name: 'Kitchenham 2010', labels: 'label_included' },
  { file: 'Hamilton_2022.csv', name: 'Hamilton 2022', labels: 'label' },
  { file: 'Kwok_2020.csv', name: 'Kwok 2020', labels: 'included' },
  { file: 'Appenzeller-Herzog_2019.csv', name: 'Appenzeller-Herzog 2019', labels: 'included' },
];
const only = (process.env.BENCH_SETS ?? '').split(',').filter(Boolean);
const SETS = ALL_SETS.filter((s) => only.length === 0 || only.some((o) => s.file.toLowerCase().includes(o.toLowerCase())));
const MODELS = [
  { id: 'product', label: 'review' },
  { id: 'asreview-nb', label: 'NB (ASReview v1)' },
  { id: 'svm', label: 'SVM C0.11' },
];

if (!fs.existsSync(SHARED)) {
  console.log(`screening: ${SHARED} not present, nothing to measure`);
  process.exit(0);
}

const mean = (xs) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);
const f1 = (x) => (Number.isFinite(x) ? (100 * x).toFixed(1) : '-').padStart(6);
const sgn = (x) => (x >= 0 ? '+' : '') + (100 * x).toFixed(1);

console.log('# screening: relevance order, product vs baselines (retrained after every decision)');
console.log(`seeds ${SEEDS.join(',')} (priors: 1 relevant + 1 irrelevant drawn by seed, left out of the metrics); stopping rule: ${SEEDS.length} orders x ${SAMPLES} random samples per set`);
console.log('WSS@95, WSS@100, recall@10% in %; ATD = average time to discovery, % of records; s/run = seconds per simulated screening on this (shared, busy) machine');
const head = ['set'.padEnd(24), 'recs', ' rel', ...MODELS.map((m) => `WSS95 ${m.id}`.padStart(12)), ' Δbest', ...MODELS.map((m) => `r@10 ${m.id}`.padStart(11)), ' WSS100 p', ' ATD p', ...MODELS.map((m) => `s/run ${m.id}`.padStart(12))];
console.log(head.join(' '));

const perSet = [];
for (const set of SETS) {
  const file = path.join(SHARED, set.file);
  if (!fs.existsSync(file)) continue;
  const table = readCsvTable(fs.readFileSync(file, 'utf8'), file);
  const { docs, problems } = parseLabelledTable(table, file, headerKey(set.labels), (k) => k);
  if (problems.length) throw new Error(`${set.file}: ${problems.length} label problems`);
  const res = {};
  for (const m of MODELS) {
    const t0 = process.hrtime.bigint();
    const precomputed = computeRankerFeatures(docs, { model: m.id });
    const runs = SEEDS.map((seed) => simulateScreening(docs, { model: m.id, seed, precomputed }));
    res[m.id] = { runs, seconds: Number(process.hrtime.bigint() - t0) / 1e9 / SEEDS.length };
  }
  const random = SEEDS.map((seed) => simulateRandomOrder(docs, seed));
  const wss = Object.fromEntries(MODELS.map((m) => [m.id, mean(res[m.id].runs.map((r) => r.wss95))]));
  const r10 = Object.fromEntries(MODELS.map((m) => [m.id, mean(res[m.id].runs.map((r) => r.recall10))]));
  const bestBase = Math.max(wss['asreview-nb'], wss.svm);
  // The stopping rule on the product's orders, several random samples each.
  const stops = [];
  const buscar = [];
  for (const r of res.product.runs) {
    for (let k = 0; k < SAMPLES; k++) {
      stops.push(simulateStopping(docs, r.priors, r.order, 1000 + 17 * k));
      buscar.push(simulateStopping(docs, r.priors, r.order, 1000 + 17 * k, { rankedAsSample: true }));
    }
  }
  const row = {
    name: set.name,
    records: docs.length,
    relevant: docs.filter((d) => d.label === 1).length,
    wss,
    r10,
    delta: wss.product - bestBase,
    wss100: mean(res.product.runs.map((r) => r.wss100)),
    atd: mean(res.product.runs.map((r) => r.atdShare)),
    seconds: Object.fromEntries(MODELS.map((m) => [m.id, res[m.id].seconds])),
    random: { wss95: mean(random.map((r) => r.wss95)), r10: mean(random.map((r) => r.recall10)) },
    stop: { runs: stops.length, ok: mean(stops.map((s) => (s.recall >= 0.95 ? 1 : 0))), recall: mean(stops.map((s) => s.recall)), saved: mean(stops.map((s) => s.workSaved)), switched: mean(stops.map((s) => s.switchedAt / docs.length)) },
    buscar: { ok: mean(buscar.map((s) => (s.recall >= 0.95 ? 1 : 0))), saved: mean(buscar.map((s) => s.workSaved)) },
    estimates: res.product.runs.flatMap((r) => r.estimates),
  };
  perSet.push(row);
  console.log(
    [
      set.name.padEnd(24),
      String(row.records).padStart(4),
      String(row.relevant).padStart(4),
      ...MODELS.map((m) => f1(wss[m.id]).padStart(12)),
      sgn(row.delta).padStart(6),
      ...MODELS.map((m) => f1(r10[m.id]).padStart(11)),
      f1(row.wss100).padStart(9),
      f1(row.atd),
      ...MODELS.map((m) => row.seconds[m.id].toFixed(1).padStart(12)),
    ].join(' '),
  );
}
if (perSet.length) {
  const m = (f) => mean(perSet.map(f));
  const meanWss = Object.fromEntries(MODELS.map((x) => [x.id, m((r) => r.wss[x.id])]));
  const meanR10 = Object.fromEntries(MODELS.map((x) => [x.id, m((r) => r.r10[x.id])]));
  console.log(
    [
      `mean of ${perSet.length} sets`.padEnd(24),
      ''.padStart(4),
      ''.padStart(4),
      ...MODELS.map((x) => f1(meanWss[x.id]).padStart(12)),
      sgn(meanWss.product - Math.max(meanWss['asreview-nb'], meanWss.svm)).padStart(6),
      ...MODELS.map((x) => f1(meanR10[x.id]).padStart(11)),
      f1(m((r) => r.wss100)).padStart(9),
      f1(m((r) => r.atd)),
    ].join(' '),
  );
  console.log(`random order (mean of sets): WSS@95 ${f1(m((r) => r.random.wss95))}, recall@10% ${f1(m((r) => r.random.r10))}`);
  const worst = perSet.reduce((a, b) => (b.delta < a.delta ? b : a));
  console.log(`product vs the better baseline per set: ahead on ${perSet.filter((r) => r.delta > 0).length}/${perSet.length}; worst ${worst.name} ${sgn(worst.delta)} WSS@95 points`);

  console.log('\n# stopping rule: relevance order, switch after a run of irrelevant records, then a random sample until H0 "recall < 95%" is rejected at 95% confidence');
  console.log('set                       runs  reached 95%  mean recall  work saved  switched at | buscarpy-style (ranked records as sample): reached  work saved');
  for (const r of perSet) {
    console.log(`${r.name.padEnd(24)} ${String(r.stop.runs).padStart(5)}  ${f1(r.stop.ok).padStart(11)}  ${f1(r.stop.recall).padStart(11)}  ${f1(r.stop.saved).padStart(10)}  ${f1(r.stop.switched).padStart(11)} | ${f1(r.buscar.ok).padStart(49)}  ${f1(r.buscar.saved).padStart(10)}`);
  }
  console.log(`${'mean of sets'.padEnd(24)} ${''.padStart(5)}  ${f1(m((r) => r.stop.ok)).padStart(11)}  ${f1(m((r) => r.stop.recall)).padStart(11)}  ${f1(m((r) => r.stop.saved)).padStart(10)}  ${f1(m((r) => r.stop.switched)).padStart(11)} | ${f1(m((r) => r.buscar.ok)).padStart(49)}  ${f1(m((r) => r.buscar.saved)).padStart(10)}`);
  console.log(`lowest share reaching the target on one set: ${f1(Math.min(...perSet.map((r) => r.stop.ok)))}% (promised: 95%)`);

  console.log('\n# estimate of relevant records left vs the truth (product orders): shown share, mean estimate - truth when shown, mean truth');
  console.log('set                        10%: shown  error  truth |  25%: shown  error  truth |  50%: shown  error  truth');
  const cell = (es) => {
    const shown = es.filter((e) => e.estimated !== null);
    const err = mean(shown.map((e) => e.estimated - e.actual));
    return `${f1(shown.length / es.length).padStart(11)} ${(Number.isFinite(err) ? err.toFixed(1) : '-').padStart(6)} ${mean(es.map((e) => e.actual)).toFixed(1).padStart(6)}`;
  };
  for (const r of perSet) console.log(`${r.name.padEnd(24)} ${[0.1, 0.25, 0.5].map((s) => cell(r.estimates.filter((e) => e.share === s))).join(' | ')}`);
}

// What a reviewer waits for after each key in relevance order on the largest set: save (in memory
// here), rebuild the state, retrain, re-rank, estimate.
{
  const set = ALL_SETS[0];
  const file = path.join(SHARED, set.file);
  if (fs.existsSync(file)) {
    const table = readCsvTable(fs.readFileSync(file, 'utf8'), file);
    const { docs } = parseLabelledTable(table, file, headerKey(set.labels), (k) => k);
    const records = new Map();
    docs.forEach((d, i) => {
      const id = `i001-${String(i + 1).padStart(5, '0')}`;
      records.set(id, { id, titles: [{ lang: 'en', text: d.title }], abstracts: [{ lang: 'en', text: d.abstract }], authors: [], languages: ['en'], keywords: [], descriptors: [], fullTextUrls: [], extra: {}, provenance: { source: 'pubmed', file: 'x', line: i + 1, importId: 'i001', format: 'csv' } });
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
    const n = 200;
    const t1 = process.hrtime.bigint();
    for (let k = 0; k < n && session.current; k++) {
      if (label.get(session.current) === 1) session.decide('include');
      else session.decide('exclude', 'E1');
      session.estimateLeft();
    }
    const perKey = Number(process.hrtime.bigint() - t1) / 1e6 / n;
    console.log(`\ninteractive relevance order on ${ids.length} records: start ${startMs.toFixed(0)} ms, ${perKey.toFixed(1)} ms per decision (state, retrain, re-rank, estimate; ${n} decisions)`);
  }
}
globalThis.gc?.();
console.log(`peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
