import countries from 'i18n-iso-countries';
import danish from 'i18n-iso-countries/langs/da.json' with { type: 'json' };
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import finnish from 'i18n-iso-countries/langs/fi.json' with { type: 'json' };
import french from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import german from 'i18n-iso-countries/langs/de.json' with { type: 'json' };
import italian from 'i18n-iso-countries/langs/it.json' with { type: 'json' };
import dutch from 'i18n-iso-countries/langs/nl.json' with { type: 'json' };
import norwegian from 'i18n-iso-countries/langs/nb.json' with { type: 'json' };
import polish from 'i18n-iso-countries/langs/pl.json' with { type: 'json' };
import portuguese from 'i18n-iso-countries/langs/pt.json' with { type: 'json' };
import spanish from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import swedish from 'i18n-iso-countries/langs/sv.json' with { type: 'json' };
import { memoBy } from './memo.ts';

// People type their own country's name ("Sverige", "Nederland", "Deutschland"): English first, then the languages of
// the markets a B2B portal most often sells in.
const locales = [english, german, french, spanish, italian, dutch, swedish, danish, norwegian, finnish, polish, portuguese];
for (const locale of locales) countries.registerLocale(locale);
const localeCodes = locales.map((l) => l.locale);

// Spellings people type that the ISO names list does not carry.
const countryAliases: Readonly<Record<string, string>> = {
  england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB', britain: 'GB',
  holland: 'NL', deutschland: 'DE', 'south korea': 'KR', korea: 'KR', russia: 'RU', 'czech republic': 'CZ',
  uk: 'GB', 'great britain': 'GB', 'republic of ireland': 'IE', eire: 'IE', 'the netherlands': 'NL', usa: 'US', 'united states of america': 'US',
};

const text = (raw: string): string => raw.trim().replace(/\s+/g, ' ').toLowerCase();

const lookUpCountry = (raw: string): string => {
  const value = text(raw);
  const upper = value.toUpperCase().replace(/\./g, '');
  if (/^[A-Z]{2}$/.test(upper) && countries.isValid(upper)) return upper;
  if (/^[A-Z]{3}$/.test(upper)) { const code = countries.alpha3ToAlpha2(upper); if (code) return code; }
  const bare = value.replace(/\./g, '');
  return countryAliases[value] ?? countryAliases[bare] ?? localeCodes.map((code) => countries.getAlpha2Code(value, code)).find((c) => c !== undefined) ?? value;
};

/**
 * The ISO 3166-1 alpha-2 code for a country however it is written: a code (US, USA), a name, or a common spelling
 * (U.S., United States of America, UK); the trimmed lower-case text when nothing matches.
 */
// Fit compares every company's country with each of the config's countries through the ISO names list, a linear
// search of a few hundred names: the costliest step of a score until each spelling is looked up once.
export const countryKey = memoBy(lookUpCountry, 10_000);

/**
 * HubSpot's industry option labels ("Hospital & Health Care") and internal values (HOSPITAL_HEALTH_CARE) on one key:
 * upper case, words joined by "_", with "and"/"&" dropped because the values drop them inconsistently.
 */
// A portal's companies share a few dozen industry values: each spelling is keyed once.
export const industryKey = memoBy((raw: string): string =>
  raw.toUpperCase().split(/[^A-Z0-9]+/).filter((word) => word !== '' && word !== 'AND').join('_'), 10_000);

export const normaliser = (kind: 'country' | 'industry' | 'text' | undefined): ((raw: string) => string) =>
  kind === 'country' ? countryKey : kind === 'industry' ? industryKey : text;
