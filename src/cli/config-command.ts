import { parseArgs } from 'node:util';
import { effectiveScoringConfig } from '../portal-scoring/score-portal.ts';
import { startQueue } from '../jobs/queue.ts';
import { createLogger } from '../shared/logger.ts';
import { isAppError } from '../shared/errors.ts';
import type { Db } from '../store/db.ts';
import { rescoreRequestsRepository } from '../store/rescore-requests-repository.ts';
import { scoringConfigRepository } from '../store/scoring-config-repository.ts';
import { storeSnapshotSource } from '../sync/snapshot-source.ts';
import { OPERATOR_CLI } from '../server/scoring-config/config-author.ts';
import { draftOverCurrent } from '../server/scoring-config/config-draft.ts';
import { dryRunConfig, type DryRunReport } from '../server/scoring-config/dry-run.ts';
import type { CliIo } from './io.ts';
import { openConfiguredStore } from './open-configured-store.ts';
import { readJson } from './score-command.ts';

export const configUsage = [
  'usage: npm run waypoint -- config show --portal N          the portal\'s current scoring config (JSON) and its version',
  '       npm run waypoint -- config diff --portal N FILE     whole-portal dry run of FILE (a partial config) over the current one',
  '       npm run waypoint -- config apply --portal N FILE    the same dry run, then save it as a new version and rescore',
].join('\n');

const change = (move: { from: unknown; to: unknown } | undefined, label: string) => (move ? [`${label} ${String(move.from)} -> ${String(move.to)}`] : []);

/** The dry run as people read it: counts first, then one line per company. Shared by diff and apply. */
export const dryRunLines = (report: DryRunReport): string[] => [
  `${report.companies} customers; changes: customer ${report.customerChanged}, fit ${report.fitChanged}, cohort ${report.cohortChanged}, status ${report.statusChanged}, play ${report.playChanged}`,
  `write-back would write ${report.writeBack.properties} HubSpot properties on ${report.writeBack.companies} companies`,
  ...report.changes.map((c) => [
    `  ${c.companyId}\t${c.name}`,
    [...change(c.customer, 'customer'), ...change(c.fit, 'fit'), ...change(c.cohort, 'cohort'), ...change(c.status, 'status'), ...change(c.play, 'play')].join(', ') || 'properties only',
    c.reason,
  ].join('\t')),
  ...(report.changesTruncated ? [`  … and more (only the first ${report.changes.length} are listed)`] : []),
  ...(report.unsyncedProperties.length > 0
    ? [`note: not synced yet, read as empty here until the next full sync: ${report.unsyncedProperties.join(', ')}`] : []),
];

const requestRescore = async (db: Db, portalId: number) => {
  await rescoreRequestsRepository(db).add(portalId);
  const queue = await startQueue(db, createLogger({ level: 'warn' }));
  try {
    await queue.enqueue('score-portal', portalId);
  } finally {
    await queue.stop({ timeoutMs: 5_000 });
  }
};

/** `config show|diff|apply`: the operator's side of the settings page, through the same merge and dry run. */
export const runConfigCommand = async (args: string[], io: CliIo): Promise<number> => {
  let parsed: { values: { portal?: string }; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: { portal: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`${(error as Error).message}\n${configUsage}`);
    return 2;
  }
  const [action, file, ...extra] = parsed.positionals;
  const portalId = /^\d{1,15}$/.test(parsed.values.portal ?? '') ? Number(parsed.values.portal) : 0;
  const needsFile = action === 'diff' || action === 'apply';
  if (portalId <= 0 || !['show', 'diff', 'apply'].includes(action ?? '') || needsFile !== (file !== undefined) || extra.length > 0) {
    io.err(configUsage);
    return 2;
  }
  const draft = file === undefined ? undefined : readJson(file, io);
  if (draft && !draft.ok) {
    io.err(draft.message);
    return 1;
  }
  const db = await openConfiguredStore(io);
  if (db === null) return 1;
  try {
    if (action === 'show') {
      const current = await effectiveScoringConfig(db, portalId);
      io.err(current.version === null ? `portal ${portalId} uses the shipped default config` : `portal ${portalId}, version ${current.version}`);
      io.out(JSON.stringify(current.config, null, 2));
      return 0;
    }
    const { config } = await draftOverCurrent(db, portalId, draft?.ok ? draft.value : undefined);
    const report = await dryRunConfig({ db, clock: { now: io.now }, snapshots: storeSnapshotSource(db) }, portalId, config, {
      onProgress: (p) => io.err(`  … dry run (${p.phase} config): ${p.companiesDone} companies`),
    });
    for (const line of dryRunLines(report)) io.out(line);
    if (action === 'apply') {
      const saved = await scoringConfigRepository(db).save(portalId, config, OPERATOR_CLI, io.now());
      await requestRescore(db, portalId);
      io.out(`saved as version ${saved.version}; rescoring of portal ${portalId} is queued`);
    }
    return 0;
  } catch (error) {
    if (!isAppError(error)) throw error;
    io.err(error.message);
    const details = error.details as Array<{ path: string; message: string }> | undefined;
    if (Array.isArray(details)) for (const issue of details.slice(1)) io.err(`  ${issue.path} ${issue.message}`);
    return 1;
  } finally {
    await db.close();
  }
};
