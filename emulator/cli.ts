import { parseArgs } from 'node:util';
import { z } from 'zod';
import { generatePortal, portalProfiles, portalSizes } from './generator/index.ts';
import { allScopes, startEmulator } from './server/index.ts';

// `npm run emulator -- --size M --seed 7 [--port 4010]`: a local HubSpot with one seeded portal.
const argsSchema = z.object({
  size: z.enum(['S', 'M', 'L', 'XL']).default('S'),
  // stock: an ordinary HubSpot portal, as a new user brings; rich: with the custom customer-success properties.
  profile: z.enum(portalProfiles).default('stock'),
  seed: z.string().min(1).default('1'),
  port: z.coerce.number().int().min(0).max(65535).default(4010),
  host: z.string().default('127.0.0.1'),
  // The portal's history ends "now": today by default so a freshly started Waypoint sees current data; pin it to reproduce.
  now: z.string().refine((v) => v === 'today' || !Number.isNaN(Date.parse(v)), 'now must be an ISO date or "today"').default('today'),
  'portal-id': z.coerce.number().int().positive().optional(),
  'client-id': z.string().default(process.env.HUBSPOT_CLIENT_ID ?? 'emulator-client-id'),
  'client-secret': z.string().default(process.env.HUBSPOT_CLIENT_SECRET ?? 'emulator-client-secret'),
  'app-id': z.coerce.number().int().positive().default(4242),
  'webhook-target': z.url().optional(),
  'time-scale': z.coerce.number().positive().default(1),
  'rate-limit': z.coerce.number().int().positive().default(100),
  'fault-seed': z.string().default('1'),
  'fault-429': z.coerce.number().min(0).max(1).default(0),
  'fault-5xx': z.coerce.number().min(0).max(1).default(0),
  'fault-drop': z.coerce.number().min(0).max(1).default(0),
  'fault-malformed': z.coerce.number().min(0).max(1).default(0),
});

const usage = `usage: npm run emulator -- [options]
  A local HubSpot with one seeded synthetic portal; prints its base URL, portal id, a dev token and OAuth commands.
  --size S|M|L|XL          portal size: 200 / 5,000 / 20,000 / 100,000 companies (default S)
  --seed N                 the same seed gives the same portal (default 1)
  --port N --host H        where to listen (default 4010 on 127.0.0.1)
  --now ISO|today          the portal's history ends here (default today, UTC midnight)
  --portal-id N            the portal's id (default derived from the seed)
  --client-id, --client-secret, --app-id   the OAuth app (defaults: HUBSPOT_CLIENT_ID / HUBSPOT_CLIENT_SECRET or emulator-*, 4242)
  --webhook-target URL     where to deliver signed webhook batches
  --time-scale X           scales every rate window (0.1: ten times faster; default 1)
  --rate-limit N           requests per rolling 10 s per portal (default 100)
  --fault-429 P --fault-5xx P --fault-drop P --fault-malformed P --fault-seed S   seeded fault rates, 0..1
  -h, --help               this text`;

const stringOptions = Object.fromEntries(Object.keys(argsSchema.shape).map((k) => [k, { type: 'string' as const }]));
const raw = (() => {
  try {
    return parseArgs({ options: { ...stringOptions, help: { type: 'boolean', short: 'h' } }, allowPositionals: false }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
})();
if (raw.help) {
  console.log(usage);
  process.exit(0);
}
const { help: _help, ...options } = raw;
const parsed = argsSchema.safeParse(options);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
const args = parsed.data;
const now = args.now === 'today' ? `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z` : new Date(args.now).toISOString();
const seed = /^\d+$/.test(args.seed) ? Number(args.seed) : args.seed;

const started = performance.now();
const portal = generatePortal({ size: args.size, seed, now, profile: args.profile, ...(args['portal-id'] ? { portalId: args['portal-id'] } : {}) });
const generatedMs = Math.round(performance.now() - started);
const faultRates = { rate429: args['fault-429'], rate5xx: args['fault-5xx'], dropRate: args['fault-drop'], malformedRate: args['fault-malformed'] };
const emulator = await startEmulator({
  portals: [portal], port: args.port, host: args.host, clientId: args['client-id'], clientSecret: args['client-secret'], appId: args['app-id'],
  timeScale: args['time-scale'], limits: { perWindow: args['rate-limit'] },
  faults: Object.values(faultRates).some((r) => r > 0) ? { seed: args['fault-seed'], ...faultRates } : null,
  ...(args['webhook-target'] ? { webhookTarget: args['webhook-target'] } : {}),
});
const token = emulator.issueToken(portal.portalId);
const base = emulator.baseUrl;
const redirect = 'http://localhost:3000/oauth/callback';
const authorizeUrl = `${base}/oauth/authorize?client_id=${encodeURIComponent(emulator.clientId)}&redirect_uri=${encodeURIComponent(redirect)}&scope=${encodeURIComponent(allScopes.join(' '))}&state=dev`;

console.log(`HubSpot emulator listening on ${base}
  portal ${portal.portalId}: size ${args.size} (${portalSizes[args.size].companies} companies), ${args.profile} profile, seed ${args.seed}, now ${portal.now}, generated in ${generatedMs} ms
  app: client_id=${emulator.clientId} client_secret=${emulator.clientSecret} app_id=${emulator.appId}
  rate limit: ${args['rate-limit']} requests per ${10_000 * args['time-scale']} ms per portal${args['webhook-target'] ? `; webhooks to ${args['webhook-target']}` : ''}

Dev access token (all scopes, valid 30 min; refresh token ${token.refresh_token}):
  ${token.access_token}

Try it:
  curl -s "${base}/crm/objects/2026-03/companies?limit=5&properties=name,annual_recurring_revenue" -H "Authorization: Bearer ${token.access_token}"

Or install through OAuth like a real portal (the consent page approves at once and redirects with ?code=):
  curl -si "${authorizeUrl}" | grep -i location
  curl -s -X POST ${base}/oauth/v3/token -d grant_type=authorization_code -d client_id=${emulator.clientId} -d client_secret=${emulator.clientSecret} -d redirect_uri=${redirect} -d code=<code>
`);

const shutdown = () => {
  void emulator.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
