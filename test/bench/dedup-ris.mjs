/**
 * Whole-process dedup bench: writes 100,000 RIS records (20% near-duplicates of the others) to a
 * temporary folder, imports them into a new review, and times `review dedup DIR --auto` as a
 * child process under /usr/bin/time -v (wall time, CPU, peak RSS), then checks the groups
 * against the planted duplicates through `review dedup --report`.
 *
 * Two title generators:
 *  - realistic: words drawn with the frequencies they have in the titles of the screening sets
 *    in ../shared/screening (real titles of health-science records; read in place), 6-16 words;
 *  - low vocabulary: every word drawn uniformly from 70 words, the worst case for title blocking.
 * Near-duplicates are written the way another database would write the same record: upper
 * case or accents lost, a typo, the subtitle dropped, DOI missing or as a resolver URL, pages
 * abbreviated, given names as initials, abstract or journal missing.
 *
 * Run: node test/bench/dedup-ris.mjs [--n 100000] [--vocab realistic|low|both] [--keep]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { rng } from './dedup-synthetic.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const BIN = path.join(ROOT, 'bin/review.js');
const SHARED = process.env.REVIEW_SHARED ?? path.resolve(ROOT, '../shared');

/** Title words with their counts in the screening sets' titles (or a Zipf fallback). */
function realWordFrequencies() {
  const dir = path.join(SHARED, 'screening');
  const counts = new Map();
  if (fs.existsSync(dir)) {
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.csv'))) {
      const rows = parse(fs.readFileSync(path.join(dir, f), 'utf8'), { columns: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: true });
      for (const row of rows) {
        for (const w of String(row.title ?? '').split(/[^\p{L}\p{N}-]+/u)) {
          if (w.length < 2 && !/\d/.test(w)) continue;
          const k = w.toLowerCase();
          counts.set(k, (counts.get(k) ?? 0) + 1);
        }
      }
    }
  }
  if (counts.size < 1000) {
    // Note: without the shared sets, a Zipf law over a small health vocabulary stands in.
    const words = 'care health study patients treatment clinical effect risk disease trial analysis outcomes women children primary nursing mental review quality life factors associated cohort randomized controlled systematic evaluation management therapy hospital community prevalence mortality diabetes depression cancer infection pregnancy elderly adolescents intervention program prevention screening diagnosis surgery pain stroke heart blood pressure'.split(' ');
    words.forEach((w, i) => counts.set(w, Math.round(10000 / (i + 1))));
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

/** A sampler over weighted words (cumulative weights, binary search). */
function sampler(entries, rand) {
  const words = entries.map((e) => e[0]);
  const cum = new Float64Array(entries.length);
  let total = 0;
  entries.forEach((e, i) => (cum[i] = total += e[1]));
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
}

const FAMILIES = ['Silva', 'Santos', 'Oliveira', 'Souza', 'Conceição', 'Gonçalves', 'Araújo', 'Lima', 'Pereira', 'Ferreira', 'Rodrigues', 'Almeida', 'Nascimento', 'Carvalho', 'Gomes', 'Martins', 'Ribeiro', 'Barbosa', 'Melo', 'Cavalcanti', 'Brandão', 'Simões', 'Fernández', 'García', 'López', 'Pérez', 'Smith', 'Jones', 'Müller', 'Wang', 'Li', 'Zhang', 'Kim', 'Nguyen', 'Brown', 'Taylor', 'Wilson', 'Johnson', 'Magalhães', 'Guimarães', 'Figueiredo', 'Sá', 'Falcão'];
const GIVEN = ['Maria', 'José', 'Ana', 'João', 'Antônio', 'Francisca', 'Luís', 'Márcia', 'Cláudia', 'Inês', 'Sérgio', 'Vânia', 'Fábio', 'Tânia', 'Lúcia', 'Renée', 'John', 'Wei', 'Sarah', 'David'];
const JOURNALS = ['Revista Brasileira de Enfermagem', 'Cadernos de Saúde Pública', 'Revista de Saúde Pública', 'Ciência & Saúde Coletiva', 'Revista Latino-Americana de Enfermagem', 'Texto & Contexto Enfermagem', 'BMC Public Health', 'PLoS One', 'Journal of Advanced Nursing', 'The Lancet', 'BMJ Open', 'International Journal of Nursing Studies', 'Diabetes Care', 'Journal of Clinical Nursing', 'Saúde em Debate', 'Physis'];
const strip = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** RIS text of `n` records, `dupShare` of them near-duplicates; truth[id] = id of the original. */
export function generateRis(n, vocab, seed = 7) {
  const rand = rng(seed);
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const entries = realWordFrequencies();
  const word = vocab === 'low' ? (() => { const w = entries.slice(0, 70).map((e) => e[0]); return () => pick(w); })() : sampler(entries, rand);
  const originals = Math.round(n * 0.8);
  const recs = [];
  const truth = new Map();
  for (let i = 0; i < originals; i++) {
    const len = 6 + Math.floor(rand() * 11);
    const words = Array.from({ length: len }, word);
    if (rand() < 0.3) words.splice(Math.max(3, len - 4), 0, ':');
    let title = words.join(' ').replace(/ :/, ':');
    title = title[0].toUpperCase() + title.slice(1);
    const na = 1 + Math.floor(rand() * 6);
    const authors = Array.from({ length: na }, () => [rand() < 0.25 ? `${pick(FAMILIES)} ${pick(FAMILIES)}` : pick(FAMILIES), `${pick(GIVEN)} ${pick(GIVEN)[0]}.`]);
    const p = 1 + Math.floor(rand() * 1500);
    const r = {
      id: `g${i}`,
      title,
      authors,
      year: 1990 + Math.floor(rand() * 35),
      journal: pick(JOURNALS),
      volume: String(1 + Math.floor(rand() * 80)),
      issue: String(1 + Math.floor(rand() * 12)),
      sp: String(p),
      ep: String(p + 4 + Math.floor(rand() * 20)),
      doi: rand() < 0.6 ? `10.${1000 + Math.floor(rand() * 8000)}/j.${i}.${Math.floor(rand() * 1e6)}` : undefined,
      abstract: rand() < 0.4 ? Array.from({ length: 40 }, word).join(' ') : undefined,
    };
    recs.push(r);
    truth.set(r.id, r.id);
  }
  for (let k = originals; k < n; k++) {
    const o = recs[Math.floor(rand() * originals)];
    const r = { ...o, id: `g${k}`, authors: o.authors.map((a) => [...a]) };
    const v = rand();
    if (v < 0.25) r.title = strip(r.title).toUpperCase();
    else if (v < 0.4) r.title = r.title.replace(/(\w{4})(\w)(\w)/, '$1$3$2');
    else if (v < 0.5 && r.title.includes(':')) r.title = r.title.slice(0, r.title.indexOf(':'));
    else if (v < 0.6) r.title = strip(r.title);
    if (rand() < 0.5) r.authors = r.authors.map(([f, g]) => [strip(f), g[0] + '.']);
    if (r.doi && rand() < 0.4) r.doi = rand() < 0.5 ? undefined : `https://doi.org/${r.doi.toUpperCase()}`;
    if (rand() < 0.3) r.ep = r.ep.slice(-Math.max(1, r.ep.length - 1));
    if (rand() < 0.3) r.abstract = undefined;
    if (rand() < 0.2) r.journal = undefined;
    recs.push(r);
    truth.set(r.id, truth.get(o.id));
  }
  // Note: duplicates are shuffled in among the originals, as a merged export would hold them.
  for (let i = recs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [recs[i], recs[j]] = [recs[j], recs[i]];
  }
  const lines = [];
  for (const r of recs) {
    lines.push('TY  - JOUR', `ID  - ${r.id}`, `TI  - ${r.title}`);
    for (const [f, g] of r.authors) lines.push(`AU  - ${f}, ${g}`);
    lines.push(`PY  - ${r.year}`);
    if (r.journal) lines.push(`T2  - ${r.journal}`);
    lines.push(`VL  - ${r.volume}`, `IS  - ${r.issue}`, `SP  - ${r.sp}`, `EP  - ${r.ep}`);
    if (r.doi) lines.push(`DO  - ${r.doi}`);
    if (r.abstract) lines.push(`AB  - ${r.abstract}`);
    lines.push('ER  - ', '');
  }
  return { text: lines.join('\n'), truth };
}

function cli(args, opts = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, REVIEW_LANG: 'en' }, ...opts });
}

/** Run `review dedup DIR --auto` under /usr/bin/time -v; wall seconds, CPU seconds, peak RSS MB. */
function timedDedup(dir) {
  const hasTime = fs.existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, BIN, 'dedup', dir, '--auto'], { encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(process.execPath, [BIN, 'dedup', dir, '--auto'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`review dedup failed: ${r.stderr}`);
  const field = (name) => Number((r.stderr.match(new RegExp(`${name}[^:]*: ([\\d.:]+)`)) ?? [])[1]);
  const user = field('User time');
  const sys = field('System time');
  const rssKb = field('Maximum resident set size');
  return { wall, cpu: user + sys, rssMb: rssKb / 1024, stdout: r.stdout };
}

function quality(dir, truth, dedupStdout) {
  const rows = parse(cli(['dedup', dir, '--report', '--format', 'csv']).stdout, { columns: true });
  const groups = new Map();
  for (const row of rows) {
    const g = groups.get(row.group) ?? [];
    g.push(truth.get(row.source_id));
    groups.set(row.group, g);
  }
  let removed = 0;
  let fp = 0;
  for (const g of groups.values()) {
    removed += g.length - 1;
    fp += new Set(g).size - 1;
  }
  const goldRemove = truth.size - new Set(truth.values()).size;
  const pending = Number(((dedupStdout.match(/Uncertain pairs to review\s+([\d,]+)/) ?? [])[1] ?? 'NaN').replace(/,/g, ''));
  return { sensitivity: (removed - fp) / goldRemove, falseMerges: fp, pending };
}

export function benchRis(n, vocab, keep = false) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `review-dedup-${vocab}-`));
  try {
    const t0 = performance.now();
    const { text, truth } = generateRis(n, vocab);
    const file = path.join(tmp, `synthetic-${vocab}.ris`);
    fs.writeFileSync(file, text);
    const gen = (performance.now() - t0) / 1000;
    const dir = path.join(tmp, 'review');
    let r = cli(['init', dir, '--protocol', path.join(ROOT, 'protocols/matriciamento-saude-mental.yaml')]);
    if (r.status !== 0) throw new Error(r.stderr);
    const t1 = performance.now();
    r = cli(['import', dir, file]);
    if (r.status !== 0) throw new Error(r.stderr);
    const imp = (performance.now() - t1) / 1000;
    // Note: with --keep, a copy of the review before dedup is left for profiling.
    if (keep) fs.cpSync(dir, `${dir}-before-dedup`, { recursive: true });
    const d = timedDedup(dir);
    const q = quality(dir, truth, d.stdout);
    const row = { n, vocab, generateS: gen, importS: imp, dedupWallS: d.wall, dedupCpuS: d.cpu, peakRssMb: d.rssMb, ...q };
    console.log(
      `dedup whole process n=${n} ${vocab.padEnd(9)} review dedup --auto: wall ${d.wall.toFixed(1)} s, cpu ${d.cpu.toFixed(1)} s, peak RSS ${Math.round(d.rssMb)} MB` +
        `  (import ${imp.toFixed(1)} s)  sensitivity ${q.sensitivity.toFixed(4)}, false merges ${q.falseMerges}, pending ${q.pending}`,
    );
    return row;
  } finally {
    if (!keep) fs.rmSync(tmp, { recursive: true, force: true });
    else console.log(`kept ${tmp}`);
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const opt = (name, def) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
  const n = Number(opt('--n', '100000'));
  const vocab = opt('--vocab', 'both');
  console.log(`dedup whole process: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (a shared, busy machine makes wall time noisy; CPU time is steadier)`);
  for (const v of vocab === 'both' ? ['realistic', 'low'] : [vocab]) benchRis(n, v, args.includes('--keep'));
}
