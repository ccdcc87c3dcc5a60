/**
 * Dedup state derived from the event log: which record stands for which. Groups are the
 * connected components of accepted pairs, built so that one weak link cannot chain unrelated
 * records: identifier pairs first, then people's decisions, then scored pairs by score; two
 * groups never join when members conflict (DOI, PMID, year by more than one, a person said
 * "not a duplicate"), and a scored pair joins groups only when most cross pairs were accepted.
 */
import type { BibRecord } from '../record.js';
import type { EventBase } from '../events.js';
import { doisAreTranslations, recordIdentifiers, type RecordIdentifiers } from './identifiers.js';
import { pairKey, type DedupDecisionEvent, type DedupPair, type DedupRetractEvent, type DedupRule, type DedupRunEvent, type DedupUndoEvent } from './events.js';
import { completeness } from './merge.js';

/** A group of two or more records that are the same publication. */
export interface DedupGroup {
  /** Stable id: the first member's record id (records only join later, so it never changes). */
  id: string;
  canonical: string;
  /** Member ids in import order. */
  members: string[];
}

export interface DedupState {
  /** record id -> canonical record id (itself when unique or canonical). */
  canonicalOf: Map<string, string>;
  /** Canonical record ids in import order: the records that go on to screening. */
  uniqueIds: string[];
  /** record id -> group id (its own id when it stands alone). */
  groupOf: Map<string, string>;
  /** Groups with two or more members, in order of their id. */
  groups: DedupGroup[];
  /** Rule that linked each grouped record (absent for records standing alone). */
  ruleOf: Map<string, DedupRule>;
  /** Uncertain pairs still waiting for a person, highest score first. */
  pending: DedupPair[];
  /** Import ids already considered by a dedup run. */
  consideredImports: Set<string>;
  /** Number of dedup runs in the log. */
  runs: number;
}

const ID_RULES: ReadonlySet<DedupRule> = new Set(['doi', 'pmid', 'bvs-mdl', 'pmcid', 'scielo-pid']);

interface Cluster {
  members: string[];
  dois: Set<string>;
  pmids: Set<string>;
  minYear: number;
  maxYear: number;
}

/**
 * Rebuild the dedup state from records and events. Pure. `identifiers`: each record's
 * identifiers (by index in `records`) when the caller has them already (a dedup run computed
 * them for every record), so they are not read again.
 */
export function computeDedupState(records: readonly BibRecord[], events: readonly EventBase[], identifiers?: readonly RecordIdentifiers[]): DedupState {
  const byId = new Map<string, BibRecord>();
  const order = new Map<string, number>();
  records.forEach((r, i) => {
    byId.set(r.id, r);
    order.set(r.id, i);
  });

  const considered = new Set<string>();
  const runOfImport = new Map<string, number>();
  const auto = new Map<string, DedupPair>();
  const uncertain = new Map<string, DedupPair>();
  const human = new Map<string, 'duplicate' | 'distinct'>();
  let runs = 0;
  for (const e of events) {
    if (e.type === 'dedup.run') {
      const run = e as DedupRunEvent;
      runs++;
      for (const imp of run.imports) if (!runOfImport.has(imp)) runOfImport.set(imp, runs);
      for (const imp of run.imports) considered.add(imp);
      for (const p of run.accepted) auto.set(pairKey(p.a, p.b), p);
      for (const p of run.uncertain) uncertain.set(pairKey(p.a, p.b), p);
    } else if (e.type === 'dedup.decision') {
      const d = e as DedupDecisionEvent;
      human.set(pairKey(d.a, d.b), d.decision);
    } else if (e.type === 'dedup.retract') {
      const d = e as DedupRetractEvent;
      human.delete(pairKey(d.a, d.b));
    } else if (e.type === 'dedup.undo') {
      const u = e as DedupUndoEvent;
      for (let i = 0; i < u.members.length; i++)
        for (let j = i + 1; j < u.members.length; j++) human.set(pairKey(u.members[i], u.members[j]), 'distinct');
    }
  }

  // Edges that count, strongest first.
  const edges: DedupPair[] = [];
  for (const [k, p] of auto) if (human.get(k) !== 'distinct') edges.push(p);
  for (const [k, d] of human) {
    if (d !== 'duplicate') continue;
    const [a, b] = k.split('|');
    edges.push({ a, b, rule: 'human' });
  }
  const rank = (p: DedupPair) => (ID_RULES.has(p.rule) ? 0 : p.rule === 'human' ? 1 : 2);
  edges.sort((p, q) => rank(p) - rank(q) || (q.score ?? 1) - (p.score ?? 1) || (p.a < q.a ? -1 : p.a > q.a ? 1 : 0));

  const vetoes = new Map<string, Set<string>>();
  for (const [k, d] of human) {
    if (d !== 'distinct') continue;
    const [a, b] = k.split('|');
    (vetoes.get(a) ?? vetoes.set(a, new Set()).get(a)!).add(b);
    (vetoes.get(b) ?? vetoes.set(b, new Set()).get(b)!).add(a);
  }
  const adjacency = new Map<string, Set<string>>();
  for (const p of edges) {
    (adjacency.get(p.a) ?? adjacency.set(p.a, new Set()).get(p.a)!).add(p.b);
    (adjacency.get(p.b) ?? adjacency.set(p.b, new Set()).get(p.b)!).add(p.a);
  }

  const clusterOf = new Map<string, Cluster>();
  const ruleOf = new Map<string, DedupRule>();
  const clusterFor = (id: string): Cluster => {
    let c = clusterOf.get(id);
    if (!c) {
      const r = byId.get(id)!;
      const ids = identifiers ? identifiers[order.get(id)!] : recordIdentifiers(r);
      c = {
        members: [id],
        dois: new Set(ids.dois),
        pmids: new Set([...ids.pmids, ...ids.mdlPmids]),
        minYear: r.year ?? Infinity,
        maxYear: r.year ?? -Infinity,
      };
      clusterOf.set(id, c);
    }
    return c;
  };

  for (const p of edges) {
    if (!byId.has(p.a) || !byId.has(p.b)) continue;
    const x = clusterFor(p.a);
    const y = clusterFor(p.b);
    if (x === y) continue;
    const [small, big] = x.members.length <= y.members.length ? [x, y] : [y, x];
    const bigSet = new Set(big.members);
    if (small.members.some((m) => [...(vetoes.get(m) ?? [])].some((v) => bigSet.has(v)))) continue;
    if (p.rule !== 'human') {
      if (disjoint(x.dois, y.dois) && ![...x.dois].some((d) => [...y.dois].some((e) => doisAreTranslations(d, e)))) continue;
      if (disjoint(x.pmids, y.pmids)) continue;
      if (Math.max(x.maxYear, y.maxYear) - Math.min(x.minYear, y.minYear) > 1) continue;
    }
    if (p.rule === 'score' && small.members.length + big.members.length > 2) {
      let links = 0;
      for (const m of small.members) for (const n of adjacency.get(m) ?? []) if (bigSet.has(n)) links++;
      if (links * 2 < small.members.length * big.members.length) continue;
    }
    if (!ruleOf.has(p.a)) ruleOf.set(p.a, p.rule);
    if (!ruleOf.has(p.b)) ruleOf.set(p.b, p.rule);
    for (const m of small.members) {
      big.members.push(m);
      clusterOf.set(m, big);
    }
    for (const d of small.dois) big.dois.add(d);
    for (const d of small.pmids) big.pmids.add(d);
    big.minYear = Math.min(big.minYear, small.minYear);
    big.maxYear = Math.max(big.maxYear, small.maxYear);
  }

  const canonicalOf = new Map<string, string>();
  const groupOf = new Map<string, string>();
  const groups: DedupGroup[] = [];
  const done = new Set<Cluster>();
  const runOf = (id: string) => runOfImport.get(byId.get(id)!.provenance.importId) ?? Infinity;
  for (const c of clusterOf.values()) {
    if (done.has(c) || c.members.length < 2) continue;
    done.add(c);
    c.members.sort((a, b) => order.get(a)! - order.get(b)!);
    // Note: the canonical comes from the earliest run that saw the group, so a later import never
    // takes the place of a record people may already have screened.
    const firstRun = Math.min(...c.members.map(runOf));
    let canonical = '';
    let best = -1;
    for (const m of c.members) {
      if (runOf(m) !== firstRun) continue;
      const s = completeness(byId.get(m)!);
      if (s > best) [canonical, best] = [m, s];
    }
    const id = c.members[0];
    groups.push({ id, canonical, members: c.members });
    for (const m of c.members) {
      canonicalOf.set(m, canonical);
      groupOf.set(m, id);
    }
  }
  groups.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  for (const r of records) {
    if (!canonicalOf.has(r.id)) canonicalOf.set(r.id, r.id);
    if (!groupOf.has(r.id)) groupOf.set(r.id, r.id);
  }
  const uniqueIds = records.filter((r) => canonicalOf.get(r.id) === r.id).map((r) => r.id);

  // Note: one question per pair of groups: a person's "not a duplicate" on any pair between two
  // groups settles the others, and several uncertain pairs between the same groups show once.
  const settled = new Set<string>();
  for (const [k, d] of human) {
    const [a, b] = k.split('|');
    if (d === 'distinct' && groupOf.has(a) && groupOf.has(b)) settled.add(pairKey(groupOf.get(a)!, groupOf.get(b)!));
  }
  const pendingByGroups = new Map<string, DedupPair>();
  for (const [k, p] of uncertain) {
    if (human.has(k) || auto.has(k) || !byId.has(p.a) || !byId.has(p.b)) continue;
    const ga = groupOf.get(p.a)!;
    const gb = groupOf.get(p.b)!;
    if (ga === gb) continue;
    const gk = pairKey(ga, gb);
    if (settled.has(gk)) continue;
    const prev = pendingByGroups.get(gk);
    if (!prev || (p.score ?? 0) > (prev.score ?? 0)) pendingByGroups.set(gk, p);
  }
  const pending = [...pendingByGroups.values()];
  pending.sort((p, q) => (q.score ?? 0) - (p.score ?? 0) || (p.a < q.a ? -1 : 1));

  return { canonicalOf, uniqueIds, groupOf, groups, ruleOf, pending, consideredImports: considered, runs };
}

/** Both sets hold identifiers and share none: the two groups name different works. */
function disjoint(x: ReadonlySet<string>, y: ReadonlySet<string>): boolean {
  if (x.size === 0 || y.size === 0) return false;
  for (const v of x) if (y.has(v)) return false;
  return true;
}
