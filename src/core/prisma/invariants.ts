/** The arithmetic every PRISMA diagram must obey; tests run it on every fixture review. */
import type { PrismaCounts } from './counts.js';

const sum = (xs: readonly { n: number }[]) => xs.reduce((a, x) => a + x.n, 0);

/** Every broken equation, as readable text; empty when the counts add up. */
export function checkPrismaInvariants(c: PrismaCounts): string[] {
  const out: string[] = [];
  const eq = (label: string, left: number, right: number) => {
    if (left !== right) out.push(`${label}: ${left} != ${right}`);
  };
  for (const [k, v] of Object.entries(c)) {
    if (typeof v === 'number' && (!Number.isInteger(v) || v < 0)) out.push(`${k} is not a count: ${v}`);
  }
  const o = c.other;
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'number' && (!Number.isInteger(v) || v < 0)) out.push(`other.${k} is not a count: ${v}`);
  }
  eq('identified = sum per source', c.identified, sum(c.bySource));
  eq('identified = sum per database (both columns)', c.identified, sum(c.byDatabase) + sum(o.byDatabase));
  eq('identified = databases + registers + other methods', c.identified, c.databaseResults + c.registerResults + o.identified);
  eq('other methods = sum per method', o.identified, sum(o.byMethod));
  eq(
    'databases + registers = duplicates + automation + other + screened + awaiting screening',
    c.databaseResults + c.registerResults,
    c.duplicates + c.excludedAutomatic + c.excludedOther + c.recordsScreened + c.awaitingScreening,
  );
  eq(
    'other methods = duplicates + automation + excluded on title/abstract + awaiting screening + sought',
    o.identified,
    o.duplicates + o.excludedAutomatic + o.excludedScreening + o.awaitingScreening + o.reportsSought,
  );
  eq('other sought = not retrieved + assessed + awaiting full text', o.reportsSought, o.reportsNotRetrieved + o.reportsAssessed + o.awaitingFulltext);
  eq('other assessed = excluded + included', o.reportsAssessed, o.reportsExcluded + o.studiesIncluded);
  eq('other reports excluded = sum per reason', o.reportsExcluded, sum(o.reportsExcludedByReason));
  eq('automation = sum per limit', c.excludedAutomatic, sum(c.excludedAutomaticByLimit));
  eq('screened = excluded + sought', c.recordsScreened, c.recordsExcluded + c.reportsSought);
  eq('records excluded = sum per reason', c.recordsExcluded, sum(c.recordsExcludedByReason));
  eq('sought = not retrieved + assessed + awaiting full text', c.reportsSought, c.reportsNotRetrieved + c.reportsAssessed + c.awaitingFulltext);
  eq('assessed = excluded + included (databases column)', c.reportsAssessed, c.reportsExcluded + c.studiesIncluded - o.studiesIncluded);
  eq('reports excluded = sum per reason', c.reportsExcluded, sum(c.reportsExcludedByReason));
  eq('included ids = studies included', c.includedIds.length, c.studiesIncluded);
  if (c.reportsIncluded < c.studiesIncluded) out.push(`reports included < studies included: ${c.reportsIncluded} < ${c.studiesIncluded}`);
  return out;
}
