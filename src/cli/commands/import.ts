/** `review import DIR FILE... [--source S] [--database NAME] [--query TEXT] [--searched-on DATE] [--again] [--skip-bad] [--format ID] [--json]` */
import type { Command } from 'commander';
import { UserError } from '../../core/errors.js';
import { eventsOfType, type ImportEvent } from '../../core/events.js';
import { SOURCE_IDS, type SourceId } from '../../core/record.js';
import { t, formatNumber } from '../../ui/i18n.js';
import { print, printJson, printDiagnostics } from '../../ui/output.js';
import { diagnosticsForJson, formatLabel } from '../../ui/diagnosticText.js';
import { action, withReview, declareOptions, type OptionValues } from '../command.js';


/** Diagnostics printed per file; the summary line still counts all of them. */
const MAX_PRINTED = 100;

const OPTIONS = {
  source: { value: 'source', help: 'import.opt.source' },
  database: { value: 'name', help: 'import.opt.database' },
  query: { value: 'text', help: 'search.importOpt.query' },
  searchedOn: { value: 'date', help: 'search.importOpt.searchedOn' },
  again: { help: 'import.opt.again' },
  skipBad: { help: 'import.opt.skipBad' },
  format: { value: 'id', help: 'import.opt.format' },
  force: { help: 'import.opt.force' },
  json: { help: 'cli.opt.json' },
} as const;

export function register(cmd: Command): void {
  declareOptions(cmd, OPTIONS)
    .argument('<dir>', t('common.arg.dir'))
    .argument('<files...>', t('import.arg.files'))
    .action(
      action(async (dir: string, files: string[], opts: OptionValues<typeof OPTIONS>) => {
        if (opts.source !== undefined && !SOURCE_IDS.includes(opts.source as SourceId)) throw new UserError(t('import.badSource', { source: opts.source, sources: SOURCE_IDS.join(', ') }));
        const { importFiles } = await import('../../stages/import/index.js');
        if (opts.searchedOn !== undefined) opts.searchedOn = (await import('../../stages/import/searchLog.js')).parseSearchedOn(opts.searchedOn);
        return withReview(dir, { writer: 'import' }, (review) => {
          const summaries = importFiles(review, files, { ...opts, source: opts.source as SourceId | undefined });
          // Note: counted from the log; reading every record back would cost more than the import.
          const total = eventsOfType<ImportEvent>(review.events, 'import').reduce((n, e) => n + e.recordsRead, 0);
          if (opts.json) {
            printJson({ files: summaries.map(({ diagnostics, ...s }) => ({ ...s, diagnostics: diagnosticsForJson(diagnostics) })), records: total });
            return 0;
          }
          for (const s of summaries) {
            print(t('import.summary', { file: s.file, format: formatLabel({ id: s.format, label: s.formatLabel }), encoding: s.encoding, read: formatNumber(s.read), rejected: formatNumber(s.rejected), warnings: formatNumber(s.warnings), importId: s.importId }));
            printDiagnostics(s.diagnostics.slice(0, MAX_PRINTED));
            if (s.skipped.length > 0) print(t('import.skipped', { count: s.skipped.length, lines: s.skipped.slice(0, 20).map((k) => k.line).join(', ') }));
            if (s.diagnostics.length > MAX_PRINTED) print(t('import.moreDiagnostics', { count: s.diagnostics.length - MAX_PRINTED }));
          }
          const read = summaries.reduce((n, s) => n + s.read, 0);
          print(t('import.total', { records: formatNumber(read), files: summaries.length, total: formatNumber(total) }));
          return 0;
        });
      }),
    );
}
