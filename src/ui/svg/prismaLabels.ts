/** The PRISMA box texts in the current (or given) language, from the message catalogue. */
import type { PrismaLabels } from '../../core/prisma/template.js';
import { t, type Lang } from '../i18n.js';

const KEYS: (keyof PrismaLabels)[] = [
  'identification', 'screening', 'included', 'header', 'identifiedFrom', 'databases', 'registers', 'removedBefore',
  'duplicates', 'automation', 'otherRemoved', 'screened', 'excluded', 'sought', 'notRetrieved', 'assessed',
  'reportsExcluded', 'studiesIncluded', 'reportsIncluded', 'awaitingScreening', 'awaitingFulltext', 'noReason',
  'headerOther', 'websites', 'organisations', 'citations', 'handsearch', 'otherRemovedBefore', 'otherDuplicates', 'otherExcludedScreening',
];

/** Labels of every PRISMA box (`prisma.box.*`). */
export function prismaLabels(lang?: Lang): PrismaLabels {
  return Object.fromEntries(KEYS.map((k) => [k, t(`prisma.box.${k}`, {}, lang)])) as unknown as PrismaLabels;
}
