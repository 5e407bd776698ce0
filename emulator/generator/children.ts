import { ActivityWriter } from './activity.ts';
import { dealsFor, feedbackFor, ticketsFor } from './commercial.ts';
import { contactsFor, type RawContact } from './contacts.ts';
import { CHILD_STRIDE, childId } from './ids.ts';
import type { CompanyPlan } from './plan.ts';
import type { Rng } from './prng.ts';
import { iso, type ContactRole, type RawRecord } from './raw.ts';
import { childTypes, type ChildType, type CompanyChildren, type CrmRecord } from './types.ts';

const stamp = (id: string, createdMs: number, modifiedMs: number, props: CrmRecord['properties'], companyId: string, contactId: string | null, contactOnly = false): CrmRecord => {
  const createdAt = iso(createdMs);
  const updatedAt = iso(Math.max(createdMs, modifiedMs));
  return {
    id, createdAt, updatedAt, archived: false, companyId, contactId, ...(contactOnly ? { contactOnly: true as const } : {}),
    properties: { ...props, hs_object_id: id, createdate: createdAt, hs_createdate: createdAt, hs_lastmodifieddate: updatedAt },
  };
};

const contactRecords = (plan: CompanyPlan, contacts: readonly RawContact[]): { records: CrmRecord[]; byRole: Map<ContactRole, string> } => {
  const byRole = new Map<ContactRole, string>();
  const records = contacts.map((c, i) => {
    const id = childId('contacts', plan.index, i);
    if (!byRole.has(c.role)) byRole.set(c.role, id);
    // A departed contact in a stock portal keeps its association but no longer names the company as its primary one.
    const primary = c.left && plan.profileOfPortal === 'stock' ? null : plan.id;
    return stamp(id, c.createdMs, c.modifiedMs, { ...c.props, associatedcompanyid: primary }, plan.id, id);
  });
  return { records, byRole };
};

/** Every child object of one company, regenerated identically from its plan and seed whenever asked for. */
export const buildChildren = (plan: CompanyPlan, rng: Rng, nowMs: number, domain: string): CompanyChildren => {
  const activity = new ActivityWriter(plan, rng.fork('activity'), nowMs);
  if (plan.profile === null) activity.prospectHistory();
  else activity.customerHistory(plan.profile);
  const tickets = ticketsFor(plan, rng.fork('tickets'), nowMs, activity.lastTwoWayMs);
  const raw: RawRecord[] = [
    ...activity.out, ...tickets,
    ...dealsFor(plan, rng.fork('deals'), nowMs),
    ...feedbackFor(plan, rng.fork('feedback'), activity.lastTwoWayMs, tickets),
  ];
  const people = contactsFor(plan, rng.fork('contacts'), domain, nowMs);
  const { records: contacts, byRole } = contactRecords(plan, people.contacts);
  const contactFor = (r: RawRecord): string | null => {
    if (r.contact === 'champion' && people.championLeftMs !== null && r.ts > people.championLeftMs) {
      return byRole.get('exec') ?? null;
    }
    return r.contact === null ? null : (byRole.get(r.contact) ?? byRole.get('champion') ?? null);
  };
  const jitter = rng.fork('stamps');
  const grouped = new Map<ChildType, RawRecord[]>(childTypes.map((t) => [t, []]));
  for (const r of raw) grouped.get(r.type)?.push(r);
  const result = { contacts } as Record<ChildType, CrmRecord[]>;
  for (const type of childTypes) {
    if (type === 'contacts') continue;
    const list = (grouped.get(type) ?? []).sort((a, b) => a.ts - b.ts).slice(-(CHILD_STRIDE - 1));
    result[type] = list.map((r, ordinal) => {
      const created = Math.min(nowMs, r.createdMs ?? r.ts - (r.ts > nowMs ? jitter.int(1, 10) * 86_400_000 : 0));
      const modified = Math.min(nowMs, r.modifiedMs ?? created + jitter.int(0, 7_200_000));
      return stamp(childId(type, plan.index, ordinal), created, modified, r.props, plan.id, contactFor(r), r.contactOnly === true);
    });
  }
  return result;
};
