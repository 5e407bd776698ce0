import { describe, expect, it } from 'vitest';
import { childTypes, generatePortal, hashPortal, type CompanyChildren, type CompanyTruth, type Portal } from '../../emulator/generator/index.ts';
import { defaultProperties } from '../../emulator/server/property-catalog.ts';

const DAY = 86_400_000;
const portal = generatePortal({ size: 'S', seed: 11 });
const stock = generatePortal({ size: 'M', seed: 4, profile: 'stock' });
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

const growth = (t: CompanyTruth): number => (t.trajectory && t.trajectory.valueBefore > 0 ? t.trajectory.value / t.trajectory.valueBefore : 1);
const shareOf = <T>(items: readonly T[], test: (item: T) => boolean): number => items.filter(test).length / Math.max(1, items.length);

describe('synthetic portal generator', () => {
  it('when the same seed is generated twice, then the portals are byte-identical, and another seed or profile differs', () => {
    const first = hashPortal(generatePortal({ size: 'S', seed: 11 }));
    expect(hashPortal(generatePortal({ size: 'S', seed: 11 }))).toBe(first);
    const other = hashPortal(generatePortal({ size: 'S', seed: 12 }));
    expect(hashPortal(generatePortal({ size: 'S', seed: 12 }))).toBe(other);
    expect(other).not.toBe(first);
    expect(hashPortal(generatePortal({ size: 'S', seed: 11, profile: 'stock' }))).not.toBe(first);
  });

  it('when a portal of each small size is generated, then it has the promised number of companies', () => {
    expect(portal.companies).toHaveLength(200);
    expect(stock.companies).toHaveLength(5000);
  });

  it('when an M portal is generated, then about 30% are prospects and every customer archetype is present in plausible shares', () => {
    const counts = new Map<string, number>();
    for (const t of stock.truth.values()) counts.set(t.archetype, (counts.get(t.archetype) ?? 0) + 1);
    const share = (a: string) => (counts.get(a) ?? 0) / stock.companies.length;
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
      expect(values.some(([k]) => /archetype|cohort|fit|truth|trajectory/i.test(k))).toBe(false);
      for (const [, v] of values) expect(v === null || typeof v === 'string').toBe(true);
    }
  });

  it('when a behaviour family is drawn, then its trajectory overlaps the next cohort so the truth is not the label', () => {
    const customers = companiesWith(stock, (t) => t.expectedCohort !== null && t.archetype !== 'bad_fit');
    const families = (profile: string) => customers.filter((c) => c.truth.healthProfile === profile);
    const thrivingNotPositive = shareOf(families('thriving'), (c) => c.truth.expectedCohort !== 'positive');
    const stagnantNotNeutral = shareOf(families('stagnant'), (c) => c.truth.expectedCohort !== 'neutral');
    expect(thrivingNotPositive).toBeGreaterThan(0.03);
    expect(thrivingNotPositive).toBeLessThan(0.3);
    expect(stagnantNotNeutral).toBeGreaterThan(0.01);
    expect(stagnantNotNeutral).toBeLessThan(0.3);
  });

  it('when a live customer is generated, then its active users follow the value its trajectory realises, now and 90 days ago', () => {
    for (const { company, truth } of companiesWith(portal, (t) => t.trajectory !== null && t.churn === null && t.healthProfile !== 'onboarding')) {
      const series = portal.usage(company.id)!;
      const at = (back: number) => (series.values[series.values.length - 1 - back] ?? 0) / series.seats;
      const tolerance = 0.04 + 1 / series.seats;
      expect(Math.abs(at(0) - truth.trajectory!.value), company.id).toBeLessThanOrEqual(tolerance);
      if (series.values.length > 91 && truth.healthProfile !== 'dark') expect(Math.abs(at(90) - truth.trajectory!.valueBefore), company.id).toBeLessThanOrEqual(tolerance);
    }
  });

  it('when a company is pinned to a last two-way touch, then no inbound touch, completed meeting, ticket or survey is more recent', () => {
    const pinned = companiesWith(portal, (t) => t.lastTwoWayDaysAgo !== null);
    for (const { index, truth } of pinned) {
      const anchor = truth.churn ? Date.parse(truth.churn.churnedAt) : nowMs;
      const latest = Math.max(...twoWayTimes(portal.children(index)).filter((ts) => ts <= anchor));
      expect((anchor - latest) / DAY, truth.companyId).toBeCloseTo(truth.lastTwoWayDaysAgo ?? 0, 5);
    }
  });

  it('when a customer is truly dark, then it has been silent six weeks or more, shows no usage, and outbound emails go unanswered', () => {
    const dark = companiesWith(portal, (t) => t.expectedDark === true);
    expect(dark.length).toBeGreaterThan(0);
    for (const { company, index, truth } of dark) {
      expect(truth.lastTwoWayDaysAgo).toBeGreaterThanOrEqual(42);
      expect(company.properties.active_users_30d).toBe('0');
      const silentSince = nowMs - (truth.lastTwoWayDaysAgo ?? 0) * DAY;
      const outbound = portal.children(index).emails.filter((e) => Date.parse(e.properties.hs_timestamp ?? '') > silentSince);
      expect(outbound.length).toBeGreaterThan(0);
      expect(outbound.every((e) => e.properties.hs_email_direction === 'EMAIL')).toBe(true);
    }
  });

  it('when customers gain or lose value, then expansions come mostly to the growing and urgent tickets mostly to the falling', () => {
    const live = companiesWith(stock, (t) => t.churn === null && t.trajectory !== null && t.healthProfile !== 'onboarding' && t.healthProfile !== 'dark');
    const growing = live.filter((c) => c.truth.trajectory!.value >= 0.5 && growth(c.truth) >= 1.1);
    const falling = live.filter((c) => growth(c.truth) < 0.8);
    const expanded = ({ index }: { index: number }) => stock.children(index).deals.some((d) => d.properties.dealname?.startsWith('Expansion') && d.properties.hs_is_closed_won === 'true');
    const urgentOpen = ({ index }: { index: number }) => stock.children(index).tickets.filter((t) => t.properties.closed_date === null && ['HIGH', 'URGENT'].includes(t.properties.hs_ticket_priority ?? '')).length >= 2;
    expect(shareOf(growing, expanded)).toBeGreaterThan(0.55);
    expect(shareOf(falling, expanded)).toBeLessThan(0.15);
    expect(shareOf(falling, urgentOpen)).toBeGreaterThan(2 * shareOf(growing, urgentOpen));
  });

  it('when churn is drawn from the trajectories, then low-value customers churn more and churn dates spread over the history', () => {
    const established = companiesWith(stock, (t) => t.trajectory !== null && t.healthProfile !== 'onboarding' && t.healthProfile !== 'dark' && t.expectedFit !== 'bad');
    const low = established.filter((c) => c.truth.trajectory!.value < 0.3);
    const high = established.filter((c) => c.truth.trajectory!.value >= 0.6);
    expect(shareOf(low, (c) => c.truth.churn !== null)).toBeGreaterThan(2 * shareOf(high, (c) => c.truth.churn !== null));
    const churnedDaysAgo = companiesWith(stock, (t) => t.churn !== null).map((c) => (nowMs - Date.parse(c.truth.churn!.churnedAt)) / DAY);
    expect(shareOf(churnedDaysAgo, (d) => d < 120)).toBeGreaterThan(0.1);
    expect(shareOf(churnedDaysAgo, (d) => d > 300)).toBeGreaterThan(0.1);
  });

  it('when a customer churned in a rich portal, then churned_at and churn_reason are set and the truth classifies it', () => {
    const churned = companiesWith(portal, (t) => t.churn !== null);
    expect(churned.length).toBeGreaterThan(0);
    for (const { company, truth } of churned) {
      expect(company.properties.lifecyclestage).toBe('customer');
      expect(company.properties.churned_at).toBe(truth.churn?.churnedAt.slice(0, 10));
      expect(company.properties.churn_reason).toBe(truth.churn?.reason);
      expect(truth.expectedCohort).toBeNull();
      const unavoidable = ['acquired', 'shutdown', 'bad_fit'].includes(truth.churn?.reason ?? '') || truth.expectedFit === 'bad';
      expect(truth.churn?.avoidable).toBe(!unavoidable);
    }
  });

  it('when a customer churned in a stock portal, then only a lost renewal on the churn date, with a typed reason, tells of it', () => {
    const churned = companiesWith(stock, (t) => t.churn !== null);
    for (const { company, index, truth } of churned.slice(0, 200)) {
      expect(company.properties.churned_at, truth.companyId).toBeUndefined();
      const lost = stock.children(index).deals.find((d) => d.properties.dealstage === 'closedlost' && d.properties.closedate === truth.churn?.churnedAt);
      expect(lost?.properties.dealtype === 'existingbusiness' || lost?.properties.dealtype === null, truth.companyId).toBe(true);
      expect(lost?.properties.closed_lost_reason, truth.companyId).toBeTruthy();
    }
  });

  it('when the default ideal-customer profile is applied to a rich portal, then it agrees with the recorded fit', () => {
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

  it('when a stock portal is generated, then its records use only the standard properties the emulator serves for it', () => {
    const served = (type: 'companies' | 'contacts' | 'deals') => new Set(defaultProperties(type, stock.now, 'stock').map((p) => p.name));
    const companyProps = served('companies');
    for (const company of stock.companies) for (const name of Object.keys(company.properties)) expect(companyProps.has(name), name).toBe(true);
    const dealProps = served('deals');
    const contactProps = served('contacts');
    for (let i = 0; i < 300; i++) {
      const children = stock.children(i);
      for (const d of children.deals) {
        for (const name of Object.keys(d.properties)) expect(dealProps.has(name), name).toBe(true);
        expect([null, 'newbusiness', 'existingbusiness']).toContain(d.properties.dealtype);
      }
      for (const c of children.contacts) for (const name of Object.keys(c.properties)) expect(contactProps.has(name), name).toBe(true);
    }
  });

  it('when a stock portal is generated, then meetings mostly lack an outcome, surveys hang off contacts, countries are messy and owners share accounts', () => {
    const children = Array.from({ length: 400 }, (_, i) => stock.children(i));
    const meetings = children.flatMap((c) => c.meetings);
    expect(shareOf(meetings, (m) => m.properties.hs_meeting_outcome === null)).toBeGreaterThan(0.6);
    const surveys = children.flatMap((c) => c.feedback_submissions);
    expect(surveys.length).toBeGreaterThan(0);
    expect(surveys.every((s) => s.contactOnly === true)).toBe(true);
    const countries = new Set(stock.companies.map((c) => c.properties.country));
    for (const spelling of ['USA', 'U.S.', 'Deutschland', null]) expect(countries.has(spelling), String(spelling)).toBe(true);
    const owners = children.map((c) => new Set(c.calls.concat(c.emails, c.meetings).map((e) => e.properties.hubspot_owner_id)).size);
    expect(shareOf(owners, (n) => n > 1)).toBeGreaterThan(0.2);
  });

  it('when a child record is regenerated after the cache let it go, then it is identical', () => {
    const small = generatePortal({ size: 'S', seed: 11, cacheCompanies: 1 });
    const first = JSON.stringify(small.children(5));
    small.children(6);
    expect(JSON.stringify(small.children(5))).toBe(first);
  });

  it('when a company\'s child types are read one at a time in any order, then each is what reading them all in order gives', () => {
    const inOrder = generatePortal({ size: 'S', seed: 11, cacheCompanies: 0 });
    const oneAtATime = generatePortal({ size: 'S', seed: 11, cacheCompanies: 0 });
    for (let index = 0; index < 40; index++) {
      const all = JSON.parse(JSON.stringify(inOrder.children(index))) as Record<string, unknown>;
      for (const type of [...childTypes].reverse()) expect(JSON.parse(JSON.stringify(oneAtATime.children(index)[type])), `${index} ${type}`).toEqual(all[type]);
    }
  });
});
