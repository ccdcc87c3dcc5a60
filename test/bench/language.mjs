/**
 * Language guesser benchmark on real abstracts: the abstracts of ../shared/ (samples, screening
 * and dedup sets, read in place) whose first word is a heading only one language writes
 * ("RESUMO", "Resumen", "Background", "Zusammenfassung"...) are labelled by that heading; the
 * heading is cut off and the guesser (src/formats/language-guess.ts) reads the rest.
 * Reports, per language: how many it names right, wrong, or leaves open, as the readers call it
 * (any lead; and a full point ahead, as the CSV readers ask where they can fall back on the record).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectFormat } from '../../dist/formats/index.js';
import { decodeBytes } from '../../dist/formats/encoding.js';
import { detectLanguage } from '../../dist/formats/language-guess.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// Note: a worktree outside the main checkout points REVIEW_SHARED at the shared folder.
const SHARED = process.env.REVIEW_SHARED ?? path.resolve(HERE, '../../../shared');

/** Headings that open an abstract in one language only ("Objetivo" is Portuguese and Spanish: left out). */
const HEADINGS = {
  en: ['abstract', 'background', 'objective', 'objectives', 'introduction', 'purpose', 'aims', 'aim', 'methods', 'context'],
  pt: ['resumo', 'introdução', 'contexto'],
  es: ['resumen', 'introducción', 'antecedentes'],
  fr: ['résumé', 'contexte', 'objectif', 'objectifs'],
  de: ['zusammenfassung', 'hintergrund', 'einleitung', 'ziel'],
  it: ['riassunto', 'introduzione', 'obiettivo', 'obiettivi'],
};
const LANG_OF_HEADING = new Map(Object.entries(HEADINGS).flatMap(([lang, words]) => words.map((w) => [w, lang])));

function files(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.(ris|nbib|txt|xml|bib|csv|tsv)$/i.test(e.name) && !/README/i.test(e.name) ? [p] : [];
  });
}

const labelled = [];
const seen = new Set();
const t0 = performance.now();
for (const sub of ['samples', 'screening', 'dedup']) {
  for (const file of files(path.join(SHARED, sub))) {
    let records;
    try {
      const { text } = decodeBytes(new Uint8Array(fs.readFileSync(file)), file);
      records = detectFormat(file, text.slice(0, 65536)).parse(text, { file }).records;
    } catch {
      continue;
    }
    for (const r of records) {
      for (const a of r.abstracts) {
        const m = /^\s*([\p{L}]+)\s*[:.\-–]?\s+/u.exec(a.text);
        const lang = m && LANG_OF_HEADING.get(m[1].toLowerCase());
        const body = m ? a.text.slice(m[0].length) : '';
        if (!lang || body.length < 40 || seen.has(body)) continue;
        seen.add(body);
        labelled.push({ kind: 'abstract', lang, body });
        // Note: a record's one title is in its abstract's language when the record declares that
        // language alone (or none, as PubMed-derived sets, whose titles are English).
        const declared = r.languages ?? [];
        const title = r.titles.length === 1 ? r.titles[0].text : undefined;
        if (r.abstracts.length === 1 && title && !seen.has(title) && (declared.length === 0 ? lang === 'en' : declared.length === 1 && declared[0] === lang)) {
          seen.add(title);
          labelled.push({ kind: 'title', lang, body: title });
        }
      }
    }
  }
}
if (labelled.length === 0) {
  console.log(`language: no labelled abstracts under ${SHARED}`);
  process.exit(0);
}

console.log(`## Language guesser`);
console.log(`labelled: ${labelled.length} distinct texts of ../shared/ (read in ${((performance.now() - t0) / 1000).toFixed(1)} s): abstracts whose opening heading names their language, and the one title of such a record when the record declares that language alone (or none, for English)`);
for (const [kind, name, options] of [
  ['abstract', 'abstracts, any lead (RIS, BibTeX, Ovid, iAHx...)', {}],
  ['abstract', 'abstracts, a full point ahead (CSV readers)', { minLead: 1 }],
  ['title', 'titles, any lead', {}],
  ['title', 'titles, a full point ahead', { minLead: 1 }],
]) {
  const t = performance.now();
  const by = new Map();
  const set = labelled.filter((x) => x.kind === kind);
  for (const { lang, body } of set) {
    const g = detectLanguage(body, options);
    const row = by.get(lang) ?? { n: 0, right: 0, wrong: 0, open: 0, as: new Map() };
    row.n++;
    if (g === lang) row.right++;
    else if (g === undefined) row.open++;
    else {
      row.wrong++;
      row.as.set(g, (row.as.get(g) ?? 0) + 1);
    }
    by.set(lang, row);
  }
  const ms = performance.now() - t;
  console.log(`\n${name}: ${set.length} in ${ms.toFixed(0)} ms`);
  for (const [lang, r] of [...by].sort((a, b) => b[1].n - a[1].n)) {
    const as = [...r.as].map(([l, n]) => `${l} ${n}`).join(', ');
    console.log(`  ${lang}  n=${String(r.n).padStart(5)}  right ${(r.right / r.n * 100).toFixed(1).padStart(5)}%  wrong ${String(r.wrong).padStart(3)}${as ? ` (as ${as})` : ''}  left open ${r.open}`);
  }
}
