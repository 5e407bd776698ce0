import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { deriveFacts } from '../../src/scoring/facts.ts';
import { milestonePaceComponent } from '../../src/scoring/health/milestone-pace.ts';
import type { MilestoneSummary } from '../../src/scoring/milestones.ts';
import type { MilestoneResult } from '../../src/scoring/score-card.schema.ts';
import { NOW, aSnapshot } from './support/snapshot.ts';

const snapshot = aSnapshot();
const facts = deriveFacts(snapshot, defaultScoringConfig, NOW);
const milestone = (label: string, state: MilestoneResult['state']): MilestoneResult =>
  ({ key: label.toLowerCase().replace(/\W+/g, '_'), label, kind: 'customer', state, expectedBy: null, doneAt: null, scope: 'portal' });
const pace = (...milestones: MilestoneResult[]) => {
  const summary: MilestoneSummary = { milestones, progress: 0, current: null, timeToFirstValueDays: null, justReached: null };
  return milestonePaceComponent({ snapshot, facts, config: defaultScoringConfig, milestones: summary });
};

describe('milestone pace', () => {
  it('when nothing is done or due yet (all on track or skipped), then pace is missing rather than perfect', () => {
    expect(pace(milestone('Kick-off held', 'on_track'), milestone('Onboarding complete', 'skipped'))).toEqual({ value: null, detail: 'no milestone due yet' });
    expect(pace()).toEqual({ value: null, detail: 'no milestone due yet' });
  });

  it('when every judged milestone is done, then pace is 100 and on time, whatever is still on track', () => {
    expect(pace(milestone('Kick-off held', 'done'), milestone('Adoption', 'on_track'), milestone('Review', 'skipped'))).toEqual({ value: 100, detail: 'milestones on time' });
  });

  it('when one milestone is done and one behind, then pace is their average (100 and 40) and names the late one', () => {
    expect(pace(milestone('Kick-off held', 'done'), milestone('First value event reached', 'behind'))).toEqual({ value: 70, detail: '1 milestone late (First value event reached)' });
  });

  it('when a milestone is stuck, then it scores 0 and pulls the average down more than a behind one', () => {
    expect(pace(milestone('Kick-off held', 'done'), milestone('Adoption', 'stuck')).value).toBe(50);
    expect(pace(milestone('Adoption', 'stuck'))).toEqual({ value: 0, detail: '1 milestone late (Adoption)' });
    expect(pace(milestone('Adoption', 'behind')).value).toBe(40);
  });

  it('when several are late, then the detail counts them and lists each by label in order', () => {
    expect(pace(milestone('Kick-off held', 'behind'), milestone('Done one', 'done'), milestone('Adoption', 'stuck')))
      .toEqual({ value: (40 + 100 + 0) / 3, detail: '2 milestones late (Kick-off held, Adoption)' });
  });
});
