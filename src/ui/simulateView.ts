/** What `review simulate` prints: the work saved, recall at each share, the stopping rule and the estimates. */
import type { SimulationReport } from '../core/relevance/simulate.js';
import { formatNumber, t } from './i18n.js';
import { formatPairs, print } from './output.js';

export function printSimulation(r: SimulationReport, seed: number, model: string): void {
  const pct = (x: number) => `${formatNumber(100 * x, 1)}%`;
  const s = r.stop;
  print(t('simulate.head', { records: formatNumber(r.records), relevant: formatNumber(r.relevant), seed, model }));
  print(formatPairs([
    ['wss95', `${pct(r.wss95)}  ${t('simulate.wss95')}`],
    ['wss100', `${pct(r.wss100)}  ${t('simulate.wss100')}`],
    ...Object.entries(r.recallAt).map(([k, v]): [string, string] => [`recall@${k}%`, `${pct(v)}  ${t('simulate.recallAt', { share: k })}`]),
    ['atd', t('simulate.atd', { records: formatNumber(r.atd, 1), share: pct(r.atdShare) })],
    ['stop', t('simulate.stopRule', { target: pct(r.recallTarget), confidence: pct(r.confidence) })],
    ['', s.reached
      ? t('simulate.stop', { switched: formatNumber(s.switchedAt), screened: formatNumber(s.screened), share: pct(s.screened / r.records), recall: pct(s.recall), p: formatNumber(s.pValue ?? 1, 4), saved: pct(s.workSaved) })
      : t('simulate.stopNever', { switched: formatNumber(s.switchedAt), recall: pct(s.recall) })],
    ...r.estimates.map((e, i): [string, string] => [
      i === 0 ? 'estimate' : '',
      e.estimated === null
        ? t('simulate.estimateNotYet', { share: formatNumber(100 * e.share), reason: t(`simulate.notYet.${e.notYet}`), actual: formatNumber(e.actual) })
        : t('simulate.estimate', { share: formatNumber(100 * e.share), estimated: formatNumber(e.estimated, 1), actual: formatNumber(e.actual) }),
    ]),
    ['random', t('simulate.random', { wss95: pct(r.random.wss95), recall10: pct(r.random.recall10) })],
  ]));
}
