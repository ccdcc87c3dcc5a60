/** The CSV-family formats (BVS, SciELO, Publish or Perish, Google Scholar, PubMed web, generic). */
import type { FormatAdapter } from '../types.js';

export const csvFormats: FormatAdapter[] = [];
