import { memoBy } from './memo.ts';

export const DAY_MS = 86_400_000;

// Scoring reads the same few shapes of timestamp again and again (each component, each churn probe, each earlier card):
// the ISO shapes the store and HubSpot write are read digit by digit, which costs a fraction of Date.parse or of a
// lookup by string; any other shape (an offset, a local time) goes to Date.parse, once per distinct string.
const parseMs = memoBy((iso: string): number | null => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}, 200_000);

/** The number in s[from, from + count) when every character there is a digit, else -1. */
const digits = (s: string, from: number, count: number): number => {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
};

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
};

/**
 * YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ and YYYY-MM-DDTHH:MM:SS.sssZ in UTC, exactly as Date.parse reads them; undefined
 * for anything else, or for a value Date.parse treats specially (a day past the month's end, hour 24).
 */
const isoShapeMs = (s: string): number | undefined => {
  const n = s.length;
  if ((n !== 10 && n !== 20 && n !== 24) || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const date = daysFromCivil(year, month, day) * DAY_MS;
  if (n === 10) return date;
  if (s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(n - 1) !== 90) return undefined;
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  const milli = n === 24 ? (s.charCodeAt(19) === 46 ? digits(s, 20, 3) : -1) : 0;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || milli < 0) return undefined;
  return date + ((hour * 60 + minute) * 60 + second) * 1000 + milli;
};

/** The moment of a text written exactly as toISOString writes it (YYYY-MM-DDTHH:MM:SS.sssZ), else undefined. */
export const isoTimeMs = (text: string): number | undefined => (text.length === 24 ? isoShapeMs(text) : undefined);

// A day is written alike by every company's usage that names it, and the store hands those texts over shared: a
// portal's usage names a few hundred days, each read once and then looked up.
const dayMs = memoBy((text: string): number | null => isoShapeMs(text) ?? parseMs(text), 100_000);

export const toMs = (iso: string | null | undefined): number | null =>
  iso === null || iso === undefined ? null : iso.length === 10 ? dayMs(iso) : isoShapeMs(iso) ?? parseMs(iso);

export const daysBetween = (fromMs: number, toMsValue: number): number => Math.floor((toMsValue - fromMs) / DAY_MS);

// Every milestone's due day on every card is written as text; the days a portal's cards name are few.
const dayText = memoBy((day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10), 100_000);

export const isoDay = (ms: number): string => dayText(Math.floor(ms / DAY_MS));

/** The moment as an ISO date-time; the moments a portal's milestones were reached on repeat from card to card. */
export const isoTime = memoBy((ms: number) => new Date(ms).toISOString(), 100_000);

export const round = (value: number, decimals = 1): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

// NaN compares false both ways and would pass Math.min/max through; it reads as the bottom of the range instead.
export const clamp = (value: number, min = 0, max = 100): number => (Number.isNaN(value) ? min : Math.min(max, Math.max(min, value)));

/** Maps value linearly so that `zeroAt` gives 0 and `fullAt` gives 100 (either direction), clamped. */
export const scale = (value: number, zeroAt: number, fullAt: number): number =>
  zeroAt === fullAt ? (value >= fullAt ? 100 : 0) : clamp(((value - zeroAt) / (fullAt - zeroAt)) * 100);

export const percent = (ratio: number): string => `${Math.round(ratio * 100)}%`;

export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
