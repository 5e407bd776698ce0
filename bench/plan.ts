import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Size = 'S' | 'M' | 'L' | 'XL';

/** One scenario child to run: its script, arguments, the figures it owes and how long it may take. */
export interface PlannedRun {
  label: string;
  script: string;
  args: string[];
  expects: string[];
  timeoutMs: number;
}

const script = (name: string): string => fileURLToPath(new URL(`./scenarios/${name}.ts`, import.meta.url));
const minute = 60_000;
const syncKeys = (size: Size, prefix = `sync.${size}`) => ['requests', 'minRequests', 'rateUtilization', 'http429', 'peakRssMb', 'seconds', 'lastSixthRatio', 'emulatorCpuShare'].map((k) => `${prefix}.${k}`);
const growthKeys = (size: Size, store = '') => ['firstSixthMsPer100Rows', 'lastSixthMsPer100Rows', 'lastSixthRatio'].map((k) => `storeGrowth.${size}${store}.${k}`);
const portfolioKeys = (size: Size, store = '') => ['p50Ms', 'p99Ms', 'readP50Ms', 'p50RatioToRead', 'p99RatioToRead'].map((k) => `portfolio.${size}${store}.${k}`);
const syncTimeout: Record<Size, number> = { S: 2 * minute, M: 4 * minute, L: 15 * minute, XL: 60 * minute };

/** Quick: sizes S and M and the fixed scenarios, within three minutes. Full: S to XL (the growth table's sizes). */
export const planRuns = (options: { quick: boolean; extraSizes: readonly Size[]; only: string | undefined; postgres?: boolean }): PlannedRun[] => {
  const sizes: Size[] = options.quick ? ['S', 'M'] : ['S', 'M', 'L', 'XL'];
  for (const size of options.extraSizes) if (!sizes.includes(size)) sizes.push(size);
  const quickArg = options.quick ? ['--quick'] : [];
  const runs: PlannedRun[] = [
    { label: 'baseline', script: script('baseline'), args: [], expects: ['baseline.emptyStoreRssMb'], timeoutMs: 2 * minute },
    // The emulator's ceiling first: reading everything and discarding it must keep the budget busy at each size.
    ...sizes.map((size) => ({
      label: `readCeiling ${size}`, script: script('read-ceiling'), args: ['--size', size],
      expects: ['rateUtilization', 'requests', 'emulatorCpuShare', 'clientCpuShare'].map((k) => `readCeiling.${size}.${k}`), timeoutMs: syncTimeout[size],
    })),
    ...sizes.map((size) => ({ label: `sync ${size}`, script: script('sync'), args: ['--size', size, ...quickArg], expects: syncKeys(size), timeoutMs: syncTimeout[size] })),
    // PostgreSQL too whenever DATABASE_URL names a server (scripts/test-postgres.sh starts the one CI uses).
    ...(options.postgres ? sizes.map((size) => ({
      label: `sync ${size} postgres`, script: script('sync'), args: ['--size', size, '--store', 'postgres', ...quickArg],
      expects: syncKeys(size, `sync.${size}.postgres`), timeoutMs: syncTimeout[size],
    })) : []),
    // The sync's write path alone, into one table growing to the L sync's size: is a page's cost flat?
    { label: 'store-growth', script: script('store-growth'), args: ['--size', options.quick ? 'M' : 'L'], expects: growthKeys(options.quick ? 'M' : 'L'), timeoutMs: 15 * minute },
    ...(options.postgres ? [{
      label: 'store-growth postgres', script: script('store-growth'), args: ['--size', options.quick ? 'M' : 'L', '--store', 'postgres'],
      expects: growthKeys(options.quick ? 'M' : 'L', '.postgres'), timeoutMs: 15 * minute,
    }] : []),
    { label: 'freshness', script: script('freshness'), args: quickArg, expects: ['freshness.webhookP95Ms', 'freshness.pollingP95Ms'], timeoutMs: 3 * minute },
    { label: 'scoring', script: script('scoring'), args: ['--size', options.quick ? 'S' : 'M', ...quickArg], expects: ['scoring.companiesPerSec', 'scoring.ratioToRead', 'scoring.peakRssMb'], timeoutMs: 10 * minute },
    ...(options.postgres ? [{
      label: 'scoring postgres', script: script('scoring'), args: ['--size', options.quick ? 'S' : 'M', '--store', 'postgres', ...quickArg],
      expects: ['scoring.postgres.companiesPerSec', 'scoring.postgres.ratioToRead', 'scoring.postgres.peakRssMb'], timeoutMs: 10 * minute,
    }] : []),
    { label: 'pureScoring', script: script('pure-scoring'), args: ['--size', options.quick ? 'S' : 'M'], expects: ['scoring.pureCompaniesPerSecPerCore'], timeoutMs: 15 * minute },
    // 26 as-of points against one pass: L in the full run (the goal), S when quick. The child seeds its L
    // store (20,000 companies), scores it once and backfills it: on a shared machine M took about 7 minutes for the
    // last two alone, and L is four times the work, so it gets an hour.
    { label: 'backfill', script: script('backfill'), args: ['--size', options.quick ? 'S' : 'L'], expects: ['backfill.ratioToScoring', 'backfill.cardsPerSec', 'backfill.peakRssMb'], timeoutMs: 60 * minute },
    { label: 'configDryRun', script: script('config-dry-run'), args: ['--size', options.quick ? 'S' : 'M', ...quickArg], expects: ['configDryRun.ratioToScoring', 'configDryRun.companiesPerSec', 'configDryRun.peakRssMb'], timeoutMs: 10 * minute },
    // The bound: the dry run on a 100,000-company portal, with --size XL (seeding it alone takes most of the time).
    ...(options.extraSizes.includes('XL') ? [{
      label: 'configDryRun XL', script: script('config-dry-run-xl'), args: ['--size', 'XL'],
      expects: ['seconds', 'companiesPerSec', 'rssAboveOpenStoreMb', 'peakRssMb', 'loadAverage'].map((k) => `configDryRun.XL.${k}`), timeoutMs: 120 * minute,
    }] : []),
    { label: 'writeback', script: script('writeback'), args: quickArg, expects: ['writeback.unchangedRequests'], timeoutMs: 3 * minute },
    { label: 'card', script: script('card'), args: quickArg, expects: ['card.p50RatioToFloor', 'card.p99RatioToFloor', 'card.requestsPerSec'], timeoutMs: 5 * minute },
    ...(options.postgres ? [{
      label: 'card postgres', script: script('card'), args: ['--store', 'postgres', ...quickArg],
      expects: ['card.postgres.p50RatioToFloor', 'card.postgres.p99RatioToFloor', 'card.postgres.requestsPerSec'], timeoutMs: 5 * minute,
    }] : []),
    // The CS leader's whole page at XL (100,000 companies) on each store; it seeds its own store, so it runs alone too.
    { label: 'portfolio', script: script('portfolio'), args: ['--size', options.quick ? 'M' : 'XL', ...quickArg], expects: portfolioKeys(options.quick ? 'M' : 'XL'), timeoutMs: 45 * minute },
    ...(options.postgres ? [{
      label: 'portfolio postgres', script: script('portfolio'), args: ['--size', options.quick ? 'M' : 'XL', '--store', 'postgres', ...quickArg],
      expects: portfolioKeys(options.quick ? 'M' : 'XL', '.postgres'), timeoutMs: 45 * minute,
    }] : []),
    { label: 'webhooks', script: script('webhooks'), args: quickArg, expects: ['webhooks.eventsPerSec', 'webhooks.lost', 'webhooks.duplicated'], timeoutMs: 5 * minute },
  ];
  return runs.filter((run) => options.only === undefined || run.label.startsWith(options.only));
};

export const scenarioExists = (run: PlannedRun): boolean => existsSync(run.script);
