import { z } from 'zod';
import { isAppError } from '../shared/errors.ts';
import { propertiesPath, type CrmObjectType } from './api-version.ts';
import type { PortalClient } from './client.ts';

// The portal's own property definitions, for the settings page's pickers: names, HubSpot's labels, types and the
// labels of enumeration options ("Computer Software", not COMPUTER_SOFTWARE).

export const settingsObjectTypes = ['companies', 'deals', 'contacts', 'feedback_submissions'] as const satisfies readonly CrmObjectType[];
export type SettingsObjectType = (typeof settingsObjectTypes)[number];

const MAX_PROPERTIES = 2_000;
const MAX_OPTIONS = 1_000;

const portalPropertySchema = z.object({
  name: z.string().min(1).max(200),
  label: z.string().max(400),
  type: z.string().max(40),
  fieldType: z.string().max(40).optional(),
  groupName: z.string().max(200).optional(),
  hidden: z.boolean().optional(),
  calculated: z.boolean().optional(),
  hubspotDefined: z.boolean().optional(),
  options: z.array(z.object({ label: z.string().max(400), value: z.string().max(400), hidden: z.boolean().optional() })).max(MAX_OPTIONS).optional(),
});
const listSchema = z.object({ results: z.array(portalPropertySchema).max(MAX_PROPERTIES) });

export interface PortalProperty {
  name: string;
  label: string;
  type: string;
  fieldType: string | null;
  group: string | null;
  hubspotDefined: boolean;
  options: Array<{ label: string; value: string }>;
}

export type PortalPropertiesResult =
  | { available: true; properties: PortalProperty[] }
  /** The app was not granted the object's scope (feedback submissions are optional), so its pickers stay empty. */
  | { available: false; reason: string };

const toPortalProperty = (p: z.infer<typeof portalPropertySchema>): PortalProperty => ({
  name: p.name,
  label: p.label || p.name,
  type: p.type,
  fieldType: p.fieldType ?? null,
  group: p.groupName ?? null,
  hubspotDefined: p.hubspotDefined ?? false,
  options: (p.options ?? []).filter((o) => !o.hidden).map((o) => ({ label: o.label || o.value, value: o.value })),
});

/** The visible properties of one object type, sorted by label, through the door's request. */
export const readPortalProperties = async (client: Pick<PortalClient, 'request'>, objectType: SettingsObjectType): Promise<PortalPropertiesResult> => {
  try {
    const listed = await client.request({ method: 'GET', path: propertiesPath(objectType), schema: listSchema });
    const properties = listed.results.filter((p) => !p.hidden).map(toPortalProperty).sort((a, b) => a.label.localeCompare(b.label));
    return { available: true, properties };
  } catch (error) {
    if (isAppError(error) && (error.code === 'HUBSPOT_MISSING_SCOPE' || error.code === 'HUBSPOT_NOT_FOUND')) {
      return { available: false, reason: error.message };
    }
    throw error;
  }
};
