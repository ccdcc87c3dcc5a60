/**
 * One coded error below the UI (issue 16): the stages throw CodedUserError with a code and its
 * parameters; the sentence comes from the catalogue only at the edge (ui/diagnosticText.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CodedUserError } from '../../src/core/errors.js';
import { describeDiagnostic, describeError } from '../../src/ui/diagnosticText.js';
import { setLang } from '../../src/ui/i18n.js';

afterEach(() => setLang('en'));

describe('coded errors and diagnostics into words', () => {
  it('a code that is a catalogue key is said with its parameters as given, in either language', () => {
    const e = new CodedUserError('extract.fromInvalid', { file: 'sheet.csv', count: 2 });
    expect(describeError(e)).toBe('sheet.csv: 2 problems; nothing was saved.');
    setLang('pt-BR');
    expect(describeError(e)).toBe('sheet.csv: 2 problemas; nada foi gravado.');
  });

  it('an upper-case code is looked up under error.<CODE>; an unknown code is shown as is', () => {
    expect(describeError(new CodedUserError('LOCKED', { pid: 7, file: 'x.lock', host: 'h', command: 'c', since: 's' }))).toContain('x.lock');
    expect(describeError(new CodedUserError('NO_SUCH_CODE_ANYWHERE'))).toBe('NO_SUCH_CODE_ANYWHERE');
  });

  it('a format id in a stage error is not turned into the format name (the user typed it)', () => {
    expect(describeError(new CodedUserError('export.noStringify', { format: 'ris' }, [], 'notAvailable'))).toContain(' ris ');
  });

  it('extraction problems keep their sentences, with the allowed values as given', () => {
    const d = { code: 'EXTRACT_CHOICE', params: { field: 'design', value: 'x', expected: 'rct, cohort', line: 3 }, file: 'f.csv', line: 3, fatal: true };
    expect(describeDiagnostic(d)).toBe('field "design": "x" is not one of rct, cohort');
  });
});
