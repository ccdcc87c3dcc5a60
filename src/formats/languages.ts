/**
 * The one language table of the project (issue 16/18): a language as exports write it (ISO
 * 639-1 `pt`, 639-2/B `por`/`fre`, 639-2/T `fra`, `pt-BR`, or its name in English, Portuguese or
 * Spanish, with or without accents) -> ISO 639-1.
 * Codes and names come from @cospired/i18n-iso-languages (ISO 639-1 with the 639-2/B and /T
 * codes, names in pt, es and en kept by the package from CLDR/Wikipedia lists); it was picked
 * over iso-639-1 (English and native names only, no 639-2) and langs (no Portuguese or
 * Spanish names), since the vendors write "Inglês", "Español", "Finnish" and "fre" alike.
 * The vendors' own spellings the package lacks are added below.
 */
import { createRequire } from 'node:module';
import languages from '@cospired/i18n-iso-languages';
import { foldAccents } from '../core/text.js';

const require = createRequire(import.meta.url);
for (const lang of ['en', 'pt', 'es']) languages.registerLocale(require(`@cospired/i18n-iso-languages/langs/${lang}.json`));

/** Lower case, no accents, one space: the key names are compared by. */
function key(s: string): string {
  // Note: NFKC first so that foldAccents' NFD gives the compatibility fold (the key of old).
  return foldAccents(s.normalize('NFKC')).replace(/\s+/g, ' ').trim();
}

/** Spellings seen in exports that are not names in the package (Embase, Scopus, WoS, BVS...). */
const VENDOR_SPELLINGS: Readonly<Record<string, string>> = {
  castilian: 'es', castellano: 'es', finlandes: 'fi', finlandesa: 'fi', farsi: 'fa', 'brazilian portuguese': 'pt', 'portuguese brazilian': 'pt', brazilian: 'pt',
  'modern greek': 'el', greek: 'el', grego: 'el', griego: 'el', norwegian: 'no', norsk: 'no', 'serbo-croatian': 'sh', mandarin: 'zh',
  'chinese simplified': 'zh', 'chinese traditional': 'zh', multilingual: 'mul', mul: 'mul', undetermined: 'und', und: 'und',
};

const BY_NAME = new Map<string, string>();
for (const lang of ['en', 'pt', 'es']) {
  for (const [code, name] of Object.entries(languages.getNames(lang))) {
    for (const one of String(name).split(/\s*[;,]\s*/)) {
      BY_NAME.set(key(one), code);
      // Note: "Greek (modern)", "Norwegian Bokmål": the name before the qualifier counts too when free.
      const bare = key(one.replace(/\s*\(.*\)\s*/g, ' '));
      if (!BY_NAME.has(bare)) BY_NAME.set(bare, code);
    }
  }
}
for (const [name, code] of Object.entries(VENDOR_SPELLINGS)) BY_NAME.set(key(name), code);

/** ISO 639-1 for a language code or name (`Portuguese`, `Inglês`, `fre`, `pt-BR`), or undefined when unknown. */
export function toLanguageCode(raw: string): string | undefined {
  const s = key(raw.replace(/[()[\]]/g, ' '));
  if (s === '') return undefined;
  const named = BY_NAME.get(key(raw)) ?? BY_NAME.get(s) ?? BY_NAME.get(key(raw.replace(/\s*\(.*\)\s*/g, ' ')));
  if (named) return named === 'mul' || named === 'und' ? undefined : named;
  const tagged = /^([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*$/.exec(s);
  if (tagged) {
    const code = tagged[1];
    if (code.length === 2) return languages.isValid(code) ? code : undefined;
    return languages.alpha3BToAlpha2(code) ?? languages.alpha3TToAlpha2(code);
  }
  return undefined;
}
