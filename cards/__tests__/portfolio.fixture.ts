// One portal's portfolio as the section endpoints answer it: two segments, a bad fit that churned, a goal behind
// and one on track. The figures agree with each other (the churned bad fit is in the cohorts' churned column, in
// the churn review and in retention's bad-fit row), as the backend's would.

const asOf = '2026-12-01T00:00:00.000Z';
const figures = (customers: number, retained: number, startArr: number, expansion: number, contraction: number, churned: number) => ({
  customers, retainedCustomers: retained, startArr, expansionArr: expansion, contractionArr: contraction, churnedArr: churned,
  grossRevenueRetention: startArr > 0 ? (startArr - churned - contraction) / startArr : null,
  netRevenueRetention: startArr > 0 ? (startArr - churned - contraction + expansion) / startArr : null,
  logoRetention: customers > 0 ? retained / customers : null,
});
const empty = figures(0, 0, 0, 0, 0, 0);

export const cohortsBody = () => ({
  portalId: 4242, arrProperty: 'annual_recurring_revenue',
  cells: [
    { segment: 'enterprise', cohort: 'positive', customers: 3, arr: 360000 },
    { segment: 'enterprise', cohort: 'negative', customers: 1, arr: 90000 },
    { segment: 'smb', cohort: 'neutral', customers: 12, arr: 96000 },
    { segment: 'smb', cohort: 'dark', customers: 2, arr: 14000 },
  ],
  churned: [{ segment: 'smb', customers: 1, arr: 6000 }],
});

export const movementBody = () => ({
  portalId: 4242, asOf,
  windows: [
    { days: 30, since: '2026-11-01T00:00:00.000Z', transitions: [
      { from: 'neutral', to: 'neutral', customers: 11, arr: 88000 },
      { from: 'neutral', to: 'dark', customers: 1, arr: 7000 },
      { from: 'bad_fit', to: 'churned', customers: 1, arr: 6000 },
    ] },
    { days: 90, since: '2026-09-02T00:00:00.000Z', transitions: [
      { from: 'new', to: 'positive', customers: 1, arr: 120000 },
      { from: 'negative', to: 'positive', customers: 2, arr: 240000 },
    ] },
  ],
  trend: [
    { weekEnding: '2026-11-22T00:00:00.000Z', cohort: 'positive', customers: 2 },
    { weekEnding: '2026-11-22T00:00:00.000Z', cohort: 'neutral', customers: 13 },
    { weekEnding: '2026-11-29T00:00:00.000Z', cohort: 'positive', customers: 3 },
    { weekEnding: '2026-11-29T00:00:00.000Z', cohort: 'neutral', customers: 12 },
  ],
});

const report = (all: ReturnType<typeof figures>, goodFit: ReturnType<typeof figures>, badFit: ReturnType<typeof figures>) => ({ all, goodFit, badFit });

export const retentionBody = () => ({
  portalId: 4242, asOf, arrProperty: 'annual_recurring_revenue',
  periods: [3, 6, 12].map((months) => {
    // Over 12 months the bad fit (6,000) churned and one good fit grew by 20,000; over 3 and 6 nothing moved but that growth.
    const badFit = months === 12 ? figures(1, 0, 6000, 0, 0, 6000) : empty;
    const goodFit = figures(18, 18, 540000, 20000, 0, 0);
    const all = months === 12 ? figures(19, 18, 546000, 20000, 0, 6000) : goodFit;
    return {
      months, start: months === 12 ? '2025-12-01T00:00:00.000Z' : months === 6 ? '2026-06-01T00:00:00.000Z' : '2026-09-01T00:00:00.000Z',
      total: report(all, goodFit, badFit),
      byCohort: [{ cohort: 'positive', ...report(goodFit, goodFit, empty) }, ...(months === 12 ? [{ cohort: 'bad_fit', ...report(badFit, empty, badFit) }] : [])],
      byCell: [{ cohort: 'positive', segment: 'enterprise', ...report(goodFit, goodFit, empty) }, ...(months === 12 ? [{ cohort: 'bad_fit', segment: 'smb', ...report(badFit, empty, badFit) }] : [])],
      bySegment: [
        { segment: 'enterprise', ...report(figures(4, 4, 430000, 20000, 0, 0), figures(4, 4, 430000, 20000, 0, 0), empty) },
        { segment: 'smb', ...report(months === 12 ? figures(15, 14, 116000, 0, 0, 6000) : figures(14, 14, 110000, 0, 0, 0), figures(14, 14, 110000, 0, 0, 0), badFit) },
      ],
    };
  }),
});

const quadrants = (churned: boolean) => [
  { quadrant: 'avoidable_expected', avoidable: true, expected: true, customers: 0, arr: 0 },
  { quadrant: 'avoidable_unexpected', avoidable: true, expected: false, customers: 0, arr: 0 },
  { quadrant: 'unavoidable_expected', avoidable: false, expected: true, customers: churned ? 1 : 0, arr: churned ? 6000 : 0 },
  { quadrant: 'unavoidable_unexpected', avoidable: false, expected: false, customers: 0, arr: 0 },
];

export const churnReviewBody = (months = 12) => ({
  portalId: 4242, asOf, months, since: '2025-12-01T00:00:00.000Z',
  quadrants: quadrants(months === 12),
  customers: months === 12 ? [{
    companyId: '77', name: 'Shoe Palace', segment: 'smb', fit: 'bad', churnedAt: '2026-11-12T00:00:00.000Z', reasonCode: 'bad_fit',
    quadrant: 'unavoidable_expected', avoidable: false, expected: true, reason: 'bad fit: retail is outside the ideal customer profile', arr: 6000,
  }] : [],
});

export const goalsBody = () => ({
  portalId: 4242, asOf,
  goals: [
    { id: 'g1', cohort: 'negative', segment: 'enterprise', horizonMonths: 6, target: { kind: 'count', changePercent: -50 }, createdAt: '2026-09-01T00:00:00.000Z', createdBy: 'ada@acme.io',
      dueAt: '2027-03-01T00:00:00.000Z', measure: 'customers', baseline: 2, targetValue: 1, current: 1, expectedByNow: 1.5, status: 'on_track' },
    { id: 'g2', cohort: 'positive', segment: 'enterprise', horizonMonths: 12, target: { kind: 'nrr', nrr: 1.5 }, createdAt: '2026-06-01T00:00:00.000Z', createdBy: null,
      dueAt: '2027-06-01T00:00:00.000Z', measure: 'nrr', baseline: 1, targetValue: 1.5, current: 1.05, expectedByNow: 1.25, status: 'behind' },
  ],
});

const row = (companyId: string, name: string, over: Record<string, unknown> = {}) => ({
  companyId, name, ownerId: '501', segment: 'smb', cohort: 'dark', priority: 80, healthScore: 31, healthStatus: 'red', nextPlay: 're_engage',
  renewalDate: '2027-01-15', arr: 7000, ...over,
});

export const worklistsBody = () => ({
  portalId: 4242, asOf,
  owners: [
    { ownerId: '501', ownerName: 'Grace Hopper', customers: 14, top: [row('12', 'Blue Finch'), row('13', 'Oak & Ash', { cohort: 'neutral', healthScore: 55, healthStatus: 'yellow', nextPlay: 'drive_adoption', renewalDate: null })] },
    { ownerId: null, ownerName: null, customers: 1, top: [row('40', 'Nobody\'s Co', { ownerId: null, segment: 'enterprise', cohort: 'negative', nextPlay: 'rescue', arr: 90000 })] },
  ],
});

export const renewalsBody = () => ({
  portalId: 4242, asOf, withinDays: 120, total: 1,
  renewals: [{ ...row('12', 'Blue Finch'), ownerName: 'Grace Hopper', daysToRenewal: 45 }],
});

export const playEffectivenessBody = () => ({
  portalId: 4242, asOf,
  plays: [
    { play: 'advocacy_ask', status: 'done', outcome: 'review', count: 2, healthWhenRecorded: 55, healthAfter30Days: 65.5, healthAfter90Days: 80 },
    { play: 'advocacy_ask', status: 'skipped', outcome: null, count: 1, healthWhenRecorded: 40, healthAfter30Days: null, healthAfter90Days: null },
  ],
});

export const csvBody = 'segment,cohort,customers,arr\r\nsmb,neutral,12,96000\r\n';
