import { z } from 'zod';
import { milestoneOverrideSchema, previousCardSchema, usagePointSchema } from '../scoring/snapshot.schema.ts';

/** A CRM object as HubSpot (and the store's copy of it) holds it: every property a string or null. */
export const hubspotRecordSchema = z.object({
  id: z.string().min(1),
  properties: z.record(z.string(), z.string().nullable()),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});

const records = z.array(hubspotRecordSchema).default([]);

/** One company with everything associated to it, as the sync engine reads it from the store. */
export const hubspotCompanyHistorySchema = z.object({
  company: hubspotRecordSchema,
  engagements: z.object({ calls: records, emails: records, meetings: records, notes: records, tasks: records }).partial().default({}),
  tickets: records,
  deals: records,
  feedbackSubmissions: records,
  contacts: records,
  usage: z.array(usagePointSchema).default([]),
  previousCards: z.array(previousCardSchema).default([]),
  milestoneOverrides: z.array(milestoneOverrideSchema).default([]),
  /** Contacts whose link to the company the sync saw removed (or who were archived), and when it saw it. */
  departedContacts: z.array(z.object({ id: z.string().min(1), departedAt: z.string() })).default([]),
  /** Contacts whose job title the sync saw change: the title before and when it saw the change. */
  titleChanges: z.array(z.object({ id: z.string().min(1), previousTitle: z.string(), changedAt: z.string() })).default([]),
});

export type HubSpotRecord = z.infer<typeof hubspotRecordSchema>;
export type HubSpotCompanyHistory = z.input<typeof hubspotCompanyHistorySchema>;
