import { clamp } from '../time.ts';
import { missing } from './component.ts';
import type { ComponentInput, Reading } from './component.ts';
import { ago, roleChangeText } from '../wording.ts';

/** An engaged executive sponsor and a champion still in place; losing the champion, or their role changing, is a risk. */
export const relationshipComponent = ({ snapshot, facts, config }: ComponentInput): Reading => {
  if (snapshot.contacts.length === 0) return missing('no contacts');
  const active = snapshot.contacts.filter((c) => !c.leftCompany).length;
  const sponsor = facts.executives[0];
  let value = 50 + (sponsor ? 40 : 0) + (active >= 2 ? 10 : 0);
  const parts = [sponsor ? `executive sponsor: ${sponsor.jobTitle}` : 'no executive sponsor'];
  if (facts.championLeftDaysAgo !== null) {
    value -= 50;
    parts.push(`champion left ${ago(facts.championLeftDaysAgo)}`);
  }
  const change = facts.roleChange;
  if (change !== null) {
    value -= config.health.components.relationship.roleChangePenalty;
    parts.push(`${roleChangeText(change)} ${ago(change.daysAgo)}`);
  }
  return { value: clamp(value), detail: parts.join(', ') };
};
