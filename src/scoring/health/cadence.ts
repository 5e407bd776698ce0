import { DAY_MS, clamp } from '../time.ts';
import { missing } from './component.ts';
import type { ComponentInput, Reading } from './component.ts';
import { counted, days } from '../wording.ts';
import { own } from '../own.ts';

/** CSM touches logged in the window against the segment's coverage model; tech-touch segments expect none. */
export const cadenceComponent = ({ facts, config }: ComponentInput): Reading => {
  const t = config.health.components.cadence;
  const expected = own(t.expectedTouchesBySegment, facts.segment) ?? 0;
  if (expected === 0) return missing(`no CSM cadence expected for ${facts.segment} accounts`);
  const since = facts.now - t.windowDays * DAY_MS;
  const touches = facts.engagements.filter(({ at, item: e }) => at >= since && (
    ((e.kind === 'email' || e.kind === 'call') && e.direction === 'outbound') || (e.kind === 'meeting' && e.outcome !== 'CANCELED')
  )).length;
  return { value: clamp((touches / expected) * 100), detail: `${counted(touches, 'CSM touch', 'CSM touches')} in the last ${days(t.windowDays)}, ${expected} expected` };
};
