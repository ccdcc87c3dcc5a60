/**
 * Dedup benchmark: quality on the labelled sets in ../shared/dedup/ (record-level TP/FP/TN/FN,
 * sensitivity, specificity, precision, F1, records sent to manual review, time, memory) and
 * scale on synthetic records (10k..100k, 20% duplicates).
 * Run: node --expose-gc test/bench/dedup.mjs [--sets-only | --scale-only | --scale-one N | --pipeline-only]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { parse as parseCsv } from 'csv-parse/sync';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectDuplicates } from '../../dist/core/dedup/detect.js';
import { computeDedupState } from '../../dist/core/dedup/state.js';
import { RULES_VERSION, DEFAULT_THRESHOLDS, comparePair } from '../../dist/core/dedup/score.js';
import { computeFeatures } from '../../dist/core/dedup/detect.js';
import { candidatePairs } from '../../dist/core/dedup/blocking.js';
import { loadAllSets, scoreGrouping } from './dedup-sets.mjs';
import { syntheticRecords } from './dedup-synthetic.mjs';
import { benchRis } from './dedup-ris.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// Note: a worktree outside the main checkout points REVIEW_SHARED at the shared folder.
const SHARED = path.join(process.env.REVIEW_SHARED ?? path.resolve(HERE, '../../../shared'), 'dedup');

/** Run the automatic dedup the way `review dedup --auto` does and return the state. */
export function autoDedup(records) {
  const t0 = performance.now();
  const found = detectDuplicates(records);
  const event = { type: 'dedup.run', seq: 1, at: '', imports: ['i001'], newRecords: records.length, accepted: found.accepted, uncertain: found.uncertain, rules: RULES_VERSION };
  const state = computeDedupState(records, [event]);
  return { state, found, ms: performance.now() - t0 };
}

function pct(x) {
  return x.toFixed(4);
}

function benchSets() {
  const sets = loadAllSets(SHARED);
  if (sets.length === 0) {
    console.log(`dedup: no labelled sets in ${SHARED}`);
    return [];
  }
  const out = [];
  for (const set of sets) {
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const { state, found, ms } = autoDedup(set.records);
    const heapMb = (process.memoryUsage().heapUsed - before) / 1e6;
    const groupOf = set.records.map((r) => state.groupOf.get(r.id));
    const s = scoreGrouping(set, groupOf);
    const reviewRecords = new Set(state.pending.flatMap((p) => [p.a, p.b])).size;
    const row = { set: set.name, records: s.n, ...s, reviewPairs: state.pending.length, reviewRecords, reviewShare: reviewRecords / s.n, ms: Math.round(ms), heapMb: Math.round(heapMb), pairsCompared: found.compared };
    out.push(row);
    console.log(
      `dedup ${set.name.padEnd(30)} n=${s.n} TP=${s.tp} FP=${s.fp} TN=${s.tn} FN=${s.fn} sens=${pct(s.sensitivity)} spec=${pct(s.specificity)} prec=${pct(s.precision)} F1=${pct(s.f1)} review=${state.pending.length} pairs/${reviewRecords} records (${(100 * row.reviewShare).toFixed(2)}%) time=${row.ms}ms heap+=${row.heapMb}MB compared=${found.compared}`,
    );
  }
  console.log('dedup anchors: ASySD sensitivity 0.95-0.99, specificity > 0.99 (Hair et al. 2023); Deduklick recall 0.995 at precision 1.0 (Borissov et al. 2022); SRA-DM F1 0.965');
  return out;
}

/**
 * The labelled sets as a new user meets them: `review import FILE` (the project's own CSV
 * reader), `review dedup --auto`, `review dedup --report --format csv`, scored against the gold
 * through the report's source_id. This is how unseen sets are judged, so it is reported apart.
 */
function benchPipeline(sets) {
  const BIN = path.resolve(HERE, '../../bin/review.js');
  const cli = (args) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, REVIEW_LANG: 'en' } });
  const rows = [];
  for (const set of sets) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'review-dedup-pipeline-'));
    try {
      const dir = path.join(tmp, 'review');
      cli(['init', dir, '--protocol', path.resolve(HERE, '../../protocols/matriciamento-saude-mental.yaml')]);
      const file = path.join(SHARED, set.file);
      const imp = cli(['import', dir, file]);
      if (imp.status !== 0) throw new Error(imp.stderr);
      const t0 = performance.now();
      cli(['dedup', dir, '--auto']);
      const ms = performance.now() - t0;
      const report = parseCsv(cli(['dedup', dir, '--report', '--format', 'csv']).stdout, { columns: true });
      const pending = JSON.parse(cli(['dedup', dir, '--json']).stdout).pending;
      const index = new Map(set.records.map((r, i) => [r.provenance.sourceId, i]));
      const groupOf = new Array(set.records.length);
      for (const row of report) groupOf[index.get(row.source_id)] = row.group;
      const s = scoreGrouping(set, groupOf);
      const pendingRecords = Math.min(s.n, pending * 2);
      rows.push({ set: set.name, ...s, pending });
      console.log(`dedup pipeline ${set.name.padEnd(30)} n=${s.n} TP=${s.tp} FP=${s.fp} FN=${s.fn} sens=${pct(s.sensitivity)} prec=${pct(s.precision)} review<=${pending} pairs (${((100 * pendingRecords) / s.n).toFixed(2)}% of records at most) dedup ${Math.round(ms)} ms`);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  return rows;
}

/** Thresholds tried when fitting (DEFAULT_THRESHOLDS must be one of them). */
const GRID = { sameTitle: [0.95, 0.97, 0.99], supportSame: [2, 3], closeTitle: [0.85, 0.9, 0.93], supportClose: [3, 4, 5], uncertainFloor: [0.85, 0.9] };

function grid() {
  let out = [{}];
  for (const [k, values] of Object.entries(GRID)) out = out.flatMap((o) => values.map((v) => ({ ...o, [k]: v })));
  return out;
}

/** One set under one set of thresholds: record-level scores and the share sent to review. */
function scoreWith(set, feats, candidates, th) {
  const accepted = [];
  const uncertain = [];
  const ids = set.records.map((r) => r.id);
  for (const [i, j] of candidates) {
    const v = comparePair(feats[i], feats[j], th);
    if (v.outcome === 'duplicate') accepted.push({ a: ids[i], b: ids[j], rule: v.rule, score: v.score });
    else if (v.outcome === 'uncertain') uncertain.push({ a: ids[i], b: ids[j], rule: v.rule, score: v.score });
  }
  const event = { type: 'dedup.run', seq: 1, at: '', imports: ['i001'], newRecords: ids.length, accepted, uncertain, rules: RULES_VERSION };
  const state = computeDedupState(set.records, [event]);
  const s = scoreGrouping(set, set.records.map((r) => state.groupOf.get(r.id)));
  const reviewRecords = new Set(state.pending.flatMap((p) => [p.a, p.b])).size;
  return { ...s, reviewRecords };
}

const key = (th) => Object.keys(GRID).map((k) => th[k]).join('/');
const distance = (th) => Object.keys(GRID).reduce((d, k) => d + Math.abs(GRID[k].indexOf(th[k]) - GRID[k].indexOf(DEFAULT_THRESHOLDS[k])), 0);

/**
 * The thresholds chosen on `train` (indexes into results): no false merge on any of them, at
 * most 2% of their records sent to review (pooled), then the best worst-set sensitivity, then
 * the best pooled sensitivity, the fewest sent to review, the nearest to the defaults.
 */
function fit(results, combos, train) {
  let best;
  for (let c = 0; c < combos.length; c++) {
    const rows = train.map((t) => results[t][c]);
    if (rows.some((r) => r.fp > 0)) continue;
    const n = rows.reduce((x, r) => x + r.n, 0);
    const review = rows.reduce((x, r) => x + r.reviewRecords, 0) / n;
    if (review > 0.02) continue;
    const gold = rows.reduce((x, r) => x + r.tp + r.fn, 0);
    const cand = { c, worst: Math.min(...rows.map((r) => r.sensitivity)), pooled: rows.reduce((x, r) => x + r.tp, 0) / gold, review, dist: distance(combos[c]) };
    if (
      !best ||
      cand.worst > best.worst + 1e-12 ||
      (Math.abs(cand.worst - best.worst) <= 1e-12 && (cand.pooled > best.pooled + 1e-12 || (Math.abs(cand.pooled - best.pooled) <= 1e-12 && (cand.review < best.review - 1e-12 || (Math.abs(cand.review - best.review) <= 1e-12 && cand.dist < best.dist)))))
    )
      best = cand;
  }
  return best ? best.c : combos.findIndex((th) => key(th) === key(DEFAULT_THRESHOLDS));
}

/** Leave-one-set-out: thresholds fitted without each set, then that set scored. */
function benchLoso(sets) {
  const combos = grid();
  const t0 = performance.now();
  const results = sets.map((set) => {
    const feats = computeFeatures(set.records);
    const candidates = candidatePairs(feats);
    return combos.map((th) => scoreWith(set, feats, candidates, th));
  });
  const all = sets.map((_, i) => i);
  const fitted = fit(results, combos, all);
  const fmt = (r) => `sens=${pct(r.sensitivity)} prec=${pct(r.precision)} FP=${r.fp} review=${(100 * r.reviewRecords / r.n).toFixed(2)}%`;
  console.log(`\ndedup thresholds: ${combos.length} combinations of ${Object.keys(GRID).join(', ')} (${Math.round(performance.now() - t0)} ms)`);
  console.log(`dedup fitted on all sets: ${JSON.stringify(combos[fitted])}${key(combos[fitted]) === key(DEFAULT_THRESHOLDS) ? ' (= DEFAULT_THRESHOLDS)' : ` (DEFAULT_THRESHOLDS is ${JSON.stringify(DEFAULT_THRESHOLDS)}: update it)`}`);
  const rows = [];
  sets.forEach((set, i) => {
    const loso = fit(results, combos, all.filter((j) => j !== i));
    const f = results[i][fitted];
    const l = results[i][loso];
    rows.push({ set: set.name, n: set.records.length, fitted: f, loso: l, losoThresholds: combos[loso] });
    console.log(`dedup ${set.name.padEnd(30)} n=${String(set.records.length).padStart(5)}  fitted: ${fmt(f)}  LOSO: ${fmt(l)}  (fitted without it: ${key(combos[loso])})`);
  });
  const big = rows.filter((r) => r.n >= 100);
  const worst = (pick) => ({
    sens: Math.min(...big.map((r) => pick(r).sensitivity)),
    fp: Math.max(...rows.map((r) => pick(r).fp)),
    review: Math.max(...big.map((r) => pick(r).reviewRecords / r.n)),
  });
  for (const [name, pick] of [['fitted', (r) => r.fitted], ['LOSO', (r) => r.loso]]) {
    const w = worst(pick);
    console.log(`dedup worst set (${name}): sensitivity ${pct(w.sens)}, most false merges ${w.fp}, most sent to review ${(100 * w.review).toFixed(2)}% (review share over sets of 100+ records)`);
  }
  return rows;
}

function scaleOne(n) {
  const { records, duplicateOf } = syntheticRecords(n, 0.2, 42);
  global.gc?.();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { state } = autoDedup(records);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  // Note: CPU time (all threads, GC included) next to wall time: on a loaded machine wall time lies.
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  // Quality on the synthetic set too: every planted duplicate found, nothing else merged.
  const truth = records.map((r, i) => duplicateOf[i] ?? i);
  const set = { records, gold: { kind: 'clusters', cluster: truth } };
  const s = scoreGrouping(set, records.map((r) => state.groupOf.get(r.id)));
  return { n, ms: Math.round(ms), cpuMs, maxRssMb: Math.round(maxRssMb), sensitivity: s.sensitivity, precision: s.precision, review: state.pending.length };
}

function benchScale() {
  const rows = [];
  console.log(`dedup scale: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (const n of [10_000, 25_000, 50_000, 100_000]) {
    // Note: one child per size, so peak memory is that size's own.
    const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--scale-one', String(n)], { encoding: 'utf8', maxBuffer: 1e7 });
    if (r.status !== 0) {
      console.log(`dedup scale n=${n} failed: ${r.stderr}`);
      continue;
    }
    const row = JSON.parse(r.stdout.trim().split('\n').pop());
    rows.push(row);
    console.log(`dedup scale n=${String(n).padStart(6)} time=${row.ms}ms cpu=${row.cpuMs}ms peakRSS=${row.maxRssMb}MB sens=${pct(row.sensitivity)} prec=${pct(row.precision)} review=${row.review}`);
  }
  return rows;
}

const args = process.argv.slice(2);
const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (!isMain) {
  // imported by a test: nothing to run
} else if (args[0] === '--scale-one') {
  console.log(JSON.stringify(scaleOne(Number(args[1]))));
} else if (args[0] === '--pipeline-only') {
  benchPipeline(loadAllSets(SHARED));
} else {
  if (!args.includes('--scale-only')) {
    benchSets();
    const sets = loadAllSets(SHARED);
    benchLoso(sets);
    benchPipeline(sets);
  }
  if (!args.includes('--sets-only')) {
    benchScale();
    // The whole process as a user runs it: 100,000 RIS records imported, then review dedup --auto.
    console.log(`dedup whole process: load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores (on a busy machine wall time is noisy; CPU time is steadier)`);
    for (const vocab of ['realistic', 'low']) benchRis(100_000, vocab);
  }
}
