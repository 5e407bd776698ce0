import { describe, expect, it } from 'vitest';
import { fitLogistic } from '../../src/backtest/logistic.ts';

describe('regularised logistic regression', () => {
  it('when one binary feature splits the rows and nothing is penalised, then the fit is the hand-computed log-odds', () => {
    // x = 0: 1 churner in 4, odds 1/3; x = 1: 3 in 4, odds 3. Intercept ln(1/3), coefficient ln 3 - ln(1/3) = 2 ln 3.
    const rows = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const labels = [true, false, false, false, true, true, true, false];
    const fit = fitLogistic(rows, labels, { l2: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(-Math.log(3), 9);
    expect(fit.coefficients[0]).toBeCloseTo(2 * Math.log(3), 9);
  });

  it('when two features are fitted with an L2 penalty, then it matches a reference optimiser\'s solution', () => {
    // Reference computed offline with SciPy 1.17 (scipy.optimize.minimize, BFGS, gtol 1e-12) on the same penalised
    // loss: sum(log(1 + exp(z)) - y z) + 0.5 / 2 * |beta|^2, intercept unpenalised. Its minimum: loss 7.323450701973,
    // intercept 1.14788474, coefficients -1.35561485, -1.0057542 (gradient below 1.3e-9).
    const rows = [[0.9, 0.8], [0.7, 0.9], [0.8, 0.4], [0.3, 0.6], [0.2, 0.1], [0.5, 0.5], [0.1, 0.7], [0.6, 0.2], [0.4, 0.3], [0.95, 0.1], [0.05, 0.9], [0.35, 0.35]];
    const labels = [0, 0, 0, 1, 1, 0, 1, 1, 1, 0, 0, 1].map((y) => y === 1);
    const fit = fitLogistic(rows, labels, { l2: 0.5 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(1.14788474, 6);
    expect(fit.coefficients[0]).toBeCloseTo(-1.35561485, 6);
    expect(fit.coefficients[1]).toBeCloseTo(-1.0057542, 6);
  });

  it('when the penalty grows, then the coefficients shrink toward zero', () => {
    const rows = [[0], [0], [1], [1], [0], [1]];
    const labels = [false, false, true, true, true, false];
    const loose = fitLogistic(rows, labels, { l2: 0.1 }).coefficients[0]!;
    const tight = fitLogistic(rows, labels, { l2: 10 }).coefficients[0]!;
    expect(Math.abs(tight)).toBeLessThan(Math.abs(loose));
  });
});
