import type { ChildType, Properties } from './types.ts';

export type ContactRole = 'champion' | 'exec' | 'staff';

/** A child record before it has an id: children.ts sorts these by time and numbers them. */
export interface RawRecord {
  type: ChildType;
  ts: number;
  props: Properties;
  contact: ContactRole | null;
  createdMs?: number;
  modifiedMs?: number;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoDate = (ms: number): string => iso(ms).slice(0, 10);
