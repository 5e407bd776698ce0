import { z } from 'zod';

// What the home page reads from GET /api/v1/portals/:portalId/backtest and …/star-pupils (docs/backtest.md says how
// to read each figure). Parsed like every section's answer, so a drift shows as a named field in the section's
// error; only what the page draws is required, and unknown fields are dropped.

const count = z.number().int().min(0);
const share = z.number().min(0).max(1).nullable();
const auc = z.number().min(0).max(1).nullable();
const days = z.number().min(0).nullable();

const sampleSchema = z.object({
  observations: count,
  churned: count,
  healthAuc: auc,
  churnedWhileGreen: share,
  precisionOfRed: share,
  calibration: z.array(z.object({ decile: z.number().int().min(1).max(10), count, minRisk: z.number(), maxRisk: z.number(), churned: count, churnRate: z.number().min(0).max(1) })),
  components: z.array(z.object({ key: z.string(), auc, aucLostWithout: z.number().nullable(), observed: count })),
});
export type BacktestSample = z.infer<typeof sampleSchema>;

const heldOutSchema = z.object({ observations: count, churned: count, healthAuc: auc, churnedWhileGreen: share, greenShare: share });

export const portfolioBacktestSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('computing'), horizonDays: z.number().int() }),
  z.object({
    status: z.literal('ready'),
    refreshing: z.boolean(),
    computedAt: z.string().min(1),
    report: z.object({
      horizonDays: z.number().int(),
      cutoffs: z.array(z.string()),
      overall: sampleSchema,
      segments: z.array(sampleSchema.extend({ segment: z.string() })),
      failed: count,
    }),
    calibration: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(false), reason: z.string() }),
      z.object({
        ok: z.literal(true),
        holdout: z.object({ cutoffs: z.array(z.string()) }),
        current: z.object({ holdout: heldOutSchema }),
        proposed: z.object({ holdout: heldOutSchema }),
      }),
    ]),
  }),
]);
export type PortfolioBacktest = z.infer<typeof portfolioBacktestSchema>;
export const backtestHorizons = [90, 180] as const;
export type BacktestHorizon = (typeof backtestHorizons)[number];

const segmentProfileSchema = z.object({
  segment: z.string(),
  pupils: count,
  medianDaysTo: z.record(z.string(), days),
  timeToFirstValueDays: days,
  usageDepth: z.number().nullable(),
  usageBreadth: z.number().nullable(),
  touchesPer30Days: z.number().nullable(),
  features: z.array(z.object({ feature: z.string(), share: z.number().min(0).max(1) })),
});
export type SegmentProfile = z.infer<typeof segmentProfileSchema>;

export const portfolioStarPupilsSchema = z.object({
  profile: z.object({
    basis: z.enum(['renewed_or_expanded', 'retained_healthy']),
    computedAt: z.string().min(1),
    segments: z.array(segmentProfileSchema),
    overall: segmentProfileSchema.nullable(),
  }).nullable(),
});
export type PortfolioStarPupils = z.infer<typeof portfolioStarPupilsSchema>;
