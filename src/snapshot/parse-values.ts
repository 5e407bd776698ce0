/** HubSpot sends every value as a string; these read them leniently, treating junk as absent. */

export const toNumber = (raw: string | null | undefined): number | null => {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
};

/** Dates arrive as ISO date-times, plain dates, or epoch milliseconds (HubSpot's date properties). */
export const toIsoDate = (raw: string | null | undefined): string | null => {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const value = raw.trim();
  const ms = /^\d{9,}$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

export const toBoolean = (raw: string | null | undefined): boolean => raw?.trim().toLowerCase() === 'true';

export const toText = (raw: string | null | undefined): string | null => (raw === null || raw === undefined || raw.trim() === '' ? null : raw);

export const oneOf = <T extends string>(raw: string | null | undefined, values: readonly T[]): T | null => {
  const found = values.find((v) => v === raw?.trim());
  return found ?? null;
};
