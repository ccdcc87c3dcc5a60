import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeJoin } from '../../src/project/layout.js';

describe('safeJoin: names from protocols, records or files never leave the review folder', () => {
  const folder = '/tmp/revisao/data/files';
  it.each([
    ['../../../etc/passwd', '__.._.._etc_passwd'],
    ['/etc/passwd', '_etc_passwd'],
    ['..', '_'],
    ['.hidden', '_hidden'],
    ['a\0b.ris', 'a_b.ris'],
    ['C:\\Users\\ana\\export.ris', 'C_Users_ana_export.ris'],
    ['exportação BVS (1).ris', 'exportação BVS (1).ris'],
  ])('%j stays inside as %j', (name, expected) => {
    const target = safeJoin(folder, name);
    expect(path.dirname(target)).toBe(folder);
    expect(path.basename(target)).toBe(expected);
  });
});
