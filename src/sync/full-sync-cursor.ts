import { z } from 'zod';
import { childTypes } from './object-catalogue.ts';
import { typePlanSchema } from './strategy.ts';

export const FULL_STREAM = 'full';
export const incrementalStream = (type: string): string => `incremental:${type}`;

/** Everything a full sync needs to pick up where it stopped: saved with every page, in the page's transaction. */
export const fullCursorSchema = z.object({
  runId: z.number().int(),
  /** Database time the run started: whatever the store holds that this run has not rewritten since is swept at the end. */
  runStartedAt: z.iso.datetime({ offset: true }),
  wallStartMs: z.number(),
  /** The newest hs_lastmodifieddate seen, which bounds the incremental watermark when HubSpot's clock differs from ours. */
  maxModifiedMs: z.number(),
  requestsUsed: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  records: z.number().int().nonnegative(),
  counts: z.object({ customers: z.number().int().nonnegative(), companies: z.number().int().nonnegative() }).nullable(),
  plan: z.array(typePlanSchema).nullable(),
  phase: z.enum(['plan', 'companies', ...childTypes, 'finish']),
  companiesSinceMs: z.number(),
  listAfter: z.string().nullable(),
  chunk: z.number().int().nonnegative(),
  chunkLinksRead: z.boolean(),
  lastChildId: z.string(),
});
export type FullCursor = z.infer<typeof fullCursorSchema>;

export const phaseAfter = (phase: FullCursor['phase']): FullCursor['phase'] => {
  if (phase === 'plan') return 'companies';
  if (phase === 'companies') return childTypes[0];
  if (phase === 'finish') return 'finish';
  return childTypes[childTypes.indexOf(phase) + 1] ?? 'finish';
};

/** A new phase starts with its own paging state cleared. */
export const enterPhase = (phase: FullCursor['phase']): Partial<FullCursor> => ({
  phase, listAfter: null, chunk: 0, chunkLinksRead: false, lastChildId: '',
});

/** Records modified while the sync ran are caught by the next incremental run, which starts this far back. */
const CLOCK_MARGIN_MS = 5 * 60 * 1000;

export const incrementalWatermark = (cursor: FullCursor): number =>
  Math.min(cursor.wallStartMs - CLOCK_MARGIN_MS, cursor.maxModifiedMs > 0 ? cursor.maxModifiedMs : cursor.wallStartMs - CLOCK_MARGIN_MS);
