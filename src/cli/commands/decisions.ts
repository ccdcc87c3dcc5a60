/** `review decisions DIR [--stage S] [--reviewer NAME] [--csv | --json]`: the decisions that count now. */
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { displayTitle } from '../../core/record.js';
import { t } from '../../ui/i18n.js';
import { print, printJson } from '../../ui/output.js';
import { parseStage } from '../screenOptions.js';
import { action, declareArgument, declareOptions, withReview, type OptionValues } from '../command.js';

const OPTIONS = {
  stage: { value: 'stage', help: 'screen.opt.stage' },
  reviewer: { value: 'name', help: 'screen.opt.reviewer' },
  csv: { help: 'screen.opt.csv' },
  json: { help: 'cli.opt.json' },
} as const;

export function register(cmd: Command): void {
  declareOptions(declareArgument(cmd, 'dir', 'common.arg.dir'), OPTIONS).action(
    action(async (dir: string, raw: OptionValues<typeof OPTIONS>) => {
      const stage = raw.stage === undefined ? undefined : parseStage(raw.stage);
      const reviewer = raw.reviewer?.trim();
      const { listDecisions } = await import('../../core/screening/decisionList.js');
      const { computeDedupState } = await import('../../core/dedup/state.js');
      return withReview(dir, {}, (review) => {
        const all = review.records();
        const titles = new Map(all.map((r) => [r.id, displayTitle(r, review.protocol.language)]));
        const rows = listDecisions(computeDedupState(all, review.events).uniqueIds, review.events, { stage, reviewer }).map((r) => ({ ...r, title: titles.get(r.recordId) ?? '' }));
        if (raw.json) return printJson(rows);
        if (raw.csv) {
          // Note: the column names of the --decisions CSV (record, decision, reason, reviewer, stage, note), so a list can be edited and applied back.
          const columns = ['record', 'stage', 'decision', 'reason', 'reviewer', 'by', 'at', 'note', 'title'];
          process.stdout.write(
            stringify(
              rows.map((r) => [r.recordId, r.stage, r.decision, r.reason ?? '', r.reviewer, r.by, r.at, r.note ?? '', r.title]),
              { header: true, columns },
            ),
          );
          return;
        }
        const filter = `${stage ? t('screen.decisions.filterStage', { stage: t(`screen.stage.${stage}`).toLowerCase() }) : ''}${reviewer ? t('screen.decisions.filterReviewer', { reviewer }) : ''}`;
        if (rows.length === 0) return print(t('screen.decisions.none', { filter }));
        for (const r of rows) {
          const who = r.by === 'human' ? r.reviewer || '-' : t(`screen.decisions.by.${r.by}`);
          const title = r.title.length > 50 ? `${r.title.slice(0, 49)}…` : r.title;
          print(`${r.recordId}  ${t(`screen.stage.${r.stage}`).padEnd(15)} ${t(`screen.decision.${r.decision}`)}${r.reason ? ` (${r.reason})` : ''}  ${who}  ${r.at.slice(0, 16).replace('T', ' ')}  ${title}`);
        }
        print(t('screen.decisions.count', { count: rows.length, filter }));
      });
    }),
  );
}
