/**
 * Theme frequencies over the included studies: theme -> number and % of included studies,
 * grouped as the codebook groups them (Potencialidades, Impasses...), most frequent first;
 * and the study x theme matrix.
 */
import type { Protocol, Theme } from '../protocol.js';
import { themeGroups } from '../protocol.js';
import type { ExtractEvent } from '../extraction/events.js';

export interface ThemeFrequency {
  id: string;
  label: string;
  group: string;
  /** Included studies coded with the theme. */
  n: number;
  /** n / included studies * 100 (0 when nothing is included). */
  percent: number;
  /** Included studies coded with it, in the order of `includedIds`. */
  studies: string[];
}

export interface ThemeGroupFrequency {
  group: string;
  /** Included studies with at least one theme of the group. */
  n: number;
  percent: number;
  themes: ThemeFrequency[];
}

export interface ThemeTable {
  /** Denominator of the percentages. */
  included: number;
  /** Included studies with an extraction. */
  extracted: number;
  groups: ThemeGroupFrequency[];
  /** Theme ids found in extractions but no longer in the codebook. */
  unknownThemes: string[];
}

const pct = (n: number, d: number) => (d === 0 ? 0 : (n / d) * 100);

/** Count themes over included studies. Pure. */
export function computeThemeTable(protocol: Pick<Protocol, 'themes'>, includedIds: readonly string[], extractions: ReadonlyMap<string, ExtractEvent>): ThemeTable {
  const codebook: Theme[] = protocol.themes ?? [];
  const coded = includedIds.filter((id) => extractions.has(id));
  const unknown = new Set<string>();
  for (const id of coded) for (const th of extractions.get(id)!.themes) if (!codebook.some((c) => c.id === th)) unknown.add(th);
  const groups = themeGroups({ themes: codebook } as Protocol).map((group) => {
    const themes = codebook
      .filter((th) => th.group === group)
      .map((th, order) => {
        const studies = coded.filter((id) => extractions.get(id)!.themes.includes(th.id));
        return { id: th.id, label: th.label, group, n: studies.length, percent: pct(studies.length, includedIds.length), studies, order };
      })
      .sort((a, b) => b.n - a.n || a.order - b.order)
      .map(({ order: _order, ...rest }) => rest);
    const inGroup = new Set(themes.flatMap((th) => th.studies));
    return { group, n: inGroup.size, percent: pct(inGroup.size, includedIds.length), themes };
  });
  return { included: includedIds.length, extracted: coded.length, groups, unknownThemes: [...unknown] };
}

/** Study x theme matrix: one row per included study, true where the study carries the theme. */
export function themeMatrix(
  protocol: Pick<Protocol, 'themes'>,
  includedIds: readonly string[],
  extractions: ReadonlyMap<string, ExtractEvent>,
): { themes: string[]; rows: { recordId: string; has: boolean[] }[] } {
  const themes = (protocol.themes ?? []).map((th) => th.id);
  const rows = includedIds.map((recordId) => {
    const mine = extractions.get(recordId)?.themes ?? [];
    return { recordId, has: themes.map((th) => mine.includes(th)) };
  });
  return { themes, rows };
}
