/**
 * `review import` of the vendors' own export formats (issue 18), each fixture through the CLI: the
 * format is chosen by content, the summary names it, the records are counted, a file with a
 * rejected record is refused whole unless --skip-bad.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, protocolPath, runCli, tempDir } from '../helpers/cli.js';

function status(dir: string): { records: number; byDatabase: Record<string, number> } {
  const r = runCli(['status', dir, '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('review import: vendor formats', () => {
  let dir: string;
  beforeAll(() => {
    dir = path.join(tempDir('review-vendors-'), 'rev');
    expect(runCli(['init', dir, '--protocol', protocolPath('desafios-saude-mental-atencao-basica.yaml')]).code).toBe(0);
  });

  it('imports an Ovid MEDLINE export (header and search strategy before the records)', () => {
    const r = runCli(['import', dir, fixturePath('ovid', 'ovid-medline.txt')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ovid-medline.txt: Ovid tagged (MEDLINE, PsycInfo, Embase), utf-8; 2 records read, 0 rejected');
    expect(status(dir).records).toBe(2);
  });

  it('refuses the PsycInfo export with a record without title, naming its line; --skip-bad imports the other two', () => {
    const refused = runCli(['import', dir, fixturePath('ovid', 'apa-psycinfo.txt')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n')[0]).toBe(`${fixturePath('ovid', 'apa-psycinfo.txt')}: 1 record could not be read (line 60); nothing was imported. Fix the file, or import the other records with --skip-bad.`);
    expect(status(dir).records).toBe(2);
    const r = runCli(['import', dir, fixturePath('ovid', 'apa-psycinfo.txt'), '--skip-bad']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('apa-psycinfo.txt: Ovid tagged (MEDLINE, PsycInfo, Embase), utf-8; 2 records read, 1 rejected');
    const s = status(dir);
    expect(s.records).toBe(4);
    expect(Object.values(s.byDatabase).reduce((a, b) => a + b, 0)).toBe(4);
  });
});

describe('review import: EndNote XML', () => {
  it('imports EndNote desktop and Zotero EndNote XML exports; the record without title is refused unless --skip-bad', () => {
    const dir = path.join(tempDir('review-endnote-xml-'), 'rev');
    expect(runCli(['init', dir, '--protocol', protocolPath('desafios-saude-mental-atencao-basica.yaml')]).code).toBe(0);
    const zotero = runCli(['import', dir, fixturePath('endnote-xml', 'zotero-export.xml')]);
    expect(zotero.code).toBe(0);
    expect(zotero.stdout).toContain('zotero-export.xml: EndNote XML, utf-8; 1 record read, 0 rejected');
    const refused = runCli(['import', dir, fixturePath('endnote-xml', 'endnote-desktop.xml')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n')[0]).toContain('endnote-desktop.xml: 1 record could not be read (line 1); nothing was imported.');
    const r = runCli(['import', dir, fixturePath('endnote-xml', 'endnote-desktop.xml'), '--skip-bad']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('endnote-desktop.xml: EndNote XML, utf-8-bom; 2 records read, 1 rejected');
    expect(status(dir).records).toBe(3);
  });
});
