import type { ObjectType, PortalProfile } from '../generator/index.ts';
import { badIndustries, goodIndustries, otherIndustries } from '../generator/catalog.ts';

export interface PropertyOption { label: string; value: string; displayOrder: number; hidden: boolean; description?: string }

export interface PropertyDefinition {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  hubspotDefined: boolean;
  readOnlyValue: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PropertyGroup { name: string; label: string; displayOrder: number; archived: boolean }

/** HubSpot's allowed (type, fieldType) pairs; creating anything else is a 400. */
export const validFieldTypes: Readonly<Record<string, readonly string[]>> = {
  string: ['text', 'textarea', 'file', 'html', 'phonenumber'],
  number: ['number', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox', 'calculation_equation'],
  bool: ['booleancheckbox'],
  phone_number: ['phonenumber'],
};

type Spec = [name: string, type: string, fieldType: string, group: string, options?: readonly string[]];

const readOnly = new Set(['hs_object_id', 'createdate', 'hs_createdate', 'hs_lastmodifieddate', 'hs_merged_object_ids']);

const common = (group: string): Spec[] => [
  ['hs_object_id', 'number', 'number', group], ['createdate', 'datetime', 'date', group],
  ['hs_createdate', 'datetime', 'date', group], ['hs_lastmodifieddate', 'datetime', 'date', group],
  ['hubspot_owner_id', 'enumeration', 'select', group], ['hs_merged_object_ids', 'enumeration', 'checkbox', group],
];

const engagement = (group: string, extra: Spec[]): Spec[] => [...common(group), ['hs_timestamp', 'datetime', 'date', group], ...extra];

const specs: Record<ObjectType, Spec[]> = {
  companies: [
    ...common('companyinformation'),
    ['name', 'string', 'text', 'companyinformation'], ['domain', 'string', 'text', 'companyinformation'],
    // HubSpot's industry is an enumeration with a label per value; these are the values the generator uses.
    ['industry', 'enumeration', 'select', 'companyinformation', [...goodIndustries, ...badIndustries, ...otherIndustries]], ['numberofemployees', 'number', 'number', 'companyinformation'],
    ['annualrevenue', 'number', 'number', 'companyinformation'], ['country', 'string', 'text', 'companyinformation'],
    ['lifecyclestage', 'enumeration', 'radio', 'companyinformation', ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other']],
    ['closedate', 'datetime', 'date', 'companyinformation'],
    ['annual_recurring_revenue', 'number', 'number', 'customer_success'], ['contract_start_date', 'date', 'date', 'customer_success'],
    ['renewal_date', 'date', 'date', 'customer_success'], ['seats_purchased', 'number', 'number', 'customer_success'],
    ['active_users_30d', 'number', 'number', 'customer_success'], ['key_features_used', 'number', 'number', 'customer_success'],
    ['churned_at', 'date', 'date', 'customer_success'],
    ['churn_reason', 'enumeration', 'select', 'customer_success', ['acquired', 'shutdown', 'bad_fit', 'budget', 'competitor', 'product_gap', 'poor_adoption']],
    ['use_case', 'string', 'text', 'customer_success'],
  ],
  contacts: [...common('contactinformation'), ['firstname', 'string', 'text', 'contactinformation'], ['lastname', 'string', 'text', 'contactinformation'],
    ['email', 'string', 'text', 'contactinformation'], ['jobtitle', 'string', 'text', 'contactinformation'], ['associatedcompanyid', 'number', 'number', 'contactinformation'],
    ['lifecyclestage', 'enumeration', 'radio', 'contactinformation'], ['left_company', 'bool', 'booleancheckbox', 'contactinformation', ['true', 'false']]],
  deals: [...common('dealinformation'), ['dealname', 'string', 'text', 'dealinformation'], ['amount', 'number', 'number', 'dealinformation'],
    ['closedate', 'datetime', 'date', 'dealinformation'], ['pipeline', 'enumeration', 'select', 'dealinformation'], ['dealstage', 'enumeration', 'radio', 'dealinformation'],
    ['hs_is_closed', 'bool', 'booleancheckbox', 'dealinformation', ['true', 'false']], ['hs_is_closed_won', 'bool', 'booleancheckbox', 'dealinformation', ['true', 'false']],
    ['dealtype', 'enumeration', 'radio', 'dealinformation', ['newbusiness', 'existingbusiness', 'renewal', 'expansion', 'contraction']],
    ['closed_lost_reason', 'string', 'textarea', 'dealinformation']],
  tickets: [...common('ticketinformation'), ['subject', 'string', 'text', 'ticketinformation'], ['hs_pipeline', 'enumeration', 'select', 'ticketinformation'],
    ['hs_pipeline_stage', 'enumeration', 'select', 'ticketinformation'], ['hs_ticket_priority', 'enumeration', 'select', 'ticketinformation', ['LOW', 'MEDIUM', 'HIGH', 'URGENT']],
    ['closed_date', 'datetime', 'date', 'ticketinformation']],
  calls: engagement('callinformation', [['hs_call_direction', 'enumeration', 'select', 'callinformation', ['INBOUND', 'OUTBOUND']],
    ['hs_call_status', 'enumeration', 'select', 'callinformation'], ['hs_call_duration', 'number', 'number', 'callinformation'], ['hs_call_title', 'string', 'text', 'callinformation']]),
  emails: engagement('emailinformation', [['hs_email_direction', 'enumeration', 'select', 'emailinformation', ['EMAIL', 'INCOMING_EMAIL', 'FORWARDED_EMAIL']],
    ['hs_email_status', 'enumeration', 'select', 'emailinformation'], ['hs_email_subject', 'string', 'text', 'emailinformation']]),
  meetings: engagement('meetinginformation', [['hs_meeting_outcome', 'enumeration', 'select', 'meetinginformation', ['SCHEDULED', 'COMPLETED', 'RESCHEDULED', 'NO_SHOW', 'CANCELED']],
    ['hs_meeting_title', 'string', 'text', 'meetinginformation'], ['hs_meeting_start_time', 'datetime', 'date', 'meetinginformation'], ['hs_meeting_end_time', 'datetime', 'date', 'meetinginformation']]),
  notes: engagement('noteinformation', [['hs_note_body', 'string', 'textarea', 'noteinformation']]),
  tasks: engagement('taskinformation', [['hs_task_status', 'enumeration', 'select', 'taskinformation', ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED']],
    ['hs_task_priority', 'enumeration', 'select', 'taskinformation', ['NONE', 'LOW', 'MEDIUM', 'HIGH']], ['hs_task_type', 'enumeration', 'select', 'taskinformation', ['CALL', 'EMAIL', 'TODO']],
    ['hs_task_subject', 'string', 'text', 'taskinformation'], ['hs_task_body', 'string', 'textarea', 'taskinformation']]),
  feedback_submissions: engagement('feedbackinformation', [['hs_survey_type', 'enumeration', 'select', 'feedbackinformation', ['NPS', 'CSAT', 'CES']],
    ['hs_value', 'number', 'number', 'feedbackinformation'], ['hs_response_group', 'enumeration', 'select', 'feedbackinformation', ['promoter', 'passive', 'detractor']],
    ['hs_submission_timestamp', 'datetime', 'date', 'feedbackinformation'], ['hs_content', 'string', 'textarea', 'feedbackinformation']]),
};

const labelOf = (name: string): string => name.replace(/^hs_/, '').split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');

export const toOptions = (values: readonly string[]): PropertyOption[] =>
  values.map((value, displayOrder) => ({ label: labelOf(value.toLowerCase()), value, displayOrder, hidden: false }));

// The rich profile's custom additions, which a stock portal does not have.
const richOnly = new Set(['left_company']);
const stockDealTypes = ['newbusiness', 'existingbusiness'];

/** A stock portal holds HubSpot's standard properties with their standard options only. */
const specsFor = (type: ObjectType, profile: PortalProfile): Spec[] => {
  if (profile === 'rich') return specs[type];
  return specs[type]
    .filter(([name, , , group]) => group !== 'customer_success' && !richOnly.has(name))
    .map((spec): Spec => (type === 'deals' && spec[0] === 'dealtype' ? [spec[0], spec[1], spec[2], spec[3], stockDealTypes] : spec));
};

/** The starting schema of one object type: HubSpot's standard properties, plus the CS properties of a rich portal. */
export const defaultProperties = (type: ObjectType, at: string, profile: PortalProfile = 'rich'): PropertyDefinition[] =>
  specsFor(type, profile).map(([name, ptype, fieldType, groupName, options], displayOrder) => ({
    name, label: labelOf(name), type: ptype, fieldType, groupName, description: '', options: toOptions(options ?? []),
    displayOrder, hubspotDefined: groupName !== 'customer_success' && !richOnly.has(name), readOnlyValue: readOnly.has(name), createdAt: at, updatedAt: at,
  }));

export const defaultGroups = (type: ObjectType, profile: PortalProfile = 'rich'): PropertyGroup[] => {
  const names = [...new Set(specsFor(type, profile).map((s) => s[3]))];
  return names.map((name, displayOrder) => ({ name, label: labelOf(name.replace(/information$/, '_information')), displayOrder, archived: false }));
};

export const defaultListProperties: Record<ObjectType, readonly string[]> = {
  companies: ['name', 'domain', 'createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  contacts: ['firstname', 'lastname', 'email', 'createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  deals: ['dealname', 'amount', 'closedate', 'pipeline', 'dealstage', 'createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  tickets: ['subject', 'hs_pipeline', 'hs_pipeline_stage', 'hs_ticket_priority', 'createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  calls: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  emails: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  meetings: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  notes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  tasks: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  feedback_submissions: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};
