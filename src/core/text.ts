/**
 * The text toolkit below the UI: HTML entity decoding and accent folding, one copy each.
 * (Terminal text, wrap and width, is the UI's: src/ui/text.ts.)
 */
// Note: entities (github.com/fb55/entities, the decoder of htmlparser2 and cheerio) carries the
// WHATWG table of named character references; its strict mode decodes only references closed by
// `;`, so "R&D" or "&notes" stay as written.
import { decodeHTMLStrict } from 'entities';

/**
 * Decode HTML character references (`&amp;`, `&eacute;`, `&#233;`, `&#xE9;`); an unknown name
 * stays as written. `passes` 2 also undoes a second encoding (`&amp;#039;`), for exports that
 * escape twice; text that may hold a literal `&amp;` decodes once.
 */
export function decodeEntities(s: string, passes = 1): string {
  let out = s;
  for (let i = 0; i < passes && out.includes('&'); i++) out = decodeHTMLStrict(out);
  return out;
}

/** Lower case without accents (`Atenção` -> `atencao`); everything else kept as it is. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The languages of the portals (pt, es, en) and the others LILACS and MEDLINE carry most (fr, de, it). */
export type StopwordLang = 'pt' | 'es' | 'en' | 'fr' | 'de' | 'it';

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/));

/**
 * Function words of each language, written as the language writes them (lower case, accents
 * kept; fold them with foldAccents to compare with folded text). One list per language, for
 * every module that drops words that carry no meaning (ranking, dedup keys) and for the
 * language guesser, whose evidence they are.
 * Note: left out where another language writes the word far more often in health titles, since
 * it would be taken as evidence of the wrong one: Spanish "o" (or) and "no" (not), which
 * Portuguese writes as article and contraction; French "plus" and Italian "non" ("verapamil plus
 * atenolol", "non-small cell").
 */
export const STOPWORDS: Readonly<Record<StopwordLang, ReadonlySet<string>>> = {
  pt: words(
    'a à às de da do das dos e é em na no nas nos o os as um uma uns umas para por pelo pela pelos pelas com sem que se ao aos ou mais como sobre entre foi foram ser são ' +
      'tem ter sua seu suas seus este esta estes estas isso esse essa não já quando também muito pode podem',
  ),
  es: words('a de el la los las del al y en con por para un una unos unas es son lo su sus se fue fueron como sobre entre que según más también sin'),
  en: words(
    'a an and are as at be been but by can could did do does for from had has have he her his how if in into is it its may more most no not of on or our over she ' +
      'should so such than that the their them then there these they this those through to under up was we were what when where which while who will with within would you ' +
      'also between both each during after before other only same some about all any per via vs',
  ),
  fr: words('le la les des du de et en à pour dans une un sur chez avec au aux ou sans par est il ils elle elles ce cette ces son sa ses leur leurs qui que ne pas entre'),
  de: words('der die das und mit bei von für zur zum im den dem ein eine einer eines über des nach ist sind wird werden auch nicht zu auf aus oder als'),
  it: words('il lo la gli le di del della dello dei delle degli e è per con nel nella nei sul sulla alla al una un che si tra fra come'),
};

/** The delimiters of the tables people and portals write: comma, semicolon (Excel in pt-BR), tab. */
export type Delimiter = ',' | ';' | '\t';

/**
 * The delimiter that splits a header line most often outside double quotes (so `"a,b";c` is
 * `;`). A tie goes to the earlier of `prefer`; a line with none gives `,`.
 */
export function sniffDelimiter(headerLine: string, prefer: readonly Delimiter[] = [',', '\t', ';']): Delimiter {
  const counts = new Map<string, number>(prefer.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const d of prefer) if (counts.get(d)! > bestCount) [best, bestCount] = [d, counts.get(d)!];
  return best;
}
