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
  eq('identified = sum per source', c.identified, sum(c.bySource));
  eq('identified = sum per database', c.identified, sum(c.byDatabase));
  eq('identified = databases + registers', c.identified, c.databaseResults + c.registerResults);
  eq(
    'identified = duplicates + automation + other + screened + awaiting screening',
    c.identified,
    c.duplicates + c.excludedAutomatic + c.excludedOther + c.recordsScreened + c.awaitingScreening,
  );
  eq('automation = sum per limit', c.excludedAutomatic, sum(c.excludedAutomaticByLimit));
  eq('screened = excluded + sought', c.recordsScreened, c.recordsExcluded + c.reportsSought);
  eq('records excluded = sum per reason', c.recordsExcluded, sum(c.recordsExcludedByReason));
  eq('sought = not retrieved + assessed + awaiting full text', c.reportsSought, c.reportsNotRetrieved + c.reportsAssessed + c.awaitingFulltext);
  eq('assessed = excluded + included', c.reportsAssessed, c.reportsExcluded + c.studiesIncluded);
  eq('reports excluded = sum per reason', c.reportsExcluded, sum(c.reportsExcludedByReason));
  eq('included ids = studies included', c.includedIds.length, c.studiesIncluded);
  if (c.reportsIncluded < c.studiesIncluded) out.push(`reports included < studies included: ${c.reportsIncluded} < ${c.studiesIncluded}`);
  return out;
}
