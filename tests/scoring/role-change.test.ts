import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { SnapshotContact } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, componentOf, contact, daysAgo, inboundEmail, usageLine } from './support/snapshot.ts';

const score = (contacts: SnapshotContact[], config = defaultScoringConfig) =>
  scoreCompany(aSnapshot({ contacts, engagements: [inboundEmail(3)], usage: usageLine(50, 50) }), config, NOW);
const detailOf = (card: ReturnType<typeof score>) => card.health.components.find((c) => c.key === 'relationship')?.detail;
const retitled = (from: string, to: string | null, changedDaysAgo: number, buyingRoles: string[] = []): SnapshotContact =>
  ({ ...contact(to ?? 'x'), jobTitle: to, buyingRoles, previousJobTitle: from, jobTitleChangedAt: daysAgo(changedDaysAgo) });

describe('a champion or sponsor whose job title changed', () => {
  const colleague = contact('Analyst');

  it('when the champion (Buying role) changed title 20 days ago, then relationship loses 25 and the vector counts it against', () => {
    const steady = score([{ ...contact('Operations Manager'), buyingRoles: ['CHAMPION'] }, colleague]);
    const moved = score([retitled('Operations Manager', 'Board Advisor', 20, ['CHAMPION']), colleague]);
    expect(componentOf(moved, 'relationship').value).toBe(componentOf(steady, 'relationship').value! - 25);
    expect(detailOf(moved)).toContain('champion or sponsor changed role (Operations Manager to Board Advisor) 20 days ago');
    expect(moved.vector.reason).toContain('champion or sponsor changed role');
    expect(steady.vector.reason).not.toContain('changed role');
  });

  it('when the executive sponsor (by the title held) moved to a title that is not an executive one, then it is a role change and the sponsor is gone', () => {
    const card = score([retitled('VP Operations', 'Consultant', 30), colleague]);
    expect(detailOf(card)).toMatch(/^no executive sponsor, champion or sponsor changed role \(VP Operations to Consultant\)/);
  });

  it('when the change is older than the champion-left window, or the contact held no key role, then nothing changes', () => {
    const baseline = componentOf(score([contact('Analyst'), colleague]), 'relationship').value;
    expect(componentOf(score([retitled('Operations Manager', 'Board Advisor', 200, ['CHAMPION']), colleague]), 'relationship').value)
      .toBe(componentOf(score([{ ...contact('Board Advisor'), buyingRoles: ['CHAMPION'] }, colleague]), 'relationship').value);
    expect(componentOf(score([retitled('Analyst', 'Senior Analyst', 10), colleague]), 'relationship').value).toBe(baseline);
  });

  it('when the portal sets the penalty to 0, then a role change costs no relationship points but still reads in the detail', () => {
    const config = { ...defaultScoringConfig, health: { ...defaultScoringConfig.health, components: { ...defaultScoringConfig.health.components,
      relationship: { ...defaultScoringConfig.health.components.relationship, roleChangePenalty: 0 } } } };
    const moved = score([retitled('Operations Manager', 'Board Advisor', 20, ['CHAMPION']), colleague], config);
    const steady = score([{ ...contact('Board Advisor'), buyingRoles: ['CHAMPION'] }, colleague], config);
    expect(componentOf(moved, 'relationship').value).toBe(componentOf(steady, 'relationship').value);
    expect(detailOf(moved)).toContain('changed role');
  });
});
