/** Text clean-up shared by every format: HTML entities, whitespace, line ends. */

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0',
  aacute: 'á', Aacute: 'Á', agrave: 'à', Agrave: 'À', acirc: 'â', Acirc: 'Â', atilde: 'ã', Atilde: 'Ã', auml: 'ä', Auml: 'Ä',
  eacute: 'é', Eacute: 'É', egrave: 'è', Egrave: 'È', ecirc: 'ê', Ecirc: 'Ê', euml: 'ë',
  iacute: 'í', Iacute: 'Í', igrave: 'ì', icirc: 'î', iuml: 'ï',
  oacute: 'ó', Oacute: 'Ó', ograve: 'ò', ocirc: 'ô', Ocirc: 'Ô', otilde: 'õ', Otilde: 'Õ', ouml: 'ö', Ouml: 'Ö',
  uacute: 'ú', Uacute: 'Ú', ugrave: 'ù', ucirc: 'û', uuml: 'ü', Uuml: 'Ü',
  ccedil: 'ç', Ccedil: 'Ç', ntilde: 'ñ', Ntilde: 'Ñ', ordf: 'ª', ordm: 'º', deg: '°',
  ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', hellip: '…', middot: '·',
  laquo: '«', raquo: '»', iexcl: '¡', iquest: '¿', micro: 'µ', plusmn: '±', times: '×', divide: '÷',
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', kappa: 'κ', mu: 'μ', sup2: '²', sup3: '³', frac12: '½', le: '≤', ge: '≥',
};

/** Decode HTML entities the BVS and SciELO exports leave in text (`&#039;`, `&amp;`, `&eacute;`). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  // Note: loop twice for double-encoded text such as `&amp;#039;`, common in BVS exports.
  let out = s;
  for (let i = 0; i < 2 && out.includes('&'); i++) {
    out = out.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (m, body: string) => {
      if (body[0] === '#') {
        const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      return NAMED[body] ?? m;
    });
  }
  return out;
}

/** Collapse runs of whitespace, trim, decode entities. */
export function cleanText(s: string): string {
  return decodeEntities(s).replace(/\s+/g, ' ').trim();
}

/** Split text into lines whatever the line ends (CRLF, LF, lone CR). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}
