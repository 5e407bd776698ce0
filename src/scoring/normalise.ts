import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(english);

// Spellings people type that the ISO names list does not carry.
const countryAliases: Readonly<Record<string, string>> = {
  england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB', britain: 'GB',
  holland: 'NL', deutschland: 'DE', 'south korea': 'KR', korea: 'KR', russia: 'RU', 'czech republic': 'CZ',
};

const text = (raw: string): string => raw.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The ISO 3166-1 alpha-2 code for a country however it is written: a code (US, USA), a name, or a common spelling
 * (U.S., United States of America, UK); the trimmed lower-case text when nothing matches.
 */
export const countryKey = (raw: string): string => {
  const known = countryKeys.get(raw);
  if (known !== undefined) return known;
  const key = lookUpCountry(raw);
  if (countryKeys.size >= MAX_COUNTRY_KEYS) countryKeys.clear();
  countryKeys.set(raw, key);
  return key;
};

// Fit compares every company's country with each of the config's countries through the ISO names list, a linear
// search of a few hundred names: the costliest step of a score until each spelling is looked up once.
const countryKeys = new Map<string, string>();
const MAX_COUNTRY_KEYS = 10_000;

const lookUpCountry = (raw: string): string => {
  const value = text(raw);
  const upper = value.toUpperCase().replace(/\./g, '');
  if (/^[A-Z]{2}$/.test(upper) && countries.isValid(upper)) return upper;
  if (/^[A-Z]{3}$/.test(upper)) { const code = countries.alpha3ToAlpha2(upper); if (code) return code; }
  return countryAliases[value] ?? countries.getAlpha2Code(value, 'en') ?? value;
};

/**
 * HubSpot's industry option labels ("Hospital & Health Care") and internal values (HOSPITAL_HEALTH_CARE) on one key:
 * upper case, words joined by "_", with "and"/"&" dropped because the values drop them inconsistently.
 */
export const industryKey = (raw: string): string =>
  raw.toUpperCase().split(/[^A-Z0-9]+/).filter((word) => word !== '' && word !== 'AND').join('_');

export const normaliser = (kind: 'country' | 'industry' | 'text' | undefined): ((raw: string) => string) =>
  kind === 'country' ? countryKey : kind === 'industry' ? industryKey : text;
