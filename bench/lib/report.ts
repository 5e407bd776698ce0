import { z } from 'zod';

/**
 * What one scenario child hands back to the runner: figures under their dotted results.json keys, and for every
 * figure it could not measure, the reason (a figure is left out rather than guessed).
 */
export const scenarioReportSchema = z.object({
  figures: z.record(z.string(), z.number().finite()),
  missing: z.record(z.string(), z.string()).default({}),
  notes: z.array(z.string()).default([]),
});
export type ScenarioReport = z.infer<typeof scenarioReportSchema>;

export const childMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('report'), report: scenarioReportSchema }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type ChildMessage = z.infer<typeof childMessageSchema>;

/** Peak resident set size of this process so far, in MB (the kernel's high-water mark, never sampled). */
export const peakRssMb = (): number => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
