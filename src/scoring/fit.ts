import type { FitCriterion, ScoringConfig } from './config.schema.ts';
import { numberLabel, propertyLabel, valueLabel } from './hubspot-labels.ts';
import { normaliser } from './normalise.ts';
import type { FitCriterionResult, FitValue } from './score-card.schema.ts';
import { own } from './own.ts';

/** The rule in the portal's words: "Industry is Restaurants or Farming", "Number of Employees below 5". */
const describe = (c: FitCriterion): string => {
  const label = propertyLabel(c.property);
  switch (c.op) {
    case 'in': {
      const values = c.values.map((v) => valueLabel(c.property, v));
      return values.length === 1 ? `${label} is ${values[0]}` : `${label} is ${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
    }
    case 'between': return `${label} between ${numberLabel(c.min)} and ${numberLabel(c.max)}`;
    case 'lt': return `${label} below ${numberLabel(c.value)}`;
    case 'gte': return `${label} at least ${numberLabel(c.value)}`;
  }
};

// A rule's wording and its values' keys depend on the rule alone, not on the company: worked out once per rule of a
// config, not once per company (they were a tenth of a score). The normaliser is kept with the keys because an
// overlaid config can share a rule while normalising its property differently.
const descriptions = new WeakMap<FitCriterion, string>();
const describeOnce = (c: FitCriterion): string => {
  let text = descriptions.get(c);
  if (text === undefined) {
    text = describe(c);
    descriptions.set(c, text);
  }
  return text;
};

const valueKeys = new WeakMap<FitCriterion, { key: (raw: string) => string; keys: ReadonlySet<string> }>();
const keysOf = (c: FitCriterion & { op: 'in' }, key: (raw: string) => string): ReadonlySet<string> => {
  const known = valueKeys.get(c);
  if (known !== undefined && known.key === key) return known.keys;
  const keys = new Set(c.values.map(key));
  valueKeys.set(c, { key, keys });
  return keys;
};

/**
 * A criterion over a missing property never passes: unknown is neither proof of fit nor of misfit. `in` compares
 * through the property's normaliser, so "USA" is United States and "Computer Software" is COMPUTER_SOFTWARE.
 */
const passes = (c: FitCriterion, raw: string | null, config: ScoringConfig): boolean => {
  if (raw === null || raw.trim() === '') return false;
  if (c.op === 'in') {
    const key = normaliser(own(config.fit.normalise, c.property));
    return keysOf(c, key).has(key(raw));
  }
  const n = Number(raw);
  if (!Number.isFinite(n)) return false;
  switch (c.op) {
    case 'between': return n >= c.min && n <= c.max;
    case 'lt': return n < c.value;
    case 'gte': return n >= c.value;
  }
};

const isEmpty = (raw: string | null): boolean => raw === null || raw.trim() === '';

/**
 * Bad when any bad rule matches; good when every good rule matches, allowing up to `fit.unknownAllowed` of them to go
 * unjudged because their property is empty (a portal leaves fields blank; that says nothing against the fit); stretch otherwise.
 */
export const scoreFit = (properties: Record<string, string | null>, config: ScoringConfig): { value: FitValue; criteria: FitCriterionResult[] } => {
  const evaluate = (rule: 'good' | 'bad') => (c: FitCriterion): FitCriterionResult => {
    const actual = own(properties, c.property) ?? null;
    const passed = passes(c, actual, config);
    const description = describeOnce(c);
    // Two literals rather than spreading an optional part: one object per rule, not three.
    return isEmpty(actual) ? { rule, property: c.property, actual, passed, unknown: true, description } : { rule, property: c.property, actual, passed, description };
  };
  const bad = config.fit.bad.map(evaluate('bad'));
  const good = config.fit.good.map(evaluate('good'));
  const unknown = good.filter((c) => c.unknown === true).length;
  const judgedPass = good.every((c) => c.passed || c.unknown === true);
  const value: FitValue = bad.some((c) => c.passed) ? 'bad' : judgedPass && unknown <= config.fit.unknownAllowed ? 'good' : 'stretch';
  return { value, criteria: [...good, ...bad] };
};

export const isCustomer = (properties: Record<string, string | null>, config: ScoringConfig): boolean =>
  config.customerFilter.values.includes(own(properties, config.customerFilter.property) ?? '');
