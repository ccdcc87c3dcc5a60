import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareFile } from '../../src/project/importFiles.js';
import { ris } from '../../src/formats/ris.js';
import { fixturePath, tempDir } from '../helpers/cli.js';

describe('large RIS files are read in pieces', () => {
  it('a 34 MB UTF-8 export streams to the same records, sha256 and diagnostics as a whole read', () => {
    const record = fs.readFileSync(fixturePath('ris', 'scielo-search.ris'), 'utf8').replace(/^\ufeff/, '');
    const n = Math.ceil((34 * 2 ** 20) / Buffer.byteLength(record));
    const text = '\ufeff' + record.repeat(n) + 'TY  - JOUR\nTI  - Último registro sem fim\n';
    const file = path.join(tempDir('review-stream-'), 'big.ris');
    fs.writeFileSync(file, text);
    const streamed = prepareFile(file, {}, new Map());
    const whole = ris.parse(text, { file: 'big.ris' });
    expect(streamed.encoding).toBe('utf-8-bom');
    expect(streamed.sha256).toBe(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
    expect(streamed.records.length).toBe(2 * n + 1);
    expect(streamed.records.length).toBe(whole.records.length);
    expect(streamed.records[0]).toEqual(whole.records[0]);
    expect(streamed.records[streamed.records.length - 1]).toEqual(whole.records[whole.records.length - 1]);
    expect(streamed.records[streamed.records.length - 1].titles[0].text).toBe('Último registro sem fim');
    expect(streamed.diagnostics).toEqual(whole.diagnostics);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
