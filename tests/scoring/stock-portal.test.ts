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
      expect(component(score({ deals: [signedUp, stockDeal('existingbusiness', 5_000, 30)] }), 'commercial')).toMatchObject({ value: 30 });
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
});
