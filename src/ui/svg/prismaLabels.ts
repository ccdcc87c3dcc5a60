/** The PRISMA box texts in the current (or given) language, from the message catalogue. */
import type { PrismaLabels } from '../../core/prisma/template.js';
import { SOURCE_IDS } from '../../core/record.js';
import { t, type Lang } from '../i18n.js';

const KEYS: Exclude<keyof PrismaLabels, 'sources'>[] = [
  'identification', 'screening', 'included', 'header', 'identifiedFrom', 'databases', 'registers', 'removedBefore',
  'duplicates', 'automation', 'otherRemoved', 'screened', 'excluded', 'sought', 'notRetrieved', 'assessed',
  'reportsExcluded', 'studiesIncluded', 'reportsIncluded', 'awaitingScreening', 'awaitingFulltext', 'noReason',
  'headerOther', 'websites', 'organisations', 'citations', 'handsearch', 'otherRemovedBefore', 'otherDuplicates', 'otherExcludedScreening',
];

/** Labels of every PRISMA box (`prisma.box.*`). */
export function prismaLabels(lang?: Lang): PrismaLabels {
  const boxes = Object.fromEntries(KEYS.map((k) => [k, t(`prisma.box.${k}`, {}, lang)])) as Omit<PrismaLabels, 'sources'>;
  return { ...boxes, sources: sourceNames(lang) };
}

/** Every source id's name in the language (`source.<id>`): one name per thing, Google Acadêmico in pt-BR. */
export function sourceNames(lang?: Lang): Record<string, string> {
  return Object.fromEntries(SOURCE_IDS.map((id) => [id, t(`source.${id}`, {}, lang)]));
}
