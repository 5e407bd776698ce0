import { z } from 'zod';

// Response shapes of the endpoints Waypoint uses. Fields Waypoint relies on are
// required; the rest stay optional so HubSpot adding or omitting incidental fields never breaks a sync.

const cursorPagingSchema = z.object({
  next: z.object({ after: z.string(), link: z.string().optional() }).optional(),
});

const objectAssociationsSchema = z.object({
  results: z.array(z.object({ id: z.coerce.string(), type: z.string() })),
  paging: cursorPagingSchema.optional(),
});

export const hubSpotObjectSchema = z.object({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean().optional(),
  associations: z.record(z.string(), objectAssociationsSchema).optional(),
});
export type HubSpotObject = z.infer<typeof hubSpotObjectSchema>;

export const listPageSchema = z.object({
  results: z.array(hubSpotObjectSchema),
  paging: cursorPagingSchema.optional(),
});

export const searchPageSchema = z.object({
  total: z.number().int().nonnegative(),
  results: z.array(hubSpotObjectSchema),
  paging: cursorPagingSchema.optional(),
});

/** One entry of a 207 multi-status body's errors[]: the failed inputs' ids sit in context.ids. */
export const batchErrorSchema = z.object({
  status: z.string().optional(),
  category: z.string().optional(),
  subCategory: z.string().optional(),
  message: z.string(),
  context: z.record(z.string(), z.array(z.string())).optional(),
});
export type BatchError = z.infer<typeof batchErrorSchema>;

export const batchObjectsResponseSchema = z.object({
  status: z.string(),
  results: z.array(hubSpotObjectSchema),
  errors: z.array(batchErrorSchema).optional(),
  numErrors: z.number().optional(),
});

export const associationsBatchResponseSchema = z.object({
  status: z.string().optional(),
  results: z.array(z.object({
    from: z.object({ id: z.coerce.string() }),
    to: z.array(z.object({
      toObjectId: z.union([z.string(), z.number()]).transform(String),
      associationTypes: z.array(z.object({
        category: z.string(),
        typeId: z.number(),
        label: z.string().nullable().optional(),
      })).optional(),
    })),
    paging: cursorPagingSchema.optional(),
  })),
  errors: z.array(batchErrorSchema).optional(),
});

/** HubSpot's error body (and its 429 body); read leniently because it only informs the retry decision. */
export const hubSpotErrorBodySchema = z.object({
  status: z.string().optional(),
  message: z.string().optional(),
  category: z.string().optional(),
  subCategory: z.string().optional(),
  correlationId: z.string().optional(),
  errorType: z.string().optional(),
  policyName: z.string().optional(),
});
export type HubSpotErrorBody = z.infer<typeof hubSpotErrorBodySchema>;
