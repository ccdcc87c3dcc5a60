/**
 * The import parsers a source reuses for its pages (RIS for SciELO, PubMed XML for efetch), so
 * live records get the same typed record and provenance as imported files.
 */
import type { FormatAdapter } from '../formats/types.js';
import { NotAvailableError } from '../core/errors.js';

const cache = new Map<string, FormatAdapter>();

// Note: loaded by path at run time; the format modules belong to the import area and are picked
// by the first export that has a `parse` function, whatever it is called (ris, pubmedXml, adapter...).
export async function loadFormat(module: 'ris' | 'pubmed-xml'): Promise<FormatAdapter> {
  const hit = cache.get(module);
  if (hit) return hit;
  const path = `../formats/${module}.js`;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(path)) as Record<string, unknown>;
  } catch {
    throw new NotAvailableError(`the ${module} parser is not available in this build`);
  }
  const adapter = Object.values(mod).find((v): v is FormatAdapter => !!v && typeof (v as FormatAdapter).parse === 'function');
  if (!adapter) throw new NotAvailableError(`the ${module} parser is not available in this build`);
  cache.set(module, adapter);
  return adapter;
}
