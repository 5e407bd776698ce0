import { writebackPortal } from '../../../src/jobs/writeback-portal.ts';
import { fixedClock } from '../../../src/shared/clock.ts';
import { finish, killableChildSetup } from './child-setup.ts';

/** One write-back of a scored portal in a process the test may kill -9 at any moment. */
const { portalId, logger, db, hubspot, now, requests } = await killableChildSetup();
if (!now) throw new Error('writeback-child needs --now, the instant the cards were scored at');
const report = await writebackPortal({ db, hubspot, clock: fixedClock(now), logger }, { portalId });
await db.close();
finish({ type: 'done', requests: requests(), written: report.written, failed: report.failed.length });
