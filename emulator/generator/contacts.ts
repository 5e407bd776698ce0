import { championTitles, executiveTitles, firstNames, lastNames, staffTitles } from './catalog.ts';
import { DAY, type CompanyPlan } from './plan.ts';
import type { Rng } from './prng.ts';
import type { ContactRole } from './raw.ts';
import type { Properties } from './types.ts';

export interface RawContact { role: ContactRole; createdMs: number; modifiedMs: number; props: Properties; left: boolean }

export interface ContactPlan { contacts: RawContact[]; championLeftMs: number | null; hasExec: boolean }

const person = (plan: CompanyPlan, rng: Rng, domain: string, title: string, role: ContactRole, createdMs: number, nowMs: number, leftMs: number | null): RawContact => {
  const firstname = rng.pick(firstNames);
  const lastname = rng.pick(lastNames);
  const modifiedMs = leftMs ?? Math.min(nowMs, createdMs + rng.int(0, 300) * DAY);
  // A stock portal has no "left the company" flag: the rep moves the contact to its new employer's email domain.
  const emailDomain = leftMs !== null && plan.profileOfPortal === 'stock' ? `new-employer-${rng.int(1, 999)}.com` : domain;
  return {
    role, createdMs, modifiedMs: Math.max(createdMs, modifiedMs), left: leftMs !== null,
    props: {
      firstname, lastname, email: `${firstname}.${lastname}${rng.int(1, 99)}@${emailDomain}`.toLowerCase(), jobtitle: title || null,
      lifecyclestage: 'customer',
      ...(plan.profileOfPortal === 'rich' ? { left_company: String(leftMs !== null) } : {}),
    },
  };
};

/** A champion, usually an executive sponsor, and a few colleagues; the champion may have left. */
export const contactsFor = (plan: CompanyPlan, rng: Rng, domain: string, nowMs: number): ContactPlan => {
  const since = plan.createdMs;
  const at = () => Math.min(nowMs, since + rng.int(0, 60) * DAY + rng.int(0, DAY - 1));
  const championLeftMs = plan.championLeft ? plan.anchorMs - rng.int(20, 80) * DAY : null;
  const contacts = [person(plan, rng, domain, rng.pick(championTitles), 'champion', at(), nowMs, championLeftMs)];
  const hasExec = plan.segment !== 'small' || plan.profile === 'thriving' || plan.profile === 'onboarding' || rng.chance(0.3);
  if (hasExec) contacts.push(person(plan, rng, domain, rng.pick(executiveTitles), 'exec', at(), nowMs, null));
  const staff = rng.int(0, plan.segment === 'large' ? 5 : 2);
  for (let i = 0; i < staff; i++) contacts.push(person(plan, rng, domain, rng.pick(staffTitles), 'staff', at(), nowMs, null));
  if (championLeftMs !== null) contacts.push(person(plan, rng, domain, rng.pick(championTitles), 'staff', championLeftMs + rng.int(5, 15) * DAY, nowMs, null));
  return { contacts, championLeftMs, hasExec };
};
