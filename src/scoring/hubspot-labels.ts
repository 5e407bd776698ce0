import { own } from './own.ts';

// The words HubSpot shows for its standard company properties and their internal values, so a fit rule reads as
// the portal does ("Industry is Restaurants") rather than as the API does (industry in {RESTAURANTS}). A custom
// property or value falls back to its internal name made readable.

const propertyLabels: Readonly<Record<string, string>> = {
  industry: 'Industry',
  numberofemployees: 'Number of Employees',
  country: 'Country/Region',
  annualrevenue: 'Annual Revenue',
  state: 'State/Region',
  city: 'City',
  type: 'Type',
  lifecyclestage: 'Lifecycle Stage',
  hs_ideal_customer_profile: 'Ideal Customer Profile Tier',
  use_case: 'Use case',
};

const industryLabels: Readonly<Record<string, string>> = {
  COMPUTER_SOFTWARE: 'Computer Software',
  INFORMATION_TECHNOLOGY_AND_SERVICES: 'Information Technology and Services',
  INTERNET: 'Internet',
  MARKETING_AND_ADVERTISING: 'Marketing and Advertising',
  FINANCIAL_SERVICES: 'Financial Services',
  HOSPITAL_HEALTH_CARE: 'Hospital & Health Care',
  GOVERNMENT_ADMINISTRATION: 'Government Administration',
  RESTAURANTS: 'Restaurants',
  FARMING: 'Farming',
  RELIGIOUS_INSTITUTIONS: 'Religious Institutions',
  INDIVIDUAL_FAMILY_SERVICES: 'Individual & Family Services',
  HIGHER_EDUCATION: 'Higher Education',
  RETAIL: 'Retail',
  TELECOMMUNICATIONS: 'Telecommunications',
  MANAGEMENT_CONSULTING: 'Management Consulting',
  LOGISTICS_AND_SUPPLY_CHAIN: 'Logistics and Supply Chain',
  NON_PROFIT_ORGANIZATION_MANAGEMENT: 'Non-Profit Organization Management',
};

const valueLabels: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  industry: industryLabels,
  lifecyclestage: { customer: 'Customer', evangelist: 'Evangelist', opportunity: 'Opportunity', other: 'Other' },
};

/** COMPUTER_SOFTWARE -> Computer software; a value with lowercase letters is already what people typed. */
const readable = (raw: string): string => {
  if (/[a-z]/.test(raw)) return raw;
  const words = raw.toLowerCase().split(/_+/).filter((w) => w !== '');
  const text = words.join(' ');
  return text.length === 0 ? raw : text[0]!.toUpperCase() + text.slice(1);
};

export const propertyLabel = (property: string): string => own(propertyLabels, property) ?? readable(property);

export const valueLabel = (property: string, value: string): string => own(own(valueLabels, property) ?? {}, value) ?? readable(value);

export const numberLabel = (value: number): string => value.toLocaleString('en-US');
