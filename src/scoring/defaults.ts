import { scoringConfigSchema } from './config.schema.ts';
import type { ScoringConfig, ScoringConfigInput } from './config.schema.ts';

/**
 * Default for a B2B SaaS portal on stock HubSpot properties; docs/scoring.md says what each key reads and
 * docs/emulator-archetypes.md describes the portals they are measured on. Deal kinds,
 * meeting outcomes and departed contacts take their defaults from config.schema.ts (older stored configs lack them).
 */
const defaultInput: ScoringConfigInput = {
  version: 1,
  customerFilter: { property: 'lifecyclestage', values: ['customer'] },
  properties: {
    name: 'name', createdAt: 'createdate', lifecycleStage: 'lifecyclestage', arr: 'annual_recurring_revenue',
    seats: 'seats_purchased', activeUsers30d: 'active_users_30d', keyFeaturesUsed: 'key_features_used',
    contractStartDate: 'contract_start_date', renewalDate: 'renewal_date', churnedAt: null, churnReason: null,
  },
  usage: { activeUsersMetric: 'active_users' },
  fit: {
    good: [
      { op: 'in', property: 'industry', values: ['COMPUTER_SOFTWARE', 'INFORMATION_TECHNOLOGY_AND_SERVICES', 'INTERNET', 'MARKETING_AND_ADVERTISING', 'FINANCIAL_SERVICES', 'HOSPITAL_HEALTH_CARE'] },
      { op: 'between', property: 'numberofemployees', min: 20, max: 5000 },
      { op: 'in', property: 'country', values: ['United States', 'Canada', 'United Kingdom', 'Germany', 'France', 'Netherlands', 'Ireland', 'Australia', 'Sweden'] },
    ],
    bad: [
      // Size alone never makes a bad fit: a thriving five-person team is a customer to keep (it is a stretch).
      { op: 'in', property: 'industry', values: ['GOVERNMENT_ADMINISTRATION', 'RESTAURANTS', 'FARMING', 'RELIGIOUS_INSTITUTIONS', 'INDIVIDUAL_FAMILY_SERVICES'] },
    ],
  },
  segments: [{ key: 'small', maxArr: 12000 }, { key: 'mid', maxArr: 100000 }, { key: 'large', maxArr: null }],
  lifecycle: { onboardingDays: 60 },
  milestones: {
    stuckAfterOverdueDays: 30,
    justReachedDays: 14,
    items: [
      { key: 'kickoff', label: 'Kick-off held', kind: 'customer', expectedDays: 14, condition: { type: 'meeting', titlePattern: 'kick-?off' } },
      { key: 'onboarding_complete', label: 'Onboarding complete', kind: 'customer', expectedDays: 45, condition: { type: 'meeting', titlePattern: 'onboarding' } },
      { key: 'first_value', label: 'First value event reached', kind: 'functional', expectedDays: 30, condition: { type: 'usage', metric: 'active_users', atLeast: 3 }, firstValue: true },
      { key: 'adoption', label: 'Half of the seats active', kind: 'functional', expectedDays: 90, condition: { type: 'depth', atLeast: 0.5 } },
      { key: 'first_business_review', label: 'First business review held', kind: 'customer', expectedDays: 120, condition: { type: 'meeting', titlePattern: 'business review|qbr' } },
      { key: 'executive_sponsor', label: 'Executive sponsor engaged', kind: 'customer', expectedDays: 90, condition: { type: 'executive_contact' } },
      { key: 'renewal_or_expansion', label: 'Renewal or expansion won', kind: 'customer', expectedDays: 365, condition: { type: 'deal_won', dealTypes: ['renewal', 'expansion'] } },
    ],
  },
  health: {
    components: {
      usage: { weight: 0.25, depthFull: 0.7, depthZero: 0.1, trendFull: 0.2, trendZero: -0.3, trendShare: 0.4, keyFeatureCount: 8, breadthShare: 0.2 },
      cadence: { weight: 0.08, windowDays: 90, expectedTouchesBySegment: { small: 0, mid: 3, large: 6 } },
      engagement: { weight: 0.2, fullWithinDays: 14, zeroAfterDays: 60, windowDays: 90, inboundForFull: 6, volumeShare: 0.3 },
      support: { weight: 0.12, urgentPenalty: 25, openPenalty: 5, stalePenalty: 10, staleAfterDays: 14 },
      sentiment: { weight: 0.12, withinDays: 365 },
      relationship: { weight: 0.08, executiveTitlePattern: '\\b(ceo|cfo|coo|cto|cio|cro|cmo|chief|vp|vice president|head of|president|founder)\\b', championLeftWithinDays: 180, roleChangePenalty: 25 },
      milestones: { weight: 0.05 },
      commercial: { weight: 0.1, renewalWindowDays: 90, expansionWithinDays: 180 },
    },
    weightsBySegment: { large: { cadence: 0.12, relationship: 0.12 } },
    weightsByStage: { onboarding: { milestones: 0.3, usage: 0.2, sentiment: 0.05, commercial: 0.03 } },
    status: { green: 70, yellow: 40 },
    vetoes: [
      { signal: 'urgentTicketsOpen', atLeast: 3, capStatus: 'red' },
      { signal: 'championLeft', atLeast: 1, capStatus: 'yellow' },
      { signal: 'daysSinceTwoWay', atLeast: 60, capStatus: 'red' },
    ],
  },
  dark: { defaultDays: 30, bySegment: {} },
  vector: {
    windowDays: 90, usageRising: 0.12, usageFalling: -0.2, healthTrendPoints: 10, expansionWithinDays: 120,
    sentimentWithinDays: 90, urgentTicketsNegative: 2, positiveAt: 2, negativeAt: -2,
  },
  priority: { riskByCohort: { negative: 1, dark: 0.8, neutral: 0.4, positive: 0.15, bad_fit: 0.1 }, renewalHorizonDays: 180 },
  plays: {
    nearPlanLimitDepth: 0.9,
    promoterWithinDays: 90,
    steps: {
      off_board: ['Plan a respectful exit with the customer before renewal', 'Offer alternatives that fit their needs', 'Close open tickets and keep word of mouth positive'],
      re_engage: ['Reach the customer on a channel not tried yet (phone, LinkedIn, another contact)', 'Lead with their goals, not the product', 'Propose one concrete next step with a date'],
      rescue: ['Align with the executive sponsor on the desired outcome', 'Fix the blockers: urgent tickets, integrations, training', 'Agree a recovery plan with dated milestones'],
      drive_adoption: ['Review usage against the next milestone', 'Run a training or enablement session for inactive users', 'Agree the next milestone and its date'],
      expansion_conversation: ['Share the value reached so far with numbers', 'Explore new teams or higher plan limits', 'Propose an expansion option'],
      advocacy_ask: ['Thank them for the results reached so far', 'Make the ask that fits the relationship'],
      monitor: ['Keep the regular cadence', 'Watch for changes in usage and sentiment'],
    },
    advocacyLadder: ['Ask for a short review or a quote', 'Ask for a case study', 'Ask to be a reference or speak at an event'],
  },
  churn: { unavoidableReasons: ['acquired', 'shutdown', 'bad_fit'], expectedWindowDays: 60 },
};

export const defaultScoringConfig: ScoringConfig = scoringConfigSchema.parse(defaultInput);
