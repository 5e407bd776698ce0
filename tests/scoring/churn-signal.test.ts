import { describe, expect, it } from 'vitest';
import { churnOf } from '../../src/scoring/churn-signal.ts';
import { parseScoringConfig } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { SnapshotDeal } from '../../src/scoring/snapshot.schema.ts';
import { snapshotFromHubSpot } from '../../src/snapshot/from-hubspot.ts';
import { NOW, aSnapshot, daysAgo } from './support/snapshot.ts';

let sequence = 0;
const deal = (days: number, dealType: string | null, amount: number | null, won: boolean | null, lostReason: string | null = null): SnapshotDeal => ({
  id: `d-${++sequence}`, dealType, amount, closeDate: daysAgo(days), isClosed: won !== null, isClosedWon: won === true, lostReason,
});
const firstSale = deal(700, 'newbusiness', 40_000, true);
const renewed = deal(335, 'existingbusiness', 40_000, true);

const DAY = 86_400_000;
const dayOf = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 10));

describe('churn read from standard HubSpot data', () => {
  it('when a stock customer lost its existing-business renewal and won nothing after, then it churned on the close date for the typed reason', () => {
    const snapshot = aSnapshot({ deals: [firstSale, renewed, deal(30, 'existingbusiness', 40_000, false, 'Went with competitor')] });
    expect(churnOf(snapshot, defaultScoringConfig)).toEqual({ at: NOW.getTime() - 30 * DAY, reason: 'went with competitor', source: 'lost_renewal' });
    const card = scoreCompany(snapshot, defaultScoringConfig, NOW);
    expect(card.churn).toMatchObject({ avoidable: true });
    expect(card.churn?.reason).toContain(`churned ${daysAgo(30).slice(0, 10)} (went with competitor)`);
    expect(card.priority).toBe(0);
  });

  it.each([
    ['Company was acquired', 'acquired', false], ['Went out of business', 'shutdown', false], ['Wrong use case', 'bad_fit', false],
    ['Budget cuts', 'budget cuts', true], [null, 'unknown', true],
  ])('when the lost renewal says "%s", then the reason reads %s and avoidable is %s', (text, code, avoidable) => {
    const snapshot = aSnapshot({ deals: [firstSale, deal(30, 'existingbusiness', 40_000, false, text)] });
    expect(churnOf(snapshot, defaultScoringConfig)?.reason).toBe(code);
    expect(scoreCompany(snapshot, defaultScoringConfig, NOW).churn?.avoidable).toBe(avoidable);
  });

  it('when the lost renewal was followed by a won deal (they came back), then the customer has not churned', () => {
    const snapshot = aSnapshot({ deals: [firstSale, deal(90, 'existingbusiness', 40_000, false, 'Budget'), deal(20, 'existingbusiness', 38_000, true)] });
    expect(churnOf(snapshot, defaultScoringConfig)).toBeNull();
    expect(scoreCompany(snapshot, defaultScoringConfig, NOW).churn).toBeNull();
  });

  it('when a small existing-business upsell was lost, then that is a lost upsell, not churn', () => {
    const snapshot = aSnapshot({ deals: [firstSale, renewed, deal(30, 'existingbusiness', 8_000, false, 'No budget')] });
    expect(churnOf(snapshot, defaultScoringConfig)).toBeNull();
  });

  it('when the lost deal is typed as an expansion by the portal, then it is not churn whatever its amount', () => {
    const snapshot = aSnapshot({ deals: [firstSale, deal(30, 'expansion', 60_000, false)] });
    expect(churnOf(snapshot, defaultScoringConfig)).toBeNull();
  });

  it('when the lost renewal was left without a deal type after a won contract, then it still reads as the lost renewal', () => {
    const snapshot = aSnapshot({ deals: [firstSale, deal(30, null, 40_000, false, 'Low adoption')] });
    expect(churnOf(snapshot, defaultScoringConfig)).toMatchObject({ source: 'lost_renewal', reason: 'low adoption' });
  });

  it('when a prospect lost its new-business deal, then nothing churned', () => {
    expect(churnOf(aSnapshot({ deals: [deal(30, 'newbusiness', 20_000, false, 'Timing')] }), defaultScoringConfig)).toBeNull();
  });

  it('when the renewal is still open, then the customer has not churned', () => {
    expect(churnOf(aSnapshot({ deals: [firstSale, { ...deal(-30, 'existingbusiness', 40_000, null) }] }), defaultScoringConfig)).toBeNull();
  });

  it('when the portal turns the lost-renewal signal off, then a lost renewal is not churn', () => {
    const config = parseScoringConfig({ ...defaultScoringConfig, churn: { ...defaultScoringConfig.churn, lostRenewal: { ...defaultScoringConfig.churn.lostRenewal, enabled: false } } });
    expect(config.ok).toBe(true);
    if (!config.ok) return;
    expect(churnOf(aSnapshot({ deals: [firstSale, deal(30, 'existingbusiness', 40_000, false)] }), config.value)).toBeNull();
  });

  it('when the portal maps its own churn date, then that date and reason win over the deals', () => {
    const snapshot = aSnapshot({ company: { churnedAt: daysAgo(45), churnReason: 'shutdown' }, deals: [firstSale, deal(30, 'existingbusiness', 40_000, false, 'Budget')] });
    expect(churnOf(snapshot, defaultScoringConfig)).toEqual({ at: NOW.getTime() - 45 * DAY, reason: 'shutdown', source: 'property' });
  });

  it('when the company left the customer lifecycle stage before its renewal was marked lost, then it churned when it left, for the deal\'s reason', () => {
    const snapshot = aSnapshot({ company: { lifecycleStage: 'other', customerUntil: daysAgo(50) }, deals: [firstSale, deal(30, 'existingbusiness', 40_000, false, 'Company shut down')] });
    expect(churnOf(snapshot, defaultScoringConfig)).toMatchObject({ source: 'lifecycle', reason: 'shutdown' });
    expect(dayOf(churnOf(snapshot, defaultScoringConfig)?.at)).toBe(daysAgo(50).slice(0, 10));
  });

  it('when the renewal was lost first and the lifecycle stage changed later, then it churned on the lost renewal', () => {
    const snapshot = aSnapshot({ company: { lifecycleStage: 'other', customerUntil: daysAgo(10) }, deals: [firstSale, deal(30, 'existingbusiness', 40_000, false, 'Budget')] });
    expect(churnOf(snapshot, defaultScoringConfig)).toEqual({ at: NOW.getTime() - 30 * DAY, reason: 'budget', source: 'lost_renewal' });
  });

  it('when the stage changed on the very day the renewal was lost, then the lost renewal is the signal', () => {
    const snapshot = aSnapshot({ company: { lifecycleStage: 'other', customerUntil: daysAgo(30) }, deals: [firstSale, deal(30, 'existingbusiness', 40_000, false, 'Budget')] });
    expect(churnOf(snapshot, defaultScoringConfig)?.source).toBe('lost_renewal');
  });

  it.each([
    ['  Budget cuts  ', 'budget cuts'], ['   ', 'unknown'],
  ])('when the lost reason is typed as "%s", then the reason reads %s', (text, reason) => {
    expect(churnOf(aSnapshot({ deals: [firstSale, deal(30, 'existingbusiness', 40_000, false, text)] }), defaultScoringConfig)?.reason).toBe(reason);
  });

  it.each([
    [null, 'unknown'], ['   ', 'unknown'], ['  acquired ', 'acquired'],
  ])('when the mapped churn reason is %j, then the reason reads %s, whether the date is mapped or the stage changed', (churnReason, reason) => {
    expect(churnOf(aSnapshot({ company: { churnedAt: daysAgo(45), churnReason } }), defaultScoringConfig)?.reason).toBe(reason);
    expect(churnOf(aSnapshot({ company: { lifecycleStage: 'other', customerUntil: daysAgo(45), churnReason } }), defaultScoringConfig)?.reason).toBe(reason);
  });

  it('when a churned customer has been silent since it left, then it is churned, not gone dark', () => {
    const card = scoreCompany(aSnapshot({ deals: [firstSale, deal(100, 'existingbusiness', 40_000, false)] }), defaultScoringConfig, NOW);
    expect(card.goneDark.dark).toBe(false);
    expect(card.churn).not.toBeNull();
  });
});

describe('churn from the synced HubSpot records', () => {
  const company = (properties: Record<string, string | null>) => ({ id: '1', properties: { name: 'Acme', createdate: '2024-01-01T00:00:00Z', ...properties } });

  it('when a company moved from customer to other, then HubSpot\'s date exited customer is the churn date', () => {
    const snapshot = snapshotFromHubSpot({ company: company({ lifecyclestage: 'other', hs_date_exited_customer: '2026-08-10T09:00:00Z' }) }, defaultScoringConfig);
    expect(snapshot.company.customerUntil).toBe('2026-08-10T09:00:00.000Z');
    expect(churnOf(snapshot, defaultScoringConfig)).toMatchObject({ source: 'lifecycle', reason: 'unknown' });
  });

  it('when a company moved on to evangelist, or is still a customer with an old exit date, then it has not churned', () => {
    for (const lifecyclestage of ['evangelist', 'customer']) {
      const snapshot = snapshotFromHubSpot({ company: company({ lifecyclestage, hs_date_exited_customer: '2026-08-10T09:00:00Z' }) }, defaultScoringConfig);
      expect(churnOf(snapshot, defaultScoringConfig), lifecyclestage).toBeNull();
    }
  });

  it('when a closed-lost existingbusiness deal carries closed_lost_reason, then the snapshot keeps the reason and churn reads it', () => {
    const deals: Array<{ id: string; properties: Record<string, string | null> }> = [
      { id: 'd1', properties: { dealtype: 'newbusiness', amount: '12000', closedate: '2025-02-01T00:00:00Z', hs_is_closed: 'true', hs_is_closed_won: 'true' } },
      { id: 'd2', properties: { dealtype: 'existingbusiness', amount: '12000', closedate: '2026-02-01T00:00:00Z', hs_is_closed: 'true', hs_is_closed_won: 'false', closed_lost_reason: ' M&A - parent uses another tool ' } },
    ];
    const snapshot = snapshotFromHubSpot({ company: company({ lifecyclestage: 'customer' }), deals }, defaultScoringConfig);
    expect(churnOf(snapshot, defaultScoringConfig)).toMatchObject({ source: 'lost_renewal', reason: 'acquired' });
    expect(dayOf(churnOf(snapshot, defaultScoringConfig)?.at)).toBe('2026-02-01');
  });
});
