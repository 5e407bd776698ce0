import type { CrmObjectType } from '../hubspot/api-version.ts';
import type { ScoringConfig } from '../scoring/config.schema.ts';

export type ChildType = Exclude<CrmObjectType, 'companies'>;

/** Synced in this order: contacts first, then the activity that scoring reads. */
export const childTypes = [
  'contacts', 'deals', 'tickets', 'calls', 'emails', 'meetings', 'notes', 'tasks', 'feedback_submissions',
] as const satisfies readonly ChildType[];

const common = ['hs_object_id', 'createdate', 'hs_lastmodifieddate', 'hs_merged_object_ids'];
const engagement = ['hs_timestamp', 'hubspot_owner_id'];

/**
 * What Waypoint reads per type (the snapshot builder's inputs), never more: fewer bytes per page. The portal's
 * config adds what it maps (a departed-contact property, its own deal type property): see syncSettingsFrom.
 */
const baseChildProperties: Record<ChildType, readonly string[]> = {
  contacts: [...common, 'firstname', 'lastname', 'email', 'jobtitle', 'hs_buying_role', 'notes_last_contacted', 'associatedcompanyid'],
  deals: [...common, 'dealname', 'amount', 'closedate', 'pipeline', 'dealstage', 'hs_is_closed', 'hs_is_closed_won', 'dealtype', 'hs_arr', 'hs_mrr'],
  tickets: [...common, 'subject', 'hs_pipeline', 'hs_pipeline_stage', 'hs_ticket_priority', 'closed_date'],
  calls: [...common, ...engagement, 'hs_call_direction', 'hs_call_status', 'hs_call_duration', 'hs_call_title'],
  emails: [...common, ...engagement, 'hs_email_direction', 'hs_email_status', 'hs_email_subject'],
  meetings: [...common, ...engagement, 'hs_meeting_outcome', 'hs_meeting_title', 'hs_meeting_start_time'],
  notes: [...common, ...engagement, 'hs_note_body'],
  tasks: [...common, ...engagement, 'hs_task_status', 'hs_task_priority', 'hs_task_type', 'hs_task_subject'],
  feedback_submissions: [...common, 'hs_survey_type', 'hs_value', 'hs_response_group', 'hs_createdate', 'hs_submission_timestamp', 'hs_content'],
};

const baseCompanyProperties = [
  ...common, 'name', 'domain', 'industry', 'numberofemployees', 'annualrevenue', 'country', 'lifecyclestage', 'hubspot_owner_id', 'use_case', 'closedate',
];

/** Which companies are customers, and which of their properties the portal's scoring config reads. */
export interface SyncSettings {
  customerFilter: { property: string; values: readonly string[] };
  companyProperties: readonly string[];
  childProperties: Readonly<Record<ChildType, readonly string[]>>;
}

export const syncSettingsFrom = (config: ScoringConfig): SyncSettings => {
  const fitProperties = [...config.fit.good, ...config.fit.bad].flatMap((criterion) => ('property' in criterion ? [criterion.property] : []));
  const segmentProperty = config.segmentBy.property === null ? [] : [config.segmentBy.property];
  const milestoneProperties = config.milestones.items.flatMap((m) => (m.condition.type === 'property_set' ? [m.condition.property] : []));
  const churnProperties = config.churn.lifecycleExit === null ? [] : [config.churn.lifecycleExit.exitedDateProperty];
  const names = new Set([
    ...baseCompanyProperties, config.customerFilter.property, ...Object.values(config.properties).filter((p): p is string => p !== null), ...churnProperties, ...fitProperties, ...segmentProperty, ...milestoneProperties,
  ]);
  const mapped: Partial<Record<ChildType, readonly (string | null)[]>> = {
    contacts: [config.contacts.departedProperty], deals: [config.deals.typeProperty, config.churn.lostRenewal.reasonProperty],
    feedback_submissions: [config.feedback.typeProperty, config.feedback.valueProperty],
  };
  const childProperties = { ...baseChildProperties };
  for (const [type, extra] of Object.entries(mapped) as [ChildType, (string | null)[]][]) {
    childProperties[type] = [...new Set([...baseChildProperties[type], ...extra.filter((p): p is string => p !== null)])];
  }
  return { customerFilter: config.customerFilter, companyProperties: [...names].sort(), childProperties };
};

export const isCustomer = (settings: SyncSettings, properties: Readonly<Record<string, string | null>>): boolean =>
  settings.customerFilter.values.includes(properties[settings.customerFilter.property] ?? '');

/** HubSpot's object type ids as webhooks name them. */
export const objectTypeById: Readonly<Record<string, CrmObjectType>> = {
  '0-1': 'contacts', '0-2': 'companies', '0-3': 'deals', '0-5': 'tickets', '0-19': 'feedback_submissions',
  '0-27': 'tasks', '0-46': 'notes', '0-47': 'meetings', '0-48': 'calls', '0-49': 'emails',
};

export const isChildType = (type: CrmObjectType): type is ChildType => type !== 'companies';
