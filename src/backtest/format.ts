import type { BacktestReport, SampleReport } from './backtest.ts';
import { outcomeKinds } from './outcomes.ts';

const share = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);
const ratio = (value: number | null) => (value === null ? 'n/a' : value.toFixed(3));

const summary = (label: string, m: SampleReport) =>
  `${label}: ${m.observations} customer-cutoffs, ${m.churned} churned; health AUC ${ratio(m.healthAuc)}, `
  + `churned while green ${share(m.churnedWhileGreen)}, precision of red ${share(m.precisionOfRed)}; `
  + `within the horizon ${outcomeKinds.map((kind) => `${kind} ${share(m.outcomes[kind])}`).join(', ')}`;

/** The backtest as a leader reads it: the headline figures, then the calibration table and each component's lift. */
export const backtestLines = (report: BacktestReport): string[] => {
  const { overall } = report;
  if (report.cutoffs.length === 0) return [`no cutoff has a full ${report.horizonDays}-day horizon behind it yet: nothing to judge`];
  return [
    `backtest, churn within ${report.horizonDays} days, ${report.cutoffs.length} monthly cutoffs ${report.cutoffs.at(-1)} .. ${report.cutoffs[0]}`,
    summary('all', overall),
    ...report.segments.map((s) => summary(`  ${s.segment}`, s)),
    ...(report.failed > 0 ? [`${report.failed} customer-cutoffs could not be scored and are left out`] : []),
    'calibration (risk = 100 - health, deciles from safest to riskiest):',
    '  decile\tcustomers\trisk\tchurned',
    ...overall.calibration.map((r) => `  ${r.decile}\t${r.count}\t${r.minRisk.toFixed(1)}-${r.maxRisk.toFixed(1)}\t${r.churned} (${share(r.churnRate)})`),
    'component lift (AUC of the component alone, over customers where it had data; AUC the blend loses without it):',
    ...overall.components.map((c) => `  ${c.key}\t${ratio(c.auc)}\t(${c.observed} with data)\tlost without: ${ratio(c.aucLostWithout)}`),
  ];
};
