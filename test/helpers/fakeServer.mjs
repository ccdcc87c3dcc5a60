// A local stand-in for the live sources, on 127.0.0.1 (node:http, port 0 by default). It answers
// in each API's real shape, with paging: BVS portal and SciELO Search (iAHx JSON, RIS, CSV),
// NCBI E-utilities (esearch JSON, efetch XML) and the DeCS API (JSON, key in the `apikey` header).
// Faults are injected per source and page: 429 with Retry-After, 500, slow answers past the
// client's timeout, cut bodies, HTML captcha/CDN pages, 403, and a hang (for kill tests).
//
// Use from tests:   const server = await startFakeServer({ hits: { bvs: 237 } }); server.baseUrls.bvs
// Use standalone:   node test/helpers/fakeServer.mjs [--port 0] [--bvs 237] [--scielo 143] [--pubmed 412] [--decs-key KEY] [--faults JSON]
//                   prints `REVIEW_BVS_URL=...` lines (ready for `export`), then serves until SIGTERM/SIGINT.
//                   Faults at run time: curl -X POST URL/__faults -d '[{"source":"bvs","from":101,"kind":"429","retryAfter":1}]'
//                   Requests seen: curl URL/__requests ; forget faults and requests: curl -X POST URL/__reset
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/sources');

const TOPICS = [
  ['Matriciamento em saúde mental na atenção básica', 'Apoyo matricial en salud mental en la atención básica', 'Matrix support in mental health in primary care'],
  ['Desafios das ações de saúde mental na Estratégia Saúde da Família', 'Desafíos de las acciones de salud mental en la Estrategia Salud de la Familia', 'Challenges of mental health actions in the Family Health Strategy'],
  ['Apoio matricial em cuidados paliativos na atenção primária à saúde', 'Apoyo matricial en cuidados paliativos en la atención primaria', 'Matrix support in palliative care in primary health care'],
  ['Percepção de enfermeiros sobre o cuidado em saúde mental', 'Percepción de enfermeros sobre el cuidado en salud mental', 'Nurses\' perception of mental health care'],
  ['Interconsulta e visita domiciliar compartilhada: relato de experiência', 'Interconsulta y visita domiciliaria compartida: relato de experiencia', 'Interconsultation and shared home visits: an experience report'],
];
const PLACES = ['Campinas (SP)', 'Recife (PE)', 'Porto Alegre (RS)', 'Fortaleza (CE)', 'Belo Horizonte (MG)', 'Florianópolis (SC)', 'Belém (PA)', 'Goiânia (GO)', 'São Luís (MA)', 'Natal (RN)', 'Cuiabá (MT)'];
const FAMILIES = ['Silva', 'Souza', 'Oliveira', 'Santos', 'Pereira', 'Costa', 'Rodrigues', 'Almeida', 'Nascimento', 'Araújo', 'Gonçalves', 'Conceição'];
const GIVENS = ['Maria José', 'João Paulo', 'Ana Cláudia', 'Luíza', 'Antônio Carlos', 'Fernanda', 'Débora', 'Márcio', 'Cecília', 'Raimundo'];
const JOURNALS = [
  ['Rev. bras. enferm', 'Revista Brasileira de Enfermagem', '0034-7167'],
  ['Ciênc. saúde coletiva', 'Ciência & Saúde Coletiva', '1413-8123'],
  ['Rev. latinoam. enferm', 'Revista Latino-Americana de Enfermagem', '0104-1169'],
  ['Saúde debate', 'Saúde em Debate', '0103-1104'],
  ['Physis (Rio J.)', 'Physis: Revista de Saúde Coletiva', '0103-7331'],
];
const DBS = ['LILACS', 'BDENF', 'MEDLINE'];

/** The i-th (0-based) synthetic article of a source: same every run. */
export function article(source, i) {
  const [tiPt, tiEs, tiEn] = TOPICS[i % TOPICS.length];
  const place = PLACES[i % PLACES.length];
  const year = 2007 + (i % 17);
  const j = JOURNALS[i % JOURNALS.length];
  const authors = [0, 1, 2].slice(0, 1 + (i % 3)).map((k) => [FAMILIES[(i + k * 5) % FAMILIES.length], GIVENS[(i * 3 + k) % GIVENS.length]]);
  const n = i + 1;
  return {
    n,
    year,
    tiPt: `${tiPt} em ${place}: estudo ${n}`,
    tiEs: `${tiEs} en ${place}: estudio ${n}`,
    tiEn: `${tiEn} in ${place}: study ${n}`,
    abPt: `Objetivo: analisar ${tiPt.toLowerCase()} no município de ${place}. Método: estudo qualitativo com ${10 + (i % 20)} profissionais. Resultados: corresponsabilização do cuidado, educação permanente e redução de encaminhamentos. Conclusão: o apoio às equipes amplia a resolutividade.`,
    abEn: `Objective: to analyse ${tiEn.toLowerCase()} in ${place}. Method: qualitative study. Results: shared responsibility, continuing education and fewer referrals.`,
    authors,
    journal: j,
    volume: String(60 + (i % 15)),
    issue: String(1 + (i % 6)),
    pages: `${100 + i}-${108 + i}`,
    doi: `10.1590/fake.${source}.${String(n).padStart(5, '0')}`,
    db: DBS[i % DBS.length],
    bvsId: i % 3 === 2 ? `mdl-${31000000 + n}` : `biblio-${1000000 + n}`,
    pid: `S${j[2]}${year}${String(1 + (i % 6)).padStart(4, '0')}${String(n).padStart(5, '0')}`,
    pmid: String(30000000 + n),
  };
}

function iahxDoc(a) {
  return {
    id: a.bvsId,
    ti_pt: [a.tiPt],
    ti_es: [a.tiEs],
    ti_en: [a.tiEn],
    ab_pt: [a.abPt],
    ab_en: [a.abEn],
    au: a.authors.map(([f, g]) => `${f}, ${g}`),
    da: `${a.year}0${1 + (a.n % 9)}`,
    db: [a.db],
    la: ['pt'],
    type: ['article'],
    fulltext: ['1'],
    mh: ['Saúde Mental', 'Atenção Primária à Saúde', a.n % 2 ? 'Enfermagem Psiquiátrica/métodos' : 'Apoio Social'],
    fo: [`${a.journal[0]};${a.volume}(${a.issue}): ${a.pages}, ${a.year}`],
    ta: [a.journal[0]],
    is: [a.journal[2]],
    doi: [a.doi],
    ur: [`https://doi.org/${a.doi}`],
    cp: ['BR'],
    entry_date: [`${a.year}0615`],
  };
}

function scieloDoc(a) {
  return { id: `${a.pid}-scl`, ti_pt: [a.tiPt], ti_en: [a.tiEn], ab_pt: [a.abPt], au: a.authors.map(([f, g]) => `${f}, ${g}`), da: [String(a.year)], la: ['pt'], in: ['scl'], ta: [a.journal[1]], doi: [a.doi], type: ['research-article'] };
}

function scieloRis(a) {
  const lines = ['TY  - JOUR', ...a.authors.map(([f, g]) => `AU  - ${f}, ${g}`), `TI  - ${a.tiPt}`, `T2  - ${a.journal[1]}`, `JO  - ${a.journal[1]}`, `SN  - ${a.journal[2]}`, `VL  - ${a.volume}`, `IS  - ${a.issue}`, `SP  - ${a.pages.split('-')[0]}`, `EP  - ${a.pages.split('-')[1]}`, `PY  - ${a.year}`, `AB  - ${a.abPt}`, 'KW  - Saúde Mental', 'KW  - Atenção Primária à Saúde', `DO  - ${a.doi}`, `UR  - http://www.scielo.br/scielo.php?script=sci_arttext&pid=${a.pid}&lng=pt&nrm=iso`, 'LA  - pt', `ID  - ${a.pid}`, 'ER  - '];
  return lines.join('\r\n');
}

function csvCell(s) {
  return `"${String(s).replace(/"/g, '""')}"`;
}

function bvsCsvRow(a) {
  return [a.bvsId, a.tiPt, a.authors.map(([f, g]) => `${f}, ${g}`).join('; '), a.abPt, a.journal[0], a.year, a.db, 'Português', a.doi].map(csvCell).join(',');
}

function xmlEscape(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function pubmedArticle(a) {
  const authors = a.authors.map(([f, g]) => `<Author ValidYN="Y"><LastName>${xmlEscape(f)}</LastName><ForeName>${xmlEscape(g)}</ForeName><Initials>${g.split(/\s+/).map((x) => x[0]).join('')}</Initials></Author>`).join('');
  return `<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">${a.pmid}</PMID><Article PubModel="Print"><Journal><ISSN IssnType="Electronic">${a.journal[2]}</ISSN><JournalIssue CitedMedium="Internet"><Volume>${a.volume}</Volume><Issue>${a.issue}</Issue><PubDate><Year>${a.year}</Year></PubDate></JournalIssue><Title>${xmlEscape(a.journal[1])}</Title><ISOAbbreviation>${xmlEscape(a.journal[0])}</ISOAbbreviation></Journal><ArticleTitle>${xmlEscape(a.tiEn)}</ArticleTitle><Pagination><MedlinePgn>${a.pages}</MedlinePgn></Pagination><Abstract><AbstractText Label="OBJECTIVE">${xmlEscape(a.abEn)}</AbstractText></Abstract><AuthorList CompleteYN="Y">${authors}</AuthorList><Language>por</Language><PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType></PublicationTypeList><VernacularTitle>${xmlEscape(a.tiPt)}</VernacularTitle></Article><MeshHeadingList><MeshHeading><DescriptorName UI="D008603" MajorTopicYN="Y">Mental Health</DescriptorName></MeshHeading><MeshHeading><DescriptorName UI="D011320" MajorTopicYN="N">Primary Health Care</DescriptorName></MeshHeading></MeshHeadingList></MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType="pubmed">${a.pmid}</ArticleId><ArticleId IdType="doi">${a.doi}</ArticleId></ArticleIdList></PubmedData></PubmedArticle>`;
}

const EFETCH_HEAD = '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2024//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd">\n<PubmedArticleSet>\n';

function readFixture(...parts) {
  return fs.readFileSync(path.join(FIXTURES, ...parts), 'utf8');
}

const DEFAULT_HITS = { bvs: 237, scielo: 143, pubmed: 412 };

/**
 * Start the server. `hits` per source; `decsKey` the DeCS key it accepts; `faults` to start with.
 * Returns { url, port, baseUrls, requests, setFaults, addFault, reset, close }.
 */
export async function startFakeServer(options = {}) {
  const hits = { ...DEFAULT_HITS, ...(options.hits ?? {}) };
  const decsKey = options.decsKey ?? 'chave-decs-teste';
  let faults = [...(options.faults ?? [])];
  const requests = [];
  const webenv = 'MCID_fake_0123456789abcdef';
  const sockets = new Set();

  const takeFault = (source, from) => {
    const i = faults.findIndex((f) => (f.source === source || f.source === '*') && (f.from === undefined || f.from === from) && (f.path === undefined || f.path === source));
    if (i < 0) return undefined;
    const f = faults[i];
    const times = f.times ?? 1;
    if (times !== Infinity && times !== 'always') {
      if (times <= 1) faults.splice(i, 1);
      else faults[i] = { ...f, times: times - 1 };
    }
    return f;
  };

  const send = (res, status, type, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };

  /** Answer `body`, unless a fault says otherwise. */
  const answer = async (res, fault, type, body) => {
    if (!fault) return send(res, 200, type, body);
    switch (fault.kind) {
      case '429':
        return send(res, 429, 'text/plain', 'Too Many Requests', fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) });
      case '500':
        return send(res, fault.status ?? 500, 'text/html', '<html><body>Internal Server Error</body></html>');
      case '403':
        return send(res, 403, 'text/html; charset=utf-8', readFixture('blocked', 'cdn-403.html'));
      case 'html':
        return send(res, 200, 'text/html; charset=utf-8', readFixture('blocked', 'captcha.html'));
      case 'slow':
      case 'hang':
        await new Promise((r) => setTimeout(r, fault.delayMs ?? (fault.kind === 'hang' ? 600_000 : 5_000)));
        if (!res.destroyed) send(res, 200, type, body);
        return;
      case 'truncate': {
        // Promise the whole body, send half, cut the connection.
        const buf = Buffer.from(body);
        res.writeHead(200, { 'Content-Type': type, 'Content-Length': buf.length });
        res.write(buf.subarray(0, Math.floor(buf.length / 2)));
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      case 'cut-body':
        // A complete HTTP answer whose body stops half-way (a proxy that gave up).
        return send(res, 200, type, body.slice(0, Math.floor(body.length / 2)));
      default:
        return send(res, 200, type, body);
    }
  };

  const range = (total, from, count) => {
    const start = Math.max(0, from - 1);
    const end = Math.min(total, start + count);
    return Array.from({ length: Math.max(0, end - start) }, (_, k) => start + k);
  };

  const handlers = {
    async bvs(url, res) {
      const from = Number(url.searchParams.get('from') ?? 1);
      const count = Math.min(100, Number(url.searchParams.get('count') ?? 20));
      const output = url.searchParams.get('output') ?? 'site';
      const fault = takeFault('bvs', from);
      const idx = range(hits.bvs, from, count);
      if (output === 'json') {
        const body = JSON.stringify({ diaServerResponse: [{ responseHeader: { status: 0, QTime: 12, params: { q: url.searchParams.get('q'), start: String(from - 1), rows: String(count), wt: 'json' } }, response: { numFound: hits.bvs, start: from - 1, docs: idx.map((i) => iahxDoc(article('bvs', i))) }, facet_counts: { facet_fields: { db: DBS.flatMap((d) => [d, Math.ceil(hits.bvs / 3)]) } } }] });
        return answer(res, fault, 'application/json; charset=utf-8', body);
      }
      if (output === 'ris') return answer(res, fault, 'application/x-research-info-systems; charset=utf-8', idx.map((i) => scieloRis(article('bvs', i)).replace(/^ID {2}- .*$/m, `ID  - ${article('bvs', i).bvsId}`)).join('\r\n\r\n') + '\r\n');
      if (output === 'csv') return answer(res, fault, 'text/csv; charset=utf-8', ['"ID","Title","Author","Abstract","Journal","Year","Database","Language","DOI"', ...idx.map((i) => bvsCsvRow(article('bvs', i)))].join('\n') + '\n');
      return answer(res, fault, 'text/html; charset=utf-8', '<!DOCTYPE html><html><body>BVS portal page</body></html>');
    },
    async scielo(url, res) {
      const from = Number(url.searchParams.get('from') ?? 1);
      const count = Math.min(100, Number(url.searchParams.get('count') ?? 15));
      const output = url.searchParams.get('output') ?? 'site';
      const fault = takeFault('scielo', output === 'json' ? 0 : from);
      const idx = range(hits.scielo, from, count);
      if (output === 'json') return answer(res, fault, 'application/json; charset=utf-8', JSON.stringify({ diaServerResponse: [{ response: { numFound: hits.scielo, start: from - 1, docs: idx.map((i) => scieloDoc(article('scielo', i))) } }] }));
      if (output === 'ris') return answer(res, fault, 'application/x-research-info-systems; charset=utf-8', idx.length ? idx.map((i) => scieloRis(article('scielo', i))).join('\r\n') + '\r\n' : '');
      if (output === 'csv') return answer(res, fault, 'text/csv; charset=utf-8', ['"ID","Title","Authors","Year","DOI"', ...idx.map((i) => { const a = article('scielo', i); return [a.pid, a.tiPt, a.authors.map(([f, g]) => `${f}, ${g}`).join('; '), a.year, a.doi].map(csvCell).join(','); })].join('\n') + '\n');
      return answer(res, fault, 'text/html; charset=utf-8', '<!DOCTYPE html><html><body>SciELO search page</body></html>');
    },
    async esearch(url, res) {
      const fault = takeFault('pubmed', 0);
      const term = url.searchParams.get('term') ?? '';
      if (!term) return send(res, 200, 'application/json', JSON.stringify({ header: { type: 'esearch', version: '0.3' }, esearchresult: { ERROR: 'Empty term and query_key - nothing todo' } }));
      const body = JSON.stringify({ header: { type: 'esearch', version: '0.3' }, esearchresult: { count: String(hits.pubmed), retmax: '0', retstart: '0', querykey: '1', webenv, idlist: [], translationset: [], querytranslation: term } });
      return answer(res, fault, 'application/json; charset=UTF-8', body);
    },
    async efetch(url, res) {
      const start = Number(url.searchParams.get('retstart') ?? 0);
      const max = Number(url.searchParams.get('retmax') ?? 20);
      const fault = takeFault('pubmed', start + 1);
      if (url.searchParams.get('WebEnv') !== webenv || url.searchParams.get('query_key') !== '1')
        return send(res, 400, 'text/xml', '<?xml version="1.0" ?><eFetchResult><ERROR>Unable to obtain query #1</ERROR></eFetchResult>');
      const idx = range(hits.pubmed, start + 1, max);
      const body = `${EFETCH_HEAD}${idx.map((i) => pubmedArticle(article('pubmed', i))).join('\n')}\n</PubmedArticleSet>\n`;
      return answer(res, fault, 'text/xml; charset=UTF-8', body);
    },
    async decs(url, req, res) {
      const fault = takeFault('decs', 0);
      if (req.headers.apikey !== decsKey) return send(res, 401, 'application/json', JSON.stringify({ detail: 'Invalid or missing apikey' }));
      const words = (url.searchParams.get('words') ?? '').toLowerCase();
      const data = JSON.parse(readFixture('decs', 'search-by-words.json'));
      const records = data.objects[0].decsws_response.record_list.record;
      const norm = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
      const hit = records.filter((r) => [...r.descriptor_list, ...(r.synonym_list ?? [])].some((d) => norm(d.descriptor ?? d.synonym ?? '').includes(norm(words))));
      data.objects[0].decsws_response.record_list.record = hit;
      data.objects[0].decsws_response.attr.words = words;
      return answer(res, fault, 'application/json', JSON.stringify(hit.length ? data : { objects: [] }));
    },
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      if (url.pathname === '/__faults' && req.method === 'POST') {
        let body = '';
        for await (const c of req) body += c;
        const list = JSON.parse(body || '[]');
        faults.push(...(Array.isArray(list) ? list : [list]));
        return send(res, 200, 'application/json', JSON.stringify({ faults: faults.length }));
      }
      if (url.pathname === '/__reset' && req.method === 'POST') {
        faults = [];
        requests.length = 0;
        return send(res, 200, 'application/json', '{}');
      }
      if (url.pathname === '/__requests') return send(res, 200, 'application/json', JSON.stringify(requests));
      requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), apikeyHeader: req.headers.apikey !== undefined, userAgent: req.headers['user-agent'] ?? '' });
      if (url.pathname === '/bvs/portal/' || url.pathname === '/bvs/portal') return await handlers.bvs(url, res);
      if (url.pathname === '/scielo/' || url.pathname === '/scielo') return await handlers.scielo(url, res);
      if (url.pathname === '/eutils/esearch.fcgi') return await handlers.esearch(url, res);
      if (url.pathname === '/eutils/efetch.fcgi') return await handlers.efetch(url, res);
      if (url.pathname === '/decs/v2/search-by-words') return await handlers.decs(url, req, res);
      send(res, 404, 'text/plain', 'not found');
    } catch (e) {
      if (!res.headersSent) send(res, 500, 'text/plain', String(e));
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = server.address().port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    hits,
    decsKey,
    baseUrls: { bvs: `${url}/bvs`, scielo: `${url}/scielo`, pubmed: `${url}/eutils`, decs: `${url}/decs/v2` },
    requests,
    setFaults(list) {
      faults = [...list];
    },
    addFault(f) {
      faults.push(f);
    },
    pendingFaults() {
      return [...faults];
    },
    reset() {
      faults = [];
      requests.length = 0;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Environment lines a shell (or tmux session) exports to point `review` at this server. */
export function envLines(server) {
  return [`FAKE_SERVER_URL=${server.url}`, `REVIEW_BVS_URL=${server.baseUrls.bvs}`, `REVIEW_SCIELO_URL=${server.baseUrls.scielo}`, `REVIEW_PUBMED_URL=${server.baseUrls.pubmed}`, `REVIEW_DECS_URL=${server.baseUrls.decs}`];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const num = (name) => (opt(name) === undefined ? undefined : Number(opt(name)));
  const hitsArg = Object.fromEntries(['bvs', 'scielo', 'pubmed'].filter((s) => num(s) !== undefined).map((s) => [s, num(s)]));
  const server = await startFakeServer({ port: num('port') ?? 0, hits: hitsArg, decsKey: opt('decs-key'), faults: opt('faults') ? JSON.parse(opt('faults')) : [] });
  process.stdout.write(envLines(server).join('\n') + '\n');
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
