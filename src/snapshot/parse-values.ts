/** HubSpot sends every value as a string; these read them leniently, treating junk as absent. */

export const toNumber = (raw: string | null | undefined): number | null => {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
};

// toISOString's own form with every field in range (days up to 28, so no month can roll one over; no hour 24):
// reading such a text as a date and writing it back gives the same text, and most of HubSpot's timestamps (and every
// one the store writes) look like this, so a snapshot's thousands of them need not each make a Date and a string.
const CANONICAL = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** Dates arrive as ISO date-times, plain dates, or epoch milliseconds (HubSpot's date properties). */
export const toIsoDate = (raw: string | null | undefined): string | null => {
  if (raw === null || raw === undefined) return null;
  if (CANONICAL.test(raw)) return raw;
  const value = raw.trim();
  if (value === '') return null;
  const ms = /^\d{9,}$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

export const toBoolean = (raw: string | null | undefined): boolean => raw?.trim().toLowerCase() === 'true';

export const toText = (raw: string | null | undefined): string | null => (raw === null || raw === undefined || raw.trim() === '' ? null : raw);

export const oneOf = <T extends string>(raw: string | null | undefined, values: readonly T[]): T | null => {
  const found = values.find((v) => v === raw?.trim());
  return found ?? null;
};
