import { describe, expect, it } from 'vitest';
import { generatePortal, hashPortal, type CompanyChildren, type CompanyTruth, type Portal } from '../../emulator/generator/index.ts';

const DAY = 86_400_000;
const portal = generatePortal({ size: 'S', seed: 11 });
const nowMs = Date.parse(portal.now);

const twoWayTimes = (children: CompanyChildren): number[] => [
  ...children.emails.filter((e) => e.properties.hs_email_direction !== 'EMAIL').map((e) => e.properties.hs_timestamp),
  ...children.calls.filter((c) => c.properties.hs_call_direction === 'INBOUND' && c.properties.hs_call_status === 'COMPLETED').map((c) => c.properties.hs_timestamp),
  ...children.meetings.filter((m) => m.properties.hs_meeting_outcome === 'COMPLETED').map((m) => m.properties.hs_timestamp),
  ...children.tickets.map((t) => t.properties.createdate),
  ...children.feedback_submissions.map((f) => f.properties.hs_submission_timestamp),
].map((v) => Date.parse(v ?? ''));

const companiesWith = (p: Portal, match: (t: CompanyTruth) => boolean) =>
  p.companies.map((company, index) => ({ company, index, truth: p.truth.get(company.id) as CompanyTruth })).filter((c) => match(c.truth));

const usageRatio = (p: Portal, companyId: string): { ratio: number; depth: number } => {
  const series = p.usage(companyId);
  if (!series) throw new Error(`no usage for ${companyId}`);
  const last = series.values[series.values.length - 1] ?? 0;
  const before = series.values[series.values.length - 91] ?? 0;
  return { ratio: before === 0 ? Infinity : last / before, depth: last / series.seats };
};

describe('synthetic portal generator', () => {
  it('when the same seed is generated twice, then the portals are byte-identical, and another seed differs', () => {
    const first = hashPortal(generatePortal({ size: 'S', seed: 11 }));
    expect(hashPortal(generatePortal({ size: 'S', seed: 11 }))).toBe(first);
    const other = hashPortal(generatePortal({ size: 'S', seed: 12 }));
    expect(hashPortal(generatePortal({ size: 'S', seed: 12 }))).toBe(other);
    expect(other).not.toBe(first);
  });

  it('when a portal of each small size is generated, then it has the promised number of companies', () => {
    expect(portal.companies).toHaveLength(200);
    expect(generatePortal({ size: 'M', seed: 1 }).companies).toHaveLength(5000);
  });

  it('when an M portal is generated, then about 30% are prospects and every customer archetype is present in plausible shares', () => {
    const m = generatePortal({ size: 'M', seed: 3 });
    const counts = new Map<string, number>();
    for (const t of m.truth.values()) counts.set(t.archetype, (counts.get(t.archetype) ?? 0) + 1);
    const share = (a: string) => (counts.get(a) ?? 0) / m.companies.length;
    expect(share('prospect')).toBeGreaterThan(0.27);
    expect(share('prospect')).toBeLessThan(0.33);
    for (const archetype of ['thriving', 'stagnant', 'declining', 'gone_dark', 'bad_fit', 'stretch', 'onboarding', 'churned']) {
      expect(share(archetype), archetype).toBeGreaterThan(0.03);
      expect(share(archetype), archetype).toBeLessThan(0.2);
    }
  });

  it('when ground truth is read, then it is never present among the HubSpot properties', () => {
    for (const company of portal.companies) {
      const values = Object.entries(company.properties);
      expect(values.some(([k]) => /archetype|cohort|fit|truth/i.test(k))).toBe(false);
      for (const [, v] of values) expect(v === null || typeof v === 'string').toBe(true);
    }
  });

  it.each([
    ['thriving', (r: { ratio: number; depth: number }) => r.ratio >= 1.15 && r.depth >= 0.7],
    ['stagnant', (r: { ratio: number; depth: number }) => Math.abs(r.ratio - 1) <= 0.05 && r.depth >= 0.35 && r.depth <= 0.6],
    ['declining', (r: { ratio: number; depth: number }) => r.ratio <= 0.75 && r.depth < 0.35],
  ])('when a live customer behaves %s, then its usage over 90 days follows the archetype', (profile, holds) => {
    const matching = companiesWith(portal, (t) => t.healthProfile === profile && t.churn === null);
    expect(matching.length).toBeGreaterThan(3);
    for (const { company } of matching) expect(holds(usageRatio(portal, company.id)), company.id).toBe(true);
  });

  it('when a company is pinned to a last two-way touch, then no inbound touch, completed meeting, ticket or survey is more recent', () => {
    const pinned = companiesWith(portal, (t) => t.lastTwoWayDaysAgo !== null);
    for (const { index, truth } of pinned) {
      const anchor = truth.churn ? Date.parse(truth.churn.churnedAt) : nowMs;
      const latest = Math.max(...twoWayTimes(portal.children(index)).filter((ts) => ts <= anchor));
      expect((anchor - latest) / DAY, truth.companyId).toBeCloseTo(truth.lastTwoWayDaysAgo ?? 0, 5);
    }
  });

  it('when a customer has gone dark, then it has been silent 45-150 days, shows no usage, and outbound emails go unanswered', () => {
    const dark = companiesWith(portal, (t) => t.archetype === 'gone_dark');
    expect(dark.length).toBeGreaterThan(0);
    for (const { company, index, truth } of dark) {
      expect(truth.lastTwoWayDaysAgo).toBeGreaterThanOrEqual(45);
      expect(truth.lastTwoWayDaysAgo).toBeLessThanOrEqual(150);
      expect(company.properties.active_users_30d).toBe('0');
      const silentSince = nowMs - (truth.lastTwoWayDaysAgo ?? 0) * DAY;
      const outbound = portal.children(index).emails.filter((e) => Date.parse(e.properties.hs_timestamp ?? '') > silentSince);
      expect(outbound.length).toBeGreaterThan(0);
      expect(outbound.every((e) => e.properties.hs_email_direction === 'EMAIL')).toBe(true);
    }
  });

  it('when a good-fit customer is thriving, then it won an expansion in the last 120 days and its latest NPS is a promoter', () => {
    for (const { index, truth } of companiesWith(portal, (t) => t.archetype === 'thriving')) {
      const { deals, feedback_submissions: surveys } = portal.children(index);
      const expansion = deals.find((d) => d.properties.dealtype === 'expansion' && d.properties.hs_is_closed_won === 'true');
      expect(expansion, truth.companyId).toBeDefined();
      expect(nowMs - Date.parse(expansion?.properties.closedate ?? '')).toBeLessThan(120 * DAY);
      const nps = surveys.filter((s) => s.properties.hs_survey_type === 'NPS').at(-1);
      expect(Number(nps?.properties.hs_value)).toBeGreaterThanOrEqual(9);
    }
  });

  it('when a good-fit customer is declining, then it has two or more open HIGH or URGENT tickets and a detractor NPS', () => {
    for (const { index } of companiesWith(portal, (t) => t.archetype === 'declining')) {
      const { tickets, feedback_submissions: surveys } = portal.children(index);
      const urgentOpen = tickets.filter((t) => t.properties.closed_date === null && ['HIGH', 'URGENT'].includes(t.properties.hs_ticket_priority ?? ''));
      expect(urgentOpen.length).toBeGreaterThanOrEqual(2);
      const nps = surveys.filter((s) => s.properties.hs_survey_type === 'NPS').at(-1);
      expect(nps?.properties.hs_response_group).toBe('detractor');
    }
  });

  it('when a customer churned, then churned_at and churn_reason are set and the truth classifies it', () => {
    const churned = companiesWith(portal, (t) => t.churn !== null);
    expect(churned.length).toBeGreaterThan(0);
    for (const { company, truth } of churned) {
      expect(company.properties.lifecyclestage).toBe('customer');
      expect(company.properties.churned_at).toBe(truth.churn?.churnedAt.slice(0, 10));
      expect(company.properties.churn_reason).toBe(truth.churn?.reason);
      expect(truth.expectedCohort).toBeNull();
      const unavoidable = ['acquired', 'shutdown', 'bad_fit'].includes(truth.churn?.reason ?? '');
      expect(truth.churn?.avoidable).toBe(!unavoidable);
    }
  });

  it('when the default ideal-customer profile is applied to the properties, then it agrees with the recorded fit', () => {
    const good = { industries: ['COMPUTER_SOFTWARE', 'INFORMATION_TECHNOLOGY_AND_SERVICES', 'INTERNET', 'MARKETING_AND_ADVERTISING', 'FINANCIAL_SERVICES', 'HOSPITAL_HEALTH_CARE'],
      countries: ['United States', 'Canada', 'United Kingdom', 'Germany', 'France', 'Netherlands', 'Ireland', 'Australia', 'Sweden'] };
    const bad = ['GOVERNMENT_ADMINISTRATION', 'RESTAURANTS', 'FARMING', 'RELIGIOUS_INSTITUTIONS', 'INDIVIDUAL_FAMILY_SERVICES'];
    const m = generatePortal({ size: 'M', seed: 5 });
    for (const company of m.companies) {
      const { industry, numberofemployees, country } = company.properties;
      const employees = Number(numberofemployees);
      const fit = bad.includes(industry ?? '') ? 'bad'
        : good.industries.includes(industry ?? '') && employees >= 20 && employees <= 5000 && good.countries.includes(country ?? '') ? 'good' : 'stretch';
      expect(fit, company.id).toBe(m.truth.get(company.id)?.expectedFit);
    }
  });

  it('when a child record is regenerated after the cache let it go, then it is identical', () => {
    const small = generatePortal({ size: 'S', seed: 11, cacheCompanies: 1 });
    const first = JSON.stringify(small.children(5));
    small.children(6);
    expect(JSON.stringify(small.children(5))).toBe(first);
  });
});
