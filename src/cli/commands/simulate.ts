/** `review simulate FILE --labels COLUMN [--seed N] [--json]`: relevance-ordered screening replayed on labelled data. */
import type { Command } from 'commander';
import { UserError } from '../../core/errors.js';
import { t, formatNumber } from '../../ui/i18n.js';
import { print, printJson, formatPairs } from '../../ui/output.js';
import { parseSeed } from '../../ui/screenOptions.js';
import { action } from '../command.js';

export function register(cmd: Command): void {
  cmd
    .argument('<file>', t('screen.arg.file'))
    .requiredOption('--labels <column>', t('screen.opt.labels'))
    .option('--seed <n>', t('screen.opt.seed'), '1')
    .option('--json', t('cli.opt.json'))
    .action(
      action(async (file: string, opts: { labels: string; seed: string; json?: boolean }) => {
        const seed = parseSeed(opts.seed);
        const { readCsvTable, headerKey } = await import('../../formats/csv/common.js');
        const { parseLabelledTable } = await import('../../core/relevance/labelled.js');
        const { simulateScreening, simulateRandomOrder } = await import('../../core/relevance/simulate.js');
        const { readUserCsv } = await import('../../ui/screenRun.js');
        const table = readCsvTable(readUserCsv(file), file);
        const fatal = table.diagnostics.filter((d) => d.fatal);
        const { docs, problems } = parseLabelledTable(table, file, headerKey(opts.labels), (k, p) => t(k, p));
        if (fatal.length || problems.length) throw new UserError(t('screen.csv.rejected', { file }), [...fatal, ...problems]);
        if (!docs.some((d) => d.label === 1) || !docs.some((d) => d.label === 0)) throw new UserError(t('screen.simulate.needBoth', { file, column: opts.labels }));
        const started = Date.now();
        const r = simulateScreening(docs, { seed });
        const random = simulateRandomOrder(docs, seed);
        const result = { file, records: docs.length, relevant: r.relevant + 1, seed, wss95: r.wss95, recall10: r.recall10, orderLength: r.order.length, screenedAt95: r.screenedAt95, random: { wss95: random.wss95, recall10: random.recall10 }, ms: Date.now() - started };
        if (opts.json) return printJson(result);
        const pct = (x: number) => `${formatNumber(100 * x, 1)}%`;
        print(t('screen.simulate.result', { records: formatNumber(result.records), relevant: formatNumber(result.relevant), seed }));
        print(formatPairs([
          ['wss95', `${pct(r.wss95)}  ${t('screen.simulate.wss95')}`],
          ['recall10', `${pct(r.recall10)}  ${t('screen.simulate.recall10')}`],
          ['order', `${formatNumber(r.order.length)}  ${t('screen.simulate.order')}`],
          ['random', `wss95 ${pct(random.wss95)}, recall10 ${pct(random.recall10)}  ${t('screen.simulate.random')}`],
        ]));
      }),
    );
}
