import { z } from 'zod';
import { err, ok, type Result } from '../shared/errors.ts';

// Values of these never appear in an error message, even when they are what is wrong.
export const secretVariables = new Set(['HUBSPOT_CLIENT_SECRET', 'ENCRYPTION_KEY', 'ENCRYPTION_PREVIOUS_KEYS', 'DATABASE_URL', 'METRICS_TOKEN']);

const integer = (min: number, max: number) =>
  z.string().trim().regex(/^\d+$/, 'must be a whole number').transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

const httpUrl = z.string().trim().refine((value) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'must be an http(s) URL such as https://waypoint.example.com').transform((value) => value.replace(/\/+$/, ''));

const postgresUrl = z.string().trim().refine((value) => {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'must be a PostgreSQL connection URL such as postgres://user:password@host:5432/waypoint');

const base64Key = z.string().trim().refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 random bytes, base64-encoded (openssl rand -base64 32)');

const cron = z.string().trim().regex(/^(\S+\s+){4}\S+$/, 'must be a five-field cron expression such as */15 * * * *');

export const envSchema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: integer(0, 65535).default(3000),
  // No default here: the sandbox serves unauthenticated /preview pages, so it listens on loopback unless told otherwise.
  HOST: z.string().trim().min(1).optional(),
  PROCESS_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  PUBLIC_BASE_URL: httpUrl.optional(),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: postgresUrl.optional(),
  HUBSPOT_CLIENT_ID: z.string().trim().min(1).optional(),
  HUBSPOT_CLIENT_SECRET: z.string().trim().min(1).optional(),
  HUBSPOT_APP_ID: z.string().trim().regex(/^\d+$/, 'must be the numeric app id').optional(),
  HUBSPOT_API_BASE_URL: httpUrl.default('https://api.hubapi.com'),
  HUBSPOT_AUTH_BASE_URL: httpUrl.default('https://app.hubspot.com'),
  HUBSPOT_REQUESTS_PER_10S: integer(1, 1000).default(100),
  HUBSPOT_SEARCH_PER_SECOND: integer(1, 50).default(4),
  ENCRYPTION_KEY: base64Key.optional(),
  ENCRYPTION_KEY_ID: z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1-32 letters, digits, _ or -').default('k1'),
  ENCRYPTION_PREVIOUS_KEYS: z.string().trim().optional()
    .refine((value) => value === undefined || value === '' || value.split(',').every((pair) => /^[A-Za-z0-9_-]{1,32}:.+$/.test(pair.trim()) && Buffer.from(pair.split(':')[1] ?? '', 'base64').length === 32),
      'must be a comma-separated list of keyId:base64key pairs, each key 32 bytes'),
  SYNC_INCREMENTAL_CRON: cron.default('*/15 * * * *'),
  SYNC_FULL_CRON: cron.default('0 3 * * *'),
  RETENTION_CRON: cron.default('30 4 * * *'),
  RETENTION_WEBHOOK_EVENTS_DAYS: integer(1, 3650).default(30),
  RETENTION_SYNC_RUNS_DAYS: integer(1, 3650).default(90),
  // Scoring reads usage over 90-day windows and compares against the one before, so at least two windows stay.
  RETENTION_USAGE_DAYS: integer(180, 3650).default(730),
  // The card's trend reads 90 days and scoring's previous cards 120: less would change what both show.
  RETENTION_SCORE_HISTORY_DAYS: integer(120, 3650).default(365),
  SHUTDOWN_TIMEOUT_MS: integer(0, 600_000).default(15_000),
  SHUTDOWN_DRAIN_MS: integer(0, 600_000).default(0),
  METRICS_TOKEN: z.string().trim().min(16, 'must be at least 16 characters (openssl rand -hex 16)').max(200).optional(),
  SANDBOX_SIZE: z.enum(['S', 'M', 'L', 'XL']).default('S'),
  SANDBOX_SEED: integer(0, 2 ** 31).default(7),
  /** The sandbox emulator's port on loopback; 0 picks a free one. */
  SANDBOX_EMULATOR_PORT: integer(0, 65535).default(0),
  SANDBOX_PROFILE: z.enum(['stock', 'rich']).default('stock'),
});

export type Env = z.infer<typeof envSchema>;

export type Config = Env & {
  /** No HubSpot credentials: run against the built-in emulator with a seeded demo portal. */
  sandbox: boolean;
  /** HOST, or 127.0.0.1 in sandbox mode and 0.0.0.0 otherwise. */
  host: string;
  publicBaseUrl: string;
  store: { kind: 'postgres'; databaseUrl: string } | { kind: 'pglite'; dataDir: string };
};

export type ConfigProblem = { variable: string; reason: string };

/** Parses the whole environment at once so an operator sees every bad variable in one go. */
export const loadConfig = (env: Record<string, string | undefined>): Result<Config, ConfigProblem[]> => {
  // An empty variable means "not set": .env files and orchestrators often write KEY= for absent values.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    return err(parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '(environment)'), reason: issue.message })));
  }
  const values = parsed.data;
  const problems: ConfigProblem[] = [];
  const hasClient = values.HUBSPOT_CLIENT_ID !== undefined || values.HUBSPOT_CLIENT_SECRET !== undefined;
  if (hasClient) {
    if (!values.HUBSPOT_CLIENT_ID) problems.push({ variable: 'HUBSPOT_CLIENT_ID', reason: 'is required when HUBSPOT_CLIENT_SECRET is set' });
    if (!values.HUBSPOT_CLIENT_SECRET) problems.push({ variable: 'HUBSPOT_CLIENT_SECRET', reason: 'is required when HUBSPOT_CLIENT_ID is set' });
    if (!values.ENCRYPTION_KEY) problems.push({ variable: 'ENCRYPTION_KEY', reason: 'is required with HubSpot credentials: tokens are encrypted at rest' });
    if (!values.PUBLIC_BASE_URL) problems.push({ variable: 'PUBLIC_BASE_URL', reason: 'is required with HubSpot credentials: OAuth redirects and signatures use it' });
  }
  if (problems.length > 0) return err(problems);
  return ok({
    ...values,
    sandbox: !hasClient,
    host: values.HOST ?? (hasClient ? '0.0.0.0' : '127.0.0.1'),
    publicBaseUrl: values.PUBLIC_BASE_URL ?? `http://localhost:${values.PORT}`,
    store: values.DATABASE_URL ? { kind: 'postgres', databaseUrl: values.DATABASE_URL } : { kind: 'pglite', dataDir: values.DATA_DIR },
  });
};

export const formatConfigProblems = (problems: ConfigProblem[]): string =>
  ['Waypoint cannot start: the environment has problems (see .env.example):', ...problems.map((p) => `  - ${p.variable} ${p.reason}`)].join('\n');
