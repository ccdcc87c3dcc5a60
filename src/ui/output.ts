/** Writing to the terminal: colour only on a TTY and never with NO_COLOR; JSON for scripts. */
import chalk from 'chalk';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { t } from './i18n.js';
import { describeDiagnostic } from './diagnosticText.js';

/** Decide colour once, at start-up. */
export function setupColour(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): void {
  const noColour = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && !noColour;
  if (noColour || (!stream.isTTY && !forced)) chalk.level = 0;
}

export function print(text = ''): void {
  process.stdout.write(text + '\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function printError(text: string): void {
  process.stderr.write(chalk.red(text) + '\n');
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
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${indent}${k.padEnd(width)}  ${v}`).join('\n');
}
