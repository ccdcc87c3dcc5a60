/** Messages of the CSV-family format modules. Keys are namespaced `csv.*`. */
import type { Catalogue } from './types.js';

export const messages: Catalogue = {
  en: {},
  'pt-BR': {},
};
