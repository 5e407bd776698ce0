import { describe, expect, it } from 'vitest';
import { auc } from '../../src/backtest/metrics.ts';
import { refineWeights, scaleWeights, type BlendRow, type Weights } from '../../src/backtest/refine.ts';
import { runSteps } from '../../src/backtest/steps.ts';
import { componentKeys } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';

const zero = Object.fromEntries(componentKeys.map((k) => [k, 0])) as Weights;
const row = (churned: boolean, values: Partial<Record<string, number | null>>, stage: BlendRow['stage'] = 'established'): BlendRow => ({
  segment: 'mid', stage, churned, components: Object.entries(values).map(([key, value]) => ({ key, value: value ?? null })),
});

// 200 customer-cutoffs: support ranks churn perfectly (churners 20-39, stayers 60-99); engagement is the reverse of
// a coin: churners talk more. The starting weights give engagement most of the say.
const rows = Array.from({ length: 200 }, (_, i) => {
  const churned = i % 5 === 0;
  return row(churned, { support: churned ? 20 + (i % 20) : 60 + (i % 40), engagement: churned ? 70 + (i % 30) : 30 + (i % 50) });
});
const start: Weights = { ...zero, support: 0.3, engagement: 0.7 };

describe('refining the fitted weights on the engine\'s own blend', () => {
  const refined = runSteps(refineWeights(rows, defaultScoringConfig, start, 1));

  it('when one component misleads the blend, then refinement takes weight from it and the training AUC rises', () => {
    const startAuc = auc(rows.map((r) => {
      const v = (k: string) => r.components.find((c) => c.key === k)!.value!;
      return { risk: 100 - (v('support') * 0.3 + v('engagement') * 0.7), churned: r.churned };
    }))!;
    expect(refined.weights.support).toBeGreaterThan(refined.weights.engagement);
    expect(refined.trainingAuc).toBeGreaterThan(startAuc + 0.1);
  });

  it('when it proposes weights, then each is within 0-1 and they sum to the total asked for', () => {
    const sum = componentKeys.reduce((s, k) => s + refined.weights[k], 0);
    expect(sum).toBeCloseTo(1, 2);
    expect(componentKeys.every((k) => refined.weights[k] >= 0 && refined.weights[k] <= 1)).toBe(true);
  });

  it('when onboarding customers are read mostly by a component that ranks their churn the wrong way, then their stage weight for it is lowered, not the others\' base weight', () => {
    const onboarding = Array.from({ length: 200 }, (_, i) => {
      const churned = i % 5 === 0;
      return row(churned, { support: churned ? 40 + (i % 20) : 50 + (i % 40), milestones: churned ? 100 : 20 + (i % 30) }, 'onboarding');
    });
    const result = runSteps(refineWeights(onboarding, defaultScoringConfig, { ...zero, support: 1 }, 1));
    expect(result.stageWeights.onboarding?.milestones).toBeLessThan(defaultScoringConfig.health.weightsByStage.onboarding!.milestones!);
    expect(Object.keys(result.stageWeights.onboarding ?? {}).sort()).toEqual(Object.keys(defaultScoringConfig.health.weightsByStage.onboarding!).sort());
  });

  it('when weights are scaled, then the largest stays within 1 and nothing is proposed from all zeros', () => {
    expect(scaleWeights({ ...zero, usage: 9, support: 1 }, 1.5)).toMatchObject({ usage: 1, support: 0.111 });
    expect(scaleWeights(zero, 1)).toBeNull();
  });
});
