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
// pace. This process exists to serve one run, so it keeps up to 20,000 companies' children (about 1 GB at L).
const cacheCompanies = Math.min(portalSizes[options.size].companies, 20_000);
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
