import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { redactDeep } from './redact.ts';

export type { Logger } from 'pino';

// Secrets never reach a log line: these paths cover what serializers produce (requests, headers); every other
// object logged is walked at any depth by redactDeep (child bindings carry ids only: portalId, job, jobId).
export const redactedPaths = [
  'accessToken', 'refreshToken', 'access_token', 'refresh_token', 'clientSecret', 'client_secret',
  'encryptionKey', 'apiKey', 'token',
  '*.accessToken', '*.refreshToken', '*.access_token', '*.refresh_token', '*.clientSecret', '*.client_secret',
  '*.encryptionKey', '*.apiKey', '*.token',
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]',
  'req.headers["x-hubspot-signature"]', 'req.headers["x-hubspot-signature-v3"]',
  'headers.authorization', 'headers["x-hubspot-signature"]', 'headers["x-hubspot-signature-v3"]',
  'config.HUBSPOT_CLIENT_SECRET', 'config.ENCRYPTION_KEY', 'config.ENCRYPTION_PREVIOUS_KEYS', 'config.DATABASE_URL',
];

export const createLogger = (options: { level?: string; name?: string } = {}, destination?: DestinationStream): Logger => {
  const loggerOptions: LoggerOptions = {
    level: options.level ?? 'info',
    name: options.name ?? 'waypoint',
    redact: { paths: redactedPaths, censor: '[redacted]' },
    formatters: { log: (object) => redactDeep(object) },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(loggerOptions, destination) : pino(loggerOptions);
};

/** Every piece of portal work logs through a child bound to its portal, so one portal's trail can be followed. */
export const portalLogger = (logger: Logger, portalId: number | string): Logger => logger.child({ portalId: Number(portalId) });
