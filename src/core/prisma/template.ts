/**
 * The PRISMA2020 R package / Shiny app template: the same field names (`database_results`,
 * `duplicates`, `dbr_excluded`...) and the same CSV layout (data,node,box,description,boxtext,
 * tooltips,url,n), so the counts also feed that tool. Lists go in `n` as "name, n; name, n",
 * which is how the package splits them (text before the first comma, number after it).
 */
import { databaseLabel, type PrismaCounts, type ReasonCount, type SourceNames } from './counts.js';

/** Text of each box, in the diagram's language. */
export interface PrismaLabels {
  identification: string;
  screening: string;
  included: string;
  /** Title bar: identification of studies via databases and registers. */
  header: string;
  identifiedFrom: string;
  databases: string;
  registers: string;
  removedBefore: string;
  duplicates: string;
  automation: string;
  otherRemoved: string;
  screened: string;
  excluded: string;
  sought: string;
  notRetrieved: string;
  assessed: string;
  reportsExcluded: string;
  studiesIncluded: string;
  reportsIncluded: string;
  awaitingScreening: string;
  awaitingFulltext: string;
  /** Label of exclusions that carry no reason code. */
  noReason: string;
  /** Title bar of the right-hand column: identification of studies via other methods. */
  headerOther: string;
  websites: string;
  organisations: string;
  citations: string;
  handsearch: string;
  /** Other-methods records removed before their reports were sought. */
  otherRemovedBefore: string;
  /** Already found in the databases (or twice by other methods). */
  otherDuplicates: string;
  /** Excluded on title/abstract (other methods). */
  otherExcludedScreening: string;
  /** Source names in the diagram's language (`google-scholar` -> "Google Acadêmico"). */
  sources: SourceNames;
}

/** The labels a list of names and reasons needs. */
export type ListLabels = Pick<PrismaLabels, 'noReason'> & Partial<Pick<PrismaLabels, 'sources'>>;

/** One row of the template CSV. */
export interface PrismaTemplateRow {
  data: string;
  node: string;
  box: string;
  description: string;
  boxtext: string;
  tooltips: string;
  url: string;
  n: string | number;
}

export const PRISMA_TEMPLATE_COLUMNS = ['data', 'node', 'box', 'description', 'boxtext', 'tooltips', 'url', 'n'] as const;

/** A name safe inside "name, n; name, n": the package splits on `;` and the first `,`. */
function listName(s: string): string {
  return s.replace(/\s*[,;]\s*/g, ' - ').trim();
}

/** "E1: text" or just the code; the no-reason bucket gets its label. */
export function reasonLabel(r: ReasonCount, noReason: string): string {
  if (r.code === '-') return noReason;
  return r.text ? `${r.code}: ${r.text}` : r.code;
}

function list(items: { name: string; n: number }[]): string {
  return items.length === 0 ? '0' : items.map((x) => `${listName(x.name)}, ${x.n}`).join('; ');
}

const method = (c: PrismaCounts, m: string) => c.other.byMethod.find((x) => x.method === m)?.n ?? 0;

/** The template's data fields and their values (numbers, or "name, n; ..." lists). */
export function prismaTemplateValues(c: PrismaCounts, labels: ListLabels): Record<string, number | string> {
  return {
    previous_studies: 0,
    previous_reports: 0,
    database_results: c.databaseResults,
    database_specific_results: list(c.byDatabase.map((d) => ({ name: databaseLabel(d, labels.sources), n: d.n }))),
    register_results: c.registerResults,
    register_specific_results: '0',
    website_results: method(c, 'websites'),
    organisation_results: method(c, 'organisations'),
    // Note: the template has no hand-search field; hand searching is counted with citation searching there.
    citations_results: method(c, 'citations') + method(c, 'handsearch'),
    duplicates: c.duplicates,
    excluded_automatic: c.excludedAutomatic,
    excluded_other: c.excludedOther,
    records_screened: c.recordsScreened,
    records_excluded: c.recordsExcluded,
    dbr_sought_reports: c.reportsSought,
    dbr_notretrieved_reports: c.reportsNotRetrieved,
    other_sought_reports: c.other.reportsSought,
    other_notretrieved_reports: c.other.reportsNotRetrieved,
    dbr_assessed: c.reportsAssessed,
    dbr_excluded: list(c.reportsExcludedByReason.map((r) => ({ name: reasonLabel(r, labels.noReason), n: r.n }))),
    other_assessed: c.other.reportsAssessed,
    other_excluded: list(c.other.reportsExcludedByReason.map((r) => ({ name: reasonLabel(r, labels.noReason), n: r.n }))),
    new_studies: c.studiesIncluded,
    new_reports: c.reportsIncluded,
    total_studies: c.studiesIncluded,
    total_reports: c.reportsIncluded,
  };
}

/** JSON for `review prisma --json`: the template fields, then structured details. */
export function prismaJson(c: PrismaCounts, labels: ListLabels): Record<string, unknown> {
  const reasons = (rs: ReasonCount[]) => rs.map((r) => ({ code: r.code, text: r.text, n: r.n }));
  return {
    ...prismaTemplateValues(c, labels),
    database_specific: c.byDatabase.map((d) => ({ source: d.source, database: d.database, n: d.n })),
    other_methods: c.other,
    by_source: c.bySource,
    excluded_automatic_reasons: reasons(c.excludedAutomaticByLimit),
    records_excluded_reasons: reasons(c.recordsExcludedByReason),
    dbr_excluded_reasons: reasons(c.reportsExcludedByReason),
    awaiting_screening: c.awaitingScreening,
    awaiting_fulltext: c.awaitingFulltext,
    included_ids: c.includedIds,
  };
}

// Note: node/box/url values follow the package's template so its interactive mode finds its boxes.
const LAYOUT: [data: string, node: string, box: string, description: string, url: string][] = [
  ['NA', 'node4', 'prevstud', 'Grey title box; Previous studies', 'prevstud.html'],
  ['previous_studies', 'node5', 'box1', 'Studies included in previous version of review', 'previous_studies.html'],
  ['previous_reports', 'NA', 'box1', 'Reports of studies included in previous version of review', 'previous_reports.html'],
  ['NA', 'node6', 'newstud', 'Yellow title box; Identification of new studies via databases and registers', 'newstud.html'],
  ['database_results', 'node7', 'box2', 'Records identified from: Databases', 'database_results.html'],
  ['database_specific_results', 'NA', 'box2', 'Records identified from: specific databases', 'database_results.html'],
  ['register_results', 'NA', 'box2', 'Records identified from: Registers', 'NA'],
  ['register_specific_results', 'NA', 'box2', 'Records identified from: specific registers', 'database_results.html'],
  ['NA', 'node16', 'othstud', 'Grey title box; Identification of new studies via other methods', 'othstud.html'],
  ['website_results', 'node17', 'box11', 'Records identified from: Websites', 'website_results.html'],
  ['organisation_results', 'NA', 'box11', 'Records identified from: Organisations', 'NA'],
  ['citations_results', 'NA', 'box11', 'Records identified from: Citation searching', 'NA'],
  ['duplicates', 'node8', 'box3', 'Duplicate records', 'duplicates.html'],
  ['excluded_automatic', 'NA', 'box3', 'Records marked as ineligible by automation tools', 'NA'],
  ['excluded_other', 'NA', 'box3', 'Records removed for other reasons', 'NA'],
  ['records_screened', 'node9', 'box4', 'Records screened (databases and registers)', 'records_screened.html'],
  ['records_excluded', 'node10', 'box5', 'Records excluded (databases and registers)', 'records_excluded.html'],
  ['dbr_sought_reports', 'node11', 'box6', 'Reports sought for retrieval (databases and registers)', 'dbr_sought_reports.html'],
  ['dbr_notretrieved_reports', 'node12', 'box7', 'Reports not retrieved (databases and registers)', 'dbr_notretrieved_reports.html'],
  ['other_sought_reports', 'node18', 'box12', 'Reports sought for retrieval (other)', 'other_sought_reports.html'],
  ['other_notretrieved_reports', 'node19', 'box13', 'Reports not retrieved (other)', 'other_notretrieved_reports.html'],
  ['dbr_assessed', 'node13', 'box8', 'Reports assessed for eligibility (databases and registers)', 'dbr_assessed.html'],
  ['dbr_excluded', 'node14', 'box9', 'Reports excluded (databases and registers)', 'dbrexcludedrecords.html'],
  ['other_assessed', 'node20', 'box14', 'Reports assessed for eligibility (other)', 'other_assessed.html'],
  ['other_excluded', 'node21', 'box15', 'Reports excluded (other)', 'other_excluded.html'],
  ['new_studies', 'node15', 'box10', 'New studies included in review', 'new_studies.html'],
  ['new_reports', 'NA', 'box10', 'Reports of new included studies', 'NA'],
  ['total_studies', 'node22', 'box16', 'Total studies included in review', 'total_studies.html'],
  ['total_reports', 'NA', 'box16', 'Reports of total included studies', 'NA'],
  ['identification', 'node1', 'identification', 'Blue identification box', 'identification.html'],
  ['screening', 'node2', 'screening', 'Blue screening box', 'screening.html'],
  ['included', 'node3', 'included', 'Blue included box', 'included.html'],
];

/** The rows of the template CSV with this review's counts and box texts in the chosen language. */
export function prismaTemplateRows(c: PrismaCounts, labels: PrismaLabels): PrismaTemplateRow[] {
  const values = prismaTemplateValues(c, labels);
  const boxtext: Record<string, string> = {
    newstud: labels.header,
    database_results: labels.databases,
    database_specific_results: labels.databases,
    register_results: labels.registers,
    register_specific_results: labels.registers,
    duplicates: labels.duplicates,
    excluded_automatic: labels.automation,
    excluded_other: labels.otherRemoved,
    records_screened: labels.screened,
    records_excluded: labels.excluded,
    dbr_sought_reports: labels.sought,
    dbr_notretrieved_reports: labels.notRetrieved,
    dbr_assessed: labels.assessed,
    dbr_excluded: labels.reportsExcluded,
    new_studies: labels.studiesIncluded,
    new_reports: labels.reportsIncluded,
    total_studies: labels.studiesIncluded,
    total_reports: labels.reportsIncluded,
    othstud: labels.headerOther,
    website_results: labels.websites,
    organisation_results: labels.organisations,
    citations_results: labels.citations,
    other_sought_reports: labels.sought,
    other_notretrieved_reports: labels.notRetrieved,
    other_assessed: labels.assessed,
    other_excluded: labels.reportsExcluded,
    identification: labels.identification,
    screening: labels.screening,
    included: labels.included,
  };
  return LAYOUT.map(([data, node, box, description, url]) => {
    const key = data === 'NA' ? box : data;
    return {
      data,
      node,
      box,
      description,
      boxtext: boxtext[key] ?? description,
      tooltips: node === 'NA' ? 'NA' : description,
      url,
      n: data in values ? values[data] : 0,
    };
  });
}
