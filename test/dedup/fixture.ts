/** Loads fixtures/dedup/records.json as parsed records per import, or as BibRecords with ids. */
import fs from 'node:fs';
import { emptyRecord, type BibRecord, type ParsedRecord, type SourceId } from '../../src/core/record.js';
import { fixturePath } from '../helpers/cli.js';

interface FixtureRecord extends Partial<ParsedRecord> {
  key: string;
  database?: string;
  sourceId?: string;
}

interface FixtureImport {
  file: string;
  source: SourceId;
  format: string;
  records: FixtureRecord[];
}

const data = JSON.parse(fs.readFileSync(fixturePath('dedup', 'records.json'), 'utf8')) as { imports: FixtureImport[] };

export const IMPORTS = data.imports;

/** Parsed records of one fixture import, with their keys. */
export function parsedImport(index: number): { meta: FixtureImport; records: ParsedRecord[]; keys: string[] } {
  const imp = data.imports[index];
  const records = imp.records.map((r, i) => {
    const { key: _key, database, sourceId, ...fields } = r;
    const base = emptyRecord({ source: imp.source, database, file: imp.file, line: i + 2, sourceId, format: imp.format });
    return { ...base, ...fields, provenance: base.provenance } as ParsedRecord;
  });
  return { meta: imp, records, keys: imp.records.map((r) => r.key) };
}

/** Every fixture record as a BibRecord (ids like addRecords gives), and key -> id. */
export function fixtureRecords(imports: number[] = data.imports.map((_, i) => i)): { records: BibRecord[]; id: (key: string) => string; key: (id: string) => string } {
  const records: BibRecord[] = [];
  const ids = new Map<string, string>();
  const keys = new Map<string, string>();
  imports.forEach((idx, n) => {
    const importId = `i${String(n + 1).padStart(3, '0')}`;
    const p = parsedImport(idx);
    p.records.forEach((r, i) => {
      const id = `${importId}-${String(i + 1).padStart(5, '0')}`;
      records.push({ ...r, id, provenance: { ...r.provenance, importId } });
      ids.set(p.keys[i], id);
      keys.set(id, p.keys[i]);
    });
  });
  return { records, id: (k) => ids.get(k)!, key: (i) => keys.get(i)! };
}

/** A bare record for unit tests. */
export function rec(id: string, fields: Partial<BibRecord>): BibRecord {
  const base = emptyRecord({ source: 'other', file: 'test.csv', line: 1, sourceId: id, format: 'test' });
  return { ...base, ...fields, id, provenance: { ...base.provenance, importId: id.split('-')[0] || 'i001', ...(fields.provenance ?? {}) } } as BibRecord;
}

/** Fields of one side of a fixture pair: BibRecord fields plus provenance source, id and database. */
export type PairSide = Partial<BibRecord> & { source?: SourceId; sourceId?: string; database?: string };

/** A record from one side of a fixture pair (fixtures/dedup/*-traps.json, *-spellings.json). */
export function pairRecord(id: string, fields: PairSide): BibRecord {
  const { source, sourceId, database, ...rest } = fields;
  const r = rec(id, rest);
  return { ...r, provenance: { ...r.provenance, source: source ?? 'other', sourceId, database } };
}

/** The pairs of a fixture file under fixtures/dedup/. */
export function fixturePairs<T>(file: string): { base?: PairSide; pairs: T[] } {
  return JSON.parse(fs.readFileSync(fixturePath('dedup', file), 'utf8')) as { base?: PairSide; pairs: T[] };
}
