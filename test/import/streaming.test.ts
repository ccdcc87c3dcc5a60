import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../../src/core/record.js';
import { ris } from '../../src/formats/ris.js';
import { importFiles, readFileInto, type FileSink } from '../../src/stages/import/index.js';
import { Review } from '../../src/project/review.js';
import { fixturePath, protocolPath, tempDir } from '../helpers/cli.js';

const PIECE = 64 * 1024;

/** A sink that keeps what it is given, as the review's temp files would. */
function collector() {
  const got = { bytes: [] as Buffer[], records: [] as ParsedRecord[], restarts: 0 };
  const sink: FileSink = {
    bytes: (b) => got.bytes.push(Buffer.from(b)),
    record: (r) => got.records.push(r),
    restart: () => {
      got.bytes = [];
      got.records = [];
      got.restarts++;
    },
  };
  return { got, sink };
}

describe('RIS files are read in pieces', () => {
  it('a 34 MB UTF-8 export streams to the same records, bytes, sha256 and diagnostics as a whole read', () => {
    const record = fs.readFileSync(fixturePath('ris', 'scielo-search.ris'), 'utf8').replace(/^\ufeff/, '');
    const n = Math.ceil((34 * 2 ** 20) / Buffer.byteLength(record));
    const text = '\ufeff' + record.repeat(n) + 'TY  - JOUR\nTI  - Último registro sem fim\n';
    const file = path.join(tempDir('review-stream-'), 'big.ris');
    fs.writeFileSync(file, text);
    const { got, sink } = collector();
    const read = readFileInto(file, {}, sink);
    const whole = ris.parse(text, { file: 'big.ris' });
    expect(got.restarts).toBe(0);
    expect(read.encoding).toBe('utf-8-bom');
    expect(read.sha256).toBe(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
    expect(Buffer.concat(got.bytes).equals(fs.readFileSync(file))).toBe(true);
    expect(read.records).toBe(2 * n + 1);
    expect(got.records.length).toBe(whole.records.length);
    expect(got.records[0]).toEqual(whole.records[0]);
    expect(got.records[got.records.length - 1]).toEqual(whole.records[whole.records.length - 1]);
    expect(got.records[got.records.length - 1].titles[0].text).toBe('Último registro sem fim');
    expect(read.diagnostics).toEqual(whole.diagnostics);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('a piece that ends inside a two-byte character still decodes it whole', () => {
    // Note: the padding puts byte 16 MiB (the first piece boundary) in the middle of a "ç".
    const head = 'TY  - JOUR\nTI  - Atenção básica\nAB  - ';
    let pad = 0;
    while ((Buffer.byteLength(head) + pad) % 2 === 0) pad++;
    const body = 'ç'.repeat(Math.ceil(PIECE / 2) + 10);
    const text = head + 'x'.repeat(pad) + body + '\nER  - \n';
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes[PIECE] & 0xc0).toBe(0x80);
    const file = path.join(tempDir('review-stream-'), 'split.ris');
    fs.writeFileSync(file, bytes);
    const { got, sink } = collector();
    const read = readFileInto(file, {}, sink);
    expect(got.restarts).toBe(0);
    expect(read.diagnostics.filter((d) => d.code.startsWith('ENCODING'))).toEqual([]);
    expect(got.records[0].abstracts[0].text).toBe('x'.repeat(pad) + body);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('a UTF-8 head with Windows-1252 bytes later starts over with a whole read and says so', () => {
    const good = 'TY  - JOUR\nTI  - Saúde mental na atenção básica\nER  - \n';
    const n = Math.ceil((PIECE + 1000) / Buffer.byteLength(good));
    const late = Buffer.from('TY  - JOUR\nTI  - Sa\xfade da fam\xedlia\nER  - \n', 'latin1');
    const file = path.join(tempDir('review-stream-'), 'mixed.ris');
    fs.writeFileSync(file, Buffer.concat([Buffer.from(good.repeat(n), 'utf8'), late]));
    const { got, sink } = collector();
    const read = readFileInto(file, {}, sink);
    expect(got.restarts).toBe(1);
    expect(read.encoding).toBe('utf-8+windows-1252');
    expect(read.diagnostics[0]).toMatchObject({ code: 'ENCODING_MIXED', line: 3 * n + 2 });
    expect(got.records.length).toBe(n + 1);
    expect(got.records[n].titles[0].text).toBe('Saúde da família');
    expect(Buffer.concat(got.bytes).equals(fs.readFileSync(file))).toBe(true);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('warnings about the text name the line in the file, not in the piece', () => {
    const good = 'TY  - JOUR\nTI  - Cuidado em saúde\nER  - \n';
    const n = Math.ceil((PIECE + 1000) / Buffer.byteLength(good));
    const text = good.repeat(n) + 'TY  - JOUR\nTI  - Cuidado em sa\ufffdde\nER  - \n';
    const file = path.join(tempDir('review-stream-'), 'fffd.ris');
    fs.writeFileSync(file, text);
    const { sink } = collector();
    const read = readFileInto(file, {}, sink);
    expect(read.diagnostics.find((d) => d.code === 'ENCODING_REPLACEMENT_CHAR')?.line).toBe(3 * n + 2);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});

describe('importFiles writes records as they are parsed', () => {
  it('a refused file leaves no temp file behind, and the accepted import holds every record', () => {
    const dir = path.join(tempDir('review-stream-'), 'rev');
    Review.init(dir, protocolPath('desafios-saude-mental-atencao-basica.yaml')).close();
    const review = Review.open(dir, { writer: 'test' });
    const good = fixturePath('ris', 'scielo-search.ris');
    const bad = fixturePath('bad', 'no-records.ris');
    expect(() => importFiles(review, [good, bad])).toThrow(expect.objectContaining({ code: 'FORMAT_UNKNOWN' }));
    const listing = () => [...fs.readdirSync(path.join(dir, 'data', 'records')), ...fs.readdirSync(path.join(dir, 'data', 'files'))];
    expect(listing()).toEqual([]);
    const [summary] = importFiles(review, [good]);
    expect(listing().sort()).toEqual(['i001-scielo-search.ris', 'i001.jsonl']);
    const stored = review.records();
    expect(stored.length).toBe(summary.read);
    expect(stored.map((r) => r.id)).toEqual(stored.map((_, i) => `i001-${String(i + 1).padStart(5, '0')}`));
    expect(stored.map((r) => r.titles)).toEqual(ris.parse(fs.readFileSync(good, 'utf8'), { file: 'scielo-search.ris' }).records.map((r) => r.titles));
    review.close();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it('removes the temp files a killed import left behind, and only those', () => {
    const dir = path.join(tempDir('review-stream-'), 'rev');
    Review.init(dir, protocolPath('desafios-saude-mental-atencao-basica.yaml')).close();
    const records = path.join(dir, 'data', 'records');
    const files = path.join(dir, 'data', 'files');
    fs.mkdirSync(records, { recursive: true });
    fs.mkdirSync(files, { recursive: true });
    // Note: what a SIGKILL mid-import leaves: half-written records, copy and worker scratch files.
    fs.writeFileSync(path.join(records, '.i001.jsonl.4242.1764200000000.tmp'), '{"id":"i001-00001"');
    fs.writeFileSync(path.join(records, '.i001.part.jsonl.4242.1764200000001.tmp'), '{"titles":[]}\n');
    fs.writeFileSync(path.join(files, '.i001-bvs.ris.4242.1764200000002.tmp'), 'TY  - JOUR\n');
    fs.writeFileSync(path.join(files, 'notas.txt'), 'not ours');
    const review = Review.open(dir, { writer: 'test' });
    importFiles(review, [fixturePath('ris', 'scielo-search.ris')]);
    review.close();
    expect(fs.readdirSync(records)).toEqual(['i001.jsonl']);
    expect(fs.readdirSync(files).sort()).toEqual(['i001-scielo-search.ris', 'notas.txt']);
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });
});
