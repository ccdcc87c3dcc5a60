// Every command's --help exists in pt-BR and in English, and says the exit codes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { COMMANDS } from '../../src/cli/commands.js';
import { setLang } from '../../src/ui/i18n.js';

async function help(command: string, lang: string): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'review', '--lang', lang, command, '--help']);
    return { code, out };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => setLang('en'));

describe('help in both languages', () => {
  it.each(COMMANDS.map((c) => c.name))('review %s --help', async (name) => {
    const en = await help(name, 'en');
    const pt = await help(name, 'pt-BR');
    expect(en.code).toBe(0);
    expect(pt.code).toBe(0);
    expect(en.out).toContain(`Usage: review ${name}`);
    expect(en.out).toContain('Exit codes');
    expect(pt.out).toContain('Códigos de saída');
    expect(pt.out).toContain(`Uso: review ${name}`);
    expect(pt.out).not.toMatch(/^(Usage|Options|Arguments):/m);
    expect(pt.out).not.toContain('(default:');
    // every option line is translated: no English description survives in the pt-BR help
    const optionLines = (text: string) => text.split('\n').filter((l) => /^  -/.test(l));
    expect(optionLines(pt.out).length).toBe(optionLines(en.out).length);
    const enDescriptions = optionLines(en.out).map((l) => l.replace(/^\s+-\S+(,\s+--\S+)?(\s+<[^>]+>|\s+\[[^\]]+\])?\s+/, '').trim());
    for (const d of enDescriptions) if (d.length > 12 && !/^show help/.test(d)) expect(pt.out).not.toContain(d);
  });
});
