import { componentKeys } from '../scoring/config.schema.ts';
import type { CalibrationResult, Figures } from './calibrate.ts';

const share = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);
const ratio = (value: number | null) => (value === null ? 'n/a' : value.toFixed(3));

const judged = (label: string, f: Figures) =>
  `  ${label}\t${ratio(f.healthAuc)}\t${share(f.churnedWhileGreen)}\t${share(f.precisionOfRed)}\t${share(f.greenShare)}`;

/** Current against proposed on the held-out cutoffs, then the proposal itself. */
export const calibrationLines = (result: CalibrationResult): string[] => {
  if (!result.ok) return [`calibration: nothing to propose: ${result.reason}`];
  const { training, holdout, current, proposed, fit } = result;
  return [
    `calibration, churn within ${result.horizonDays} days: fitted on ${training.cutoffs.length} older cutoffs ${training.cutoffs[0]} .. ${training.cutoffs.at(-1)} `
      + `(${proposed.training.observations} customer-cutoffs, ${proposed.training.churned} churned), judged on ${holdout.cutoffs.length} newer ${holdout.cutoffs[0]} .. ${holdout.cutoffs.at(-1)} `
      + `(${current.holdout.observations}, ${current.holdout.churned} churned)`,
    '  holdout\thealth AUC\tchurned while green\tprecision of red\tshown green',
    judged('current ', current.holdout),
    judged('proposed', proposed.holdout),
    `  bands: green ${current.status.green} -> ${proposed.status.green}, yellow ${current.status.yellow} -> ${proposed.status.yellow}`,
    ...Object.entries(proposed.statusBySegment).map(([segment, t]) => {
      const now = current.statusBySegment[segment] ?? current.status;
      return `  bands in ${segment}: green ${now.green} -> ${t.green}, yellow ${now.yellow} -> ${t.yellow}`;
    }),
    '  component\tweight now\tproposed\tcoefficient (log-odds of churn per 100 points)',
    ...componentKeys.map((key, i) => `  ${key}\t${current.weights[key].toFixed(3)}\t${proposed.weights[key].toFixed(3)}\t${fit.coefficients[i]!.toFixed(3)}`),
    ...(fit.converged ? [] : [`  note: the fit stopped after ${fit.iterations} steps without converging; read the weights with care`]),
    'nothing is applied: load the proposal into the settings page\'s health section (or `config diff`) and save it there',
  ];
};
