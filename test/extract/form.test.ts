/** The extraction form driven by key presses on fake streams. */
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fillExtractionForm, choicePrompt } from '../../src/ui/extractForm.js';
import type { Protocol } from '../../src/core/protocol.js';

/** Collects what the prompts draw; stays open when a prompt ends its piped stream (as stdout does). */
class Screen extends Writable {
  text = '';
  override end(): this {
    return this;
  }
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

/** Type the keys one by one, letting each prompt render before the next key. */
async function typeKeys(input: PassThrough, keys: string[]): Promise<void> {
  for (const k of keys) {
    await new Promise((r) => setTimeout(r, 20));
    input.write(k);
  }
}

const protocol = {
  extraction: [
    { name: 'design', label: 'Delineamento', type: 'choice', values: ['qualitativo', 'quantitativo', 'revisão'], required: true },
    { name: 'evidence_level', label: 'Nível de evidência', type: 'choice', values: ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'] },
    { name: 'participants', label: 'Participantes', type: 'number' },
    { name: 'setting', label: 'Cenário', type: 'text' },
  ],
  themes: [
    { id: 'P1', label: 'Vínculo', group: 'Potencialidades' },
    { id: 'P2', label: 'Educação permanente', group: 'Potencialidades' },
    { id: 'I1', label: 'Sobrecarga', group: 'Impasses' },
  ],
} as unknown as Protocol;

describe('extraction form', () => {
  it('choices by number key, text by typing (bad numbers asked again), themes toggled; suggestions marked, not chosen', async () => {
    const input = new PassThrough();
    const output = new Screen();
    const done = fillExtractionForm({ protocol, suggested: new Set(['I1']) }, { input, output });
    await typeKeys(input, ['3', '6', 'x', 'y', '\r', '\x7f', '\x7f', '2', '4', '\r', 'C', 'a', 'm', 'p', 'i', 'n', 'a', 's', '/', 'S', 'P', '\r', '1', '\x1b[B', ' ', '\r']);
    const answer = await done;
    expect(answer).toEqual({ fields: { design: 'revisão', evidence_level: 'VI', participants: 24, setting: 'Campinas/SP' }, themes: ['P1', 'P2'] });
    expect(output.text).toContain('"xy" is not a number');
    expect(output.text).toMatch(/I1 Sobrecarga.*suggested/);
    expect(output.text).toContain('Potencialidades');
  });

  it('Enter leaves an optional choice empty, a required one asks again; earlier values are kept on Enter', async () => {
    const input = new PassThrough();
    const output = new Screen();
    const done = fillExtractionForm(
      { protocol, suggested: new Set(), previous: { fields: { design: 'qualitativo', participants: 10 }, themes: ['I1'] } },
      { input, output },
    );
    await typeKeys(input, ['\r', '\r', '\r', '\r', '\r']);
    expect(await done).toEqual({ fields: { design: 'qualitativo', participants: 10 }, themes: ['I1'] });

    const in2 = new PassThrough();
    const out2 = new Screen();
    const p = choicePrompt({ message: 'Delineamento', values: ['a', 'b'], required: true }, { input: in2, output: out2 });
    await typeKeys(in2, ['\r', '9', '\r', '2']);
    expect(await p).toBe('b');
    expect(out2.text).toContain('This field is required.');
    expect(out2.text).toContain('Type a number from 1 to 2.');
  });

  it('a choice typed as its value or its beginning (accents and case ignored); ambiguous or unknown text is asked again, never saved empty', async () => {
    const values = ['qualitativo', 'quantitativo', 'relato de experiência', 'revisão'];
    const in1 = new PassThrough();
    const out1 = new Screen();
    const p1 = choicePrompt({ message: 'Delineamento', values, required: false }, { input: in1, output: out1 });
    await typeKeys(in1, ['q', 'u', 'a', '\r', 'l', '\r']);
    expect(await p1).toBe('qualitativo');
    expect(out1.text).toContain('"qua" fits several options (qualitativo, quantitativo)');

    const in2 = new PassThrough();
    const out2 = new Screen();
    const p2 = choicePrompt({ message: 'Nível', values: ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'], required: false }, { input: in2, output: out2 });
    await typeKeys(in2, ['I', 'V', '\r']);
    expect(await p2).toBe('IV');

    const in3 = new PassThrough();
    const out3 = new Screen();
    const p3 = choicePrompt({ message: 'Delineamento', values, required: false }, { input: in3, output: out3 });
    await typeKeys(in3, ['x', 'y', '\r', 'R', 'E', 'V', 'I', 'S', 'A', 'O', '\r']);
    expect(await p3).toBe('revisão');
    expect(out3.text).toContain('"xy" is not one of the options');
  });
});
