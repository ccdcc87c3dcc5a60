// Catalogue strings: placeholders, plurals chosen by Intl.PluralRules, select; terminal text helpers.
import { describe, expect, it } from 'vitest';
import { formatMessage, t } from '../../src/ui/i18n.js';
import { shortenUrl, textWidth, truncateText, wrapText } from '../../src/ui/text.js';

describe('formatMessage', () => {
  const lidos = '{n, plural, one {# registro lido} other {# registros lidos}}';
  it('picks the plural form by the language rules and writes the number as the language does', () => {
    expect(formatMessage(lidos, { n: 1 }, 'pt-BR')).toBe('1 registro lido');
    expect(formatMessage(lidos, { n: 2 }, 'pt-BR')).toBe('2 registros lidos');
    expect(formatMessage(lidos, { n: 0 }, 'pt-BR')).toBe('0 registros lidos'); // zero takes the plural in Brazilian Portuguese (CLDR says "one")
    expect(formatMessage(lidos, { n: 12345 }, 'pt-BR')).toBe('12.345 registros lidos');
    expect(formatMessage('{n, plural, one {# record} other {# records}}', { n: 0 }, 'en')).toBe('0 records');
    expect(formatMessage('{n, plural, =0 {none} one {# pair} other {# pairs}}', { n: 0 }, 'en')).toBe('none');
  });
  it('counts a number passed already formatted', () => {
    expect(formatMessage(lidos, { n: '1.234' }, 'pt-BR')).toBe('1.234 registros lidos');
    expect(formatMessage(lidos, { n: '1' }, 'pt-BR')).toBe('1 registro lido');
  });
  it('fills placeholders inside plural and select branches, and leaves unknown ones as written', () => {
    const s = '{what, select, field {o campo {value}} other {o tema {value}}} aparece duas vezes';
    expect(formatMessage(s, { what: 'field', value: 'ano' }, 'pt-BR')).toBe('o campo ano aparece duas vezes');
    expect(formatMessage(s, { value: 'T1' }, 'pt-BR')).toBe('o tema T1 aparece duas vezes');
    expect(formatMessage('{a} e {b}', { a: 1 }, 'pt-BR')).toBe('1 e {b}');
    expect(formatMessage('{n, plural, one {#} other {#}} {x}', {}, 'pt-BR')).toBe('{n, plural, one {#} other {#}} {x}');
  });
  it('real catalogue entries', () => {
    expect(t('screen.done.summary', { decided: 1, left: 1, skipped: 1 }, 'pt-BR')).toBe('1 decisão nesta sessão; resta 1 registro, 1 pulado.');
    expect(t('dedup.review.done', { decided: 2, skipped: 1, left: 0 }, 'pt-BR')).toBe('2 decididos, 1 pulado, 0 ainda a revisar.');
    expect(t('screen.sinceInclude', { n: 1 }, 'pt-BR')).toBe('1 exclusão desde a última inclusão');
    expect(t('diag.PROTOCOL_EMPTY', { min: 1 }, 'pt-BR')).toBe('esperado pelo menos 1 item');
  });
});

describe('terminal text', () => {
  it('wraps at word boundaries, keeps the indent, and leaves long words whole', () => {
    const text = '  um dois três quatro cinco seis sete oito nove dez';
    const lines = wrapText(text, 20).split('\n');
    expect(lines.every((l) => textWidth(l) <= 20)).toBe(true);
    expect(lines.every((l) => l.startsWith('  '))).toBe(true);
    expect(lines.join(' ').replace(/\s+/g, ' ').trim()).toBe(text.trim());
    const url = 'https://pesquisa.bvsalud.org/portal/?q=' + 'x'.repeat(100);
    expect(wrapText(`URL ${url}`, 40).split('\n')).toEqual(['URL', url]);
  });
  it('measures wide characters and ANSI codes as the terminal does', () => {
    expect(textWidth('\x1b[31mabc\x1b[39m')).toBe(3);
    expect(textWidth('漢字')).toBe(4);
    expect(truncateText('Revisão integrativa da literatura', 10)).toBe('Revisão i…');
  });
  it('shortens a URL to the width, keeping its start and end', () => {
    const url = 'https://pesquisa.bvsalud.org/portal/?q=' + 'a'.repeat(1000) + '&lang=pt';
    const short = shortenUrl(url, 79);
    expect(short.length).toBe(79);
    expect(short.startsWith('https://pesquisa.bvsalud.org/portal/?q=')).toBe(true);
    expect(short.endsWith('&lang=pt')).toBe(true);
    expect(shortenUrl('https://a.org/x', 79)).toBe('https://a.org/x');
  });
});
