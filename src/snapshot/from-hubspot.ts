import type { ScoringConfig } from '../scoring/config.schema.ts';
import type {
  CompanySnapshot, SnapshotContact, SnapshotDeal, SnapshotEngagement, SnapshotFeedback, SnapshotTicket,
} from '../scoring/snapshot.schema.ts';
import type { HubSpotCompanyHistory, HubSpotRecord } from './hubspot-records.schema.ts';
import { oneOf, toBoolean, toIsoDate, toNumber, toText } from './parse-values.ts';
import { own } from '../scoring/own.ts';
import { classifyDeals, isRenewalDeal } from '../scoring/deal-kinds.ts';

type EngagementType = 'calls' | 'emails' | 'meetings' | 'notes' | 'tasks';

const directions: Record<string, SnapshotEngagement['direction']> = {
  INCOMING_EMAIL: 'inbound', FORWARDED_EMAIL: 'inbound', EMAIL: 'outbound', INBOUND: 'inbound', OUTBOUND: 'outbound',
};

const engagementFields: Record<EngagementType, { kind: SnapshotEngagement['kind']; direction?: string; outcome?: string; title?: string }> = {
  calls: { kind: 'call', direction: 'hs_call_direction', outcome: 'hs_call_status', title: 'hs_call_title' },
  emails: { kind: 'email', direction: 'hs_email_direction', outcome: 'hs_email_status', title: 'hs_email_subject' },
  meetings: { kind: 'meeting', outcome: 'hs_meeting_outcome', title: 'hs_meeting_title' },
  notes: { kind: 'note' },
  tasks: { kind: 'task', outcome: 'hs_task_status', title: 'hs_task_subject' },
};

const prop = (record: HubSpotRecord, name: string | undefined): string | null => (name === undefined ? null : own(record.properties, name) ?? null);
const created = (r: HubSpotRecord) => toIsoDate(r.properties.createdate) ?? toIsoDate(r.createdAt);

/** Records that cannot be placed in time say nothing about recency or trend, so they are dropped. */
const engagementsOf = (type: EngagementType, rows: readonly HubSpotRecord[]): SnapshotEngagement[] => {
  const fields = engagementFields[type];
  return rows.flatMap((r) => {
    const timestamp = toIsoDate(r.properties.hs_timestamp) ?? toIsoDate(r.properties.hs_meeting_start_time) ?? created(r);
    if (timestamp === null) return [];
    return [{
      id: r.id, kind: fields.kind, direction: directions[prop(r, fields.direction) ?? ''] ?? null,
      outcome: toText(prop(r, fields.outcome)), title: toText(prop(r, fields.title)), timestamp,
    }];
  });
};

const ticketOf = (r: HubSpotRecord): SnapshotTicket[] => {
  const createdAt = created(r);
  return createdAt === null ? [] : [{
    id: r.id, priority: oneOf(r.properties.hs_ticket_priority, ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const),
    subject: toText(r.properties.subject), createdAt, closedAt: toIsoDate(r.properties.closed_date),
  }];
};

const MAX_LOST_REASON = 200;

const dealOf = (config: ScoringConfig) => (r: HubSpotRecord): SnapshotDeal => ({
  id: r.id, dealType: toText(prop(r, config.deals.typeProperty)), pipeline: toText(r.properties.pipeline), amount: toNumber(r.properties.amount),
  closeDate: toIsoDate(r.properties.closedate), isClosed: toBoolean(r.properties.hs_is_closed), isClosedWon: toBoolean(r.properties.hs_is_closed_won),
  lostReason: toText(prop(r, config.churn.lostRenewal.reasonProperty))?.slice(0, MAX_LOST_REASON) ?? null,
});

/** When the company left the customer stages: HubSpot's exit date, read only while its stage is no longer a customer one. */
const customerUntilOf = (properties: Readonly<Record<string, string | null>>, stage: string | null, config: ScoringConfig): string | null => {
  const exit = config.churn.lifecycleExit;
  if (exit === null || stage === null || exit.customerStages.includes(stage)) return null;
  return toIsoDate(own(properties, exit.exitedDateProperty) ?? null);
};

/** The survey type and answer come from the properties the portal maps (HubSpot's hs_survey_type and hs_value by default). */
const feedbackOf = (config: ScoringConfig) => (r: HubSpotRecord): SnapshotFeedback[] => {
  const { typeProperty, valueProperty, npsTypes, csatTypes } = config.feedback;
  const type = toText(prop(r, typeProperty))?.trim().toUpperCase() ?? null;
  const listed = (types: readonly string[]) => type !== null && types.some((t) => t.trim().toUpperCase() === type);
  const surveyType = listed(npsTypes) ? 'NPS' : listed(csatTypes) ? 'CSAT' : type === 'CES' ? 'CES' : null;
  const value = toNumber(prop(r, valueProperty));
  const submittedAt = toIsoDate(r.properties.hs_submission_timestamp) ?? toIsoDate(r.properties.hs_createdate) ?? created(r);
  if (surveyType === null || value === null || submittedAt === null) return [];
  const responseGroup = oneOf(r.properties.hs_response_group?.toLowerCase(), ['promoter', 'passive', 'detractor'] as const);
  return [{ id: r.id, surveyType, value, responseGroup, submittedAt }];
};

const domainOf = (value: string | null | undefined): string | null => {
  const text = value?.trim().toLowerCase() ?? '';
  const host = text.includes('@') ? text.slice(text.lastIndexOf('@') + 1) : text.replace(/^https?:\/\//, '').split('/')[0]!;
  const bare = host.replace(/^www\./, '');
  return bare === '' ? null : bare;
};

/**
 * Whether a contact still associated with the company has moved on, as HubSpot shows it: its primary company
 * (associatedcompanyid) is another company, or is empty while its email is on another domain than the company's.
 */
const movedOn = (r: HubSpotRecord, company: HubSpotRecord): boolean => {
  if (!('associatedcompanyid' in r.properties)) return false;
  const primary = toText(r.properties.associatedcompanyid);
  const email = domainOf(r.properties.email);
  const domain = domainOf(company.properties.domain);
  const sameDomain = email !== null && domain !== null && (email === domain || email.endsWith(`.${domain}`));
  const otherDomain = email !== null && domain !== null && !sameDomain;
  // A person at a parent company can have a subsidiary as a second association: same domain, not departed.
  if (primary !== null) return primary !== company.id && !sameDomain;
  return otherDomain;
};

type TitleChange = NonNullable<HubSpotCompanyHistory['titleChanges']>[number];

/**
 * Departed when the portal maps a property that says so (stock HubSpot has no such property), or when the contact's
 * primary company moved elsewhere (config contacts.primaryCompanyMoved).
 */
const contactOf = (config: ScoringConfig, company: HubSpotRecord, titleChanges: ReadonlyMap<string, TitleChange>) => (r: HubSpotRecord): SnapshotContact => {
  const { departedProperty, departedValues, primaryCompanyMoved } = config.contacts;
  const titleChange = titleChanges.get(r.id);
  const flag = departedProperty === null ? null : toText(prop(r, departedProperty))?.trim().toLowerCase() ?? null;
  const flagged = flag !== null && departedValues.some((v) => v.toLowerCase() === flag);
  return {
    id: r.id, jobTitle: toText(r.properties.jobtitle), leftCompany: flagged || (primaryCompanyMoved && movedOn(r, company)),
    createdAt: created(r), updatedAt: toIsoDate(r.properties.hs_lastmodifieddate) ?? toIsoDate(r.updatedAt),
    name: toText([r.properties.firstname, r.properties.lastname].filter((part) => part != null && part.trim() !== '').join(' ')),
    email: toText(r.properties.email),
    buyingRoles: (r.properties.hs_buying_role ?? '').split(';').map((role) => role.trim()).filter((role) => role !== ''),
    lastContactedAt: toIsoDate(r.properties.notes_last_contacted),
    ...(titleChange ? { previousJobTitle: titleChange.previousTitle, jobTitleChangedAt: toIsoDate(titleChange.changedAt) } : {}),
  };
};

/** A contact no longer linked to the company has left it, as of when the sync saw the link go. */
const departedContactsOf = (history: HubSpotCompanyHistory): SnapshotContact[] => {
  const current = new Set((history.contacts ?? []).map((c) => c.id));
  return (history.departedContacts ?? []).filter((d) => !current.has(d.id)).flatMap((d) => {
    const at = toIsoDate(d.departedAt);
    return at === null ? [] : [{ id: d.id, jobTitle: null, leftCompany: true, createdAt: null, updatedAt: at }];
  });
};

/** A won deal's annual recurring revenue as HubSpot computes it from recurring line items, where it does. */
const recurringOf = (r: HubSpotRecord): number | null => {
  const arr = toNumber(r.properties.hs_arr);
  if (arr !== null && arr > 0) return arr;
  const mrr = toNumber(r.properties.hs_mrr);
  return mrr !== null && mrr > 0 ? mrr * 12 : null;
};

/**
 * What the deals say when the portal maps no contract properties (a stock portal has none): ARR is HubSpot's own
 * hs_arr (or hs_mrr x 12) of the latest won deal that has it, else the contract the won amounts add up to; the
 * renewal date is the close date of the open renewal deal; the contract began when the first deal was won.
 */
const contractFromDeals = (records: readonly HubSpotRecord[], deals: readonly SnapshotDeal[], config: ScoringConfig) => {
  const classified = classifyDeals(deals, config);
  const won = classified.filter((d) => d.isClosedWon && d.at !== null);
  const byId = new Map(records.map((r) => [r.id, r]));
  const recurring = won.map((d) => { const r = byId.get(d.id); return r === undefined ? null : recurringOf(r); }).filter((v): v is number => v !== null).at(-1) ?? null;
  const contract = won.at(-1)?.contractAfter ?? null;
  const openRenewal = classified.find((d) => !d.isClosed && d.at !== null && isRenewalDeal(d, config));
  return {
    arr: recurring ?? (contract !== null && contract > 0 ? contract : null),
    renewalDate: openRenewal?.closeDate ?? null,
    contractStartDate: won[0]?.closeDate ?? null,
  };
};

/**
 * Builds the engine's snapshot from one company's HubSpot-shaped records, reading the company's facts through the
 * config's property mappings. Pure and lenient: unreadable values become null instead of failing the company.
 */
export const snapshotFromHubSpot = (history: HubSpotCompanyHistory, config: ScoringConfig): CompanySnapshot => {
  const p = config.properties;
  const c = history.company;
  const raw = (name: string | null) => (name === null ? null : own(c.properties, name) ?? null);
  const lifecycleStage = toText(raw(p.lifecycleStage));
  const engagements = history.engagements ?? {};
  const dealRecords = history.deals ?? [];
  const deals = dealRecords.map(dealOf(config));
  const fromDeals = contractFromDeals(dealRecords, deals, config);
  return {
    company: {
      id: c.id,
      name: toText(raw(p.name)),
      properties: { ...c.properties },
      lifecycleStage,
      arr: toNumber(raw(p.arr)) ?? fromDeals.arr,
      seats: toNumber(raw(p.seats)),
      activeUsers30d: toNumber(raw(p.activeUsers30d)),
      keyFeaturesUsed: toNumber(raw(p.keyFeaturesUsed)),
      createdAt: toIsoDate(raw(p.createdAt)) ?? toIsoDate(c.createdAt),
      contractStartDate: toIsoDate(raw(p.contractStartDate)) ?? toIsoDate(raw('closedate')) ?? fromDeals.contractStartDate,
      renewalDate: toIsoDate(raw(p.renewalDate)) ?? fromDeals.renewalDate,
      churnedAt: toIsoDate(raw(p.churnedAt)),
      churnReason: toText(raw(p.churnReason)),
      customerUntil: customerUntilOf(c.properties, lifecycleStage, config),
    },
    engagements: (Object.keys(engagementFields) as EngagementType[]).flatMap((type) => engagementsOf(type, engagements[type] ?? [])),
    tickets: (history.tickets ?? []).flatMap(ticketOf),
    deals,
    feedback: (history.feedbackSubmissions ?? []).flatMap(feedbackOf(config)),
    contacts: [
      ...(history.contacts ?? []).map(contactOf(config, c, new Map((history.titleChanges ?? []).map((t) => [t.id, t])))),
      ...departedContactsOf(history),
    ],
    usage: [...(history.usage ?? [])],
    previousCards: [...(history.previousCards ?? [])],
    milestoneOverrides: [...(history.milestoneOverrides ?? [])],
  };
};
