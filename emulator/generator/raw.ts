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
  contactOnly?: true;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

/**
 * Date#toISOString for years 1970-9999, several times faster: formatting timestamps dominated generating L and XL
 * portals. Days to civil date after Howard Hinnant's algorithm.
 */
export const iso = (msRaw: number): string => {
  const ms = Math.floor(msRaw);
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(rest - seconds * 1000)}Z`;
};

export const isoDate = (ms: number): string => iso(ms).slice(0, 10);
