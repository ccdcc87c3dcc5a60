/**
 * A newcomer's whole review in a real terminal (tmux, 100x30, bash): init from a protocol, live
 * search of BVS and PubMed against the local fake servers (a 500, a 429, and a Ctrl-C in the middle
 * then --resume), import of SciELO RIS and Google Scholar (Publish or Perish) CSV exports, dedup
 * with one uncertain pair decided by a key, title/abstract screening by keys (include, exclude with
 * a reason number, maybe, undo, quit and resume), full text by keys (retrieved / not retrieved,
 * include / exclude with reason), extraction with themes by keys, then prisma, report and export.
 * At the end the PRISMA boxes and the CSV are checked against what the keys decided.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../helpers/cli.js';
import { startFakeServerProcess, Terminal, type FakeServerProcess } from './helpers.js';

/** The screen with lines joined: long messages are wrapped at word boundaries to the terminal's width. */
const flat = (screen: string) => screen.replace(/[ \t]*\n[ \t]*/g, ' ');

const HITS = { bvs: 10, pubmed: 6 };
const IMPORTED = { scielo: 6, 'google-scholar': 6 };
/** Fixture facts (fixtures/e2e/README.md): sure duplicate pairs, uncertain pairs, limit exclusions. */
const SURE_DUPLICATES = 3;
const LIMIT_EXCLUSIONS = { year: 1, type: 1 };

const ID_LINE = /^\[(i\d{3}-\d{5})\]/m;
const PROGRESS = /(\d+)\/(\d+) done/;
/** Lines above the screen read while extracting (a study's header may scroll off a 30-row terminal). */
const SCROLLBACK = 60;

let work: string;
let server: FakeServerProcess;
let term: Terminal;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'review-e2e-'));
  server = await startFakeServerProcess(HITS);
  term = new Terminal({ ...server.env, REVIEW_HTTP_BACKOFF_MS: '20', REVIEW_PAGE_SIZE: '4' });
  await term.waitFor((s) => s.trim() === '$');
});

afterAll(() => {
  term?.close();
  server?.stop();
  if (work && !process.env.REVIEW_E2E_KEEP) fs.rmSync(work, { recursive: true, force: true });
});

/** The text after the last occurrence of `marker` (what the current step added to the screen). */
function after(screen: string, marker: string): string {
  const i = screen.lastIndexOf(marker);
  return i < 0 ? '' : screen.slice(i);
}

function progressOf(screen: string): { done: number; total: number } {
  const m = PROGRESS.exec(screen);
  if (!m) throw new Error(`no progress line on the screen:\n${screen}`);
  return { done: Number(m[1]), total: Number(m[2]) };
}

type Decision = { key: 'i' } | { key: 'm' } | { key: 'e'; reason: number } | { key: 'x' } | { key: 'r'; then: 'i' } | { key: 'r'; then: 'e'; reason: number };

/**
 * One decision on the record on screen; waits until the screen moved on (the next record, or the
 * command's end when it was the last one). Returns the id decided.
 */
async function decide(d: Decision, ended: RegExp): Promise<string> {
  const screen = await term.waitFor(ID_LINE);
  const id = ID_LINE.exec(screen)![1];
  const { done, total } = progressOf(screen);
  term.keys(d.key);
  if (d.key === 'r') {
    await term.waitFor('Report: retrieved');
    term.keys(d.then);
  }
  if ((d.key === 'e' || (d.key === 'r' && d.then === 'e')) && 'reason' in d) {
    await term.waitFor('Exclusion reason');
    term.keys(String(d.reason));
  }
  await term.waitFor((s) => ended.test(s) || (PROGRESS.test(s) && progressOf(s).done === done + 1 && total === progressOf(s).total));
  return id;
}

describe('a whole review in a real terminal', () => {
  it('init, search with faults and resume, import, dedup by key, screen, extract, prisma, report, export', async () => {
    const dir = path.join(work, 'revisao');

    // 1. init from the protocol.
    let screen = await term.run(`review init ${dir} --protocol ${fixturePath('e2e', 'protocol.yaml')}`);
    expect(flat(screen)).toContain('Review created in');

    // 2. Live search. BVS pages hold 4 records: a 500 on the page from 5 (retried), and the page
    // from 9 hangs so the search is interrupted by Ctrl-C after two pages were saved.
    await server.addFaults([
      { source: 'bvs', from: 5, kind: '500' },
      { source: 'bvs', from: 9, kind: 'slow', delayMs: 30_000 },
      { source: 'pubmed', from: 5, kind: '429', retryAfter: 0 },
    ]);
    const searching = term.start(`review search ${dir} --source bvs`);
    const started = Date.now();
    while (!(await server.requests()).some((r) => r.path.startsWith('/bvs') && r.query.from === '9')) {
      if (Date.now() - started > 20_000) throw new Error(`the search never asked for the page from 9; screen:\n${term.screen()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    term.keys('C-c');
    const interrupted = await term.ended(searching);
    expect(interrupted.code).toBe(130);
    expect(interrupted.screen).toContain('BVS: try 1 failed (HTTP 500)');
    screen = await term.run(`review search ${dir} --source bvs --resume`);
    expect(flat(screen)).toContain('BVS: resuming search s001-bvs');
    expect(flat(screen)).toContain(`BVS: ${HITS.bvs} hits reported, ${HITS.bvs} records added (complete; search s001-bvs, import i001; 1 page fetched, 2 reused)`);
    screen = await term.run(`review search ${dir} --source pubmed`);
    expect(flat(screen)).toContain('PubMed: the server asks to slow down (429)');
    expect(flat(screen)).toContain(`PubMed: ${HITS.pubmed} hits reported, ${HITS.pubmed} records added (complete`);
    const statusFile = path.join(work, 'status-search.json');
    await term.run(`review status ${dir} --json > ${statusFile}`);
    const afterSearch = JSON.parse(fs.readFileSync(statusFile, 'utf8'));
    // No record lost or doubled by the fault, the interruption or the resume.
    expect(afterSearch.bySource).toEqual(HITS);
    expect(afterSearch.records).toBe(HITS.bvs + HITS.pubmed);

    // 3. Import the exports.
    screen = await term.run(`review import ${dir} ${fixturePath('e2e', 'scielo.ris')} ${fixturePath('e2e', 'google-scholar-pop.csv')}`);
    expect(flat(screen)).toContain('scielo.ris: RIS, utf-8; 6 records read, 0 rejected');
    expect(flat(screen)).toContain('google-scholar-pop.csv: Publish or Perish CSV, utf-8-bom; 6 records read, 0 rejected');
    const total = HITS.bvs + HITS.pubmed + IMPORTED.scielo + IMPORTED['google-scholar'];
    expect(flat(screen)).toContain(`Records in the review: ${total}.`);

    // 4. Dedup: the sure pairs automatically, then the uncertain pair by key.
    screen = await term.run(`review dedup ${dir} --auto`);
    expect(flat(screen)).toContain(`Compared ${total} new records: ${SURE_DUPLICATES} sure duplicate pairs merged, 1 uncertain pair set aside.`);
    const reviewing = term.start(`review dedup ${dir} --review`);
    screen = await term.waitFor('d = duplicate');
    expect(flat(screen)).toContain('Possible duplicate 1 of 1');
    // The translated title and the year one apart: the same Physis article from SciELO and Google Scholar.
    expect(flat(screen)).toContain('Interconsulta em saúde mental na');
    expect(flat(screen)).toContain('Interconsultation in mental health in');
    expect(screen).toMatch(/\*Year\s+2020\s+\|\s+2021/);
    term.keys('d');
    screen = (await term.ended(reviewing)).screen;
    expect(flat(screen)).toContain('1 decided, 0 skipped, 0 still to review.');
    const duplicates = SURE_DUPLICATES + 1;
    expect(screen).toMatch(new RegExp(`Duplicates removed\\s+${duplicates}`));
    const unique = total - duplicates;

    // 5a. Title/abstract: the limits run first, then one key per record; quit after 8, resume.
    const limits = LIMIT_EXCLUSIONS.year + LIMIT_EXCLUSIONS.type;
    const toScreen = unique - limits;
    const taPlan: Decision[] = [{ key: 'i' }, { key: 'e', reason: 1 }, { key: 'm' }, { key: 'e', reason: 2 }, { key: 'i' }, { key: 'e', reason: 1 }, { key: 'e', reason: 3 }, { key: 'e', reason: 1 }];
    const ta = new Map<string, Decision>();
    let screening = term.start(`review screen ${dir}`);
    screen = await term.waitFor(ID_LINE);
    // Note: the limits line counts every record read, duplicates too; the excluded ones are unique records.
    expect(flat(screen)).toContain(`Limits: ${total} records checked, ${limits} excluded (year ${LIMIT_EXCLUSIONS.year}, language 0, type ${LIMIT_EXCLUSIONS.type}, full text 0).`);
    expect(progressOf(screen)).toEqual({ done: 0, total: toScreen });
    for (let n = 0; n < 8; n++) {
      const d = taPlan[n % taPlan.length];
      if (n === 3) {
        // A slip: include by mistake, undo, then the intended decision.
        const slipped = await decide({ key: 'i' }, screening);
        term.keys('u');
        screen = await term.waitFor(`Undone: ${slipped}`);
        expect(ID_LINE.exec(screen)![1]).toBe(slipped);
        expect(progressOf(screen).done).toBe(3);
      }
      ta.set(await decide(d, screening), d);
    }
    term.keys('q');
    let end = await term.ended(screening);
    expect(end.code).toBe(0);
    expect(end.screen).toContain('Every decision is saved');
    screening = term.start(`review screen ${dir}`);
    screen = await term.waitFor(ID_LINE);
    expect(progressOf(screen)).toEqual({ done: 8, total: toScreen });
    expect(ta.has(ID_LINE.exec(screen)![1])).toBe(false);
    for (let n = 8; n < toScreen; n++) {
      const d = taPlan[n % taPlan.length];
      ta.set(await decide(d, screening), d);
    }
    end = await term.ended(screening);
    expect(end.code).toBe(0);
    expect(ta.size).toBe(toScreen);
    const taKeys = [...ta.values()];
    const taExcluded = taKeys.filter((d) => d.key === 'e').length;
    const sought = [...ta].filter(([, d]) => d.key === 'i' || d.key === 'm').map(([id]) => id);

    // 5b. Full text: not retrieved, or retrieved then include / exclude with a reason.
    const ftPlan: Decision[] = [{ key: 'x' }, { key: 'r', then: 'i' }, { key: 'r', then: 'e', reason: 1 }, { key: 'r', then: 'i' }, { key: 'r', then: 'e', reason: 2 }, { key: 'r', then: 'e', reason: 3 }, { key: 'r', then: 'i' }];
    const ft = new Map<string, Decision>();
    const fulltext = term.start(`review screen ${dir} --stage fulltext`);
    screen = await term.waitFor(ID_LINE);
    expect(flat(screen)).toContain('r report retrieved  x not retrieved');
    expect(progressOf(screen)).toEqual({ done: 0, total: sought.length });
    for (let n = 0; n < sought.length; n++) {
      const d = ftPlan[n % ftPlan.length];
      ft.set(await decide(d, fulltext), d);
    }
    end = await term.ended(fulltext);
    expect(end.code).toBe(0);
    expect([...ft.keys()].sort()).toEqual([...sought].sort());
    const included = [...ft].filter(([, d]) => d.key === 'r' && d.then === 'i').map(([id]) => id);
    const notRetrieved = [...ft.values()].filter((d) => d.key === 'x').length;
    const ftReasons: Record<string, number> = {};
    for (const d of ft.values()) if (d.key === 'r' && d.then === 'e') ftReasons[`E${d.reason}`] = (ftReasons[`E${d.reason}`] ?? 0) + 1;
    expect(included.length).toBeGreaterThan(1);

    // 6. Extraction: design by number, setting typed (with accents), themes toggled by number.
    const DESIGNS = ['qualitativo', 'quantitativo', 'misto', 'relato de experiência'];
    const SETTINGS = ['São Luís (MA)', 'Belém (PA)', 'Florianópolis (SC)', 'Goiânia (GO)'];
    const THEMES = ['P1', 'P2', 'I1', 'I2'];
    const extracted = new Map<string, { design: string; setting: string; themes: string[] }>();
    const extracting = term.start(`review extract ${dir}`);
    for (let n = 1; n <= included.length; n++) {
      const header = `Study ${n} of ${included.length}`;
      screen = await term.waitFor((s) => after(s, header).includes('Delineamento do estudo'), 30_000, SCROLLBACK);
      const id = new RegExp(`${header} \\(\\d+ already extracted\\)\\s+(i\\d{3}-\\d{5})`).exec(screen)?.[1];
      expect(included).toContain(id);
      const design = DESIGNS[n % DESIGNS.length];
      const setting = SETTINGS[n % SETTINGS.length];
      const themes = n % 2 ? ['P1', 'I2'] : ['P2'];
      term.keys(String(DESIGNS.indexOf(design) + 1));
      await term.waitFor((s) => after(s, header).includes('Cenário (município/estado)'), 30_000, SCROLLBACK);
      term.type(setting);
      term.keys('Enter');
      await term.waitFor((s) => after(s, header).includes('Themes of this study'), 30_000, SCROLLBACK);
      for (const th of themes) term.keys(String(THEMES.indexOf(th) + 1));
      await term.waitFor((s) => (after(after(s, header), 'Themes of this study').match(/\[x\]/g) ?? []).length === themes.length, 30_000, SCROLLBACK);
      term.keys('Enter');
      await term.waitFor(`Saved ${id}.`);
      extracted.set(id!, { design, setting, themes });
    }
    screen = (await term.ended(extracting)).screen;
    expect(flat(screen)).toContain(`${included.length} extractions saved; ${included.length} of ${included.length} included studies extracted.`);

    // 7. Outputs.
    const prismaFile = path.join(work, 'prisma.json');
    await term.run(`review prisma ${dir} --json > ${prismaFile}`);
    // The same counts in Portuguese, as the researchers will read them.
    await term.run(`LANG=pt_BR.UTF-8 review prisma ${dir}`);
    const pt = term.screen(SCROLLBACK);
    expect(pt).toMatch(new RegExp(`Registros duplicados removidos\\s+${duplicates}\\n`));
    expect(pt).toMatch(new RegExp(`Registros triados\\s+${toScreen}\\n`));
    expect(pt).toMatch(new RegExp(`Relatórios não recuperados\\s+${notRetrieved}\\n`));
    expect(pt).toMatch(new RegExp(`Estudos incluídos na revisão\\s+${included.length}\\n`));
    screen = await term.run(`review report ${dir}`);
    // The review is in Portuguese and this terminal in English: English outputs carry `.en`.
    expect(flat(screen)).toContain(`Report written to ${path.join(dir, 'out', 'report.en.md')}`);
    screen = await term.run(`review export ${dir} --format csv --excel`);
    const csvFile = /(\/\S+selected-articles(?:\.en)?\.csv)/.exec(screen.replace(/\n/g, ''))?.[1] ?? path.join(dir, 'out', 'selected-articles.en.csv');
    expect(flat(screen)).toContain(`${included.length}`);

    // PRISMA, box by box, against the keys.
    const prisma = JSON.parse(fs.readFileSync(prismaFile, 'utf8'));
    expect(prisma.by_source).toEqual(expect.arrayContaining([
      { source: 'bvs', n: HITS.bvs },
      { source: 'pubmed', n: HITS.pubmed },
      { source: 'scielo', n: IMPORTED.scielo },
      { source: 'google-scholar', n: IMPORTED['google-scholar'] },
    ]));
    expect(prisma.database_results + prisma.website_results).toBe(total);
    expect(prisma.duplicates).toBe(duplicates);
    expect(prisma.excluded_automatic).toBe(limits);
    expect(prisma.records_screened).toBe(toScreen);
    expect(prisma.records_excluded).toBe(taExcluded);
    expect(prisma.dbr_sought_reports + prisma.other_sought_reports).toBe(sought.length);
    expect(prisma.dbr_notretrieved_reports + prisma.other_notretrieved_reports).toBe(notRetrieved);
    expect(prisma.dbr_assessed + prisma.other_assessed).toBe(sought.length - notRetrieved);
    const ftExcludedReasons = Object.fromEntries([...prisma.dbr_excluded_reasons].map((r: { reason?: string; code?: string; n: number }) => [r.code ?? r.reason, r.n]));
    expect(ftExcludedReasons).toEqual(ftReasons);
    expect(prisma.total_studies).toBe(included.length);
    expect([...prisma.included_ids].sort()).toEqual([...included].sort());
    expect(prisma.awaiting_screening).toBe(0);
    expect(prisma.awaiting_fulltext).toBe(0);
    const byCode = (list: Array<{ code: string; n: number }>) => Object.fromEntries(list.map((r) => [r.code, r.n]));
    expect(byCode(prisma.excluded_automatic_reasons)).toEqual({ 'limit:year': LIMIT_EXCLUSIONS.year, 'limit:type': LIMIT_EXCLUSIONS.type });
    const taReasons: Record<string, number> = {};
    for (const d of taKeys) if (d.key === 'e') taReasons[`E${d.reason}`] = (taReasons[`E${d.reason}`] ?? 0) + 1;
    expect(byCode(prisma.records_excluded_reasons)).toEqual(taReasons);

    // The report tells the same numbers and counts the themes the keys chose.
    const report = fs.readFileSync(path.join(dir, 'out', 'report.en.md'), 'utf8');
    expect(report).toContain(`| Duplicate records removed | ${duplicates} |`);
    expect(report).toContain(`| Records screened | ${toScreen} |`);
    expect(report).toContain(`| Studies included in review | ${included.length} |`);
    for (const th of THEMES) {
      const n = [...extracted.values()].filter((x) => x.themes.includes(th)).length;
      if (n > 0) expect(report).toMatch(new RegExp(`\\| ${th} [^|]+ \\| ${n} \\|`));
    }

    // The selected-article CSV: Excel layout, one row per included study, accents and themes.
    const bytes = fs.readFileSync(csvFile);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, delimiter: ';' }) as string[][];
    const header = rows[0];
    expect(header).toEqual(expect.arrayContaining(['record_id', 'title', 'themes']));
    expect(rows).toHaveLength(1 + included.length);
    const col = (name: string) => header.indexOf(name);
    for (const cells of rows.slice(1)) {
      const id = cells[col('record_id')];
      expect(extracted.has(id)).toBe(true);
      const x = extracted.get(id)!;
      expect(cells[col('themes')].split(/;\s*/).sort()).toEqual([...x.themes].sort());
      expect(cells[col('Delineamento do estudo')]).toBe(x.design);
      // Typed with accents in the terminal, read back intact from the Excel CSV.
      expect(cells[col('Cenário (município/estado)')]).toBe(x.setting);
    }
    const text = bytes.toString('utf8');
    expect(text).toMatch(/[Ss]aúde/);
    expect(text).not.toContain('\uFFFD');
  }, 180_000);
});
