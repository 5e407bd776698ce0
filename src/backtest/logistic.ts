/**
 * L2-regularised logistic regression, fitted by Newton's method: minimises
 *   -sum(y log p + (1 - y) log(1 - p)) + (l2 / 2) * |beta|^2,   p = 1 / (1 + exp(-(intercept + x . beta)))
 * with the intercept left unpenalised. Calibration fits one coefficient per health component (eight, plus the
 * intercept) on at most a few hundred thousand customer-cutoffs, so each Newton step is one pass over the rows and a
 * 9x9 solve; the penalised loss is strictly convex, so Newton converges in a handful of steps from zero.
 */
export type LogisticFit = { intercept: number; coefficients: number[]; iterations: number; converged: boolean };
export type LogisticOptions = { l2?: number; maxIterations?: number; tolerance?: number };

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Solves A x = b for a symmetric positive definite A (Cholesky); the penalty keeps the Hessian so. */
const solveSpd = (a: number[][], b: number[]): number[] => {
  const n = b.length;
  const l: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k += 1) sum -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (sum <= 0) throw new Error('logistic fit: the Hessian is not positive definite (a feature is constant and unpenalised)');
        l[i]![i] = Math.sqrt(sum);
      } else {
        l[i]![j] = sum / l[j]![j]!;
      }
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i += 1) {
    let sum = b[i]!;
    for (let k = 0; k < i; k += 1) sum -= l[i]![k]! * y[k]!;
    y[i] = sum / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i -= 1) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k += 1) sum -= l[k]![i]! * x[k]!;
    x[i] = sum / l[i]![i]!;
  }
  return x;
};

export const fitLogistic = (rows: ReadonlyArray<ReadonlyArray<number>>, labels: ReadonlyArray<boolean>, options: LogisticOptions = {}): LogisticFit => {
  const { l2 = 1, maxIterations = 50, tolerance = 1e-10 } = options;
  if (rows.length === 0 || rows.length !== labels.length) throw new Error('logistic fit: needs as many labels as rows, and at least one');
  const features = rows[0]!.length;
  const size = features + 1;
  // theta[0] is the intercept; each row is read as [1, ...x].
  let theta = new Array<number>(size).fill(0);
  for (let iteration = 1; iteration <= maxIterations; iteration += 1) {
    const gradient = theta.map((t, i) => (i === 0 ? 0 : l2 * t));
    const hessian = Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => (i === j && i > 0 ? l2 : 0)));
    rows.forEach((x, r) => {
      let z = theta[0]!;
      for (let i = 0; i < features; i += 1) z += theta[i + 1]! * x[i]!;
      const p = sigmoid(z);
      const residual = p - (labels[r] ? 1 : 0);
      const w = p * (1 - p);
      for (let i = 0; i < size; i += 1) {
        const xi = i === 0 ? 1 : x[i - 1]!;
        gradient[i]! += residual * xi;
        for (let j = 0; j <= i; j += 1) hessian[i]![j]! += w * xi * (j === 0 ? 1 : x[j - 1]!);
      }
    });
    for (let i = 0; i < size; i += 1) for (let j = i + 1; j < size; j += 1) hessian[i]![j] = hessian[j]![i]!;
    const step = solveSpd(hessian, gradient);
    theta = theta.map((t, i) => t - step[i]!);
    if (Math.max(...step.map(Math.abs)) < tolerance) return { intercept: theta[0]!, coefficients: theta.slice(1), iterations: iteration, converged: true };
  }
  return { intercept: theta[0]!, coefficients: theta.slice(1), iterations: maxIterations, converged: false };
};
