import type { SnapshotFeedback } from '../snapshot.schema.ts';
import { DAY_MS, clamp, daysBetween } from '../time.ts';
import { missing } from './component.ts';
import type { ComponentInput, Reading } from './component.ts';
import { ago } from '../wording.ts';

/** NPS is 0-10, CSAT 1-5, CES 1-7 (higher is easier); all land on 0-100. */
export const surveyScore = (f: SnapshotFeedback): number => {
  switch (f.surveyType) {
    case 'NPS': return clamp(f.value * 10);
    case 'CSAT': return clamp(((f.value - 1) / 4) * 100);
    case 'CES': return clamp(((f.value - 1) / 6) * 100);
  }
};

/** Mean of the last three answers in the window, so one outlier moves it but does not own it. */
export const sentimentComponent = ({ facts, config }: ComponentInput): Reading => {
  const since = facts.now - config.health.components.sentiment.withinDays * DAY_MS;
  const recent = facts.surveys.filter((s) => s.at >= since).slice(-3);
  if (recent.length === 0) return missing('no survey answer recently');
  const { at, item: latest } = recent[recent.length - 1]!;
  const group = latest.responseGroup ? ` (${latest.responseGroup})` : '';
  const value = recent.reduce((sum, s) => sum + surveyScore(s.item), 0) / recent.length;
  const average = recent.length > 1 ? `; ${Math.round(value)} on average over the last ${recent.length} answers` : '';
  return { value, detail: `${latest.surveyType} ${latest.value}${group} ${ago(daysBetween(at, facts.now))}${average}` };
};
