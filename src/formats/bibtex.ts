/**
 * BibTeX as SciELO and Google Scholar export it (and reference managers). Entries with braces or
 * quotes, `#` concatenation, @string macros, @comment/@preamble skipped; LaTeX accents such as
 * {\~a}, {\c c}, \'{e} decoded to Unicode. Fields outside `BIBTEX_FIELDS` are kept in `extra`.
 * The text is read in pieces (`BibtexScanner`), one entry at a time, so a large export is never
 * held whole; `parseBibtex` is the same reader fed one piece.
 */
import type { Diagnostic, DiagnosticParams } from '../core/diagnostics.js';
import { emptyRecord, normalizeDoi, type Author, type BibRecord, type ParsedRecord, type SourceId } from '../core/record.js';
import { foldAccents } from '../core/text.js';
import type { FormatAdapter, ParseOptions, ParseResult, StreamingParser } from './types.js';
import { parseByStream, streamEntries } from './stream.js';
import { countNewlines } from './text-stream.js';
import { cleanText, parseYear, toIso6391 } from './text.js';
import { assignLanguages, detectLanguage } from './language-guess.js';

export type BibField =
  | 'title' | 'author' | 'journal' | 'booktitle' | 'volume' | 'issue' | 'pages' | 'year' | 'doi' | 'abstract'
  | 'keywords' | 'language' | 'issn' | 'isbn' | 'url' | 'publisher' | 'pmid' | 'pmcid' | 'database' | 'subtype';

/** The mapping table (data): BibTeX field (lower case) -> record field. */
export const BIBTEX_FIELDS: Readonly<Record<string, BibField>> = {
  title: 'title', author: 'author', journal: 'journal', journaltitle: 'journal', booktitle: 'booktitle',
  volume: 'volume', number: 'issue', issue: 'issue', pages: 'pages', year: 'year', doi: 'doi',
  abstract: 'abstract', keywords: 'keywords', keyword: 'keywords', language: 'language', langid: 'language',
  issn: 'issn', isbn: 'isbn', url: 'url', publisher: 'publisher', pmid: 'pmid', pmcid: 'pmcid',
  // Scopus BibTeX: author keywords, an article number where there are no pages, `source={Scopus}`.
  author_keywords: 'keywords', art_number: 'pages', source: 'database',
  // biblatex's entrysubtype: the kind of an @article (editorial, letter, review...).
  entrysubtype: 'subtype',
};

/**
 * Fields of biblatex's data model written back from `extra` (biblatex manual, "Entry Fields");
 * anything else there (internal markers such as `truncated`, vendors' own fields) is not
 * written: biber flags fields outside the model, and Zotero drops them.
 */
const BIBLATEX_EXTRA = new Set(['month', 'note', 'address', 'location', 'edition', 'series', 'institution', 'school', 'organization', 'howpublished', 'eprint', 'eprinttype', 'booktitle', 'chapter', 'editor', 'type', 'addendum', 'pubstate']);

/** ISO 639-1 -> the babel/polyglossia name biblatex's langid takes (biblatex manual, table "Supported languages"). */
const LANGID: Readonly<Record<string, string>> = {
  pt: 'portuguese', en: 'english', es: 'spanish', fr: 'french', de: 'german', it: 'italian', nl: 'dutch', ca: 'catalan',
  fi: 'finnish', sv: 'swedish', nb: 'norsk', no: 'norsk', nn: 'nynorsk', da: 'danish', cs: 'czech', pl: 'polish', ru: 'russian',
  hr: 'croatian', sl: 'slovene', el: 'greek', tr: 'turkish', hu: 'magyar', ro: 'romanian', uk: 'ukrainian', he: 'hebrew', fa: 'persian',
};

/** Entry types with a publisher in biblatex's data model (biblatex manual, "Entry Types"; biber's blx-dm.def). */
const PUBLISHER_TYPES = new Set(['book', 'inbook', 'incollection', 'inproceedings', 'proceedings', 'booklet', 'manual']);

/** `source` values that name a bibliographic database (Scopus writes `source={Scopus}`). */
const DATABASE_SOURCE = /^(?:scopus|web of science|embase|medline|pubmed|cinahl|psycinfo|lilacs|scielo)$/i;

const TYPES: Record<string, string> = {
  article: 'article', book: 'book', inbook: 'book chapter', incollection: 'book chapter', inproceedings: 'conference paper',
  conference: 'conference paper', proceedings: 'conference proceedings', phdthesis: 'thesis', mastersthesis: 'thesis',
  thesis: 'thesis', techreport: 'report', report: 'report', misc: 'generic', unpublished: 'unpublished', online: 'web page', manual: 'manual', booklet: 'booklet',
};
const TYPE_TO_BIB: Record<string, string> = {
  article: 'article', 'journal article': 'article', book: 'book', 'book chapter': 'incollection', 'conference paper': 'inproceedings',
  'conference proceedings': 'proceedings', thesis: 'phdthesis', report: 'techreport', unpublished: 'unpublished', 'web page': 'online', manual: 'manual', booklet: 'booklet',
};

const MONTHS: Record<string, string> = {
  jan: 'January', feb: 'February', mar: 'March', apr: 'April', may: 'May', jun: 'June',
  jul: 'July', aug: 'August', sep: 'September', oct: 'October', nov: 'November', dec: 'December',
};

const COMBINING: Record<string, string> = {
  "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '"': '\u0308', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030c', H: '\u030b', c: '\u0327', k: '\u0328', r: '\u030a', d: '\u0323', b: '\u0331',
};
const SYMBOLS: Record<string, string> = {
  ss: 'ß', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ',
  textendash: '–', textemdash: '—', textquoteright: '’', textquoteleft: '‘', textquotedblleft: '“', textquotedblright: '”',
  textregistered: '®', texttrademark: '™', copyright: '©', textdegree: '°', S: '§', P: '¶', dag: '†', ldots: '…', dots: '…',
  textordmasculine: 'º', textordfeminine: 'ª', textless: '<', textgreater: '>', guillemotleft: '«', guillemotright: '»',
  textbackslash: '\\', textasciitilde: '\ue007', textbraceleft: '\ue005', textbraceright: '\ue006', textasciicircum: '^', textbar: '|', alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', mu: 'μ', kappa: 'κ', pm: '±', times: '×', leq: '≤', geq: '≥',
};

const PROTECTED = '&%$#_{}~';

/** LaTeX text as BibTeX exports write it -> plain Unicode (accents, escapes, dashes, braces dropped). */
export function decodeLatex(raw: string): string {
  if (!/[\\{}~$`']|--/.test(raw)) return cleanText(raw);
  // Note: escaped specials (\& \{ \$...) are parked in private-use characters so later steps leave them alone.
  let s = raw.replace(/\\([&%$#_{}])/g, (_m, c: string) => String.fromCharCode(0xe000 + PROTECTED.indexOf(c)));
  // Accents: \'e  \'{e}  {\'e}  \c c  \c{c}  \~{\i}
  s = s.replace(/\\([`'^~"=.])\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij](?![A-Za-z])|[A-Za-z]))/g, (_m, acc: string, a?: string, b?: string) =>
    accent(acc, (a ?? b)!),
  );
  s = s.replace(/\\([uvHckrdb])(?:\s*\{\s*(\\[ij]|[A-Za-z])\s*\}|\s+(\\[ij](?![A-Za-z])|[A-Za-z])(?![A-Za-z]))/g, (_m, acc: string, a?: string, b?: string) =>
    accent(acc, (a ?? b)!),
  );
  s = s.replace(/\\([A-Za-z]+)(?![A-Za-z])\s?(?:\{\})?/g, (m, name: string) => SYMBOLS[name] ?? (['emph', 'textit', 'textbf', 'textsc', 'textrm', 'mathrm', 'url', 'text', 'mbox'].includes(name) ? '' : m));
  s = s.replace(/\$([^$]*)\$/g, '$1');
  s = s.replace(/---/g, '—').replace(/--/g, '–').replace(/``/g, '“').replace(/''/g, '”');
  s = s.replace(/~/g, ' ').replace(/[{}]/g, '');
  s = s.replace(/[\ue000-\ue007]/g, (c) => PROTECTED[c.charCodeAt(0) - 0xe000]);
  return cleanText(s.normalize('NFC'));
}

function accent(acc: string, letter: string): string {
  const base = letter === '\\i' ? 'i' : letter === '\\j' ? 'j' : letter;
  return (base + COMBINING[acc]).normalize('NFC');
}

/** Unicode -> BibTeX text: specials escaped, and what the decoder would reinterpret (--, ~, quotes) guarded. */
function encodeValue(v: string): string {
  // Note: modern BibTeX/biber read UTF-8, so accents stay as they are; only syntax is escaped.
  // Braces become \textbraceleft{}/\textbraceright{}: BibTeX counts an escaped \{ as a brace too,
  // so one unbalanced \{ in an abstract made biber reject the whole file ("possible runaway
  // string"). < and > become \textless{}/\textgreater{} (in OT1 they print as ¡ and ¿).
  return v
    .replace(/\\/g, '\u0000')
    .replace(/\{/g, '\u0001')
    .replace(/\}/g, '\u0002')
    .replace(/([&%$#_])/g, '\\$1')
    .replace(/\u0000/g, '\\textbackslash{}')
    .replace(/\u0001/g, '\\textbraceleft{}')
    .replace(/\u0002/g, '\\textbraceright{}')
    .replace(/</g, '\\textless{}')
    .replace(/>/g, '\\textgreater{}')
    .replace(/\^/g, '\\textasciicircum{}')
    .replace(/~/g, '\\textasciitilde{}')
    .replace(/-(?=-)/g, '-{}')
    .replace(/'(?=')/g, "'{}")
    .replace(/`(?=`)/g, '`{}');
}

interface RawEntry {
  type: string;
  key: string;
  fields: { name: string; value: string; line: number }[];
  line: number;
}

/** A syntax error in one entry: `BIBTEX_UNCLOSED` (reported where the entry starts) or `BIBTEX_SYNTAX`. */
class BibSyntaxError extends Error {
  constructor(
    readonly code: 'BIBTEX_UNCLOSED' | 'BIBTEX_SYNTAX',
    readonly params: DiagnosticParams,
    readonly at: number,
  ) {
    super(code);
  }
}

/** Thrown (as a value) when the text read so far ends inside an item: it is read again with more text. */
const NEED_MORE = { needMore: true } as const;

/** What reading one `@...` item gave. */
type ItemResult =
  | { kind: 'done'; pos: number; entry?: RawEntry; macro?: [string, string]; diagnostics: Diagnostic[] }
  | { kind: 'error'; diagnostic: Diagnostic; resumeFrom: number; macro?: [string, string]; diagnostics: Diagnostic[] };

/**
 * Stage 1, incremental: text pieces in file order -> raw entries with @string macros expanded,
 * each handed to `onEntry` as soon as its closing brace is read. Pieces may split the text
 * anywhere. Only the item being read is kept: text between items is let go as it passes, and an
 * item whose end is not in yet is read again once the text kept has doubled (so reading stays
 * linear in the file's size whatever the piece size).
 */
export class BibtexScanner {
  /** Diagnostics of the text itself (outside text, syntax, unknown macros), in text order. */
  readonly diagnostics: Diagnostic[] = [];
  /** Items rejected by a syntax error. */
  rejected = 0;
  private entries = 0;
  private readonly macros: Record<string, string> = Object.fromEntries(Object.entries(MONTHS).map(([k, v]) => [k, v]));
  /** Text kept: from the first character not yet let go. */
  private buf = '';
  private pos = 0;
  private phase: 'gap' | 'skip' | 'item' = 'gap';
  /** skip: where the next "\n@" is looked for (after a syntax error). */
  private skipFrom = 0;
  /** item: characters to keep from the item's start before reading it again. */
  private retryAt = 0;
  /** Line of buf[curPos] (positions asked about only move forward). */
  private curPos = 0;
  private curLine: number;
  private heldCr = false;
  private lines: number;
  /** The text between items, watched only until the first entry or the first warning. */
  private outsideWarned = false;
  private gapLine: number;
  private gapNonWs = false;
  private gapPercent = false;
  private gapLetters = false;
  private gapTail = '';

  constructor(
    private readonly file: string,
    private readonly onEntry: (entry: RawEntry) => void,
    firstLine = 1,
  ) {
    this.curLine = firstLine;
    this.gapLine = firstLine;
    this.lines = firstLine - 1;
  }

  /** Lines read so far. */
  get line(): number {
    return this.lines;
  }

  /** Feed the next piece of the file. */
  push(piece: string): void {
    let text = this.heldCr ? '\r' + piece : piece;
    // Note: a CR at the end may be the first half of a CRLF: it waits for the next piece.
    this.heldCr = text.charCodeAt(text.length - 1) === 13;
    if (this.heldCr) text = text.slice(0, -1);
    if (text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
    if (text === '') return;
    this.lines += countNewlines(text);
    this.buf = this.buf === '' ? text : this.buf + text;
    this.run(false);
    this.compact();
  }

  /** No more input: read what is left (an item still open is unclosed). */
  end(): Diagnostic[] {
    if (this.heldCr) {
      this.heldCr = false;
      this.lines++;
      this.buf += '\n';
    }
    this.run(true);
    this.buf = '';
    this.pos = 0;
    return this.diagnostics;
  }

  /** Line of buf[at]; `at` never goes back. */
  private lineAt(at: number): number {
    this.curLine += countNewlines(this.buf, this.curPos, at);
    this.curPos = at;
    return this.curLine;
  }

  /** Let go of the text before `pos`. */
  private compact(): void {
    const drop = this.pos;
    if (drop === 0) return;
    this.lineAt(drop);
    this.buf = this.buf.slice(drop);
    this.pos = 0;
    this.curPos -= drop;
    this.skipFrom = Math.max(0, this.skipFrom - drop);
  }

  private startGap(at: number): void {
    this.phase = 'gap';
    this.pos = at;
    this.gapLine = this.lineAt(at);
    this.gapNonWs = this.gapPercent = this.gapLetters = false;
    this.gapTail = '';
  }

  /** Watch text[from, to) between items for the "text outside an entry" warning. */
  private feedGap(text: string, from: number, to: number): void {
    if (from >= to) return;
    const s = text.slice(from, to);
    if (!this.gapNonWs) {
      const m = /\S/.exec(s);
      if (m) {
        this.gapNonWs = true;
        this.gapPercent = m[0] === '%';
      }
    }
    if (!this.gapLetters) {
      const joined = this.gapTail + s;
      this.gapLetters = /[A-Za-z]{3}/.test(joined);
      this.gapTail = joined.slice(-2);
    }
  }

  private run(final: boolean): void {
    const text = this.buf;
    const n = text.length;
    for (;;) {
      if (this.phase === 'gap') {
        const at = text.indexOf('@', this.pos);
        if (!this.outsideWarned && this.entries === 0) this.feedGap(text, this.pos, at < 0 ? n : at);
        if (at < 0) {
          this.pos = n;
          return;
        }
        if (!this.outsideWarned && this.entries === 0 && this.gapNonWs && this.gapLetters && !this.gapPercent) {
          this.diagnostics.push({ code: 'BIBTEX_TEXT_OUTSIDE_ENTRY', params: {}, file: this.file, line: this.gapLine, fatal: false });
          this.outsideWarned = true;
        }
        this.phase = 'item';
        this.pos = at;
        this.retryAt = 0;
      } else if (this.phase === 'skip') {
        // Note: resume at the next entry that starts a line, so one broken entry costs only itself.
        const next = text.indexOf('\n@', this.skipFrom);
        if (next < 0) {
          this.skipFrom = final ? n : Math.max(this.skipFrom, n - 1);
          this.pos = Math.min(this.skipFrom, n);
          return;
        }
        this.phase = 'item';
        this.pos = next + 1;
        this.retryAt = 0;
      } else {
        const at = this.pos;
        if (!final && n - at < this.retryAt) return;
        let r: ItemResult;
        try {
          r = this.item(text, at, final);
        } catch (e) {
          if (e !== NEED_MORE) throw e;
          this.retryAt = 2 * (n - at);
          return;
        }
        for (const d of r.diagnostics) this.diagnostics.push(d);
        if (r.macro) this.macros[r.macro[0]] = r.macro[1];
        if (r.kind === 'done') {
          if (r.entry) {
            this.entries++;
            this.onEntry(r.entry);
          }
          this.startGap(r.pos);
        } else {
          this.diagnostics.push(r.diagnostic);
          this.rejected++;
          this.phase = 'skip';
          this.skipFrom = r.resumeFrom;
          this.pos = Math.min(r.resumeFrom, n);
        }
      }
    }
  }

  /**
   * Read the item at text[at] ('@'). Before the end of the file, running out of text throws
   * NEED_MORE (nothing is changed: the item is read again later).
   */
  private item(text: string, at: number, final: boolean): ItemResult {
    const n = text.length;
    const file = this.file;
    const macros = this.macros;
    // Note: diagnostics and an @string definition are returned, not applied, so a read that runs
    // out of text (and is done again later) changes nothing.
    const diagnostics: Diagnostic[] = [];
    let macro: [string, string] | undefined;
    const entryLine = this.lineAt(at);
    let lcPos = at;
    let lcLine = entryLine;
    const lineOf = (x: number): number => {
      if (x < lcPos) (lcPos = at), (lcLine = entryLine);
      lcLine += countNewlines(text, lcPos, x);
      lcPos = x;
      return lcLine;
    };
    const more = () => {
      if (!final) throw NEED_MORE;
    };
    let pos = at + 1;

    const skipWs = () => {
      for (;;) {
        while (pos < n && /\s/.test(text[pos])) pos++;
        if (pos >= n) return more();
        // Note: a % comment runs to the end of the line (outside values).
        if (text[pos] === '%') {
          const nl = text.indexOf('\n', pos);
          if (nl < 0) more();
          pos = nl < 0 ? n : nl + 1;
        } else return;
      }
    };
    const ident = (): string => {
      const from = pos;
      while (pos < n && /[^\s"#%'(),={}]/.test(text[pos])) pos++;
      if (pos >= n) more();
      return text.slice(from, pos);
    };
    const braced = (): string => {
      // at '{'
      const from = pos + 1;
      let depth = 0;
      for (; pos < n; pos++) {
        const c = text[pos];
        if (c === '\\') {
          pos++;
          continue;
        }
        if (c === '{') depth++;
        else if (c === '}' && --depth === 0) {
          pos++;
          return text.slice(from, pos - 1);
        }
      }
      more();
      throw new BibSyntaxError('BIBTEX_UNCLOSED', {}, from - 1);
    };
    const quoted = (): string => {
      const from = pos + 1;
      pos++;
      let depth = 0;
      for (; pos < n; pos++) {
        const c = text[pos];
        if (c === '\\') {
          pos++;
          continue;
        }
        if (c === '{') depth++;
        else if (c === '}') depth--;
        else if (c === '"' && depth <= 0) {
          pos++;
          return text.slice(from, pos - 1);
        }
      }
      more();
      throw new BibSyntaxError('BIBTEX_UNCLOSED', {}, from - 1);
    };
    const value = (): string => {
      const parts: string[] = [];
      for (;;) {
        skipWs();
        const c = text[pos];
        if (c === '{') parts.push(braced());
        else if (c === '"') parts.push(quoted());
        else {
          const id = ident();
          if (id === '') throw new BibSyntaxError('BIBTEX_SYNTAX', { expected: '{…} "…" 123 @string', found: (c ?? '').slice(0, 1) }, pos);
          if (/^\d+$/.test(id)) parts.push(id);
          else if (macros[id.toLowerCase()] !== undefined) parts.push(macros[id.toLowerCase()]);
          else {
            diagnostics.push({ code: 'BIBTEX_UNKNOWN_MACRO', params: { name: id.slice(0, 40) }, file, line: lineOf(pos), fatal: false });
            parts.push(id);
          }
        }
        skipWs();
        if (text[pos] === '#') {
          pos++;
          continue;
        }
        return parts.join('');
      }
    };

    const type = ident().toLowerCase();
    skipWs();
    const open = text[pos];
    if (type === '' || (open !== '{' && open !== '(')) return { kind: 'done', pos, diagnostics };
    const close = open === '{' ? '}' : ')';
    try {
      if (type === 'comment') {
        if (open === '{') braced();
        return { kind: 'done', pos, diagnostics };
      }
      pos++;
      if (type === 'preamble') {
        value();
        skipWs();
        if (text[pos] === close) pos++;
        return { kind: 'done', pos, diagnostics };
      }
      if (type === 'string') {
        skipWs();
        const name = ident().toLowerCase();
        skipWs();
        if (text[pos] !== '=') throw new BibSyntaxError('BIBTEX_SYNTAX', { expected: '=', found: (text[pos] ?? '').slice(0, 1) }, pos);
        pos++;
        macro = [name, value()];
        skipWs();
        if (text[pos] !== close) throw new BibSyntaxError('BIBTEX_SYNTAX', { expected: close, found: (text[pos] ?? '').slice(0, 1) }, pos);
        pos++;
        return { kind: 'done', pos, macro, diagnostics };
      }
      skipWs();
      const keyFrom = pos;
      while (pos < n && text[pos] !== ',' && text[pos] !== close && text[pos] !== '\n') pos++;
      if (pos >= n) more();
      const key = text.slice(keyFrom, pos).trim();
      const entry: RawEntry = { type, key, fields: [], line: entryLine };
      if (text[pos] === ',') pos++;
      for (;;) {
        skipWs();
        if (pos >= n) throw new BibSyntaxError('BIBTEX_UNCLOSED', {}, at);
        if (text[pos] === close) {
          pos++;
          break;
        }
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '@') throw new BibSyntaxError('BIBTEX_UNCLOSED', {}, at);
        const fieldAt = pos;
        let name = ident().toLowerCase();
        skipWs();
        if (name !== '' && text[pos] !== '=') {
          // Note: Scopus writes field names with a space or a no-break space (`funding_text 1={...}`).
          // Read leniently (issue 18): a name up to "=" on its line, made of name characters and
          // spaces, is kept (spaces as "_") with a warning; the entry is not lost over a name.
          let end = fieldAt;
          while (end < n && !/[\n\r"#%'(),={}@]/.test(text[end])) end++;
          if (end >= n) more();
          if (text[end] === '=') {
            const written = text.slice(fieldAt, end).trim();
            name = written.toLowerCase().replace(/\s+/g, '_');
            diagnostics.push({ code: 'BIBTEX_FIELD_NAME', params: { name: written.slice(0, 40), kept: name.slice(0, 40) }, file, line: lineOf(fieldAt), fatal: false });
            pos = end;
          }
        }
        if (name === '' || text[pos] !== '=') {
          const found = text.slice(fieldAt, fieldAt + 20);
          // Note: the message quotes up to 20 characters: they must all be in before it is written.
          if (found.length < 20 && !found.includes('\n')) more();
          throw new BibSyntaxError('BIBTEX_SYNTAX', { expected: 'field = value', found: found.split('\n')[0] }, fieldAt);
        }
        pos++;
        entry.fields.push({ name, value: value(), line: lineOf(fieldAt) });
        skipWs();
        if (text[pos] === ',') pos++;
        else if (text[pos] !== close) throw new BibSyntaxError('BIBTEX_SYNTAX', { expected: `, ${close}`, found: (text[pos] ?? '').slice(0, 1), field: name }, pos);
      }
      return { kind: 'done', pos, entry, diagnostics };
    } catch (e) {
      if (!(e instanceof BibSyntaxError)) throw e;
      const unclosed = e.code === 'BIBTEX_UNCLOSED';
      // Note: an unclosed entry is reported where it starts; a syntax error where it is.
      const diagnostic: Diagnostic = { code: e.code, params: e.params, file, line: unclosed ? entryLine : lineOf(e.at), fatal: true };
      return { kind: 'error', diagnostic, resumeFrom: Math.max(e.at, at) + 1, macro, diagnostics };
    }
  }
}

/** Split an author field on " and " outside braces; each name "Last, First" or "First Last". */
export function splitBibAuthors(raw: string): Author[] {
  const names: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && /\s/.test(c) && /^\s+and\s/i.test(raw.slice(i, i + 6))) {
      names.push(raw.slice(from, i));
      const m = /^\s+and\s+/i.exec(raw.slice(i))!;
      i += m[0].length - 1;
      from = i + 1;
    }
  }
  names.push(raw.slice(from));
  const out: Author[] = [];
  for (const n of names) {
    const trimmed = n.trim();
    if (trimmed === '' || /^others$/i.test(trimmed)) continue;
    if (/^\{[^{}]*\}$/.test(trimmed)) {
      const lit = decodeLatex(trimmed);
      out.push({ family: lit, literal: lit });
      continue;
    }
    const s = decodeLatex(trimmed);
    const comma = s.indexOf(',');
    if (comma >= 0) {
      const family = s.slice(0, comma).trim();
      const given = s.slice(comma + 1).trim();
      if (family) out.push(given ? { family, given } : { family });
    } else {
      const parts = s.split(' ');
      const family = parts.pop()!;
      out.push(parts.length ? { family, given: parts.join(' ') } : { family });
    }
  }
  return out;
}

/** `title-en`, `abstract-es`, `abstract-2`, `url-2`: the other versions of a field (see stringifyBibtex). */
const VERSIONED_FIELD = /^(title|abstract|url)-([a-z]{2}|\d+)$/;

/** SciELO PID: S + ISSN + year + issue + order; SciELO uses it as the BibTeX key. */
const SCIELO_PID = /^S\d{4}-\d{3}[\dXx]\d{13}$/;

function naturalSource(entry: RawEntry): SourceId {
  const publisher = entry.fields.find((f) => f.name === 'publisher')?.value ?? '';
  const url = entry.fields.find((f) => f.name === 'url')?.value ?? '';
  if (/scielo/i.test(publisher) || /scielo/i.test(url) || SCIELO_PID.test(entry.key)) return 'scielo';
  return 'other';
}

/** Stage 2: one raw entry -> a record. */
export function bibEntryToRecord(entry: RawEntry, options: ParseOptions): { record?: ParsedRecord; diagnostics: Diagnostic[] } {
  const file = options.file;
  const diagnostics: Diagnostic[] = [];
  const rec = emptyRecord({ source: options.source ?? naturalSource(entry), file, line: entry.line, format: 'bibtex', ...(entry.key ? { sourceId: entry.key } : {}) });
  if (options.database) rec.provenance.database = options.database;
  rec.documentType = TYPES[entry.type] ?? entry.type;
  let title: string | undefined;
  const abstracts: string[] = [];
  /** Language of each abstract when its field says it (`abstract-en`), else undefined. */
  const abstractLangs: (string | undefined)[] = [];
  const translatedTitles: { lang: string | null; text: string }[] = [];
  let booktitle: string | undefined;
  let subtype: string | undefined;
  for (const f of entry.fields) {
    const versioned = VERSIONED_FIELD.exec(f.name);
    const field = versioned ? (versioned[1] as BibField) : BIBTEX_FIELDS[f.name];
    const v = field === 'url' || field === 'doi' ? cleanText(f.value) : decodeLatex(f.value);
    if (field === undefined) {
      (rec.extra[f.name] ??= []).push(v);
      continue;
    }
    if (versioned && v !== '') {
      // Note: the fields this module's export writes so one entry holds every language (`title-en`,
      // `abstract-es`) and every link (`url-2`) without repeating a field, which BibTeX tools refuse.
      const lang = /^[a-z]{2}$/.test(versioned[2]) ? versioned[2] : undefined;
      if (field === 'title') translatedTitles.push({ lang: lang ?? null, text: v });
      else if (field === 'abstract') (abstracts.push(v), abstractLangs.push(lang));
      else if (field === 'url') rec.fullTextUrls.push(v);
      continue;
    }
    if (v === '') continue;
    switch (field) {
      case 'title':
        title ??= v;
        break;
      case 'author':
        rec.authors.push(...splitBibAuthors(f.value));
        break;
      case 'journal':
        rec.journal ??= v;
        break;
      case 'booktitle':
        booktitle ??= v;
        break;
      case 'volume':
        rec.volume ??= v;
        break;
      case 'issue':
        rec.issue ??= v;
        break;
      case 'pages':
        rec.pages ??= v.replace(/\s*[–-]+\s*/g, '-');
        break;
      case 'year':
        rec.year ??= parseYear(v);
        if (rec.year === undefined) diagnostics.push({ code: 'BIBTEX_BAD_YEAR', params: { value: v.slice(0, 40) }, file, line: f.line, fatal: false });
        break;
      case 'doi': {
        const doi = normalizeDoi(v);
        if (doi) rec.doi ??= doi;
        else diagnostics.push({ code: 'BIBTEX_BAD_DOI', params: { value: v.slice(0, 80) }, file, line: f.line, fatal: false });
        break;
      }
      case 'abstract':
        abstracts.push(v);
        abstractLangs.push(undefined);
        break;
      case 'keywords':
        for (const k of v.split(/\s*[;,]\s*/)) if (k) rec.keywords.push(k);
        break;
      case 'language':
        for (const part of v.split(/\s*(?:[;,]|\band\b)\s*/)) {
          const iso = toIso6391(part);
          if (iso && !rec.languages.includes(iso)) rec.languages.push(iso);
        }
        break;
      case 'issn':
        rec.issn ??= v;
        break;
      case 'isbn':
        rec.isbn ??= v;
        break;
      case 'url':
        if (rec.url === undefined) rec.url = v;
        else rec.fullTextUrls.push(v);
        break;
      case 'publisher':
        rec.publisher ??= v;
        break;
      case 'pmid':
        if (/^\d{1,9}$/.test(v)) rec.pmid ??= v;
        break;
      case 'pmcid':
        if (/^PMC\d+$/i.test(v)) rec.pmcid ??= v.toUpperCase();
        break;
      case 'subtype':
        subtype ??= v.toLowerCase();
        break;
      case 'database':
        if (DATABASE_SOURCE.test(v)) rec.provenance.database ??= v;
        else (rec.extra[f.name] ??= []).push(v);
        break;
    }
  }
  if (subtype !== undefined && (rec.documentType === 'article' || rec.documentType === 'generic')) rec.documentType = subtype;
  // biblatex's way of giving a PMID: eprint = {12345678}, eprinttype = {pubmed}.
  if (rec.extra.eprinttype?.length === 1 && /^pubmed$/i.test(rec.extra.eprinttype[0]) && rec.extra.eprint?.length === 1 && /^\d{1,9}$/.test(rec.extra.eprint[0])) {
    rec.pmid ??= rec.extra.eprint[0];
    delete rec.extra.eprint;
    delete rec.extra.eprinttype;
  }
  if (rec.journal === undefined && booktitle !== undefined) rec.journal = booktitle;
  else if (booktitle !== undefined) (rec.extra.booktitle ??= []).push(booktitle);
  if (title) {
    const d = detectLanguage(title);
    const lang = d && (rec.languages.length === 0 || rec.languages.includes(d)) ? d : (rec.languages[0] ?? d ?? null);
    rec.titles.push({ lang, text: title, original: true });
  }
  for (const tt of translatedTitles) rec.titles.push({ lang: tt.lang, text: tt.text });
  const langs =
    abstracts.length === 1
      ? [abstractLangs[0] ?? detectLanguage(abstracts[0]) ?? rec.languages[0] ?? null]
      : assignLanguages(abstracts, abstractLangs);
  abstracts.forEach((text, i) => rec.abstracts.push({ lang: langs[i], text, ...(langs[i] !== null && langs[i] === rec.titles[0]?.lang ? { original: true } : {}) }));
  if (rec.doi === undefined && rec.url && /doi\.org\//i.test(rec.url)) rec.doi = normalizeDoi(rec.url);
  if (SCIELO_PID.test(entry.key)) rec.scieloPid = entry.key;
  else if (rec.url) {
    const pid = /[?&]pid=(S\d{4}-\d{3}[\dXx]\d{13})/.exec(rec.url);
    if (pid) rec.scieloPid = pid[1];
  }
  if (rec.titles.length === 0) {
    diagnostics.push({ code: 'BIBTEX_NO_TITLE', params: { line: entry.line }, file, line: entry.line, fatal: true });
    return { diagnostics };
  }
  return { record: rec, diagnostics };
}

/** BibTeX fed in pieces: each entry goes to `onRecord` as soon as its closing brace is read. */
export function streamBibtex(options: ParseOptions, onRecord: (record: ParsedRecord) => void): StreamingParser {
  // Note: the text's own diagnostics come first within a line, then the entries'.
  return streamEntries<RawEntry>((onEntry) => new BibtexScanner(options.file, onEntry, options.firstLine), (entry) => bibEntryToRecord(entry, options), onRecord, true);
}

/** Parse BibTeX text into records. Never throws. */
export function parseBibtex(text: string, options: ParseOptions): ParseResult {
  return parseByStream(streamBibtex, text, options);
}

/** A citation key from the first author, year and first title word: silva2019cuidado. */
function citeKey(r: BibRecord, used: Set<string>): string {
  const base =
    (r.provenance.sourceId && /^[A-Za-z0-9_:.-]+$/.test(r.provenance.sourceId) ? r.provenance.sourceId : undefined) ??
    [
      foldAccents(r.authors[0]?.family ?? 'anon').replace(/[^a-z]/g, '') || 'anon',
      r.year ?? '',
      foldAccents(r.titles[0]?.text ?? '').replace(/[^a-z ]/g, '').split(' ').find((w) => w.length > 3) ?? '',
    ].join('');
  let key = base;
  for (let i = 2; used.has(key); i++) key = `${base}-${i}`;
  used.add(key);
  return key;
}

/** Records back to BibTeX (UTF-8, braces). parse(stringify(x)) gives the same records. */
export function stringifyBibtex(records: readonly BibRecord[]): string {
  const used = new Set<string>();
  const out: string[] = [];
  for (const r of records) {
    // Note: only entry types biblatex and Zotero know; another kind (editorial, letter, review) is an
    // @article (@misc without a journal) with the kind in entrysubtype (Zotero dropped @editorial, @review).
    // An article without a journal is a @misc too: biblatex's @article must have a journaltitle (biber: "Missing mandatory field").
    const known = r.documentType ? TYPE_TO_BIB[r.documentType] : 'article';
    const type = known === 'article' || known === undefined ? (r.journal ? 'article' : 'misc') : known;
    const subtype = known === undefined || (known === 'article' && type === 'misc') ? (r.documentType ?? 'article') : undefined;
    const fields: [string, string][] = [];
    const put = (name: string, v: string | number | undefined) => {
      if (v !== undefined && v !== '') fields.push([name, encodeValue(String(v))]);
    };
    // Note: URLs and DOIs are read verbatim (no LaTeX decoding), so they are written verbatim too.
    const putRaw = (name: string, v: string | undefined) => {
      if (v) fields.push([name, v.replace(/[{}]/g, '')]);
    };
    const original = r.titles.find((x) => x.original) ?? r.titles[0];
    put('title', original?.text);
    // Note: BibTeX has one field of a name per entry (biber and Zotero refuse or drop repeats), so
    // the other languages go to `title-en`, `abstract-es`... and the other links to `url-2`...;
    // this module reads them back, and other tools keep them as extra fields.
    const names = new Set(['title']);
    const versionName = (base: string, lang: string | null): string => {
      let name = lang && /^[a-z]{2}$/.test(lang) ? `${base}-${lang}` : '';
      for (let n = 2; name === '' || names.has(name); n++) name = `${base}-${n}`;
      names.add(name);
      return name;
    };
    for (const ti of r.titles) if (ti !== original) put(versionName('title', ti.lang), ti.text);
    if (r.authors.length) {
      // Note: a family name with a space, a hyphen or a lower-case start is braced ("{Salazar de Pablo}, Gonzalo"), so no reader
      // takes "Salazar de" for a particle or given name.
      const family = (f: string) => (/[\s-]|^\p{Ll}/u.test(f) ? `{${encodeValue(f)}}` : encodeValue(f));
      fields.push(['author', r.authors.map((a) => (a.literal ? `{${encodeValue(a.literal)}}` : a.given ? `${family(a.family)}, ${encodeValue(a.given)}` : family(a.family))).join(' and ')]);
    }
    put('journal', r.journal);
    put('volume', r.volume);
    put('number', r.issue);
    // Note: page ranges are written the BibTeX way (`1247--1254`), not escaped as literal text.
    if (r.pages) fields.push(['pages', encodeValue(r.pages).replace(/-+/g, '--')]);
    put('year', r.year);
    putRaw('doi', r.doi);
    // Note: structured abstracts (labelled sections) are joined per language with their labels, as in RIS.
    const abstracts = new Map<string, { lang: string | null; original: boolean; parts: string[] }>();
    r.abstracts.forEach((ab, i) => {
      const key = ab.label ? `labelled:${ab.lang ?? ''}` : `plain:${i}`;
      const entry = abstracts.get(key) ?? { lang: ab.lang, original: false, parts: [] };
      entry.parts.push(ab.label ? `${ab.label}: ${ab.text}` : ab.text);
      entry.original ||= Boolean(ab.original);
      abstracts.set(key, entry);
    });
    const mainAbstract = [...abstracts.values()].find((a) => a.original) ?? [...abstracts.values()][0];
    for (const a of abstracts.values()) put(a === mainAbstract ? 'abstract' : versionName('abstract', a.lang), a.parts.join(' '));
    // Note: keywords and DeCS/MeSH descriptors alike (BibTeX has one keyword field).
    const terms = [...r.keywords, ...r.descriptors];
    if (terms.length) put('keywords', terms.join('; '));
    put('entrysubtype', subtype);
    const langid = r.languages.length > 0 ? LANGID[r.languages[0]] : undefined;
    put('langid', langid);
    if (r.languages.length) put('language', r.languages.join(', '));
    put('issn', r.issn);
    put('isbn', r.isbn);
    const urls = [r.url, ...r.fullTextUrls].filter((u): u is string => Boolean(u));
    urls.forEach((u, i) => putRaw(i === 0 ? 'url' : versionName('url', null), u));
    // Note: only the entry types whose biblatex data model has a publisher (biber: "Invalid field 'publisher' for entrytype
    // 'article'"); Zotero's journal article has none either.
    if (PUBLISHER_TYPES.has(type)) put('publisher', r.publisher);
    // Note: a PMID is biblatex's eprint of type pubmed (biblatex manual, "Electronic Publishing Information"), unless the record has another eprint.
    if (r.pmid && !r.extra.eprint) {
      put('eprint', r.pmid);
      put('eprinttype', 'pubmed');
    } else put('pmid', r.pmid);
    put('pmcid', r.pmcid);
    // Note: the database in Scopus's own words (`source = {Scopus}`), so it reads back.
    if (r.provenance.database && DATABASE_SOURCE.test(r.provenance.database)) put('source', r.provenance.database);
    for (const [name, values] of Object.entries(r.extra)) {
      if (BIBLATEX_EXTRA.has(name)) for (const v of values) put(name, v);
    }
    out.push(`@${type}{${citeKey(r, used)},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n')}\n}\n`);
  }
  return out.join('\n');
}

/** An @type{ line near the start. */
export function sniffBibtex(head: string): number {
  const m = head.match(/(?:^|\n)\s*@(article|book|inproceedings|incollection|misc|phdthesis|mastersthesis|techreport|inbook|conference|proceedings|unpublished|online|thesis|report|string|comment|preamble)\s*[{(]/gi);
  if (!m) return /(?:^|\n)\s*@\w+\s*\{[^,\s]*,/.test(head) ? 0.5 : 0;
  return 0.95;
}

export const bibtex = {
  id: 'bibtex',
  label: 'BibTeX',
  extensions: ['bib', 'bibtex', 'txt'],
  sniff: sniffBibtex,
  parse: parseBibtex,
  stream: streamBibtex,
  stringify: stringifyBibtex,
} satisfies FormatAdapter;
