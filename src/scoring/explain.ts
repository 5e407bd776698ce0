import type { Cohort, HealthStatus } from './config.schema.ts';
import type { ComponentResult } from './score-card.schema.ts';
import type { PreviousCard } from './snapshot.schema.ts';
import { toMs } from './time.ts';

/** The present component that costs the score the most points. */
export const biggestDrag = (components: ComponentResult[]): ComponentResult | null => {
  const lost = (c: ComponentResult) => c.weight * (100 - (c.value ?? 100));
  const candidates = components.filter((c) => !c.missing && lost(c) > 0);
  return candidates.reduce<ComponentResult | null>((worst, c) => (worst === null || lost(c) > lost(worst) ? c : worst), null);
};

export const latestPreviousCard = (cards: PreviousCard[], now: number): PreviousCard | null => {
  let latest: PreviousCard | null = null;
  // The latest card's moment is kept beside it rather than read from its text again for every card after it.
  let latestAt = 0;
  for (const card of cards) {
    const at = toMs(card.scoredAt);
    if (at === null || at >= now) continue;
    if (latest === null || at > latestAt) {
      latest = card;
      latestAt = at;
    }
  }
  return latest;
};

/** One sentence saying what moved since the previous score, e.g. "health fell 12: no inbound touch in 41 days; 3 urgent tickets open". */
export const changeReason = (
  current: { score: number; status: HealthStatus; cohort: Cohort; components: ComponentResult[] },
  previous: PreviousCard | null,
): string => {
  if (previous === null) return `first score: health ${Math.round(current.score)} (${current.status})`;
  const delta = Math.round(current.score - previous.healthScore);
  const cohortChange = previous.cohort !== current.cohort ? `; cohort ${previous.cohort} -> ${current.cohort}` : '';
  if (delta === 0) return `health unchanged at ${Math.round(current.score)}${cohortChange}`;
  const before = new Map(previous.components.map((c) => [c.key, c.value]));
  const moved = current.components
    .filter((c) => !c.missing)
    .map((c) => ({ c, diff: ((c.value ?? 0) - (before.get(c.key) ?? c.value ?? 0)) * c.weight }))
    .filter(({ diff }) => Math.sign(diff) === Math.sign(delta))
    .sort((a, b) => Math.abs(b.diff) - Math.abs(a.diff) || a.c.key.localeCompare(b.c.key))
    .slice(0, 2)
    .map(({ c }) => c.detail);
  const drivers = moved.length > 0 ? moved : [delta < 0 ? biggestDrag(current.components)?.detail ?? 'several small changes' : 'several small changes'];
  return `health ${delta < 0 ? 'fell' : 'rose'} ${Math.abs(delta)}: ${drivers.join('; ')}${cohortChange}`;
};
