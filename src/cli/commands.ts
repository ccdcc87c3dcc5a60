/**
 * The command table. Modules load only when their command runs, so `review --help` starts fast.
 */
import type { CommandModule } from './command.js';

export interface CommandEntry {
  name: string;
  /** Message key of the one-line description. */
  description: string;
  load: () => Promise<CommandModule>;
}

export const COMMANDS: CommandEntry[] = [
  { name: 'init', description: 'cmd.init', load: () => import('./commands/init.js') },
  { name: 'search', description: 'cmd.search', load: () => import('./commands/search.js') },
  { name: 'descriptors', description: 'cmd.descriptors', load: () => import('./commands/descriptors.js') },
  { name: 'import', description: 'cmd.import', load: () => import('./commands/import.js') },
  { name: 'dedup', description: 'cmd.dedup', load: () => import('./commands/dedup.js') },
  { name: 'screen', description: 'cmd.screen', load: () => import('./commands/screen.js') },
  { name: 'conflicts', description: 'cmd.conflicts', load: () => import('./commands/conflicts.js') },
  { name: 'decisions', description: 'screen.cmd.decisions', load: () => import('./commands/decisions.js') },
  { name: 'agreement', description: 'cmd.agreement', load: () => import('./commands/agreement.js') },
  { name: 'simulate', description: 'cmd.simulate', load: () => import('./commands/simulate.js') },
  { name: 'extract', description: 'cmd.extract', load: () => import('./commands/extract.js') },
  { name: 'prisma', description: 'cmd.prisma', load: () => import('./commands/prisma.js') },
  { name: 'report', description: 'cmd.report', load: () => import('./commands/report.js') },
  { name: 'export', description: 'cmd.export', load: () => import('./commands/export.js') },
  { name: 'status', description: 'cmd.status', load: () => import('./commands/status.js') },
  { name: 'demo', description: 'cmd.demo', load: () => import('./commands/demo.js') },
];
