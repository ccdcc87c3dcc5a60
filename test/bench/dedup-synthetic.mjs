/**
 * Synthetic records for the dedup scale bench: pt/es/en titles from a health-sciences
 * vocabulary, accented author names, DOIs on most records; a share are duplicates written
 * the way another database would (no accents, other case, DOI with resolver prefix or missing,
 * abbreviated pages and given names, translated title in brackets, a typo).
 */
import { emptyRecord } from '../../dist/core/record.js';

const WORDS = (
  'saúde mental atenção básica primária enfermagem cuidado cuidados paliativos família comunidade apoio matricial ' +
  'matriciamento equipe estratégia avaliação qualidade vida idosos crianças adolescentes mulheres gestantes hospital ' +
  'unidade serviços políticas públicas sistema único análise estudo revisão integrativa sistemática qualitativo ' +
  'quantitativo transversal coorte prevalência fatores associados risco depressão ansiedade suicídio álcool drogas ' +
  'tuberculose hanseníase diabetes hipertensão obesidade nutrição aleitamento materno vacinação imunização educação ' +
  'formação profissionais médicos enfermeiros agentes comunitários território vulnerabilidade violência gênero ' +
  'trabalho acolhimento humanização integralidade acesso cobertura programa intervenção efetividade custo ' +
  'salud atención primaria cuidado enfermería evaluación calidad niños mujeres embarazo violencia políticas ' +
  'mental health primary care nursing palliative family community support team evaluation quality life elderly ' +
  'children adolescents women pregnancy hospital services public policy system analysis study review integrative ' +
  'systematic qualitative quantitative cross sectional cohort prevalence associated factors risk depression anxiety ' +
  'suicide alcohol drugs tuberculosis leprosy diabetes hypertension obesity nutrition breastfeeding vaccination ' +
  'education training professionals physicians nurses workers territory vulnerability gender work access coverage ' +
  'program intervention effectiveness cost brazil brasil northeast south region municipality city rural urban ' +
  'perception experience practice knowledge attitudes adherence treatment management outcomes mortality morbidity ' +
  'incidence trends indicators surveillance notification epidemiological clinical randomized trial protocol'
).split(/\s+/);
const FAMILIES = ['Silva', 'Santos', 'Oliveira', 'Souza', 'Conceição', 'Gonçalves', 'Araújo', 'Lima', 'Pereira', 'Ferreira', 'Rodrigues', 'Almeida', 'Nascimento', 'Carvalho', 'Gomes', 'Martins', 'Ribeiro', 'Barbosa', 'Melo', 'Cavalcanti', 'Brandão', 'Simões', 'Fernández', 'García', 'López', 'Pérez', 'Smith', 'Jones', 'Müller', 'Assunção', 'Magalhães', 'Guimarães', 'Figueiredo', 'Sá', 'Peçanha', 'Falcão'];
const GIVEN = ['Maria', 'José', 'Ana', 'João', 'Antônio', 'Francisca', 'Luís', 'Márcia', 'Cláudia', 'Inês', 'Sérgio', 'Vânia', 'Fábio', 'Tânia', 'Lúcia', 'Renée'];
const JOURNALS = ['Revista Brasileira de Enfermagem', 'Cadernos de Saúde Pública', 'Revista de Saúde Pública', 'Ciência & Saúde Coletiva', 'Revista Latino-Americana de Enfermagem', 'Texto & Contexto Enfermagem', 'Interface (Botucatu)', 'Saúde em Debate', 'Revista da Escola de Enfermagem da USP', 'Physis', 'Gaceta Sanitaria', 'BMC Public Health'];

/** Deterministic PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const strip = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

function base(id, i) {
  return { id, ...emptyRecord({ source: 'other', file: 'synthetic', line: i + 1, sourceId: id, importId: 'i001', format: 'synthetic' }) };
}

/** `n` records, `dupShare` of them duplicates of others; duplicateOf[i] = index of the original. */
export function syntheticRecords(n, dupShare = 0.2, seed = 1) {
  const rand = rng(seed);
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const originals = Math.round(n * (1 - dupShare));
  const records = [];
  const duplicateOf = [];
  for (let i = 0; i < originals; i++) {
    const r = base(`s${String(i).padStart(6, '0')}`, i);
    const len = 7 + Math.floor(rand() * 9);
    const words = Array.from({ length: len }, () => pick(WORDS));
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    r.titles.push({ lang: 'pt', text: words.join(' '), original: true });
    if (rand() < 0.4) r.titles.push({ lang: 'en', text: Array.from({ length: len }, () => pick(WORDS)).join(' ') });
    const na = 1 + Math.floor(rand() * 5);
    r.authors = Array.from({ length: na }, () => ({ family: rand() < 0.3 ? `${pick(FAMILIES)} ${pick(FAMILIES)}` : pick(FAMILIES), given: `${pick(GIVEN)} ${pick(GIVEN)[0]}.` }));
    r.year = 1995 + Math.floor(rand() * 30);
    r.journal = pick(JOURNALS);
    r.volume = String(1 + Math.floor(rand() * 60));
    r.issue = String(1 + Math.floor(rand() * 12));
    const p = 1 + Math.floor(rand() * 900);
    r.pages = `${p}-${p + 5 + Math.floor(rand() * 20)}`;
    if (rand() < 0.7) r.doi = `10.${1000 + Math.floor(rand() * 8000)}/s${i}-${Math.floor(rand() * 1e6)}`;
    if (rand() < 0.5) r.abstracts.push({ lang: 'pt', text: Array.from({ length: 60 }, () => pick(WORDS)).join(' ') });
    records.push(r);
  }
  for (let k = originals; k < n; k++) {
    const oi = Math.floor(rand() * originals);
    const o = records[oi];
    const r = structuredClone(o);
    r.id = `s${String(k).padStart(6, '0')}`;
    r.provenance = { ...o.provenance, sourceId: r.id, line: k + 1, importId: 'i001' };
    const v = rand();
    if (v < 0.3) r.titles = r.titles.map((t) => ({ ...t, text: strip(t.text).toUpperCase() }));
    else if (v < 0.45) r.titles = [...r.titles].reverse().map((t, i) => ({ ...t, text: i === 0 && t.lang === 'en' ? `[${t.text}].` : t.text }));
    else if (v < 0.6) r.titles = r.titles.map((t) => ({ ...t, text: t.text.replace(/(\w{4})(\w)(\w)/, '$1$3$2') }));
    if (rand() < 0.5) r.authors = r.authors.map((a) => ({ family: strip(a.family), given: a.given ? a.given[0] + '.' : undefined }));
    if (r.doi && rand() < 0.4) r.doi = rand() < 0.5 ? undefined : `https://doi.org/${r.doi.toUpperCase()}`;
    if (rand() < 0.3 && r.pages) {
      const [a, b] = r.pages.split('-');
      r.pages = `${a}-${b.slice(-Math.max(1, b.length - 1))}`;
    }
    if (rand() < 0.3) r.abstracts = [];
    if (rand() < 0.2) r.journal = undefined;
    records.push(r);
    duplicateOf[k] = oi;
  }
  return { records, duplicateOf };
}
