/** What `review descriptors` prints: the search blocks with their terms per source, or a DeCS lookup. */
import { isDescriptor } from '../core/protocol.js';
import type { BlockDescription } from '../core/query/describe.js';
import type { DescriptorLookup } from '../stages/descriptors.js';
import { t } from './i18n.js';
import { print, printJson } from './output.js';

/** The descriptors found for a term, each with its ids and tree numbers, then the YAML to paste. */
export function printLookup(r: DescriptorLookup, json?: boolean): void {
  if (json) printJson({ term: r.term, descriptors: r.descriptors, terms: r.terms });
  else if (r.terms.length === 0) print(t('descriptors.noMatch', { term: r.term }));
  else {
    // Each descriptor's ids and tree numbers, so the user can check it in the DeCS browser before pasting.
    const ids = r.descriptors.map((d) => `  ${d.pt ?? d.es ?? d.en}: ${[d.decs ? `DeCS ${d.decs}` : '', d.mesh ? `MeSH ${d.mesh}` : '', d.treeIds.length ? `${t('descriptors.treeNumbers')} ${d.treeIds.join(', ')}` : ''].filter(Boolean).join(' · ')}`);
    print(`${t('descriptors.found', { count: r.terms.length, term: r.term })}\n\n${ids.join('\n')}\n\n${r.yaml}`);
  }
}

/** Each search block: its descriptors (ids, synonyms) and keywords, and how each source searches them. */
export function printSearchBlocks(blocks: BlockDescription[], json?: boolean): void {
  if (json) return printJson(blocks);
  blocks.forEach((b, i) => {
    print(b.not ? t('descriptors.not') : t('descriptors.block', { n: i + 1, name: b.name }));
    for (const d of b.terms) {
      const term = d.term;
      if (isDescriptor(term)) {
        print(`  ${t('descriptors.descriptor')}: ${term.descriptor}${term.es ? ` | es: ${term.es}` : ''}${term.en ? ` | en: ${term.en}` : ''}`);
        const ids = [term.decs ? `DeCS ${term.decs}` : '', term.mesh ? `MeSH ${term.mesh}` : ''].filter(Boolean).join(', ');
        if (ids) print(`    ${t('descriptors.ids')}: ${ids}`);
        if (term.synonyms?.length) print(`    ${t('descriptors.synonyms')}: ${term.synonyms.join('; ')}`);
        if (term.freeText === false) print(`    ${t('descriptors.noFreeText')}`);
      } else {
        print(`  ${t('descriptors.keyword')}: ${term.keyword}`);
        if (term.variants?.length) print(`    ${t('descriptors.variants')}: ${term.variants.join('; ')}`);
      }
      print(`    ${t('descriptors.perSource')}:`);
      for (const [source, q] of Object.entries(d.searchedAs)) print(`      ${source.padEnd(14)} ${q}`);
    }
    print();
  });
}
