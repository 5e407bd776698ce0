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

const stampedTypes = childTypes.filter((t): t is Exclude<ChildType, 'contacts'> => t !== 'contacts');

/**
 * Every child object of one company, regenerated identically from its plan and seed whenever asked for. Each source
 * draws from its own forked stream, so each is generated only when a type that needs it is first read: a list of
 * contacts, deals or tickets builds no activity (the costliest part), which at XL, where every list page rebuilds
 * its companies, was most of what a page of those types cost the emulator.
 */
export const buildChildren = (plan: CompanyPlan, rng: Rng, nowMs: number, domain: string): CompanyChildren => {
  const activity = new ActivityWriter(plan, rng.fork('activity'), nowMs);
  let history: readonly RawRecord[] | undefined;
  const activityRecords = (): readonly RawRecord[] => {
    if (!history) {
      if (plan.profile === null) activity.prospectHistory();
      else activity.customerHistory(plan.profile);
      history = activity.out;
    }
    return history;
  };
  let tickets: readonly RawRecord[] | undefined;
  const ticketRecords = (): readonly RawRecord[] => (tickets ??= ticketsFor(plan, rng.fork('tickets'), nowMs, activity.lastTwoWayMs));
  const sources: Record<Exclude<ChildType, 'contacts'>, () => readonly RawRecord[]> = {
    deals: () => dealsFor(plan, rng.fork('deals'), nowMs),
    tickets: ticketRecords,
    calls: activityRecords, emails: activityRecords, meetings: activityRecords, notes: activityRecords, tasks: activityRecords,
    feedback_submissions: () => feedbackFor(plan, rng.fork('feedback'), activity.lastTwoWayMs, ticketRecords()),
  };
  const people = contactsFor(plan, rng.fork('contacts'), domain, nowMs);
  const { records: contacts, byRole } = contactRecords(plan, people.contacts);
  const contactFor = (r: RawRecord): string | null => {
    if (r.contact === 'champion' && people.championLeftMs !== null && r.ts > people.championLeftMs) {
      return byRole.get('exec') ?? null;
    }
    return r.contact === null ? null : (byRole.get(r.contact) ?? byRole.get('champion') ?? null);
  };
  // The stamps' jitter is one stream across the types in order: each type starts from where the previous one's draws
  // (one per defaulted date) leave it, so a type's start is known once the types before it are listed.
  const jitter = rng.fork('stamps');
  const lists = new Map<ChildType, readonly RawRecord[]>();
  const starts = new Map<ChildType, Rng>();
  const listOf = (type: Exclude<ChildType, 'contacts'>): readonly RawRecord[] => {
    let list = lists.get(type);
    if (!list) {
      list = sources[type]().filter((r) => r.type === type).sort((a, b) => a.ts - b.ts).slice(-(CHILD_STRIDE - 1));
      lists.set(type, list);
    }
    return list;
  };
  const startOf = (type: Exclude<ChildType, 'contacts'>): Rng => {
    for (const earlier of stampedTypes) {
      if (starts.has(type)) break;
      if (starts.has(earlier)) continue;
      starts.set(earlier, jitter.clone());
      for (const r of listOf(earlier)) {
        if (r.createdMs === undefined && r.ts > nowMs) jitter.next();
        if (r.modifiedMs === undefined) jitter.next();
      }
    }
    return starts.get(type) as Rng;
  };
  return new StampedOnRead(contacts, (type) => {
    const from = startOf(type);
    return listOf(type).map((r, ordinal) => {
      const created = Math.min(nowMs, r.createdMs ?? r.ts - (r.ts > nowMs ? from.int(1, 10) * 86_400_000 : 0));
      const modified = Math.min(nowMs, r.modifiedMs ?? created + from.int(0, 7_200_000));
      return stamp(childId(type, plan.index, ordinal), created, modified, r.props, plan.id, contactFor(r), r.contactOnly === true);
    });
  });
};

/**
 * A company's children, each type stamped on its first read and kept. The getters live on the class, so every
 * company's object shares one shape (accessors defined per object gave each its own, and collecting those cost more
 * than the stamping saved); toJSON keeps the plain object's keys and order, so a portal's hash is unchanged.
 */
class StampedOnRead implements CompanyChildren {
  readonly contacts: readonly CrmRecord[];
  private readonly stamper: (type: Exclude<ChildType, 'contacts'>) => CrmRecord[];
  private readonly stamped = new Map<ChildType, CrmRecord[]>();

  constructor(contacts: readonly CrmRecord[], stamper: (type: Exclude<ChildType, 'contacts'>) => CrmRecord[]) {
    this.contacts = contacts;
    this.stamper = stamper;
  }

  private read(type: Exclude<ChildType, 'contacts'>): readonly CrmRecord[] {
    let records = this.stamped.get(type);
    if (!records) {
      records = this.stamper(type);
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
