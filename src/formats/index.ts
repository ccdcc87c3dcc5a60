/**
 * The format registry: every file format behind one interface, and how a file's format is chosen
 * (by extension first, confirmed by sniffing, unless the content is certain of another format; then by
 * sniffing everything; else a clear error).
 */
import { CodedUserError } from '../core/errors.js';
import type { ParsedRecord } from '../core/record.js';
import { stripInlineMarkup } from './text.js';
import type { FormatAdapter } from './types.js';
import { ris } from './ris.js';
import { medline } from './medline.js';
import { pubmedXml } from './pubmed-xml.js';
import { bibtex } from './bibtex.js';
import { csvFormats } from './csv/index.js';
import { wos } from './wos.js';
import { endnote } from './endnote.js';
import { ovid } from './ovid.js';
import { endnoteXml } from './endnote-xml.js';

/**
 * Every record leaves its format through here: inline HTML the portals leave in titles and
 * abstracts (BVS's `<sup/>`, `<i>...</i>`) is dropped once, for every format (stripInlineMarkup).
 */
function tidyTexts(record: ParsedRecord): ParsedRecord {
  for (const t of record.titles) t.text = stripInlineMarkup(t.text);
  for (const a of record.abstracts) a.text = stripInlineMarkup(a.text);
  return record;
}

function withTidyTexts(f: FormatAdapter): FormatAdapter {
  const { parse, stream } = f;
  return {
    ...f,
    parse(text, options) {
      const result = parse(text, options);
      result.records.forEach(tidyTexts);
      return result;
    },
    ...(stream ? { stream: (options, onRecord) => stream(options, (r) => onRecord(tidyTexts(r))) } : {}),
  };
}

/** Every format, in tie-break order (most specific first; the generic CSV reader is last). */
export const formats: readonly FormatAdapter[] = ([ris, medline, pubmedXml, bibtex, wos, endnote, ovid, endnoteXml, ...csvFormats] satisfies readonly FormatAdapter[]).map(withTidyTexts);

/** Below this a sniff score does not count as recognition. */
const MIN_SCORE = 0.3;

/** The format with this id, or undefined. */
export function formatById(id: string): FormatAdapter | undefined {
  return formats.find((f) => f.id === id);
}

function safeSniff(f: FormatAdapter, head: string): number {
  try {
    const s = f.sniff(head);
    return Number.isFinite(s) ? s : 0;
  } catch {
    return 0;
  }
}

function best(candidates: readonly FormatAdapter[], head: string): { format: FormatAdapter; score: number } | undefined {
  let winner: FormatAdapter | undefined;
  let top = MIN_SCORE - 1e-9;
  for (const f of candidates) {
    const s = safeSniff(f, head);
    if (s > top) {
      top = s;
      winner = f;
    }
  }
  return winner ? { format: winner, score: top } : undefined;
}

/** At or above this a sniff is sure of its format: it beats a weaker format the extension suggested. */
const CERTAIN = 0.9;

/** 1-based line of the first HTML tag when `head` is an HTML page, else 0. */
export function htmlPageLine(head: string): number {
  const m = /<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.exec(head.slice(0, 4096));
  if (!m) return 0;
  const before = head.slice(0, m.index);
  if (/\S/.test(before.replace(/<\?xml[^>]*>|<!--[\s\S]*?-->/g, ''))) return 0;
  return before.split(/\r\n|\n|\r/).length;
}

/**
 * Choose the format of a file from its name and the first ~64 KB of its decoded text.
 * Throws a CodedUserError (FORMAT_HTML_PAGE, FORMAT_UNKNOWN) naming the formats tried when nothing fits (or when it is an HTML page).
 */
export function detectFormat(fileName: string, head: string): FormatAdapter {
  const dot = fileName.lastIndexOf('.');
  const ext = dot >= 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  const byExtension = formats.filter((f) => f.extensions.includes(ext));
  const names = (list: readonly FormatAdapter[]) => list.map((f) => f.id).join(', ');
  const html = htmlPageLine(head);
  if (html > 0) throw new CodedUserError('FORMAT_HTML_PAGE', { file: fileName, line: html, formats: names(byExtension.length ? byExtension : formats) });
  const byName = best(byExtension, head);
  const byContent = best(formats, head);
  // Note: an Ovid or EndNote export saved as .ris has RIS-like lines (a weak RIS score); what the content is sure of wins.
  const found = byName && !(byContent && byContent.score >= CERTAIN && byContent.score > byName.score) ? byName : byContent;
  if (!found) throw new CodedUserError('FORMAT_UNKNOWN', { file: fileName, formats: names(formats) });
  return found.format;
}
