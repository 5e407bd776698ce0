import { describe, expect, it } from 'vitest';
import { classifyDeals } from '../../src/scoring/deal-kinds.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { ScoreCard } from '../../src/scoring/score-card.schema.ts';
import { snapshotFromHubSpot } from '../../src/snapshot/from-hubspot.ts';
import type { HubSpotCompanyHistory, HubSpotRecord } from '../../src/snapshot/hubspot-records.schema.ts';
import { NOW, daysAgo } from './support/snapshot.ts';

// Records as a stock HubSpot portal holds them: standard properties and option values only, no outcome on meetings,
// deal types newbusiness/existingbusiness, countries typed by hand.
let sequence = 0;
const record = (properties: Record<string, string | null>): HubSpotRecord => ({ id: String(++sequence), properties });

const stockCompany = (overrides: Record<string, string | null> = {}) => record({
  name: 'Northwind', industry: 'COMPUTER_SOFTWARE', numberofemployees: '120', country: 'Germany', lifecyclestage: 'customer',
  createdate: daysAgo(800), hubspot_owner_id: '77', ...overrides,
});
const stockDeal = (dealtype: string, amount: number, closedDaysAgo: number, won = true) => record({
  dealname: `${dealtype} ${amount}`, dealtype, amount: String(amount), closedate: daysAgo(closedDaysAgo), pipeline: 'default',
  dealstage: won ? 'closedwon' : 'closedlost', hs_is_closed: 'true', hs_is_closed_won: String(won),
});
const stockMeeting = (startedDaysAgo: number) => record({
  hs_timestamp: daysAgo(startedDaysAgo), hs_meeting_start_time: daysAgo(startedDaysAgo), hs_meeting_title: 'Weekly sync', hs_meeting_outcome: null,
});

const score = (history: Partial<HubSpotCompanyHistory>, config = defaultScoringConfig): ScoreCard =>
  scoreCompany(snapshotFromHubSpot({ company: stockCompany(), ...history }, config), config, NOW);
const component = (card: ScoreCard, key: string) => card.health.components.find((c) => c.key === key)!;

describe('a stock HubSpot portal', () => {
  describe('deals of type existingbusiness', () => {
    const signedUp = stockDeal('newbusiness', 40_000, 400);

    it('when an existing-business deal is won for more than the previous contract, then it is an expansion that raises commercial and the vector', () => {
      const expanded = score({ deals: [signedUp, stockDeal('existingbusiness', 60_000, 30)] });
      const flat = score({ deals: [signedUp, stockDeal('existingbusiness', 40_000, 30)] });
      expect(component(expanded, 'commercial')).toMatchObject({ value: 100, detail: 'expansion won (existing business, 60,000 against 40,000 before)' });
      expect(component(flat, 'commercial')).toMatchObject({ value: 80 });
      expect(expanded.vector.reason).toContain('expansion won');
      expect(flat.vector.reason).toContain('renewed flat');
      expect(expanded.health.score).toBeGreaterThan(flat.health.score);
    });

    it('when an existing-business deal is won for less than before, then it is a contraction', () => {
      expect(component(score({ deals: [signedUp, stockDeal('existingbusiness', 25_000, 30)] }), 'commercial')).toMatchObject({ value: 30 });
    });

    it('when an existing-business deal within 5% of the contract is lost, then the renewal was lost', () => {
      expect(component(score({ deals: [signedUp, stockDeal('existingbusiness', 41_000, 20, false)] }), 'commercial')).toMatchObject({ value: 10 });
    });

    it('when the portal logs the increment as the amount, then any positive existing business is an expansion', () => {
      const config = { ...defaultScoringConfig, deals: { ...defaultScoringConfig.deals, amountMeans: 'change' as const } };
      expect(component(score({ deals: [signedUp, stockDeal('existingbusiness', 5_000, 30)] }, config), 'commercial')).toMatchObject({ value: 100 });
    });

    it('when an upsell is logged as existing business at its own value (under half the contract), then it is an expansion adding to the contract', () => {
      const card = score({ deals: [signedUp, stockDeal('existingbusiness', 8_000, 30)] });
      expect(component(card, 'commercial')).toMatchObject({ value: 100, detail: 'expansion won (existing business adding 8,000 to 40,000)' });
      expect(card.vector.reason).toContain('expansion won');
      const noUpsellReading = { ...defaultScoringConfig, deals: { ...defaultScoringConfig.deals, incrementBelow: 0 } };
      expect(component(score({ deals: [signedUp, stockDeal('existingbusiness', 8_000, 30)] }, noUpsellReading), 'commercial')).toMatchObject({ value: 30 });
    });

    it('when a renewal at the full value follows an upsell, then it is judged against the contract with the upsell in it', () => {
      const deals = classifyDeals(snapshotFromHubSpot({ company: stockCompany(), deals: [signedUp, stockDeal('existingbusiness', 10_000, 200), stockDeal('existingbusiness', 50_000, 30)] }, defaultScoringConfig).deals, defaultScoringConfig);
      expect(deals.map((d) => [d.kind, d.contractBefore, d.contractAfter])).toEqual([['new_business', null, 40_000], ['expansion', 40_000, 50_000], ['renewal', 50_000, 50_000]]);
    });

    it('when a renewal repeats the first-signed amount after an upsell, then it is a flat renewal and the upsell stays in the contract', () => {
      const history = { deals: [signedUp, stockDeal('existingbusiness', 10_000, 200), stockDeal('existingbusiness', 40_000, 30)] };
      const deals = classifyDeals(snapshotFromHubSpot({ company: stockCompany(), ...history }, defaultScoringConfig).deals, defaultScoringConfig);
      expect(deals.map((d) => [d.kind, d.contractBefore, d.contractAfter])).toEqual([['new_business', null, 40_000], ['expansion', 40_000, 50_000], ['renewal', 50_000, 50_000]]);
      const card = score(history);
      expect(component(card, 'commercial')).toMatchObject({ value: 80, detail: expect.stringContaining('repeating the first-signed 40,000') });
      expect(card.vector.reason).toContain('renewed flat');
    });

    it('when a renewal repeats the first-signed amount after a downgrade, then it is a flat renewal, not an expansion, and the downgrade stands', () => {
      const history = { deals: [signedUp, stockDeal('existingbusiness', 28_000, 150), stockDeal('existingbusiness', 40_000, 30)] };
      const card = score(history);
      expect(card.vector.reason).not.toContain('expansion won');
      expect(component(card, 'commercial')).toMatchObject({ value: 30, detail: expect.stringContaining('contracted') });
      const [, downgrade, renewal] = classifyDeals(snapshotFromHubSpot({ company: stockCompany(), ...history }, defaultScoringConfig).deals, defaultScoringConfig);
      expect([downgrade?.kind, renewal?.kind, renewal?.contractAfter]).toEqual(['contraction', 'renewal', 28_000]);
    });

    it('when the portal keeps renewals in a pipeline of their own, then the pipeline decides over the amount', () => {
      const config = { ...defaultScoringConfig, deals: { ...defaultScoringConfig.deals, pipelines: { renewal: ['renewals'], expansion: [], contraction: [] } } };
      const renewal = { ...stockDeal('existingbusiness', 90_000, 30), properties: { ...stockDeal('existingbusiness', 90_000, 30).properties, pipeline: 'renewals' } };
      const [, classified] = classifyDeals(snapshotFromHubSpot({ company: stockCompany(), deals: [signedUp, renewal] }, config).deals, config);
      expect(classified).toMatchObject({ kind: 'renewal', how: 'pipeline renewals' });
    });
  });

  describe('meetings without an outcome', () => {
    const weekly = Array.from({ length: 20 }, (_, week) => stockMeeting(2 + week * 7));

    it('when the CSM meets the customer weekly and nobody sets an outcome, then the customer is not dark and engagement is full', () => {
      const card = score({ engagements: { meetings: weekly } });
      expect(card.goneDark).toEqual({ dark: false, daysSinceTwoWay: 2 });
      expect(card.cohort).not.toBe('dark');
      expect(component(card, 'engagement').value).toBeGreaterThan(90);
    });

    it('when the same meetings were all cancelled, then the customer has gone dark', () => {
      const cancelled = weekly.map((m) => ({ ...m, properties: { ...m.properties, hs_meeting_outcome: 'CANCELED' } }));
      expect(score({ engagements: { meetings: cancelled } }).goneDark.dark).toBe(true);
    });

    it('when the portal requires COMPLETED, then meetings without an outcome do not count', () => {
      const config = { ...defaultScoringConfig, meetings: { ...defaultScoringConfig.meetings, requireCompleted: true } };
      expect(score({ engagements: { meetings: weekly } }, config).goneDark.dark).toBe(true);
    });
  });

  it('when an NPS answered by one of the company\'s contacts reaches its history, then sentiment reads it', () => {
    const answer = record({ hs_survey_type: 'NPS', hs_value: '10', hs_response_group: 'promoter', hs_submission_timestamp: daysAgo(12) });
    expect(component(score({ feedbackSubmissions: [answer] }), 'sentiment')).toMatchObject({ value: 100, detail: 'NPS 10 (promoter) 12 days ago' });
  });

  describe('countries and industries typed by hand', () => {
    it.each(['USA', 'U.S.', 'us', 'United States of America', ' united states ', 'US'])('when the country is "%s", then it matches United States', (country) => {
      const card = score({ company: stockCompany({ country }) });
      expect(card.fit.criteria.find((c) => c.property === 'country')).toMatchObject({ actual: country, passed: true });
      expect(card.fit.value).toBe('good');
    });

    it.each(['UK', 'Great Britain', 'GBR', 'The Netherlands', 'NL', 'Deutschland'])('when the country is "%s", then it matches its ISO country in the rules', (country) => {
      expect(score({ company: stockCompany({ country }) }).fit.criteria.find((c) => c.property === 'country')?.passed).toBe(true);
    });

    it('when the country is one the rules do not list, then it still does not pass', () => {
      expect(score({ company: stockCompany({ country: 'Brazil' }) }).fit.value).toBe('stretch');
    });

    it('when the industry holds HubSpot\'s option label instead of its internal value, then the rules still read it', () => {
      expect(score({ company: stockCompany({ industry: 'Computer Software' }) }).fit.value).toBe('good');
      expect(score({ company: stockCompany({ industry: 'Information Technology & Services' }) }).fit.value).toBe('good');
      expect(score({ company: stockCompany({ industry: 'Restaurants', country: 'USA' }) }).fit.value).toBe('bad');
    });
  });

  it('when a three-person customer thrives, then it is a stretch on the positive side, never bad fit or off-boarded', () => {
    const tiny = stockCompany({ numberofemployees: '3' });
    const answer = record({ hs_survey_type: 'NPS', hs_value: '10', hs_response_group: 'promoter', hs_submission_timestamp: daysAgo(5) });
    const card = score({ company: tiny, engagements: { meetings: Array.from({ length: 12 }, (_, w) => stockMeeting(1 + w * 7)) },
      deals: [stockDeal('newbusiness', 4_000, 300), stockDeal('existingbusiness', 8_000, 20)], feedbackSubmissions: [answer] });
    expect(card.fit.value).toBe('stretch');
    expect(card.cohort).toBe('positive');
    expect(card.nextPlay.play).not.toBe('off_board');
  });

  describe('contract facts without custom properties', () => {
    const openRenewal = (amount: number, inDays: number) => record({
      dealname: 'Renewal', dealtype: 'existingbusiness', amount: String(amount), closedate: daysAgo(-inDays), pipeline: 'default',
      dealstage: 'contractsent', hs_is_closed: 'false', hs_is_closed_won: 'false',
    });
    const snapshotOf = (history: Partial<HubSpotCompanyHistory>, company = stockCompany()) => snapshotFromHubSpot({ company, ...history }, defaultScoringConfig).company;

    it('when a stock customer has won deals, then its ARR is the contract they add up to and it lands in the segment for it', () => {
      const deals = [stockDeal('newbusiness', 40_000, 700), stockDeal('existingbusiness', 40_000, 335), stockDeal('existingbusiness', 12_000, 100)];
      expect(snapshotOf({ deals }).arr).toBe(52_000);
      expect(score({ deals }).segment).toBe('mid');
    });

    it('when HubSpot computed the won deal\'s ARR from recurring line items, then that ARR wins over the amount', () => {
      const deal = { ...stockDeal('newbusiness', 40_000, 100), properties: { ...stockDeal('newbusiness', 40_000, 100).properties, hs_arr: '36000' } };
      const monthly = { ...stockDeal('newbusiness', 40_000, 100), properties: { ...stockDeal('newbusiness', 40_000, 100).properties, hs_mrr: '2500' } };
      expect(snapshotOf({ deals: [deal] }).arr).toBe(36_000);
      expect(snapshotOf({ deals: [monthly] }).arr).toBe(30_000);
    });

    it('when the portal maps its own ARR property and the company has a value, then the mapping wins', () => {
      expect(snapshotOf({ deals: [stockDeal('newbusiness', 40_000, 100)] }, stockCompany({ annual_recurring_revenue: '99000' })).arr).toBe(99_000);
    });

    it('when the renewal deal is open, then its close date is the renewal date and an approaching unsigned renewal lowers commercial', () => {
      const deals = [stockDeal('newbusiness', 40_000, 330), openRenewal(40_000, 35)];
      expect(snapshotOf({ deals }).renewalDate).toBe(daysAgo(-35));
      expect(component(score({ deals }), 'commercial').detail).toContain('not signed');
    });

    it('when the only open deal is a small upsell, then there is no renewal date', () => {
      expect(snapshotOf({ deals: [stockDeal('newbusiness', 40_000, 200), openRenewal(5_000, 35)] }).renewalDate).toBeNull();
    });

    it('when the contract start is not mapped, then HubSpot\'s company close date, else the first won deal, says when the customer began', () => {
      expect(snapshotOf({ deals: [stockDeal('newbusiness', 40_000, 300)] }, stockCompany({ closedate: daysAgo(310) })).contractStartDate).toBe(daysAgo(310));
      expect(snapshotOf({ deals: [stockDeal('newbusiness', 40_000, 300)] }).contractStartDate).toBe(daysAgo(300));
    });

    it('when a stock customer has no deals, then ARR and the renewal date stay missing rather than guessed', () => {
      expect(snapshotOf({})).toMatchObject({ arr: null, renewalDate: null });
    });
  });
});
