import { z } from 'zod';
import { componentKeys, lifecycleStages } from '../scoring/config.schema.ts';
import { backtestHorizons, type BacktestReport } from './backtest.ts';
import type { CalibrationResult } from './calibrate.ts';
import { outcomeKinds } from './outcomes.ts';

// The backtest as the store keeps it and the API serves it (the portfolio page and the settings page read exactly
// this; docs/backtest.md says how to read each figure, docs/portfolio.md where the page shows it).

const share = z.number().min(0).max(1).nullable().describe('a share (0.1 = 10%); null when its sample is empty');
const auc = z.number().min(0).max(1).nullable().describe('health AUC for churn: 0.5 a coin toss, 1 a perfect ranking; null when nobody (or everybody) churned');
const count = z.number().int().min(0);
const day = z.iso.date();

const calibrationRowSchema = z.object({
  decile: z.number().int().min(1).max(10), count, minRisk: z.number(), maxRisk: z.number(), meanRisk: z.number(), churned: count, churnRate: z.number(),
});
const componentLiftSchema = z.object({
  key: z.string(), auc, aucLostWithout: z.number().nullable().describe('AUC of the blend minus the blend without this component'), observed: count,
});
const sampleSchema = z.object({
  observations: count.describe('customer-cutoffs in the sample'),
  churned: count,
  healthAuc: auc,
  churnedWhileGreen: share.describe('of the churners, the share shown green at the cutoff'),
  precisionOfRed: share.describe('of those shown red, the share that churned'),
  calibration: z.array(calibrationRowSchema).describe('risk deciles (risk = 100 - health), safest first, with observed churn'),
  components: z.array(componentLiftSchema),
  outcomes: z.object(Object.fromEntries(outcomeKinds.map((k) => [k, share])) as Record<(typeof outcomeKinds)[number], typeof share>)
    .describe('share of customer-cutoffs with each outcome within the horizon (not exclusive)'),
});

export const backtestReportSchema = z.object({
  horizonDays: z.literal(backtestHorizons),
  cutoffs: z.array(day).describe('monthly cutoffs judged, newest first'),
  overall: sampleSchema,
  segments: z.array(sampleSchema.extend({ segment: z.string() })),
  failed: count.describe('customer-cutoffs the engine could not score, left out'),
}) satisfies z.ZodType<BacktestReport>;

const figuresSchema = z.object({
  observations: count, churned: count, healthAuc: auc, churnedWhileGreen: share, precisionOfRed: share,
  greenShare: share.describe('the share shown green'),
});
// A report stored before a component existed was computed without it: reading its weight as 0 keeps the proposal the
// one its figures were judged on.
const weightsSchema = z.object(Object.fromEntries(componentKeys.map((k) => [k, z.number().min(0).max(1).default(0)])) as Record<(typeof componentKeys)[number], z.ZodDefault<z.ZodNumber>>);
const thresholdsSchema = z.object({ green: z.number().min(0).max(100), yellow: z.number().min(0).max(100) });
const bandsBySegmentSchema = z.record(z.string(), thresholdsSchema).describe('a segment\'s own bands, replacing status for it');

export const calibrationResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(false), reason: z.string().describe('why nothing is proposed') }),
  z.object({
    ok: z.literal(true),
    horizonDays: z.literal(backtestHorizons),
    training: z.object({ cutoffs: z.array(day) }).describe('the older cutoffs the fit saw'),
    holdout: z.object({ cutoffs: z.array(day) }).describe('the newer cutoffs it is judged on'),
    fit: z.object({ intercept: z.number(), coefficients: z.array(z.number()), iterations: count, converged: z.boolean() }),
    current: z.object({ weights: weightsSchema, status: thresholdsSchema, statusBySegment: bandsBySegmentSchema, holdout: figuresSchema }),
    proposed: z.object({ weights: weightsSchema, status: thresholdsSchema, statusBySegment: bandsBySegmentSchema, training: figuresSchema, holdout: figuresSchema }),
    partialConfig: z.object({
      health: z.object({
        components: z.object(Object.fromEntries(componentKeys.map((k) => [k, z.object({ weight: z.number().min(0).max(1) }).default({ weight: 0 })])) as Record<(typeof componentKeys)[number], z.ZodDefault<z.ZodObject<{ weight: z.ZodNumber }>>>),
        weightsBySegment: z.record(z.string(), weightsSchema),
        weightsByStage: z.partialRecord(z.enum(lifecycleStages), weightsSchema.partial()).default({}).describe('the stage overrides, their values refined with the weights (absent in a proposal stored before they were)'),
        status: thresholdsSchema,
        statusBySegment: bandsBySegmentSchema,
      }),
    }).describe('the proposal as a partial scoring config: load it into the settings draft, dry-run it, then save'),
  }),
]) satisfies z.ZodType<CalibrationResult>;

export const storedBacktestSchema = z.object({
  computedAt: z.iso.datetime(),
  configVersion: z.number().int().nullable().describe('the scoring config version it was computed with (null: the default)'),
  report: backtestReportSchema,
  calibration: calibrationResultSchema,
});
export type StoredBacktest = z.infer<typeof storedBacktestSchema>;

export const backtestResponseSchema = z.discriminatedUnion('status', [
  storedBacktestSchema.extend({ status: z.literal('ready'), portalId: z.number().int(), refreshing: z.boolean().describe('a newer computation is queued or running') }),
  z.object({ status: z.literal('computing'), portalId: z.number().int(), horizonDays: z.literal(backtestHorizons) }).describe('nothing computed yet: ask again in a few minutes'),
]);
export type BacktestResponse = z.infer<typeof backtestResponseSchema>;
