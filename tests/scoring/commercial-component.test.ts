import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { deriveFacts } from '../../src/scoring/facts.ts';
import { commercialComponent } from '../../src/scoring/health/commercial.ts';
import type { MilestoneSummary } from '../../src/scoring/milestones.ts';
import { NOW, aSnapshot, daysAgo, deal } from './support/snapshot.ts';

const noMilestones: MilestoneSummary = { milestones: [], progress: 0, current: null, timeToFirstValueDays: null, justReached: null };
const commercial = (overrides: NonNullable<Parameters<typeof aSnapshot>[0]>) => {
  const snapshot = aSnapshot({ ...overrides, company: { renewalDate: null, ...overrides.company } });
  return commercialComponent({ snapshot, facts: deriveFacts(snapshot, defaultScoringConfig, NOW), config: defaultScoringConfig, milestones: noMilestones });
};

// Defaults: base 70; expansion in 180 days 100; renewal in a year 80; contraction in a year 30; renewal lost in a year 10;
// a renewal due within 90 days with nothing signed in those 90 days costs 20.
describe('commercial component', () => {
  it('when there is neither a renewal date nor a closed deal, then commercial is missing', () => {
    expect(commercial({ deals: [{ ...deal('renewal', -30), isClosed: false, isClosedWon: false }] })).toEqual({ value: null, detail: 'no renewal date or deals' });
  });

  it('when the only deal closed long ago and nothing changed, then commercial is the neutral 70', () => {
    expect(commercial({ deals: [deal('newbusiness', 700)] })).toEqual({ value: 70, detail: 'no commercial change' });
  });

  it.each([
    ['an expansion won 170 days ago', 100, [deal('expansion', 170)]],
    ['an expansion won 190 days ago (outside 180 days)', 70, [deal('expansion', 190)]],
    ['a renewal won 360 days ago', 80, [deal('renewal', 360)]],
    ['a renewal won 370 days ago (outside a year)', 70, [deal('renewal', 370)]],
    ['a contraction won 300 days ago', 30, [deal('contraction', 300)]],
    ['a contraction won 400 days ago', 70, [deal('contraction', 400)]],
    ['a renewal lost 300 days ago', 10, [deal('renewal', 300, false)]],
    ['a renewal lost 400 days ago', 70, [deal('renewal', 400, false)]],
    ['an expansion lost last month', 70, [deal('expansion', 30, false)]],
    ['an expansion and a contraction in the year', 30, [deal('expansion', 100), deal('contraction', 50)]],
  ])('when the account has %s, then commercial reads %s', (_case, value, deals) => {
    expect(commercial({ deals }).value).toBe(value);
  });

  it.each([
    ['due in 89 days, nothing signed', 50, daysAgo(-89), []],
    ['due in 91 days', 70, daysAgo(-91), []],
    ['due in 60 days, renewal signed 80 days ago', 80, daysAgo(-60), [deal('renewal', 80)]],
    ['due in 60 days, renewal signed 100 days ago (before the window)', 60, daysAgo(-60), [deal('renewal', 100)]],
    ['due in 60 days, expansion signed last month', 100, daysAgo(-60), [deal('expansion', 30)]],
    ['already past (10 days ago)', 70, daysAgo(10), []],
  ])('when the renewal is %s, then commercial reads %s', (_case, value, renewalDate, deals) => {
    expect(commercial({ company: { renewalDate }, deals }).value).toBe(value);
  });

  it('when a deal is still open or closes after the scoring time, then it says nothing yet', () => {
    expect(commercial({ deals: [deal('newbusiness', 700), { ...deal('expansion', 30), isClosed: false, isClosedWon: false }] }).value).toBe(70);
    expect(commercial({ deals: [deal('newbusiness', 700), deal('renewal', -20, false)] }).value).toBe(70);
  });

  it('when only a contraction or a lost deal closed in the renewal window, then the approaching renewal is still not signed', () => {
    expect(commercial({ company: { renewalDate: daysAgo(-60) }, deals: [deal('contraction', 30)] }).value).toBe(10);
    expect(commercial({ company: { renewalDate: daysAgo(-60) }, deals: [deal('expansion', 30, false)] }).value).toBe(50);
  });

  it('when several things happened, then the detail says each', () => {
    expect(commercial({ company: { renewalDate: daysAgo(-30) }, deals: [deal('contraction', 200)] }).detail)
      .toBe('contracted (dealtype contraction), renewal in 30 days, not signed');
    expect(commercial({ deals: [deal('renewal', 20)] }).detail).toBe('renewed in the last year (dealtype renewal)');
    expect(commercial({ deals: [deal('renewal', 20, false)] }).detail).toBe('renewal lost');
  });
});
