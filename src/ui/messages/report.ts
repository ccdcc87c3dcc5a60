/** Messages of the report area. Keys are namespaced `report.*`. */
import type { Catalogue } from './types.js';

export const messages: Catalogue = {
  en: {},
  'pt-BR': {},
};
