/** `review descriptors DIR [--lookup TERM --decs-key KEY] [--json]` */
import type { Command } from 'commander';
import { NotAvailableError, UserError } from '../../core/errors.js';
import { isDescriptor } from '../../core/protocol.js';
import { t } from '../../ui/i18n.js';
import { print, printJson } from '../../ui/output.js';
import { action, declareArgument, declareOptions, withReview, type OptionValues } from '../command.js';
import { sourceReasonText } from '../../core/query/sourceReason.js';

const OPTIONS = {
  lookup: { value: 'term', help: 'descriptors.opt.lookup' },
  decsKey: { value: 'key', help: 'descriptors.opt.decsKey' },
  langLookup: { value: 'lang', help: 'descriptors.opt.lang' },
  json: { help: 'cli.opt.json' },
} as const;
type Opts = OptionValues<typeof OPTIONS>;

async function lookup(term: string, opts: Opts): Promise<number> {
  const key = opts.decsKey ?? process.env.DECS_API_KEY;
  if (!key) throw new UserError(t('descriptors.needKey'));
  const lang = (opts.langLookup ?? 'pt') as 'pt' | 'es' | 'en';
  if (!['pt', 'es', 'en'].includes(lang)) throw new UserError(t('descriptors.badLang', { value: opts.langLookup }));
  const { lookupDecs, toTerm, termsYaml, DECS_BASE_URL } = await import('../../sources/decs.js');
  const { defaultContext, BlockedError, SourceFailedError } = await import('../../sources/http.js');
  const ctx = defaultContext({ baseUrl: process.env.REVIEW_DECS_URL || DECS_BASE_URL, pageSize: 1, retries: 3, backoffMs: Number(process.env.REVIEW_HTTP_BACKOFF_MS ?? 1000) }, 2);
  let found;
  try {
    found = await lookupDecs(ctx, term, lang, key);
  } catch (e) {
    if (e instanceof BlockedError) throw new UserError(t('descriptors.badKey', { status: e.status }));
    if (e instanceof SourceFailedError) throw new NotAvailableError(t('descriptors.lookupFailed', { reason: sourceReasonText(e.reason, t) }));
    throw e;
  }
  const terms = found.map((d) => toTerm(d, lang));
  if (opts.json) printJson({ term, descriptors: found, terms });
  else if (terms.length === 0) print(t('descriptors.noMatch', { term }));
  else {
    // Each descriptor's ids and tree numbers, so the user can check it in the DeCS browser before pasting.
    const ids = found.map((d) => `  ${d.pt ?? d.es ?? d.en}: ${[d.decs ? `DeCS ${d.decs}` : '', d.mesh ? `MeSH ${d.mesh}` : '', d.treeIds.length ? `${t('descriptors.treeNumbers')} ${d.treeIds.join(', ')}` : ''].filter(Boolean).join(' · ')}`);
    print(`${t('descriptors.found', { count: terms.length, term })}\n\n${ids.join('\n')}\n\n${termsYaml(terms)}`);
  }
  return 0;
}

export function register(cmd: Command): void {
  declareOptions(declareArgument(cmd, 'dir', 'common.arg.dir'), OPTIONS).action(
    action((dir: string, opts: Opts) =>
      withReview(dir, {}, async (review) => {
        if (opts.lookup) return lookup(opts.lookup, opts);
        const { describeSearch } = await import('../../core/query/describe.js');
        const blocks = describeSearch(review.protocol);
        if (opts.json) return printJson(blocks), 0;
        blocks.forEach((b, i) => {
          print(b.not ? t('descriptors.not') : t('descriptors.block', { n: i + 1, name: b.name }));
          for (const d of b.terms) {
            const term = d.term;
            if (isDescriptor(term)) {
              print(`  ${t('descriptors.descriptor')}: ${term.descriptor}${term.es ? ` | es: ${term.es}` : ''}${term.en ? ` | en: ${term.en}` : ''}`);
              const ids = [term.decs ? `DeCS ${term.decs}` : '', term.mesh ? `MeSH ${term.mesh}` : ''].filter(Boolean).join(', ');
              if (ids) print(`    ${t('descriptors.ids')}: ${ids}`);
              if (term.synonyms?.length) print(`    ${t('descriptors.synonyms')}: ${term.synonyms.join('; ')}`);
              if (term.freeText === false) print(`    ${t('descriptors.noFreeText')}`);
            } else {
              print(`  ${t('descriptors.keyword')}: ${term.keyword}`);
              if (term.variants?.length) print(`    ${t('descriptors.variants')}: ${term.variants.join('; ')}`);
            }
            print(`    ${t('descriptors.perSource')}:`);
            for (const [source, q] of Object.entries(d.searchedAs)) print(`      ${source.padEnd(14)} ${q}`);
          }
          print();
        });
        return 0;
      }),
    ),
  );
}
