import { z } from 'zod';
import { numberBounds, type NumberBound } from './bounds.ts';

/**
 * One company's synced history as the scoring engine consumes it. Values are already normalised from HubSpot's
 * strings (src/snapshot/from-hubspot.ts does that); dates are ISO 8601 strings so the snapshot is plain JSON.
 */
const isoDate = z.iso.datetime({ offset: true, local: false }).or(z.iso.date()).describe('ISO 8601 date or date-time');
const nullableDate = isoDate.nullable();
// Each number within its documented range (docs/bounds.md), so a snapshot file cannot carry a poison value.
const inRange = (range: NumberBound) => z.number().min(range.min).max(range.max);

export const engagementKinds = ['email', 'call', 'meeting', 'note', 'task'] as const;
export const engagementDirections = ['inbound', 'outbound'] as const;

export const snapshotCompanySchema = z.object({
  id: z.string().min(1),
  name: z.string().nullable(),
  /** Raw company properties the fit rules read (industry, numberofemployees, country, use_case...). */
  properties: z.record(z.string(), z.string().nullable()),
  lifecycleStage: z.string().nullable(),
  arr: inRange(numberBounds.arr).nullable(),
  seats: inRange(numberBounds.seats).nullable(),
  /** Current active users over the last 30 days, as the portal's property says (the series is richer). */
  activeUsers30d: inRange(numberBounds.activeUsers30d).nullable(),
  keyFeaturesUsed: inRange(numberBounds.keyFeaturesUsed).nullable(),
  createdAt: nullableDate,
  contractStartDate: nullableDate,
  renewalDate: nullableDate,
  /** The portal's own churn date and reason, when it maps properties for them (stock HubSpot has none). */
  churnedAt: nullableDate,
  churnReason: z.string().nullable(),
  /** When the company left the customer lifecycle stages, if its current stage is no longer one of them. */
  customerUntil: nullableDate.optional(),
});

export const snapshotEngagementSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(engagementKinds),
  /** inbound = the customer reached us; null when HubSpot does not say (notes, tasks). */
  direction: z.enum(engagementDirections).nullable(),
  /** Meeting outcome (COMPLETED, NO_SHOW...), call status or email status, as HubSpot gives it. */
  outcome: z.string().nullable(),
  title: z.string().nullable(),
  timestamp: isoDate,
});

export const snapshotTicketSchema = z.object({
  id: z.string().min(1),
  priority: z.enum(['LOW', 'MEDIUM', 'HIGH', 'URGENT']).nullable(),
  /** The ticket's subject, so a play can name the tickets it is about. */
  subject: z.string().nullable().optional(),
  createdAt: isoDate,
  closedAt: nullableDate,
});

export const snapshotDealSchema = z.object({
  id: z.string().min(1),
  /** The value of the config's deal type property (HubSpot's `dealtype` by default: newbusiness, existingbusiness). */
  dealType: z.string().nullable(),
  /** The deal pipeline's id, for portals that keep renewals or expansions in a pipeline of their own. */
  pipeline: z.string().nullable().optional(),
  amount: inRange(numberBounds.dealAmount).nullable(),
  closeDate: nullableDate,
  isClosed: z.boolean(),
  isClosedWon: z.boolean(),
  /** Why a closed-lost deal was lost, as typed (HubSpot's closed_lost_reason by default). */
  lostReason: z.string().max(1000).nullable().optional(),
});

export const snapshotFeedbackSchema = z.object({
  id: z.string().min(1),
  surveyType: z.enum(['NPS', 'CSAT', 'CES']),
  value: inRange(numberBounds.feedbackValue),
  responseGroup: z.enum(['promoter', 'passive', 'detractor']).nullable(),
  submittedAt: isoDate,
});

export const snapshotContactSchema = z.object({
  id: z.string().min(1),
  jobTitle: z.string().nullable(),
  leftCompany: z.boolean(),
  createdAt: nullableDate,
  /** When the record last changed; for a departed champion this approximates when they left. */
  updatedAt: nullableDate,
  /** First and last name, and email, so a play can say whom to talk to. */
  name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  /** HubSpot's Buying role values (hs_buying_role), e.g. CHAMPION, EXECUTIVE_SPONSOR, DECISION_MAKER. */
  buyingRoles: z.array(z.string()).optional(),
  /** HubSpot's Last contacted (notes_last_contacted): the last call, email or meeting logged with this contact. */
  lastContactedAt: nullableDate.optional(),
  /** The job title before its latest change, and when the change was seen (the sync keeps it; HubSpot does not). */
  previousJobTitle: z.string().nullable().optional(),
  jobTitleChangedAt: nullableDate.optional(),
});

export const usagePointSchema = z.object({
  date: isoDate,
  metric: z.string().min(1),
  value: inRange(numberBounds.usageValue),
});

export const previousCardSchema = z.object({
  scoredAt: isoDate,
  healthScore: z.number().min(0).max(100),
  status: z.enum(['green', 'yellow', 'red']),
  cohort: z.enum(['bad_fit', 'dark', 'negative', 'neutral', 'positive']),
  nextPlay: z.string().nullable().optional(),
  components: z.array(z.object({ key: z.string(), value: z.number().nullable() })),
  /** Milestones that card showed done: a milestone once reached stays reached when its evidence leaves the window. */
  milestonesDone: z.array(z.object({ key: z.string(), doneAt: isoDate })).optional(),
});

export const milestoneOverrideSchema = z.object({
  key: z.string().min(1),
  doneAt: isoDate,
});

export const advocacyOutcomes = ['declined', 'review', 'case_study', 'reference', 'speaking'] as const;

/** A play the CSM marked done or skipped on the card; for an advocacy ask, what came of it. */
export const playOutcomeSchema = z.object({
  play: z.string().min(1),
  status: z.enum(['done', 'skipped']),
  outcome: z.enum(advocacyOutcomes).nullable(),
  recordedAt: isoDate,
});

export const csmSentimentValues = ['positive', 'neutral', 'concerned', 'at_risk'] as const;
export type CsmSentimentValue = (typeof csmSentimentValues)[number];

/** The CSM's latest read of the customer, set on the card; scoring decides whether it has expired. */
export const csmSentimentInputSchema = z.object({
  value: z.enum(csmSentimentValues),
  note: z.string().max(2000).nullable(),
  /** Who set it: the HubSpot user's name or email. */
  setBy: z.string().min(1).max(200),
  setAt: isoDate,
});

export const valueSourceSchema = z.discriminatedUnion('kind', [
  /** A company property holding the metric's current value (one the config lists, so the sync fetches it). */
  z.object({ kind: z.literal('property'), property: z.string().min(1).max(200) }),
  /** A usage metric sent to the usage API; its latest value counts. */
  z.object({ kind: z.literal('usage'), metric: z.string().min(1).max(200) }),
]);

/** What the customer wants to achieve and how they measure it, set per customer on the card. */
export const desiredOutcomeSchema = z.object({
  outcome: z.string().min(1).max(500),
  metric: z.string().min(1).max(200),
  source: valueSourceSchema,
  baseline: z.number().finite(),
  target: z.number().finite(),
  targetDate: z.iso.date(),
  setBy: z.string().min(1).max(200),
  setAt: isoDate,
});

/** A milestone the CSM defined for this customer alone: a customer milestone, marked done by hand, due on a date. */
export const companyMilestoneSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/).max(64),
  label: z.string().min(1).max(200),
  dueDate: z.iso.date(),
});

export const companySnapshotSchema = z.object({
  company: snapshotCompanySchema,
  engagements: z.array(snapshotEngagementSchema),
  tickets: z.array(snapshotTicketSchema),
  deals: z.array(snapshotDealSchema),
  feedback: z.array(snapshotFeedbackSchema),
  contacts: z.array(snapshotContactSchema),
  usage: z.array(usagePointSchema),
  previousCards: z.array(previousCardSchema),
  milestoneOverrides: z.array(milestoneOverrideSchema),
  playOutcomes: z.array(playOutcomeSchema).optional(),
  csmSentiment: csmSentimentInputSchema.nullable().optional(),
  desiredOutcome: desiredOutcomeSchema.nullable().optional(),
  companyMilestones: z.array(companyMilestoneSchema).max(10).optional(),
});

export type CompanySnapshot = z.infer<typeof companySnapshotSchema>;
export type SnapshotCompany = z.infer<typeof snapshotCompanySchema>;
export type SnapshotEngagement = z.infer<typeof snapshotEngagementSchema>;
export type SnapshotTicket = z.infer<typeof snapshotTicketSchema>;
export type SnapshotDeal = z.infer<typeof snapshotDealSchema>;
export type SnapshotFeedback = z.infer<typeof snapshotFeedbackSchema>;
export type SnapshotContact = z.infer<typeof snapshotContactSchema>;
export type UsagePoint = z.infer<typeof usagePointSchema>;
export type PreviousCard = z.infer<typeof previousCardSchema>;
export type PlayOutcome = z.infer<typeof playOutcomeSchema>;
export type CsmSentimentInput = z.infer<typeof csmSentimentInputSchema>;
export type DesiredOutcome = z.infer<typeof desiredOutcomeSchema>;
export type CompanyMilestone = z.infer<typeof companyMilestoneSchema>;
export type ValueSource = z.infer<typeof valueSourceSchema>;
