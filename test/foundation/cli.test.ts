import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { catalogues } from '../../src/ui/messages/index.js';
import { langFromEnv, parseLang, t } from '../../src/ui/i18n.js';
import { notBuilt } from '../../src/cli/notBuilt.js';
import { NotAvailableError } from '../../src/core/errors.js';
import { protocolPath, runCli, tempDir, ROOT } from '../helpers/cli.js';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('messages catalogue', () => {
  it('has the same keys in pt-BR and en, none empty', () => {
    const en = Object.keys(catalogues.en).sort();
    const pt = Object.keys(catalogues['pt-BR']).sort();
    expect(pt).toEqual(en);
    for (const lang of ['en', 'pt-BR'] as const) for (const k of en) expect(catalogues[lang][k].trim()).not.toBe('');
  });

  it('chooses the language from LANG/LC_ALL and --lang values', () => {
    expect(langFromEnv({ LANG: 'pt_BR.UTF-8' })).toBe('pt-BR');
    expect(langFromEnv({ LC_ALL: 'pt_PT.UTF-8', LANG: 'en_US.UTF-8' })).toBe('pt-BR');
    expect(langFromEnv({ LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(langFromEnv({})).toBe('en');
    expect(parseLang('pt')).toBe('pt-BR');
    expect(parseLang('fr')).toBeUndefined();
    expect(t('init.done', { dir: '/x', title: 'T' }, 'pt-BR')).toBe('Revisão criada em /x a partir do protocolo "T".');
  });
});

describe('review CLI', () => {
  it('--version prints the package version', () => {
    const r = runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('--help lists every command, in English and in Portuguese', () => {
    const en = runCli(['--help']);
    expect(en.code).toBe(0);
    for (const c of ['init', 'search', 'import', 'dedup', 'screen', 'extract', 'prisma', 'report', 'export', 'status', 'demo'])
      expect(en.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    expect(en.stdout).toContain('Exit codes: 0 ok, 1 user error');
    const pt = runCli(['--help'], { env: { LANG: 'pt_BR.UTF-8' } });
    expect(pt.stdout).toContain('Códigos de saída');
    expect(pt.stdout).toContain('cria a pasta de uma revisão');
    const forced = runCli(['--lang', 'en', '--help'], { env: { LANG: 'pt_BR.UTF-8' } });
    expect(forced.stdout).toContain('Exit codes');
  });

  it('each command has its own --help', () => {
    const r = runCli(['init', '--help'], { env: { LANG: 'pt_BR.UTF-8' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--protocol');
    expect(r.stdout).toContain('arquivo YAML do protocolo');
  });

  it('an unknown language or option is a user error (exit 1)', () => {
    expect(runCli(['--lang', 'fr', '--help']).code).toBe(1);
    expect(runCli(['status', '--no-such-option']).code).toBe(1);
  });

  it('init then status, in both languages, with --json for scripts', () => {
    const dir = path.join(tempDir(), 'minha revisão');
    const init = runCli(['init', dir, '--protocol', protocolPath('matriciamento-cuidados-paliativos.yaml')], { env: { LANG: 'pt_BR.UTF-8' } });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('Revisão criada em');
    expect(fs.existsSync(path.join(dir, 'protocol.yaml'))).toBe(true);
    const again = runCli(['init', dir, '--protocol', protocolPath('matriciamento-cuidados-paliativos.yaml')]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already holds a review');
    const pt = runCli(['status', dir], { env: { LANG: 'pt_BR.UTF-8' } });
    expect(pt.stdout).toContain('registros importados');
    const json = JSON.parse(runCli(['status', dir, '--json']).stdout);
    expect(json).toMatchObject({ records: 0, unique: 0, screened: 0, included: 0, bySource: {} });
  });

  it('status on a folder that is not a review says how to make one (exit 1)', () => {
    const r = runCli(['status', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('review init');
  });

  it('a command that is not built yet exits with NotAvailableError (mapped to 2)', async () => {
    const cmd = new Command('x').exitOverride();
    notBuilt('x').register(cmd);
    await expect(cmd.parseAsync(['node', 'x'])).rejects.toBeInstanceOf(NotAvailableError);
  });

  it('never prints colour codes when NO_COLOR is set or output is not a terminal', () => {
    const dir = path.join(tempDir(), 'r');
    runCli(['init', dir, '--protocol', protocolPath('matriciamento-saude-mental.yaml')]);
    const r = runCli(['status', tempDir()], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(r.stderr).not.toMatch(/\x1b\[/);
    const piped = runCli(['status', tempDir()], { env: { NO_COLOR: '' } });
    expect(piped.stderr).not.toMatch(/\x1b\[/);
  });
});
