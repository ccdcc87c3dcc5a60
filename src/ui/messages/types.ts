export type Catalogue = { en: Record<string, string>; 'pt-BR': Record<string, string> };
