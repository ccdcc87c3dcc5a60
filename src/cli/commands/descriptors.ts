/** `review descriptors DIR [--lookup TERM --decs-key KEY] [--json]` */
import type { Command } from 'commander';
import { onReview } from '../command.js';

const OPTIONS = {
  lookup: { value: 'term', help: 'descriptors.opt.lookup' },
  decsKey: { value: 'key', help: 'descriptors.opt.decsKey' },
  langLookup: { value: 'lang', help: 'descriptors.opt.lang' },
  json: { help: 'cli.opt.json' },
} as const;

export function register(cmd: Command): void {
  onReview(cmd, OPTIONS, {}, async (review, opts) => {
    const { describeReviewSearch, lookupDescriptors } = await import('../../stages/descriptors.js');
    const { printLookup, printSearchBlocks } = await import('../../ui/descriptorsView.js');
    if (opts.lookup) {
      const found = await lookupDescriptors(opts.lookup, { key: opts.decsKey ?? process.env.DECS_API_KEY, lang: opts.langLookup, env: process.env });
      printLookup(found, opts.json);
    } else printSearchBlocks(describeReviewSearch(review), opts.json);
    return 0;
  });
}
