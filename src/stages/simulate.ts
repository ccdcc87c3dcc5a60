/**
 * The simulation stage: a labelled CSV read as the user's decision sheets are read (UTF-8,
 * UTF-16 or Windows-1252), checked, and replayed in relevance order (src/core/relevance).
 */
import { CodedUserError } from '../core/errors.js';
import { parseLabelledTable } from '../core/relevance/labelled.js';
import { computeSimulationReport, type SimulationOptions, type SimulationReport } from '../core/relevance/simulate.js';
import { headerKey, readCsvTable } from '../formats/csv/common.js';
import { readUserCsv } from './screen.js';

/**
 * Replay screening on the labelled `file` (label column `labels`); `msg` words each row's
 * problem. A file with problems, or without both relevant and irrelevant rows, is refused.
 */
export function simulateLabelledFile(
  file: string,
  labels: string,
  options: SimulationOptions,
  msg: (key: string, params: Record<string, string | number>) => string,
): SimulationReport & { ms: number } {
  const table = readCsvTable(readUserCsv(file), file);
  const fatal = table.diagnostics.filter((d) => d.fatal);
  const { docs, problems } = parseLabelledTable(table, file, headerKey(labels), msg);
  if (fatal.length || problems.length) throw new CodedUserError('screen.csv.rejected', { file }, [...fatal, ...problems]);
  if (!docs.some((d) => d.label === 1) || !docs.some((d) => d.label === 0)) throw new CodedUserError('screen.simulate.needBoth', { file, column: labels });
  const started = Date.now();
  return { ...computeSimulationReport(docs, options), ms: Date.now() - started };
}
