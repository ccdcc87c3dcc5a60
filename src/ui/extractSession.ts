/** The interactive extraction: one form per study still to extract (or the one given), each saved at once. */
import type { Review } from '../project/review.js';
import { displayAbstract, displayTitle, formatAuthors } from '../core/record.js';
import { suggestThemes } from '../core/extraction/suggest.js';
import { countExtracted, planExtraction, saveExtraction } from '../stages/extract/index.js';
import { CodedUserError } from '../core/errors.js';
import { t } from './i18n.js';
import { print, printJson } from './output.js';

export async function runExtractionForms(review: Review, options: { reviewer?: string; json: boolean; record?: string }): Promise<number> {
  const protocol = review.protocol;
  const plan = planExtraction(review, options.record);
  const { studies, todo } = plan;
  if (todo.length === 0) {
    if (options.json) printJson({ saved: 0, extracted: studies.length, included: studies.length });
    else print(t('extract.allDone', { total: studies.length }));
    return 0;
  }
  if (!process.stdin.isTTY) throw new CodedUserError('extract.notTty');
  const { fillExtractionForm } = await import('./extractForm.js');
  let saved = 0;
  for (const s of todo) {
    const done = countExtracted(review, studies);
    print('');
    print(t('extract.study', { n: options.record ? studies.indexOf(s) + 1 : done + 1, total: studies.length, done, id: s.id }));
    print(`${formatAuthors(s.authors, 3)} (${s.year ?? 's.d.'}) ${s.journal ?? ''}`);
    print(displayTitle(s, protocol.language));
    const abs = displayAbstract(s, protocol.language);
    if (abs) print(abs.length > 700 ? `${abs.slice(0, 700)}…` : abs);
    const suggestions = suggestThemes(protocol.themes ?? [], s);
    print(suggestions.length ? t('extract.suggestions', { list: suggestions.map((x) => `${x.themeId} (${x.matched.join(', ')})`).join('; ') }) : t('extract.noSuggestions'));
    const previous = plan.extractions.get(s.id);
    let answer: Awaited<ReturnType<typeof fillExtractionForm>>;
    try {
      answer = await fillExtractionForm({ protocol, suggested: new Set(suggestions.map((x) => x.themeId)), previous: previous && { fields: previous.fields, themes: previous.themes } });
    } catch (e) {
      if ((e as Error).name === 'ExitPromptError' || (e as Error).name === 'AbortPromptError') {
        print(t('extract.stopped', { count: saved }));
        return 0;
      }
      throw e;
    }
    // Note: appended and fsynced before the next study shows, so a crash loses at most the study on screen.
    saveExtraction(review, s.id, answer, options.reviewer, options.record ? 'form:edit' : 'form');
    saved++;
    print(t('extract.saved', { id: s.id }));
  }
  const extracted = countExtracted(review, studies);
  if (options.json) printJson({ saved, extracted, included: studies.length });
  else print(t('extract.done', { count: saved, extracted, total: studies.length }));
  return 0;
}
