// Vocabulary of the synthetic portals. The fit lists mirror docs/emulator-archetypes.md (the default ideal-customer
// profile the scoring engine ships with), so a change there must be made here too.

export const goodIndustries = [
  'COMPUTER_SOFTWARE', 'INFORMATION_TECHNOLOGY_AND_SERVICES', 'INTERNET', 'MARKETING_AND_ADVERTISING',
  'FINANCIAL_SERVICES', 'HOSPITAL_HEALTH_CARE',
] as const;
export const badIndustries = [
  'GOVERNMENT_ADMINISTRATION', 'RESTAURANTS', 'FARMING', 'RELIGIOUS_INSTITUTIONS', 'INDIVIDUAL_FAMILY_SERVICES',
] as const;
/** In neither list: a company here is a stretch at best. */
export const otherIndustries = [
  'RETAIL', 'CONSTRUCTION', 'EDUCATION_MANAGEMENT', 'HOSPITALITY', 'LOGISTICS_AND_SUPPLY_CHAIN', 'AUTOMOTIVE',
  'REAL_ESTATE', 'MECHANICAL_OR_INDUSTRIAL_ENGINEERING',
] as const;
export const goodCountries = [
  'United States', 'Canada', 'United Kingdom', 'Germany', 'France', 'Netherlands', 'Ireland', 'Australia', 'Sweden',
] as const;
export const otherCountries = ['Brazil', 'India', 'Japan', 'Mexico', 'Spain', 'Italy', 'Singapore', 'South Africa'] as const;
export const allIndustries = [...goodIndustries, ...badIndustries, ...otherIndustries];
export const allCountries = [...goodCountries, ...otherCountries];

export const useCases = [
  'customer onboarding', 'renewal management', 'support deflection', 'account expansion', 'revenue reporting',
  'partner management', 'field service scheduling', 'marketing attribution',
] as const;

const syllables = ['ac', 'ver', 'lum', 'tor', 'nex', 'ar', 'qu', 'io', 'zen', 'pra', 'mo', 'del', 'sy', 'tri', 'on', 'ka', 'ri', 'vo', 'bel', 'sta'];
const nameSuffixes = ['Labs', 'Systems', 'Group', 'Health', 'Analytics', 'Partners', 'Works', 'Cloud', 'Digital', 'Logistics'];
const legalForms = ['Inc.', 'Ltd', 'GmbH', 'LLC', 'BV', 'AB', 'SAS', 'Pty Ltd'];
export const companyNameParts = { syllables, nameSuffixes, legalForms };

export const firstNames = ['Ada', 'Ben', 'Chloe', 'Dmitri', 'Elena', 'Farah', 'Gus', 'Hana', 'Ivan', 'Jade', 'Kofi', 'Lena', 'Marco', 'Nia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara', 'Uma', 'Victor', 'Wen', 'Yusuf', 'Zoe'];
export const lastNames = ['Abbott', 'Bauer', 'Castro', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Jansen', 'Kowalski', 'Larsen', 'Moreau', 'Nakamura', 'Okafor', 'Patel', 'Quigley', 'Rossi', 'Schmidt', 'Tanaka', 'Umar', 'Varga', 'Walsh', 'Young', 'Zimmer'];

export const executiveTitles = [
  'CEO', 'CFO', 'COO', 'CTO', 'Chief Revenue Officer', 'VP Sales', 'VP Customer Success', 'VP Operations',
  'Head of Revenue', 'Head of Marketing',
];
export const championTitles = [
  'Operations Manager', 'Customer Success Manager', 'RevOps Lead', 'Marketing Operations Manager', 'Project Manager',
  'Sales Manager', 'Product Manager',
];
export const staffTitles = ['Account Executive', 'Analyst', 'Engineer', 'Consultant', 'Coordinator', 'Specialist', 'Support Agent', ''];

export const meetingTitles = { kickoff: 'Kick-off', review: 'Business review', onboarding: 'Onboarding session', checkin: 'Check-in' };
export const emailSubjects = {
  outbound: ['Checking in', 'Quarterly review agenda', 'New feature you asked about', 'Your renewal', 'Training invitation', 'Following up'],
  inbound: ['Re: Checking in', 'Question about reporting', 'Re: Quarterly review agenda', 'Adding two more users', 'Re: Following up'],
};
export const noteBodies = [
  'Discussed adoption goals for next quarter.', 'Customer asked about the API limits.', 'Reviewed open support issues.',
  'Champion is positive about the rollout.', 'Budget discussion pending for next year.', 'Shared training material.',
];
export const taskSubjects = ['Send recap', 'Prepare business review', 'Follow up on tickets', 'Schedule training', 'Renewal prep'];
export const ticketSubjects = [
  'Cannot export report', 'SSO login failing', 'Sync delayed', 'Invoice question', 'Feature request: bulk edit',
  'Dashboard slow to load', 'Integration error 500', 'Permissions not applied',
];
export const churnReasons = {
  avoidable: ['budget', 'competitor', 'product_gap', 'poor_adoption'],
  unavoidable: ['acquired', 'shutdown', 'bad_fit'],
} as const;

/** What a rep types into HubSpot's free-text `closed_lost_reason` (stock portals have no churn-reason property). */
export const closedLostReasons = {
  acquired: ['Acquired by another company', 'Company was acquired', 'M&A - parent uses another tool'],
  shutdown: ['Company shut down', 'Went out of business', 'Closed operations'],
  bad_fit: ['Not a fit', 'Product not suited to their business', 'Wrong use case'],
  budget: ['Budget cuts', 'No budget', 'Too expensive', 'price'],
  competitor: ['Went with competitor', 'Lost to competitor', 'Chose another vendor'],
  product_gap: ['Missing features', 'Product missing key integration', 'Feature gap'],
  poor_adoption: ['Low adoption', 'Never got value', 'Team stopped using it'],
  prospect: ['No decision', 'Timing', 'Went with competitor', 'No budget'],
  expansion: ['Not now', 'No budget', 'Timing'],
} as const;

/** How people type countries into a free-text field: the name, codes, local names, stray spaces and case. */
export const countrySpellings: Readonly<Record<string, readonly string[]>> = {
  'United States': ['USA', 'US', 'U.S.', 'United States of America', 'usa', 'U.S.A.'],
  'United Kingdom': ['UK', 'U.K.', 'Great Britain', 'England', 'GB'],
  Germany: ['Deutschland', 'DE', 'germany'],
  France: ['FR', 'france'],
  Netherlands: ['The Netherlands', 'Holland', 'NL', 'Nederland'],
  Canada: ['CAN', 'canada'],
  Ireland: ['IE', 'Republic of Ireland'],
  Australia: ['AU', 'AUS'],
  Sweden: ['SE', 'Sverige'],
  Brazil: ['Brasil', 'BR'],
  India: ['IN', 'india'],
  Japan: ['JP', 'Nippon'],
  Mexico: ['México', 'MX'],
  Spain: ['España', 'ES'],
  Italy: ['Italia', 'IT'],
  Singapore: ['SG'],
  'South Africa': ['ZA', 'RSA'],
};
