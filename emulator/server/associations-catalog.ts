import type { ObjectType } from '../generator/index.ts';

// HubSpot-defined association type ids between the object types the emulator serves. Feedback submissions have
// no documented company association id; the emulator uses its own.
const singular: Record<ObjectType, string> = {
  companies: 'company', contacts: 'contact', deals: 'deal', tickets: 'ticket', calls: 'call', emails: 'email',
  meetings: 'meeting', notes: 'note', tasks: 'task', feedback_submissions: 'feedback_submission',
};

const toCompany: Record<Exclude<ObjectType, 'companies'>, [number, number]> = {
  contacts: [279, 280], deals: [341, 342], tickets: [339, 340], calls: [182, 181], emails: [186, 185],
  meetings: [188, 187], notes: [190, 189], tasks: [192, 191], feedback_submissions: [1262, 1263],
};
const toContact: Partial<Record<ObjectType, [number, number]>> = {
  deals: [3, 4], tickets: [16, 15], calls: [194, 193], emails: [198, 197], meetings: [200, 199], notes: [202, 201],
  tasks: [204, 203], feedback_submissions: [1264, 1265],
};

export interface AssociationType { category: 'HUBSPOT_DEFINED'; typeId: number; label: null }

/** The type id from one object type to another, or undefined when HubSpot has no such pair. */
export const associationTypeId = (from: ObjectType, to: ObjectType): number | undefined => {
  if (to === 'companies' && from !== 'companies') return toCompany[from][0];
  if (from === 'companies' && to !== 'companies') return toCompany[to][1];
  if (to === 'contacts') return toContact[from]?.[0];
  if (from === 'contacts') return toContact[to]?.[1];
  return undefined;
};

export const associationLabel = (from: ObjectType, to: ObjectType): string => `${singular[from]}_to_${singular[to]}`;

export const objectTypeIds: Record<ObjectType, string> = {
  companies: '0-2', contacts: '0-1', deals: '0-3', tickets: '0-5', calls: '0-48', emails: '0-49', meetings: '0-47',
  notes: '0-46', tasks: '0-27', feedback_submissions: '0-19',
};
