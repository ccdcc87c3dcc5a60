/**
 * Theme suggestions: codebook keywords found in a study's titles, abstracts and keywords,
 * accent- and case-insensitive. Only suggestions; the reviewer decides.
 */
import type { BibRecord } from '../record.js';
import type { Theme } from '../protocol.js';
import { foldText } from '../dedup/normalize.js';

export interface ThemeSuggestion {
  themeId: string;
  /** The codebook keywords that were found, as the codebook writes them. */
  matched: string[];
}

/** Everything searchable of a record, folded once. */
export function searchableText(record: Pick<BibRecord, 'titles' | 'abstracts' | 'keywords'>): string {
  const parts = [...record.titles.map((x) => x.text), ...record.abstracts.map((x) => x.text), ...record.keywords];
  return ` ${foldText(parts.join(' '))} `;
}

/**
 * Themes whose keywords appear in the record. A keyword matches at the start of a word, so
 * stems work ("corresponsabiliza" finds "corresponsabilização"); phrases must appear whole.
 */
export function suggestThemes(themes: readonly Theme[], record: Pick<BibRecord, 'titles' | 'abstracts' | 'keywords'>): ThemeSuggestion[] {
  const text = searchableText(record);
  const out: ThemeSuggestion[] = [];
  for (const th of themes) {
    const matched = (th.keywords ?? []).filter((k) => {
      const key = foldText(k);
      return key !== '' && text.includes(` ${key}`);
    });
    if (matched.length > 0) out.push({ themeId: th.id, matched });
  }
  return out;
}
