import { percent, scale } from '../time.ts';
import { missing } from './component.ts';
import type { ComponentInput, Reading } from './component.ts';
import { days } from '../wording.ts';

/** Depth (active users against seats) blended with the trend of active users, then with breadth (key features in use). */
export const usageComponent = ({ snapshot, facts, config }: ComponentInput): Reading => {
  const t = config.health.components.usage;
  const { depth, usageChange } = facts;
  if (depth === null && usageChange === null) return missing('no usage data');
  const parts: string[] = [];
  if (depth !== null) parts.push(`${percent(depth)} of seats active`);
  if (usageChange !== null) {
    parts.push(Math.abs(usageChange) < 0.05 ? `usage flat over ${days(config.vector.windowDays)}`
      : `usage ${usageChange > 0 ? 'up' : 'down'} ${percent(Math.abs(usageChange))} over ${days(config.vector.windowDays)}`);
  }
  const depthScore = depth === null ? null : scale(depth, t.depthZero, t.depthFull);
  const trendScore = usageChange === null ? null : scale(usageChange, t.trendZero, t.trendFull);
  const activity = depthScore === null ? trendScore! : trendScore === null ? depthScore
    : (1 - t.trendShare) * depthScore + t.trendShare * trendScore;
  const features = snapshot.company.keyFeaturesUsed;
  if (features === null) return { value: activity, detail: parts.join(', ') };
  parts.push(`${features} of ${t.keyFeatureCount} key features used`);
  const breadth = scale(features, 0, t.keyFeatureCount);
  return { value: (1 - t.breadthShare) * activity + t.breadthShare * breadth, detail: parts.join(', ') };
};
