/** Messages of the dedup area. Keys are namespaced `dedup.*`. */
import type { Catalogue } from './types.js';

export const messages: Catalogue = {
  en: {},
  'pt-BR': {},
};
