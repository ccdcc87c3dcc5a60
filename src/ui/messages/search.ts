/** Messages of the search area. Keys are namespaced `search.*`. */
import type { Catalogue } from './types.js';

export const messages: Catalogue = {
  en: {},
  'pt-BR': {},
};
