import { parseArgs } from 'node:util';
import { doorForEmulator, quietLogger } from '../../../bench/lib/waypoint.ts';
import { openStore } from '../../../src/store/open-store.ts';
import { storeFromArgs } from './store-target.ts';

/**
 * What every killable helper child starts from: its store, and Waypoint's door to the emulator that reports each
 * HubSpot request over IPC as it is sent, so the test can pick the moment to kill.
 */
export const killableChildSetup = async () => {
  const { values } = parseArgs({
    options: {
      dataDir: { type: 'string' }, databaseUrl: { type: 'string' }, baseUrl: { type: 'string' }, token: { type: 'string' },
      portalId: { type: 'string' }, timeScale: { type: 'string', default: '0.01' }, now: { type: 'string' },
    },
  });
  if (!values.baseUrl || !values.token || !values.portalId) throw new Error('a helper child needs --baseUrl --token --portalId');
  const portalId = Number(values.portalId);
  const logger = quietLogger();
  const db = await openStore(storeFromArgs(values));
  let requests = 0;
  const hubspot = doorForEmulator({
    baseUrl: values.baseUrl, tokens: { [portalId]: values.token }, timeScale: Number(values.timeScale), logger,
    onRequest: () => process.send?.({ type: 'request', n: (requests += 1) }),
  });
  return { portalId, logger, db, hubspot, now: values.now, baseUrl: values.baseUrl, requests: () => requests };
};

/** Sends the final message, then exits once it is on its way. */
export const finish = (message: Record<string, unknown>): void => {
  process.send?.(message, () => process.exit(0));
};
