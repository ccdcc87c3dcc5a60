/** Realistic synthetic BVS-style RIS records, deterministic for a seed (for crash and scale tests). */
const SUBJECTS = ['Saúde Mental', 'Atenção Primária à Saúde', 'Enfermagem', 'Cuidados Paliativos', 'Apoio Matricial', 'Estratégia Saúde da Família'];
const FAMILIES = ['Silva', 'Souza', 'Oliveira', 'Conceição', 'Araújo', 'Gonçalves', 'Pereira', 'Lima', 'Câmara', 'Brandão'];
const GIVEN = ['Ana Paula', 'João', 'Maria José', 'Luís', 'Cecília', 'Antônio', 'Fátima'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function generateRis(count: number, seed = 1): string {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const out: string[] = [];
  for (let i = 1; i <= count; i++) {
    const s1 = pick(SUBJECTS);
    const s2 = pick(SUBJECTS);
    out.push(
      'TY  - JOUR',
      `TI  - ${s1} e ${s2.toLowerCase()}: estudo ${i} em município do Nordeste`,
      `T2  - Rev. Bras. Enferm`,
      `AU  - ${pick(FAMILIES)}, ${pick(GIVEN)}`,
      `AU  - ${pick(FAMILIES)}, ${pick(GIVEN)}`,
      `PY  - ${2005 + Math.floor(r() * 18)}`,
      `AB  - Objetivo: analisar ${s1.toLowerCase()} na atenção básica. Método: estudo qualitativo com ${10 + i % 40} profissionais. Resultados: ações de educação permanente e vínculo.`,
      `KW  - ${s1}`,
      `KW  - ${s2}`,
      `LA  - pt`,
      `DO  - 10.1590/synth.${seed}.${i}`,
      `ID  - biblio-${seed * 1_000_000 + i}`,
      `DB  - LILACS`,
      'ER  - ',
      '',
    );
  }
  return out.join('\r\n');
}
