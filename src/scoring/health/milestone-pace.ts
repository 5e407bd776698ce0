import { plural } from '../time.ts';
import { missing } from './component.ts';
import type { ComponentInput, Reading } from './component.ts';

const stateScore = { done: 100, on_track: 100, behind: 40, stuck: 0, skipped: 100 } as const;

/** Only milestones that are done or already due say anything about pace. */
export const milestonePaceComponent = ({ milestones }: ComponentInput): Reading => {
  const judged = milestones.milestones.filter((m) => m.state !== 'on_track' && m.state !== 'skipped');
  if (judged.length === 0) return missing('no milestone due yet');
  const late = judged.filter((m) => m.state === 'behind' || m.state === 'stuck');
  return {
    value: judged.reduce((sum, m) => sum + stateScore[m.state], 0) / judged.length,
    detail: late.length === 0 ? 'milestones on time' : `${plural(late.length, 'milestone')} late (${late.map((m) => m.label).join(', ')})`,
  };
};
