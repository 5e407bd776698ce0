import { objectTypes, type ObjectType } from '../generator/index.ts';

const objectScope: Record<ObjectType, string> = {
  companies: 'crm.objects.companies', contacts: 'crm.objects.contacts', deals: 'crm.objects.deals', tickets: 'tickets',
  calls: 'crm.objects.contacts', emails: 'crm.objects.contacts', meetings: 'crm.objects.contacts', notes: 'crm.objects.contacts',
  tasks: 'crm.objects.contacts', feedback_submissions: 'crm.objects.feedback_submissions',
};

/** The granular scope an operation on an object type needs (tickets is a single scope in HubSpot). */
export const objectScopeFor = (type: ObjectType, access: 'read' | 'write'): string =>
  type === 'tickets' ? 'tickets' : `${objectScope[type]}.${access}`;

export const schemaScopeFor = (type: ObjectType, access: 'read' | 'write'): string =>
  `crm.schemas.${type === 'companies' || type === 'deals' ? type : 'contacts'}.${access}`;

/** Everything a token gets when a test or the CLI installs the app without going through the consent page. */
export const allScopes: readonly string[] = [
  'oauth',
  'crm.objects.owners.read',
  ...new Set(objectTypes.flatMap((t) => [objectScopeFor(t, 'read'), ...(t === 'feedback_submissions' ? [] : [objectScopeFor(t, 'write')]), schemaScopeFor(t, 'read'), schemaScopeFor(t, 'write')])),
];
