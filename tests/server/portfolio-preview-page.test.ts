import { describe, expect, it } from 'vitest';
import { backtestBody, starPupilsBody } from '../../cards/__tests__/backtest.fixture.ts';
import { retentionDefinitions as homeDefinitions } from '../../cards/portfolio/retention-definitions.ts';
import { backtestResponseSchema } from '../../src/backtest/backtest.schema.ts';
import { starPupilProfileSchema } from '../../src/scoring/star-pupils.ts';
import {
  churnReviewBody, cohortsBody, goalsBody, movementBody, playEffectivenessBody, renewalsBody, retentionBody, worklistsBody,
} from '../../cards/__tests__/portfolio.fixture.ts';
import {
  portfolioChurnReviewSchema, portfolioGoalsSchema, portfolioMovementSchema, portfolioPlayEffectivenessSchema, portfolioRenewalsSchema, portfolioRetentionSchema, portfolioWorklistsSchema,
} from '../../src/portfolio/portfolio.schema.ts';
import { portfolioCohortsSchema } from '../../src/server/openapi/schemas.ts';
import { portfolioPage } from '../../src/server/preview/portfolio-page.ts';
import { retentionDefinitions as previewDefinitions } from '../../src/server/preview/portfolio-retention-html.ts';
import type { PortfolioView } from '../../src/server/preview/portfolio-view.ts';

// /preview/portfolio drawn from the very answers the home page's tests use (cards/__tests__/portfolio.fixture.ts),
// so the sandbox page and the HubSpot page are checked against one set of figures.

const ok = <T>(data: T) => ({ ok: true as const, data });
const fullView = (): PortfolioView => ({
  portalId: 4242, filters: {},
  cohorts: ok(portfolioCohortsSchema.parse(cohortsBody())),
  movement: ok(portfolioMovementSchema.parse(movementBody())),
  retention: ok(portfolioRetentionSchema.parse(retentionBody())),
  churnReview: ok(portfolioChurnReviewSchema.parse(churnReviewBody(12))),
  goals: ok(portfolioGoalsSchema.parse(goalsBody())),
  worklists: ok(portfolioWorklistsSchema.parse(worklistsBody())),
  renewals: ok(portfolioRenewalsSchema.parse(renewalsBody())),
  playEffectiveness: ok(portfolioPlayEffectivenessSchema.parse(playEffectivenessBody())),
  backtest: ok(backtestResponseSchema.parse(backtestBody())),
  starPupils: ok(starPupilProfileSchema.parse(starPupilsBody().profile)),
});

const cells = (page: string, testId: string): string[] => {
  const row = new RegExp(`<tr data-testid="${testId}">([\\s\\S]*?)</tr>`).exec(page)?.[1] ?? '';
  return [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => (m[1] ?? '').replace(/<br>/g, ' ').replace(/<[^>]+>/g, '').trim());
};

describe('the sandbox portfolio page', () => {
  it('when every section has data, then cohort cells link to their companies in the worklists and churned customers stand apart', () => {
    const page = portfolioPage(fullView());
    expect(page).toContain('<a href="/preview/portfolio?portalId=4242&amp;segment=smb&amp;cohort=dark#section-worklists" data-testid="cell-smb-dark">2</a>');
    expect(page).toMatch(/<td>smb<\/td>[\s\S]*?<td>1<br><span class="muted">6,000<\/span><\/td><\/tr>/);
    expect(page).toContain('href="/preview/portfolio/cohorts.csv?portalId=4242"');
  });

  it('when movement is drawn, then both windows list their transitions and the trend has a line per cohort ending at the latest week', () => {
    const page = portfolioPage(fullView());
    expect(cells(page, 'move-30-neutral-dark')).toEqual(['neutral', 'dark', '1', '7,000']);
    expect(cells(page, 'move-90-new-positive')).toEqual(['new customer', 'positive', '1', '120,000']);
    expect(page).toMatch(/<svg class="cohort-trend" data-testid="cohort-trend" data-weeks="2"/);
    expect(page).toContain('data-testid="trend-line-positive" data-last="3"');
    expect(page).toContain('data-testid="trend-line-neutral" data-last="12"');
  });

  it('when retention is drawn, then good-fit NRR heads each period beside all-customer NRR, with the definitions written out', () => {
    const page = portfolioPage(fullView());
    const headline = /data-testid="retention-headline-12">([\s\S]*?)<\/div><\/div>/.exec(page)?.[1]?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    expect(headline).toBe('Good-fit NRR 103.7% All-customer NRR 102.6% Good-fit GRR 100.0% Good-fit logo retention 100.0%');
    expect(cells(page, 'retention-12-bad-fit')).toEqual(['Bad fit', '1', '6,000', '0', '0', '6,000', '0.0%', '0.0%', '0.0%']);
    expect(cells(page, 'retention-3-bad-fit')).toEqual(['Bad fit', '0', '0', '0', '0', '0', '–', '–', '–']);
    expect(page).toContain('Start base: every customer with ARR above zero at the period&#39;s start');
  });

  it('when churn, goals, worklists and renewals are drawn, then each shows what the leader acts on', () => {
    const page = portfolioPage(fullView());
    expect(cells(page, 'churn-unavoidable')).toEqual(['Unavoidable', '1 6,000', '0 0']);
    expect(cells(page, 'churned-77')).toEqual(['Shoe Palace', 'smb', '2026-11-12', 'unavoidable, expected', 'bad fit: retail is outside the ideal customer profile', '6,000']);
    expect(cells(page, 'goal-g2')).toEqual(['positive enterprise', 'NRR at 150.0% in 12 months', '2027-06-01', '100.0%', '150.0%', '105.0%', '125.0%', 'behind']);
    expect(cells(page, 'work-12')).toEqual(['Blue Finch', '31', 'dark', 'smb', 'Re-engage', '2027-01-15', '7,000']);
    expect(page).toContain('data-testid="owner-none">No owner');
    expect(cells(page, 'renewal-12')).toEqual(['Blue Finch', '2027-01-15', '45 days', 'Grace Hopper', '31', 'dark', 'Re-engage', '7,000']);
  });

  it('when play effectiveness is drawn, then each play and outcome shows its count and health then, +30 and +90 days, "not yet" where unknown', () => {
    const page = portfolioPage(fullView());
    expect(cells(page, 'play-advocacy_ask-done-review')).toEqual(['Advocacy ask', 'done · review', '2', '55.0', '65.5', '80.0']);
    expect(cells(page, 'play-advocacy_ask-skipped-none')).toEqual(['Advocacy ask', 'skipped', '1', '40.0', 'not yet', 'not yet']);
    expect(page).toContain('href="/preview/portfolio/play-effectiveness.csv?portalId=4242"');
    const none = portfolioPage({ ...fullView(), playEffectiveness: ok({ ...portfolioPlayEffectivenessSchema.parse(playEffectivenessBody()), plays: [] }) });
    expect(none).toContain('data-testid="plays-empty">No play outcome recorded yet');
  });

  it('when the backtest is drawn, then the headline, the deciles, the segments and the components read as on the home page', () => {
    const page = portfolioPage(fullView());
    const headline = /data-testid="backtest-headline">([\s\S]*?)<\/div><\/div>/.exec(page)?.[1]?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    expect(headline).toBe('Health AUC 0.74 Churned while green 10.0% Precision of red 8.3%');
    expect(cells(page, 'decile-10')).toEqual(['10', '72-79', '40', '6', '15.0%']);
    expect(cells(page, 'backtest-segment-smb')).toEqual(['smb', '300', '16', '0.71', '12.5%', '8.0%']);
    expect(cells(page, 'backtest-segment-enterprise')).toEqual(['enterprise', '100', '4', 'n/a', '0.0%', '0.0%']);
    expect(cells(page, 'backtest-component-engagement')).toEqual(['engagement', '0.41', '-0.012', '350']);
    expect(page).toContain('health AUC 0.69 now, 0.74 proposed; churned while green 28.6% now, 14.3% proposed');
  });

  it('when the backtest is still being computed, then the section says so instead of figures', () => {
    const page = portfolioPage({ ...fullView(), backtest: ok({ status: 'computing' as const, portalId: 4242, horizonDays: 180 as const }) });
    expect(page).toContain('data-testid="backtest-empty">Waypoint is scoring your customers as they stood at each past month');
    expect(page).not.toContain('data-testid="backtest-deciles"');
  });

  it('when the star-pupil profile is drawn, then each segment and all together show first value, depth, breadth, cadence and features', () => {
    const page = portfolioPage(fullView());
    expect(cells(page, 'star-pupils-smb')).toEqual(['smb', '12', 'day 18', '62% of seats', '4', '2.3', 'reports (90%), api calls (50%)']);
    expect(cells(page, 'star-pupils-all')).toEqual(['All segments', '15', 'day 18', '62% of seats', '4', '2.3', 'reports (90%), api calls (50%)']);
    expect(cells(page, 'star-pupils-milestone-first_value')).toEqual(['first value', 'day 18', '–', 'day 18']);
    expect(portfolioPage({ ...fullView(), starPupils: ok(null) })).toContain('data-testid="star-pupils-empty">The profile is drawn at the next whole-portal scoring run.');
  });

  it('when one section could not be loaded, then it says why and the other sections are still drawn', () => {
    const page = portfolioPage({ ...fullView(), retention: { ok: false, message: 'the store is not reachable' } });
    expect(page).toContain('<p class="alert-inline" data-testid="retention-error">Retention could not be loaded: the store is not reachable</p>');
    expect(page).toContain('data-testid="churn-customers"');
  });

  it('when a section has nothing yet, then it says so instead of an empty table', () => {
    const view = fullView();
    const page = portfolioPage({ ...view, churnReview: ok({ ...portfolioChurnReviewSchema.parse(churnReviewBody(3)) }), goals: ok({ ...portfolioGoalsSchema.parse(goalsBody()), goals: [] }) });
    expect(page).toContain('data-testid="churn-empty">No customer churned in the last 3 months.');
    expect(page).toContain('data-testid="goals-empty">No goal set yet');
  });

  it('when a filter is set and a company name holds markup, then the filter is preselected and the name is shown as text', () => {
    const worklists = portfolioWorklistsSchema.parse(worklistsBody());
    const first = worklists.owners[0];
    if (!first) throw new Error('fixture has no owner');
    const named = { ...worklists, owners: [{ ...first, top: first.top.map((r) => ({ ...r, name: '<img src=x onerror=alert(1)>' })) }] };
    const page = portfolioPage({ ...fullView(), filters: { segment: 'smb', cohort: 'dark' }, worklists: ok(named) });
    expect(page).toContain('<option value="smb" selected>smb</option>');
    expect(page).toContain('<option value="dark" selected>dark</option>');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img src=x');
  });
});

describe('the retention definitions', () => {
  it('when the sandbox page and the HubSpot home page define retention, then they say the same words', () => {
    expect(previewDefinitions).toEqual(homeDefinitions);
  });
});
