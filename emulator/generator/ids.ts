import { companyIdBase } from './plan.ts';
import type { ChildType, ObjectType } from './types.ts';

// A child's id encodes its company's index, so any record can be regenerated from its id alone and lists can
// page through a type in id order company by company without materialising the whole portal.
export const CHILD_STRIDE = 1000;
const childBases: Record<ChildType, number> = {
  contacts: 1e11, deals: 2e11, tickets: 3e11, calls: 4e11, emails: 5e11, meetings: 6e11, notes: 7e11, tasks: 8e11,
  feedback_submissions: 9e11,
};
/** Objects created after generation (API or mutate helpers) live above every generated id of their type. */
export const CREATED_OFFSET = 9e10;

export const childId = (type: ChildType, companyIndex: number, ordinal: number): string =>
  String(childBases[type] + companyIndex * CHILD_STRIDE + ordinal);

export const createdIdBase = (type: ObjectType): number =>
  type === 'companies' ? companyIdBase + CREATED_OFFSET : childBases[type] + CREATED_OFFSET;

export interface DecodedId { companyIndex: number; ordinal: number }

/** Where a generated id came from, or null for ids that no generator could have produced. */
export const decodeId = (type: ObjectType, id: string, companyCount: number): DecodedId | null => {
  if (!/^\d{1,15}$/.test(id)) return null;
  const n = Number(id);
  if (type === 'companies') {
    const index = n - companyIdBase;
    return index >= 0 && index < companyCount ? { companyIndex: index, ordinal: 0 } : null;
  }
  const offset = n - childBases[type];
  if (offset < 0 || offset >= CREATED_OFFSET) return null;
  const companyIndex = Math.floor(offset / CHILD_STRIDE);
  return companyIndex < companyCount ? { companyIndex, ordinal: offset % CHILD_STRIDE } : null;
};
