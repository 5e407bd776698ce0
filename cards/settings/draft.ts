import type { EditableConfig, PortalProperty, PropertiesResponse, SettingsObjectType } from '../settings-data.schema.ts';

/** What every section gets: the working copy, a way to change part of it, the portal's properties, field errors. */
export type SectionProps = {
  draft: EditableConfig;
  update: (patch: Partial<EditableConfig>) => void;
  properties: PropertiesResponse['objects'];
  errors: Record<string, string>;
};

/**
 * The partial document to send: each top-level section that differs from the saved config, whole. The backend
 * merges objects and replaces lists, so a whole changed section says exactly what the admin changed.
 */
export const changedSections = (saved: EditableConfig, draft: EditableConfig): Record<string, unknown> => {
  const savedRecord = saved as Record<string, unknown>;
  return Object.fromEntries(Object.entries(draft).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(savedRecord[key])));
};

export const propertiesOf = (objects: PropertiesResponse['objects'], type: SettingsObjectType): PortalProperty[] => {
  const entry = objects[type];
  return entry.available ? entry.properties : [];
};

export const pickerOptions = (properties: readonly PortalProperty[], types?: readonly string[]) =>
  properties.filter((p) => types === undefined || types.includes(p.type)).map((p) => ({ label: `${p.label} (${p.name})`, value: p.name }));

/** HubSpot's label for a stored value ("Computer Software" for COMPUTER_SOFTWARE), or the value when none is known. */
export const optionLabel = (property: PortalProperty | undefined, value: string): string =>
  property?.options.find((o) => o.value === value)?.label ?? value;

export const numberOr = (value: number | undefined, fallback: number): number => (value === undefined || Number.isNaN(value) ? fallback : value);
