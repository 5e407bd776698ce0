// The backtest and star-pupil profile as GET …/backtest and …/star-pupils answer them (the backend's whole shape, so
// the sandbox page's tests parse the same bodies with the backend's schemas). Two segments over six monthly cutoffs:
// 400 customer-cutoffs, 20 churned; the deciles' churn adds up to those 20, smb's and enterprise's samples to the whole.

const outcomes = (churned: number) => ({ churned, contracted: 0.02, renewed: 0.3, expanded: 0.1 });
const deciles = [0, 0, 1, 1, 1, 2, 2, 3, 4, 6].map((churned, i) => ({
  decile: i + 1, count: 40, minRisk: i * 8, maxRisk: i * 8 + 7, meanRisk: i * 8 + 3.5, churned, churnRate: churned / 40,
}));
const component = (key: string, auc: number | null, aucLostWithout: number | null, observed: number) => ({ key, auc, aucLostWithout, observed });
const sample = (observations: number, churned: number, healthAuc: number | null, churnedWhileGreen: number | null, precisionOfRed: number | null) => ({
  observations, churned, healthAuc, churnedWhileGreen, precisionOfRed, calibration: deciles,
  components: [component('support', 0.66, 0.041, 380), component('engagement', 0.41, -0.012, 350), component('csm_sentiment', null, null, 0)],
  outcomes: outcomes(churned / observations),
});
const cutoffs = ['2026-06-01', '2026-05-01', '2026-04-01', '2026-03-01', '2026-02-01', '2026-01-01'];
const weights = { usage: 0.1, cadence: 0, engagement: 0, support: 0.5, sentiment: 0.2, relationship: 0.1, milestones: 0, commercial: 0.1, csm_sentiment: 0 };
const heldOut = (healthAuc: number, churnedWhileGreen: number, greenShare: number) => ({ observations: 130, churned: 7, healthAuc, churnedWhileGreen, precisionOfRed: 0.09, greenShare });

export const backtestBody = (horizonDays = 180) => ({
  status: 'ready', portalId: 4242, refreshing: false, computedAt: '2026-12-01T03:00:00.000Z', configVersion: 3,
  report: {
    horizonDays, cutoffs, failed: 2,
    overall: sample(400, 20, 0.742, 0.1, 0.083),
    segments: [{ segment: 'enterprise', ...sample(100, 4, null, 0, 0) }, { segment: 'smb', ...sample(300, 16, 0.713, 0.125, 0.08) }],
  },
  calibration: {
    ok: true, horizonDays,
    training: { cutoffs: ['2026-01-01', '2026-02-01'] }, holdout: { cutoffs: ['2026-05-01', '2026-06-01'] },
    fit: { intercept: -1.2, coefficients: [-0.4, 0, 0.2, -2, -0.8, -0.4, 0.1, -0.4, 0], iterations: 6, converged: true },
    current: { weights, status: { green: 70, yellow: 40 }, statusBySegment: {}, holdout: heldOut(0.69, 0.286, 0.41) },
    proposed: { weights, status: { green: 88, yellow: 80 }, statusBySegment: {}, training: heldOut(0.75, 0.1, 0.2), holdout: heldOut(0.741, 0.143, 0.18) },
    partialConfig: { health: { components: Object.fromEntries(Object.entries(weights).map(([k, weight]) => [k, { weight }])), weightsBySegment: {}, status: { green: 88, yellow: 80 }, statusBySegment: {} } },
  },
});

const profile = (segment: string, pupils: number, firstValue: number | null) => ({
  segment, pupils, medianDaysTo: { onboarding_complete: firstValue === null ? null : firstValue - 4, first_value: firstValue },
  timeToFirstValueDays: firstValue, usageDepth: 0.62, usageBreadth: 4, touchesPer30Days: 2.3,
  features: [{ feature: 'reports', share: 0.9 }, { feature: 'api_calls', share: 0.5 }],
});

export const starPupilsBody = () => ({
  portalId: 4242,
  profile: { basis: 'renewed_or_expanded', computedAt: '2026-12-01T02:00:00.000Z', segments: [profile('smb', 12, 18), profile('enterprise', 3, null)], overall: profile('all', 15, 18) },
});
