import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatIssues, parseScoringConfig } from '../scoring/config.schema.ts';
import type { ScoringConfig } from '../scoring/config.schema.ts';
import { overlayConfig } from '../scoring/config-overlay.ts';
import { defaultScoringConfig } from '../scoring/defaults.ts';
import { scoreCompany } from '../scoring/score.ts';
import { companySnapshotSchema } from '../scoring/snapshot.schema.ts';
import type { CompanySnapshot } from '../scoring/snapshot.schema.ts';
import type { CliIo } from './io.ts';

export const scoreUsage = 'usage: npm run waypoint -- score --input companies.json [--config config.json] [--now 2026-11-01T00:00:00Z]';

export const readJson = (path: string, io: CliIo): { ok: true; value: unknown } | { ok: false; message: string } => {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (error) {
    return { ok: false, message: `${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `${path}: not valid JSON (${(error as Error).message})` };
  }
};

const loadConfig = (path: string | undefined, io: CliIo): ScoringConfig | string[] => {
  if (path === undefined) return defaultScoringConfig;
  const json = readJson(path, io);
  if (!json.ok) return [json.message];
  // The file names only what differs from the default config; everything it leaves out keeps its default.
  const parsed = parseScoringConfig(overlayConfig(defaultScoringConfig, json.value));
  return parsed.ok ? parsed.value : parsed.error.map((issue) => `${path}: ${issue.path}: ${issue.message}`);
};

/** Every record is checked before any is scored, so a bad file prints errors only, never a partial result. */
const loadSnapshots = (path: string, io: CliIo): CompanySnapshot[] | string[] => {
  const json = readJson(path, io);
  if (!json.ok) return [json.message];
  if (!Array.isArray(json.value)) return [`${path}: expected a JSON array of company snapshots (see docs/snapshot.schema.json)`];
  const errors: string[] = [];
  const snapshots: CompanySnapshot[] = [];
  json.value.forEach((record: unknown, index) => {
    const parsed = companySnapshotSchema.safeParse(record);
    if (parsed.success) snapshots.push(parsed.data);
    else errors.push(...formatIssues(parsed.error.issues).map((issue) => `${path}: record ${index}: ${issue.path}: ${issue.message}`));
  });
  return errors.length > 0 ? errors : snapshots;
};

const nowFrom = (raw: string | undefined, io: CliIo): Date | string => {
  if (raw === undefined) return io.now();
  const parsed = z.iso.datetime({ offset: true }).safeParse(raw);
  return parsed.success ? new Date(raw) : `--now: expected an ISO date-time such as 2026-11-01T00:00:00Z, got "${raw}"`;
};

/** `score`: prints one score card per line as JSON; returns the process exit code. */
export const runScoreCommand = (args: string[], io: CliIo): number => {
  let values: { input?: string; config?: string; now?: string };
  try {
    ({ values } = parseArgs({ args, options: { input: { type: 'string' }, config: { type: 'string' }, now: { type: 'string' } }, strict: true }));
  } catch (error) {
    io.err(`${(error as Error).message}\n${scoreUsage}`);
    return 2;
  }
  if (values.input === undefined) {
    io.err(`--input is required\n${scoreUsage}`);
    return 2;
  }
  const now = nowFrom(values.now, io);
  const config = loadConfig(values.config, io);
  const snapshots = loadSnapshots(values.input, io);
  const errors = [...(typeof now === 'string' ? [now] : []), ...(Array.isArray(config) ? config : []), ...(isErrorList(snapshots) ? snapshots : [])];
  if (typeof now === 'string' || Array.isArray(config) || isErrorList(snapshots)) {
    errors.forEach((line) => io.err(line));
    return 1;
  }
  for (const snapshot of snapshots) io.out(JSON.stringify(scoreCompany(snapshot, config, now)));
  return 0;
};

const isErrorList = (value: CompanySnapshot[] | string[]): value is string[] => value.some((item) => typeof item === 'string');
