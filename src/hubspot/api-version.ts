import { z } from 'zod';

// HubSpot's date-based API paths (GA 2026-03-30); moving to a newer version is a one-line change here.
export const HUBSPOT_API_VERSION = '2026-03';

export const crmObjectTypeSchema = z.enum([
  'companies', 'contacts', 'deals', 'tickets', 'calls', 'emails', 'meetings', 'notes', 'tasks', 'feedback_submissions',
]);
export type CrmObjectType = z.infer<typeof crmObjectTypeSchema>;

const segment = (value: string | number): string => encodeURIComponent(String(value));

export const objectsPath = (type: CrmObjectType): string => `/crm/objects/${HUBSPOT_API_VERSION}/${type}`;
export const objectPath = (type: CrmObjectType, id: string): string => `${objectsPath(type)}/${segment(id)}`;
export const searchPath = (type: CrmObjectType): string => `${objectsPath(type)}/search`;
export const batchPath = (type: CrmObjectType, action: 'read' | 'update' | 'create'): string =>
  `${objectsPath(type)}/batch/${action}`;

export const associationsBatchReadPath = (fromType: CrmObjectType, toType: CrmObjectType): string =>
  `/crm/associations/${HUBSPOT_API_VERSION}/${fromType}/${toType}/batch/read`;

/** GET: the portal's owners (the HubSpot users records are assigned to), paged. */
export const ownersPath = `/crm/owners/${HUBSPOT_API_VERSION}`;
/** GET: one owner by the owner id a record's hubspot_owner_id holds. */
export const ownerPath = (ownerId: string): string => `${ownersPath}/${segment(ownerId)}`;

export const propertiesPath = (type: CrmObjectType): string => `/crm/properties/${HUBSPOT_API_VERSION}/${type}`;
export const propertyPath = (type: CrmObjectType, name: string): string => `${propertiesPath(type)}/${segment(name)}`;
export const propertyGroupsPath = (type: CrmObjectType): string => `${propertiesPath(type)}/groups`;
