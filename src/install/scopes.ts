// The one list of OAuth scopes, shared by the install redirect and the app manifest (app-hsmeta.json).
// HubSpot rejects an install whose requested scopes are not declared in the manifest, so both read from here.
// No sensitive-data scope: an app holding one cannot use hubspot.fetch from its cards.

/** What Waypoint cannot work without: read the customer picture, write scores back, manage its own properties. */
export const requiredScopes = [
  'oauth',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  // Also gates calls, emails, meetings, notes and tasks (the engagement history).
  'crm.objects.contacts.read',
  'crm.objects.deals.read',
  'tickets',
  'crm.schemas.companies.read',
  'crm.schemas.companies.write',
] as const;

/** Granted when the portal has them: survey answers (Service Hub), creating next-play tasks and naming their owner. */
export const optionalScopes = [
  'crm.objects.feedback_submissions.read',
  'crm.objects.contacts.write',
  'crm.objects.owners.read',
] as const;

export type Scope = (typeof requiredScopes)[number] | (typeof optionalScopes)[number];
