import { parseArgs } from 'node:util';
import { peakRssMb, type ChildMessage, type ScenarioReport } from './report.ts';

/** store: 'postgres' runs against a fresh database on the server in DATABASE_URL (scripts/test-postgres.sh, as CI). */
export type ScenarioOptions = { size: string; quick: boolean; seed: number; store: 'pglite' | 'postgres' };

/**
 * Entry point of a scenario child process: runs the scenario once, reports to the runner over IPC and exits, so
 * the process's peak RSS belongs to this scenario alone. `rssKey` names the figure the peak RSS is reported under.
 */
export const scenarioMain = (
  run: (options: ScenarioOptions) => Promise<ScenarioReport>,
  rssKey?: (options: ScenarioOptions) => string,
): void => {
  const { values } = parseArgs({
    options: { size: { type: 'string', default: 'S' }, quick: { type: 'boolean', default: false }, seed: { type: 'string', default: '42' }, store: { type: 'string', default: 'pglite' } },
  });
  const options: ScenarioOptions = { size: values.size, quick: values.quick, seed: Number(values.seed), store: values.store === 'postgres' ? 'postgres' : 'pglite' };
  const send = (message: ChildMessage): Promise<void> =>
    new Promise((resolve) => (process.send ? process.send(message, undefined, {}, () => resolve()) : resolve(console.log(JSON.stringify(message)))));
  run(options)
    .then((report) => {
      const figures = rssKey ? { ...report.figures, [rssKey(options)]: peakRssMb() } : report.figures;
      return send({ type: 'report', report: { ...report, figures } });
    })
    .catch((error: unknown) => send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
    .finally(() => process.exit(0));
};
