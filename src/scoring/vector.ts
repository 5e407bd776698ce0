import type { ScoringConfig } from './config.schema.ts';
import { classifyDeals } from './deal-kinds.ts';
import type { Facts } from './facts.ts';
import type { MilestoneSummary } from './milestones.ts';
import type { VectorValue } from './score-card.schema.ts';
import type { CompanySnapshot } from './snapshot.schema.ts';
import { DAY_MS, percent, plural, toMs } from './time.ts';
import { roleChangeText } from './wording.ts';

type Signal = { points: number; text: string };

/** Health now against the company's own trailing baseline: the mean of its scores 25 to windowDays days ago. */
const healthTrend = (snapshot: CompanySnapshot, health: number, facts: Facts, config: ScoringConfig): number | null => {
  const from = facts.now - config.vector.windowDays * DAY_MS;
  const to = facts.now - 25 * DAY_MS;
  const baseline = snapshot.previousCards.filter((c) => { const at = toMs(c.scoredAt); return at !== null && at >= from && at <= to; });
  if (baseline.length === 0) return null;
  return health - baseline.reduce((sum, c) => sum + c.healthScore, 0) / baseline.length;
};

/**
 * Points for and against growth: rising adoption, expansion and promoters push positive; falling usage, detractors,
 * piles of urgent tickets and a departed champion push negative; a flat renewal alone is neutral, not success.
 */
export const scoreVector = (
  snapshot: CompanySnapshot, facts: Facts, milestones: MilestoneSummary, health: number, config: ScoringConfig,
): { value: VectorValue; reason: string } => {
  const v = config.vector;
  const signals: Signal[] = [];
  if (facts.usageChange !== null) {
    if (facts.usageChange >= v.usageRising) signals.push({ points: 2, text: `usage up ${percent(facts.usageChange)}` });
    else if (facts.usageChange <= v.usageFalling) signals.push({ points: -2, text: `usage down ${percent(-facts.usageChange)}` });
    else signals.push({ points: 0, text: 'usage flat' });
  }
  if (facts.stage === 'onboarding') {
    // A new customer has no trailing baseline yet: milestone pace is the direction it is heading.
    const late = milestones.milestones.filter((m) => m.state === 'behind' || m.state === 'stuck').length;
    const done = milestones.milestones.some((m) => m.state === 'done');
    if (late > 0) signals.push({ points: -1, text: 'onboarding behind schedule' });
    else if (done) signals.push({ points: 2, text: 'onboarding on track' });
  }
  // A classified deal's close date is already read (its `at`).
  const within = (at: number | null, days: number) => at !== null && at <= facts.now && facts.now - at <= days * DAY_MS;
  const won = classifyDeals(snapshot.deals, config).filter((d) => d.isClosedWon && within(d.at, 365));
  if (won.some((d) => d.kind === 'expansion' && within(d.at, v.expansionWithinDays))) signals.push({ points: 2, text: 'expansion won' });
  else if (won.some((d) => d.kind === 'renewal')) signals.push({ points: 0, text: 'renewed flat' });
  const nps = facts.latestNps;
  if (nps && facts.now - nps.at <= v.sentimentWithinDays * DAY_MS) {
    if (nps.item.responseGroup === 'promoter') signals.push({ points: 1, text: 'promoter NPS' });
    if (nps.item.responseGroup === 'detractor') signals.push({ points: -1, text: 'detractor NPS' });
  }
  const trend = healthTrend(snapshot, health, facts, config);
  if (trend !== null && trend >= v.healthTrendPoints) signals.push({ points: 1, text: `health up ${Math.round(trend)} on its baseline` });
  if (trend !== null && trend <= -v.healthTrendPoints) signals.push({ points: -1, text: `health down ${Math.round(-trend)} on its baseline` });
  // Saying so when it holds steady: a baseline that exists and moved little is news too, and tells the CSM there is one.
  if (trend !== null && Math.abs(trend) < v.healthTrendPoints) signals.push({ points: 0, text: `health steady on its baseline (${trend >= 0 ? '+' : '-'}${Math.abs(Math.round(trend))})` });
  if (facts.urgentOpen >= v.urgentTicketsNegative) signals.push({ points: -1, text: `${plural(facts.urgentOpen, 'urgent ticket')} open` });
  if (facts.championLeftDaysAgo !== null) signals.push({ points: -1, text: 'champion left' });
  if (facts.roleChange !== null) signals.push({ points: -1, text: roleChangeText(facts.roleChange) });
  const total = signals.reduce((sum, s) => sum + s.points, 0);
  const value: VectorValue = total >= v.positiveAt ? 'positive' : total <= v.negativeAt ? 'negative' : 'neutral';
  const reason = signals.length === 0 ? 'no sign of growth or decline' : signals.map((s) => s.text).join('; ');
  return { value, reason };
};
