/**
 * CSV-family benchmark: N generated BVS-export rows (pt/en/es titles, ~1,500-character
 * abstracts, accents, entities) parsed by csv-bvs; the same records exported by the generic
 * CSV stringify and parsed back. Floors in the same run: a bare line scan of the text and
 * csv-parse alone (no mapping to records). Prints time, records/s and peak memory.
 * Then the whole `importFiles` of such a file into a temp review, each run in its own child
 * process so its peak RSS is its own: streamed (as import reads CSV now) and with the adapter's
 * `stream` removed (the whole-text read import did before), at 25,000 and 50,000 rows.
 * Run: npx tsc -p tsconfig.json && node --expose-gc test/bench/csv.mjs [N...]
 * (BENCH_CSV_IMPORT=25000,50000 sets the import sizes; BENCH_CSV_IMPORT=0 skips them.)
 */
import { parse as csvParse } from 'csv-parse/sync';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { csvFormats } from '../../dist/formats/csv/index.js';
import { csvBvs } from '../../dist/formats/csv/csv-bvs.js';
import { csvGeneric } from '../../dist/formats/csv/csv-generic.js';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const HEADER = 'ID,Title,Authors,Source,Journal,Database,Type,Language,Publication year,Descriptor(s),Publication Country,Fulltext URL, Abstract,Entry Date,Volume number,Issue number,DOI,ISSN';
const WORDS = 'cuidado enfermagem atenção primária saúde família idoso lesão pressão avaliação risco intervenção educação paciente hospital qualidade vida adesão tratamento hipertensão diabetes prevenção'.split(' ');
const FAMILY = ['Souza', 'Oliveira', 'Mello e Souza', 'Santos', 'Ferreira', 'Lima', 'Gonçalves', 'Araújo', 'Ribeiro', 'Conceição'];
const GIVEN = ['Maria Aparecida de', 'João Pedro', 'Ana Cláudia', 'Débora Regina dos', 'Luís Antônio', 'Iara'];

function words(n, seed) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(WORDS[(seed * 7 + i * 13) % WORDS.length]);
  return out.join(' ');
}

/** The BVS export text of n records (CRLF, as the portal writes it). */
export function bvsText(n) {
  const rows = [HEADER];
  for (let i = 0; i < n; i++) rows.push(bvsRow(i));
  return rows.join('\r\n') + '\r\n';
}

/** Row i of the generated BVS export (no line end). */
function bvsRow(i) {
  const pt = `Efeito da ${words(10, i)} na ${words(4, i + 1)} ${i}`;
  const en = `Effect of ${words(8, i + 2)} on the ${words(3, i + 3)} ${i}`;
  const es = `Efecto de la ${words(9, i + 4)} en la ${words(3, i + 5)} ${i}`;
  let abstract = `Objetivo: avaliar a &quot;${words(6, i)}&quot; em idosos &amp; famílias. Método: `;
  while (abstract.length < 1500) abstract += `${words(12, abstract.length + i)}. `;
  const authors = [0, 1, 2, 3].map((k) => `${FAMILY[(i + k) % FAMILY.length]}, ${GIVEN[(i + 2 * k) % GIVEN.length]}`).join('; ');
  const db = i % 5 === 0 ? 'MEDLINE' : i % 5 === 1 ? 'BDENF' : 'LILACS';
  const id = db === 'MEDLINE' ? `mdl-${30000000 + i}` : `biblio-${1000000 + i}`;
  const year = 2000 + (i % 24);
  return (
    [
      `"${id}"`, `"${pt}/ ${en}/ ${es}"`, `"${authors}"`, `"Rev. baiana enferm;${i % 40}(${i % 4}): ${i % 300}-${(i % 300) + 9}, ${year}. tab"`,
      '"Rev. baiana enferm"', `"${db}"`, '"article"', '"pt"', `"${year}"`, '"Lesão por Pressão/enfermagem; Atenção Primária à Saúde; Idoso"', '"BR"',
      `"https://periodicos.ufba.br/index.php/enfermagem/article/view/${i}"`, `"${abstract.trim()}"`, '20210615', String(i % 40), String(i % 4), `10.18471/rbe.v35.${i}`, '2178-8650',
    ].join(',')
  );
}

function measure(label, fn) {
  globalThis.gc?.();
  const before = process.memoryUsage();
  let peak = before.heapUsed;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const t0 = performance.now();
  const result = fn();
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { label, ms, heapDeltaMB: (peak - before.heapUsed) / 2 ** 20, result };
}

function row(n, m) {
  const rate = n / (m.ms / 1000);
  console.log(`  ${m.label.padEnd(34)} ${m.ms.toFixed(0).padStart(7)} ms  ${rate.toFixed(0).padStart(9)} rec/s  heap +${m.heapDeltaMB.toFixed(0)} MB`);
}

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/samples');

/** Parse time of each real CSV sample in ../shared/samples (when present), format picked by sniffing. */
function samples() {
  if (!fs.existsSync(SAMPLES)) return;
  console.log('\nreal samples (../shared/samples)');
  for (const name of fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.csv'))) {
    const text = fs.readFileSync(path.join(SAMPLES, name), 'utf8');
    const format = csvFormats.reduce((a, b) => (b.sniff(text) > a.sniff(text) ? b : a));
    const m = measure(`${format.id} ${name.slice(0, 24)}`, () => format.parse(text, { file: name }));
    row(m.result.records.length, m);
  }
}

/** The generated export of n rows written to `file` a thousand rows at a time (never one string). */
function writeBvsFile(file, n) {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, HEADER + '\r\n');
  for (let i = 0; i < n; i += 1000) {
    const rows = [];
    for (let k = i; k < Math.min(n, i + 1000); k++) rows.push(bvsRow(k));
    fs.writeSync(fd, rows.join('\r\n') + '\r\n');
  }
  fs.closeSync(fd);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/** In a child process: importFiles of `file` into a temp review; `whole` removes csv-bvs's `stream` first. */
async function importChild(file, whole) {
  const { Review } = await import('../../dist/project/review.js');
  const { importFiles } = await import('../../dist/stages/import/index.js');
  // Note: without `stream`, import reads the file whole and calls parse (what it did before CSV streamed).
  if (whole) delete csvBvs.stream;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-bench-csv-'));
  try {
    Review.init(path.join(dir, 'rev'), path.join(root, 'protocols', 'desafios-saude-mental-atencao-basica.yaml')).close();
    const review = Review.open(path.join(dir, 'rev'), { writer: 'bench' });
    const t0 = process.hrtime.bigint();
    const [summary] = importFiles(review, [file]);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    review.close();
    process.stdout.write(JSON.stringify({ ms, records: summary.read, rejected: summary.rejected, format: summary.format, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function runImport(file, whole) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', fileURLToPath(import.meta.url), '--import-child', file, whole ? 'whole' : 'stream'], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`import child failed (exit ${r.status}): ${r.stderr.slice(0, 2000)}`);
  return JSON.parse(r.stdout);
}

/** importFiles of generated BVS exports, streamed and whole, each in its own process. */
function imports(sizes) {
  if (sizes.length === 0) return;
  console.log('\n## CSV import (importFiles of a generated BVS export into a temp review; own process each, peak RSS = maxRSS)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-bench-csv-file-'));
  try {
    for (const n of sizes) {
      const file = path.join(dir, `bvs-${n}.csv`);
      writeBvsFile(file, n);
      console.log(`\n${n.toLocaleString('en-US')} rows, ${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MB`);
      for (const whole of [false, true]) {
        const r = runImport(file, whole);
        if (r.records !== n || r.format !== 'csv-bvs') throw new Error(`expected ${n} csv-bvs records, got ${r.records} ${r.format}`);
        const label = whole ? 'importFiles, whole-text read (before)' : 'importFiles, streamed';
        console.log(`  ${label.padEnd(40)} ${(r.ms / 1000).toFixed(2).padStart(6)} s  ${(n / (r.ms / 1000)).toFixed(0).padStart(7)} rec/s  peak RSS ${r.maxRssMb.toFixed(0).padStart(5)} MB`);
      }
      fs.rmSync(file, { force: true });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Run the figures for each size. */
function main() {
// Note: the import children run first, while this process is small: Linux carries a parent's
// peak RSS into a forked child's maxRSS, so after the in-memory parses below (1.7 GB) every
// child would report at least what this process held (442 MB instead of 110 MB, seen).
imports((process.env.BENCH_CSV_IMPORT ?? '25000,50000').split(',').map(Number).filter((n) => n > 0));
samples();
console.log('## CSV formats (csv-bvs parse, generic CSV stringify/parse)');
for (const n of sizes.length ? sizes : [10_000, 50_000]) {
  const text = bvsText(n);
  console.log(`\n${n} records, ${(text.length / 2 ** 20).toFixed(1)} M chars`);
  const scan = measure('bare line scan (floor)', () => {
    let lines = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    return lines;
  });
  row(n, scan);
  const raw = measure('csv-parse alone (floor)', () => csvParse(text, { relax_quotes: true }).length - 1);
  row(n, raw);
  const bvs = measure('csv-bvs parse -> records', () => csvBvs.parse(text, { file: 'bench.csv' }));
  row(n, bvs);
  if (bvs.result.records.length !== n) throw new Error(`expected ${n} records, got ${bvs.result.records.length}`);
  const records = bvs.result.records.map((r, i) => ({ ...r, id: `b-${i}`, provenance: { ...r.provenance, importId: 'b' } }));
  const out = measure('generic stringify', () => csvGeneric.stringify(records));
  row(n, out);
  const back = measure('generic parse of the export', () => csvGeneric.parse(out.result, { file: 'export.csv' }));
  row(n, back);
  if (back.result.records.length !== n) throw new Error('round trip lost records');
  console.log(`  csv-bvs / csv-parse alone: ${(bvs.ms / raw.ms).toFixed(2)}x; csv-bvs / line scan: ${(bvs.ms / scan.ms).toFixed(1)}x; rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
}
}

if (process.argv[2] === '--import-child') await importChild(process.argv[3], process.argv[4] === 'whole');
else if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
