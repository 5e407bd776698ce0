import { parseArgs } from 'node:util';
import { z } from 'zod';
import { generatePortal, portalSizes } from '../../emulator/generator/index.ts';
import { startEmulator, type FaultOptions, type WebhookOptions } from '../../emulator/server/index.ts';
import { serveRpc } from './ipc-rpc.ts';

/**
 * The emulator in a process of its own, driven over IPC: the process being measured (or killed) then holds only
 * Waypoint. Portals are generated here too, so their memory never counts against Waypoint.
 */
export const hostOptionsSchema = z.object({
  size: z.enum(['S', 'M', 'L', 'XL']).default('S'),
  seed: z.number().default(42),
  portals: z.number().int().positive().default(1),
  timeScale: z.number().positive().default(0.01),
  faults: z.custom<FaultOptions>().nullable().default(null),
  webhookTarget: z.string().optional(),
});
export type HostOptions = z.input<typeof hostOptionsSchema>;

export interface HostReady {
  type: 'ready';
  baseUrl: string;
  clientSecret: string;
  appId: number;
  portalIds: number[];
  tokens: Record<string, string>;
}

const { values } = parseArgs({ options: { options: { type: 'string', default: '{}' } } });
const options = hostOptionsSchema.parse(JSON.parse(values.options));
// A sync reads each child type with its own pager, and the pagers drift apart across the companies; with the
// generator's small default cache every page rebuilt its companies' children, and the emulator, not Waypoint, set the
// pace. Up to L this process keeps every company's children (about 1 GB at L). An XL portal's (100,000 companies)
// would not fit, and a cache of 20,000 only churned: the pagers drift further apart than that, so each page still
// rebuilt, and every rebuilt company outlived V8's young generation. There the cache only has to keep what one
// request reads again (the company a page stopped in, a batch read's ids of one company): 16 companies, whose
// children die young. With 64 slots the readCeiling mix promoted 69 MB per 1,000 pages (1.4 MB with 16) and cost
// 2.4 ms of emulator CPU a page (1.6 with 16).
const cacheCompanies = portalSizes[options.size].companies <= 20_000 ? portalSizes[options.size].companies : 16;
const portals = Array.from({ length: options.portals }, (_, i) =>
  generatePortal({ size: options.size, seed: options.seed + i, portalId: 9_000_001 + i, cacheCompanies }));
const emulator = await startEmulator({
  portals, timeScale: options.timeScale, faults: options.faults, tokenTtlSeconds: 24 * 3600,
  ...(options.webhookTarget ? { webhookTarget: options.webhookTarget } : { webhooks: { enabled: false } }),
});
const tokens = Object.fromEntries(portals.map((p) => [String(p.portalId), emulator.issueToken(p.portalId).access_token]));

serveRpc({
  stats: () => emulator.stats(),
  resetStats: () => emulator.resetStats(),
  setFaults: (faults: FaultOptions | null) => emulator.setFaults(faults),
  configureWebhooks: (webhooks: WebhookOptions) => emulator.configureWebhooks(webhooks),
  webhooksIdle: () => emulator.webhooksIdle(),
  // User + system CPU of this process in ms: what serving the run cost the emulator, apart from Waypoint.
  cpuMs: () => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  },
  stop: async () => {
    await emulator.stop();
    setImmediate(() => process.exit(0));
  },
});
const ready: HostReady = {
  type: 'ready', baseUrl: emulator.baseUrl, clientSecret: emulator.clientSecret, appId: emulator.appId, portalIds: portals.map((p) => p.portalId), tokens,
};
process.send?.(ready);
