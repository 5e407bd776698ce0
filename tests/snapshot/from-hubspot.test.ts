import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { companySnapshotSchema } from '../../src/scoring/snapshot.schema.ts';
import { snapshotFromHubSpot } from '../../src/snapshot/from-hubspot.ts';
import type { HubSpotCompanyHistory } from '../../src/snapshot/hubspot-records.schema.ts';
import { usagePointsFromDailySeries } from '../../src/snapshot/usage-series.ts';

const record = (id: string, properties: Record<string, string | null>) => ({ id, properties, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z' });

const history: HubSpotCompanyHistory = {
  company: record('101', {
    name: 'Acme', industry: 'COMPUTER_SOFTWARE', numberofemployees: '250', country: 'Germany', lifecyclestage: 'customer',
    annual_recurring_revenue: '48000', seats_purchased: '60', active_users_30d: '41', key_features_used: '5',
    contract_start_date: '2025-03-01', renewal_date: '1803859200000', churned_at: '', churn_reason: null, createdate: '2024-12-01T10:00:00.000Z',
  }),
  engagements: {
    emails: [
      record('e1', { hs_timestamp: '2026-10-20T09:00:00.000Z', hs_email_direction: 'INCOMING_EMAIL', hs_email_status: 'SENT', hs_email_subject: 'Re: rollout' }),
      record('e2', { hs_timestamp: '2026-10-21T09:00:00.000Z', hs_email_direction: 'FORWARDED_EMAIL', hs_email_status: 'SENT', hs_email_subject: 'Fwd' }),
      record('e3', { hs_timestamp: '2026-10-22T09:00:00.000Z', hs_email_direction: 'EMAIL', hs_email_status: 'SENT', hs_email_subject: 'Checking in' }),
    ],
    calls: [record('k1', { hs_timestamp: '2026-10-01T09:00:00.000Z', hs_call_direction: 'INBOUND', hs_call_status: 'COMPLETED' })],
    meetings: [record('m1', { hs_timestamp: '2025-03-05T09:00:00.000Z', hs_meeting_outcome: 'COMPLETED', hs_meeting_title: 'Kick-off' })],
    notes: [record('n1', { hs_timestamp: null, hs_note_body: 'x' }), { id: 'n2', properties: { hs_note_body: 'no time at all' } }],
  },
  tickets: [record('t1', { hs_ticket_priority: 'URGENT', createdate: '2026-10-25T00:00:00.000Z', closed_date: null }), record('t2', { hs_ticket_priority: 'whenever', createdate: '2026-09-01T00:00:00.000Z', closed_date: '2026-09-03T00:00:00.000Z' })],
  deals: [record('d1', { dealtype: 'expansion', amount: '12000', closedate: '2026-08-01T00:00:00.000Z', hs_is_closed: 'true', hs_is_closed_won: 'true' })],
  feedbackSubmissions: [
    record('f1', { hs_survey_type: 'NPS', hs_value: '9', hs_response_group: 'PROMOTER', hs_submission_timestamp: '2026-10-10T00:00:00.000Z' }),
    record('f2', { hs_survey_type: 'NPS', hs_value: 'n/a', hs_submission_timestamp: '2026-10-11T00:00:00.000Z' }),
  ],
  contacts: [record('p1', { jobtitle: 'Chief Financial Officer', left_company: 'false', hs_lastmodifieddate: '2026-05-01T00:00:00.000Z' }), record('p2', { jobtitle: null, left_company: 'true' })],
  usage: [{ date: '2026-10-31', metric: 'active_users', value: 41 }],
};

describe('snapshot from HubSpot records', () => {
  const snapshot = snapshotFromHubSpot(history, defaultScoringConfig);

  it('when a company comes from HubSpot, then the snapshot is valid against the documented schema', () => {
    expect(companySnapshotSchema.safeParse(snapshot).success).toBe(true);
  });

  it('when the company properties are strings, then the mapped facts are numbers and ISO dates (epoch ms and plain dates too)', () => {
    expect(snapshot.company).toMatchObject({
      id: '101', name: 'Acme', lifecycleStage: 'customer', arr: 48_000, seats: 60, activeUsers30d: 41, keyFeaturesUsed: 5,
      contractStartDate: '2025-03-01T00:00:00.000Z', renewalDate: '2027-03-01T00:00:00.000Z', churnedAt: null, churnReason: null,
      createdAt: '2024-12-01T10:00:00.000Z',
    });
    expect(snapshot.company.properties.industry).toBe('COMPUTER_SOFTWARE');
  });

  it.each([
    ['e1', 'email', 'inbound'],
    ['e2', 'email', 'inbound'],
    ['e3', 'email', 'outbound'],
    ['k1', 'call', 'inbound'],
    ['m1', 'meeting', null],
  ])('when engagement %s is read, then it is a %s with direction %s', (id, kind, direction) => {
    expect(snapshot.engagements.find((e) => e.id === id)).toMatchObject({ kind, direction });
  });

  it('when an engagement has no timestamp at all, then it falls back to the record date or is dropped', () => {
    expect(snapshot.engagements.find((e) => e.id === 'n1')?.timestamp).toBe('2026-01-01T00:00:00.000Z');
    expect(snapshot.engagements.some((e) => e.id === 'n2')).toBe(false);
  });

  it('when values are junk, then they become null or the record is skipped rather than failing the company', () => {
    expect(snapshot.tickets).toEqual([
      { id: 't1', priority: 'URGENT', subject: null, createdAt: '2026-10-25T00:00:00.000Z', closedAt: null },
      { id: 't2', priority: null, subject: null, createdAt: '2026-09-01T00:00:00.000Z', closedAt: '2026-09-03T00:00:00.000Z' },
    ]);
    expect(snapshot.feedback).toEqual([{ id: 'f1', surveyType: 'NPS', value: 9, responseGroup: 'promoter', submittedAt: '2026-10-10T00:00:00.000Z' }]);
  });

  it('when a contact has a name, buying roles and a last-contacted date, then a play can name them and their last touch', () => {
    const withPeople = snapshotFromHubSpot({
      ...history,
      contacts: [record('p9', {
        firstname: 'Dana', lastname: 'Lee', email: 'dana@acme.example', jobtitle: 'COO', hs_buying_role: 'EXECUTIVE_SPONSOR;DECISION_MAKER',
        notes_last_contacted: '2026-10-20T09:00:00.000Z',
      })],
      tickets: [record('t9', { subject: 'Export to CSV fails', hs_ticket_priority: 'HIGH', createdate: '2026-10-01T00:00:00.000Z' })],
    }, defaultScoringConfig);
    expect(withPeople.contacts[0]).toMatchObject({
      name: 'Dana Lee', email: 'dana@acme.example', buyingRoles: ['EXECUTIVE_SPONSOR', 'DECISION_MAKER'], lastContactedAt: '2026-10-20T09:00:00.000Z',
    });
    expect(withPeople.tickets[0]?.subject).toBe('Export to CSV fails');
  });

  it('when deals and contacts are read, then the flags become booleans', () => {
    expect(snapshot.deals).toEqual([{ id: 'd1', dealType: 'expansion', pipeline: null, amount: 12_000, closeDate: '2026-08-01T00:00:00.000Z', isClosed: true, isClosedWon: true, lostReason: null }]);
    expect(snapshot.contacts.map((c) => [c.id, c.jobTitle, c.leftCompany, c.updatedAt])).toEqual([
      ['p1', 'Chief Financial Officer', false, '2026-05-01T00:00:00.000Z'],
      ['p2', null, false, '2026-02-01T00:00:00.000Z'],
    ]);
  });

  it('when a portal maps its own "left company" property, then a contact flagged in it has left', () => {
    const config = { ...defaultScoringConfig, contacts: { departedProperty: 'left_company', departedValues: ['true', 'yes'], primaryCompanyMoved: true } };
    expect(snapshotFromHubSpot(history, config).contacts.map((c) => c.leftCompany)).toEqual([false, true]);
  });

  describe('a contact who moved to another employer, as HubSpot shows it', () => {
    const company = { id: '900', properties: { name: 'Acme', domain: 'acme.io', lifecyclestage: 'customer' } };
    const person = (id: string, properties: Record<string, string | null>) => ({ id, properties: { jobtitle: 'Head of Ops', hs_lastmodifieddate: '2026-09-01T00:00:00Z', ...properties } });
    const left = (contacts: ReturnType<typeof person>[], config = defaultScoringConfig) =>
      snapshotFromHubSpot({ company, contacts }, config).contacts.map((c) => c.leftCompany);

    it('when the contact is still associated but its primary company is now another one, then it has left', () => {
      expect(left([person('1', { associatedcompanyid: '901', email: 'ann@newco.com' }), person('2', { associatedcompanyid: '900', email: 'bo@acme.io' })])).toEqual([true, false]);
    });

    it('when the primary company was emptied and the email moved to another domain, then it has left; on the company\'s own domain it has not', () => {
      expect(left([person('1', { associatedcompanyid: null, email: 'ann@new-employer.com' }), person('2', { associatedcompanyid: '', email: 'bo@eu.acme.io' })])).toEqual([true, false]);
    });

    it('when a parent-company colleague on the same domain has another primary company, then it has not left', () => {
      expect(left([person('1', { associatedcompanyid: '777', email: 'cy@acme.io' })])).toEqual([false]);
    });

    it('when the portal turns the reading off, or the sync did not fetch the primary company, then nobody has left by it', () => {
      const off = { ...defaultScoringConfig, contacts: { ...defaultScoringConfig.contacts, primaryCompanyMoved: false } };
      expect(left([person('1', { associatedcompanyid: '901', email: 'ann@newco.com' })], off)).toEqual([false]);
      expect(left([person('1', { email: 'ann@newco.com' })])).toEqual([false]);
    });
  });

  it('when a portal keeps its deal kinds in a property of its own, then the snapshot reads that property as the deal type', () => {
    const config = { ...defaultScoringConfig, deals: { ...defaultScoringConfig.deals, typeProperty: 'deal_kind' } };
    const custom = { ...history, deals: [record('d1', { dealtype: 'existingbusiness', deal_kind: 'Upsell', pipeline: 'renewals' })] };
    expect(snapshotFromHubSpot(custom, config).deals[0]).toMatchObject({ dealType: 'Upsell', pipeline: 'renewals' });
  });

  it('when a portal maps ARR to its own property, then the snapshot reads that one', () => {
    const config = { ...defaultScoringConfig, properties: { ...defaultScoringConfig.properties, arr: 'mrr_times_twelve' } };
    const custom = { ...history, company: record('101', { ...history.company.properties, mrr_times_twelve: '99000' }) };
    expect(snapshotFromHubSpot(custom, config).company.arr).toBe(99_000);
  });
});

describe('usage series from the usage API', () => {
  it('when a daily series starts on a date, then each value becomes a point on its own day', () => {
    expect(usagePointsFromDailySeries({ metric: 'active_users', startDate: '2026-10-30', values: [3, 0, 7] })).toEqual([
      { date: '2026-10-30T00:00:00.000Z', metric: 'active_users', value: 3 },
      { date: '2026-10-31T00:00:00.000Z', metric: 'active_users', value: 0 },
      { date: '2026-11-01T00:00:00.000Z', metric: 'active_users', value: 7 },
    ]);
  });

  it('when the start date is unreadable, then no points are made', () => {
    expect(usagePointsFromDailySeries({ metric: 'active_users', startDate: 'soon', values: [3] })).toEqual([]);
  });
});
