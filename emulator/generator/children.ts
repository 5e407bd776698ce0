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
  const stampers = new Map<ChildType, () => CrmRecord[]>();
  for (const type of childTypes) {
    if (type === 'contacts') continue;
    const list = (grouped.get(type) ?? []).sort((a, b) => a.ts - b.ts).slice(-(CHILD_STRIDE - 1));
    // The stamps' jitter is one stream across the types in order: each type starts from where the previous one's
    // draws (one per defaulted date) leave it, so it can be stamped alone, and is stamped only when first read. A
    // sync reads one type at a time, and stamping the eight others was 40% of rebuilding a company's children.
    const from = jitter.clone();
    for (const r of list) {
      if (r.createdMs === undefined && r.ts > nowMs) jitter.next();
      if (r.modifiedMs === undefined) jitter.next();
    }
    stampers.set(type, () => list.map((r, ordinal) => {
      const created = Math.min(nowMs, r.createdMs ?? r.ts - (r.ts > nowMs ? from.int(1, 10) * 86_400_000 : 0));
      const modified = Math.min(nowMs, r.modifiedMs ?? created + from.int(0, 7_200_000));
      return stamp(childId(type, plan.index, ordinal), created, modified, r.props, plan.id, contactFor(r), r.contactOnly === true);
    }));
  }
  return new StampedOnRead(contacts, stampers);
};

/**
 * A company's children, each type stamped on its first read and kept. The getters live on the class, so every
 * company's object shares one shape (accessors defined per object gave each its own, and collecting those cost more
 * than the stamping saved); toJSON keeps the plain object's keys and order, so a portal's hash is unchanged.
 */
class StampedOnRead implements CompanyChildren {
  readonly contacts: readonly CrmRecord[];
  private readonly stampers: ReadonlyMap<ChildType, () => CrmRecord[]>;
  private readonly stamped = new Map<ChildType, CrmRecord[]>();

  constructor(contacts: readonly CrmRecord[], stampers: ReadonlyMap<ChildType, () => CrmRecord[]>) {
    this.contacts = contacts;
    this.stampers = stampers;
  }

  private read(type: ChildType): readonly CrmRecord[] {
    let records = this.stamped.get(type);
    if (!records) {
      records = this.stampers.get(type)?.() ?? [];
      this.stamped.set(type, records);
    }
    return records;
  }

  get deals() { return this.read('deals'); }
  get tickets() { return this.read('tickets'); }
  get calls() { return this.read('calls'); }
  get emails() { return this.read('emails'); }
  get meetings() { return this.read('meetings'); }
  get notes() { return this.read('notes'); }
  get tasks() { return this.read('tasks'); }
  get feedback_submissions() { return this.read('feedback_submissions'); }

  toJSON(): Record<ChildType, readonly CrmRecord[]> {
    return Object.fromEntries(childTypes.map((type) => [type, this[type]])) as Record<ChildType, readonly CrmRecord[]>;
  }
}
