import type { FitCriterion, ScoringConfig } from './config.schema.ts';
import type { FitCriterionResult, FitValue } from './score-card.schema.ts';

const describe = (c: FitCriterion): string => {
  switch (c.op) {
    case 'in': return `${c.property} in {${c.values.join(', ')}}`;
    case 'between': return `${c.min} <= ${c.property} <= ${c.max}`;
    case 'lt': return `${c.property} < ${c.value}`;
    case 'gte': return `${c.property} >= ${c.value}`;
  }
};

/** A criterion over a missing property never passes: unknown is neither proof of fit nor of misfit. */
const passes = (c: FitCriterion, raw: string | null): boolean => {
  if (raw === null || raw.trim() === '') return false;
  if (c.op === 'in') return c.values.includes(raw);
  const n = Number(raw);
  if (!Number.isFinite(n)) return false;
  switch (c.op) {
    case 'between': return n >= c.min && n <= c.max;
    case 'lt': return n < c.value;
    case 'gte': return n >= c.value;
  }
};

/** Bad when any bad rule matches; good when every good rule matches; stretch otherwise. */
export const scoreFit = (properties: Record<string, string | null>, config: ScoringConfig): { value: FitValue; criteria: FitCriterionResult[] } => {
  const evaluate = (rule: 'good' | 'bad') => (c: FitCriterion): FitCriterionResult => {
    const actual = properties[c.property] ?? null;
    return { rule, property: c.property, actual, passed: passes(c, actual), description: describe(c) };
  };
  const bad = config.fit.bad.map(evaluate('bad'));
  const good = config.fit.good.map(evaluate('good'));
  const value: FitValue = bad.some((c) => c.passed) ? 'bad' : good.every((c) => c.passed) ? 'good' : 'stretch';
  return { value, criteria: [...good, ...bad] };
};

export const isCustomer = (properties: Record<string, string | null>, config: ScoringConfig): boolean =>
  config.customerFilter.values.includes(properties[config.customerFilter.property] ?? '');
