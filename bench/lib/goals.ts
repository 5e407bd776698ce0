/** The targets the issue sets; a figure without a goal is informative only. */
const goals: ReadonlyArray<{ pattern: RegExp; label: string; met: (value: number) => boolean }> = [
  { pattern: /^baseline\.emptyStoreRssMb$/, label: '<= 200', met: (v) => v <= 200 },
  { pattern: /^sync\.L(\.postgres)?\.peakRssMb$/, label: '<= 400', met: (v) => v <= 400 },
  { pattern: /^(storeGrowth|sync)\.[A-Z]+(\.postgres)?\.lastSixthRatio$/, label: '<= 1.5', met: (v) => v <= 1.5 },
  { pattern: /^readCeiling\.[A-Z]+\.rateUtilization$/, label: '>= 0.95', met: (v) => v >= 0.95 },
  { pattern: /^sync\.[A-Z]+(\.postgres)?\.rateUtilization$/, label: '>= 0.9', met: (v) => v >= 0.9 },
  { pattern: /^scoring\.pureCompaniesPerSecPerCore$/, label: '>= 15000', met: (v) => v >= 15_000 },
  { pattern: /^scoring\.ratioToRead$/, label: '<= 1.5', met: (v) => v <= 1.5 },
  { pattern: /^scoring\.companiesPerSec$/, label: '>= 2000', met: (v) => v >= 2_000 },
  { pattern: /^scoring\.postgres\.companiesPerSec$/, label: '>= 5000', met: (v) => v >= 5_000 },
  { pattern: /^backfill\.ratioToScoring$/, label: '<= 30', met: (v) => v <= 30 },
  { pattern: /^card\.p50RatioToFloor$/, label: '<= 2', met: (v) => v <= 2 },
  { pattern: /^portfolio\.[A-Z]+(\.postgres)?\.p50RatioToRead$/, label: '<= 3', met: (v) => v <= 3 },
  { pattern: /^card\.p99RatioToFloor$/, label: '<= 3', met: (v) => v <= 3 },
  { pattern: /^webhooks\.(lost|duplicated)$/, label: '= 0', met: (v) => v === 0 },
  { pattern: /^writeback\.unchangedRequests$/, label: '= 0', met: (v) => v === 0 },
];

export const judge = (key: string, value: number): { label: string; met: boolean } | undefined => {
  const goal = goals.find((g) => g.pattern.test(key));
  return goal && { label: goal.label, met: goal.met(value) };
};
