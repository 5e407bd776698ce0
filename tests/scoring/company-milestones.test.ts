import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { CompanySnapshot } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, daysAgo } from './support/snapshot.ts';

const day = (offset: number) => daysAgo(offset).slice(0, 10);
const score = (overrides: Partial<CompanySnapshot>) => scoreCompany(aSnapshot(overrides), defaultScoringConfig, NOW);

describe("milestones defined for one customer, merged with the portal's plan", () => {
  it("when a two-year-old customer gets a milestone of its own due next month, then it follows the plan's milestones, on track, not skipped as onboarding", () => {
    const card = score({ companyMilestones: [{ key: 'emea_rollout', label: 'EMEA team rolled out', dueDate: day(-30) }] });
    expect(card.milestones.map((m) => m.key)).toEqual([...defaultScoringConfig.milestones.items.map((i) => i.key), 'emea_rollout']);
    expect(card.milestones.at(-1)).toMatchObject({ label: 'EMEA team rolled out', kind: 'customer', scope: 'company', state: 'on_track', expectedBy: day(-30), doneAt: null });
    expect(card.milestones.find((m) => m.key === 'kickoff')?.scope).toBe('portal');
  });

  it('when its due date passed 10 days ago, then it is behind; 40 days ago, stuck', () => {
    expect(score({ companyMilestones: [{ key: 'emea_rollout', label: 'EMEA', dueDate: day(10) }] }).milestones.at(-1)?.state).toBe('behind');
    expect(score({ companyMilestones: [{ key: 'emea_rollout', label: 'EMEA', dueDate: day(40) }] }).milestones.at(-1)?.state).toBe('stuck');
  });

  it('when the CSM marked it done, then it is done and counts in the progress', () => {
    const own = [{ key: 'emea_rollout', label: 'EMEA', dueDate: day(10) }];
    const open = score({ companyMilestones: own });
    const done = score({ companyMilestones: own, milestoneOverrides: [{ key: 'emea_rollout', doneAt: daysAgo(2) }] });
    expect(done.milestones.at(-1)).toMatchObject({ state: 'done', doneAt: daysAgo(2) });
    expect(done.milestoneProgress).toBeGreaterThan(open.milestoneProgress);
  });

  it("when a customer's milestone has a key the plan already has, then the plan's milestone stands and the duplicate is left out", () => {
    const card = score({ companyMilestones: [{ key: 'kickoff', label: 'Our own kick-off', dueDate: day(-5) }] });
    expect(card.milestones.filter((m) => m.key === 'kickoff')).toEqual([expect.objectContaining({ label: 'Kick-off held', scope: 'portal' })]);
  });
});
