/** Writing to the terminal: colour only on a TTY and never with NO_COLOR; JSON for scripts. */
import chalk from 'chalk';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { t } from './i18n.js';
import { describeDiagnostic } from './diagnosticText.js';
import { shortenUrl, textWidth, wrapText } from './text.js';

/** Decide colour once, at start-up. */
export function setupColour(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): void {
  const noColour = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && !noColour;
  if (noColour || (!stream.isTTY && !forced)) chalk.level = 0;
}

/** Columns of the terminal standard output writes to; undefined when it goes to a file or pipe. */
export function terminalColumns(stream: NodeJS.WriteStream = process.stdout): number | undefined {
  return stream.isTTY ? stream.columns || 80 : undefined;
}

/** A line of text: wrapped at word boundaries on a terminal, left whole in files and pipes. */
export function print(text = ''): void {
  const columns = terminalColumns();
  // Note: one column short of the edge, so a full line does not leave the cursor on a blank line.
  process.stdout.write((columns ? wrapText(text, columns - 1) : text) + '\n');
}

/** A URL: shortened to the terminal's width on a terminal, whole in files and pipes (and --json). */
export function displayUrl(url: string, indent = 0): string {
  const columns = terminalColumns();
  return columns ? shortenUrl(url, Math.max(30, columns - 1 - indent)) : url;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function printError(text: string): void {
  const columns = terminalColumns(process.stderr);
  process.stderr.write(chalk.red(columns ? wrapText(text, columns - 1) : text) + '\n');
}

export function printDiagnostics(diags: Diagnostic[], stream: NodeJS.WriteStream = process.stderr): void {
  const labels = { warning: t('cli.warning'), error: t('cli.error') };
  for (const d of diags) {
    const line = formatDiagnostic(d, labels, describeDiagnostic);
    stream.write((d.fatal ? chalk.red(line) : chalk.yellow(line)) + '\n');
  }
}

/** A two-column table of label -> value, labels padded. */
export function formatPairs(rows: [string, string | number][], indent = ''): string {
  const width = Math.max(0, ...rows.map(([k]) => textWidth(k)));
  return rows.map(([k, v]) => `${indent}${k}${' '.repeat(width - textWidth(k))}  ${v}`).join('\n');
}
