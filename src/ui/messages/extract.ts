/** Messages of the extract area. Keys are namespaced `extract.*`. */
import type { Catalogue } from './types.js';

export const messages: Catalogue = {
  en: {},
  'pt-BR': {},
};
