import { emailSubjects, meetingTitles, noteBodies, taskSubjects } from './catalog.ts';
import { DAY, HISTORY_DAYS, type CompanyPlan } from './plan.ts';
import type { Rng } from './prng.ts';
import { iso, type ContactRole, type RawRecord } from './raw.ts';
import type { HealthProfile } from './types.ts';

const HOUR = 3_600_000;

const cadenceDays = { large: [12, 24], mid: [22, 40], small: [40, 80] } as const;

/** Writes one company's calls, emails, meetings, notes and tasks; two-way touches never pass plan.lastTwoWay. */
export class ActivityWriter {
  private readonly rng: Rng;
  private readonly plan: CompanyPlan;
  private readonly nowMs: number;
  readonly out: RawRecord[] = [];
  readonly lastTwoWayMs: number;

  constructor(plan: CompanyPlan, rng: Rng, nowMs: number) {
    this.plan = plan;
    this.rng = rng;
    this.nowMs = nowMs;
    this.lastTwoWayMs = plan.lastTwoWayDaysAgo === null ? plan.anchorMs : plan.anchorMs - plan.lastTwoWayDaysAgo * DAY;
  }

  private push(type: RawRecord['type'], ts: number, props: RawRecord['props'], contact: ContactRole | null): void {
    const owner = this.plan.ownerIds.length === 1 ? this.plan.ownerIds[0] : this.rng.pick(this.plan.ownerIds);
    this.out.push({ type, ts, props: { hs_timestamp: iso(ts), hubspot_owner_id: owner ?? null, ...props }, contact });
  }

  /**
   * What the portal records of a meeting's outcome: everything in the rich profile; in a stock portal most
   * meetings keep an empty outcome, held or not, and a scheduled one rarely says so.
   */
  private recordedOutcome(outcome: string): string | null {
    if (this.plan.profileOfPortal === 'rich') return outcome;
    if (outcome === 'COMPLETED') return this.rng.chance(0.2) ? outcome : null;
    if (outcome === 'SCHEDULED') return this.rng.chance(0.3) ? outcome : null;
    return this.rng.chance(0.6) ? outcome : null;
  }

  email(ts: number, inbound: boolean): void {
    const subject = this.rng.pick(inbound ? emailSubjects.inbound : emailSubjects.outbound);
    const direction = inbound ? (this.rng.chance(0.1) ? 'FORWARDED_EMAIL' : 'INCOMING_EMAIL') : 'EMAIL';
    this.push('emails', ts, { hs_email_direction: direction, hs_email_status: 'SENT', hs_email_subject: subject }, 'champion');
  }

  call(ts: number, inbound: boolean, answered: boolean): void {
    const status = answered ? 'COMPLETED' : this.rng.pick(['NO_ANSWER', 'BUSY']);
    const duration = answered ? this.rng.int(120, 2400) * 1000 : 0;
    this.push('calls', ts, {
      hs_call_direction: inbound ? 'INBOUND' : 'OUTBOUND', hs_call_status: status, hs_call_duration: String(duration),
      hs_call_title: inbound ? 'Inbound call' : 'Call with customer',
    }, 'champion');
  }

  meeting(ts: number, outcome: string, title: string, contact: ContactRole = 'champion'): void {
    const minutes = this.rng.pick([30, 45, 60]);
    this.push('meetings', ts, {
      hs_meeting_outcome: this.recordedOutcome(outcome), hs_meeting_title: title,
      hs_meeting_start_time: iso(ts), hs_meeting_end_time: iso(ts + minutes * 60_000),
    }, contact);
    if (outcome === 'COMPLETED' && this.rng.chance(0.6)) this.note(ts + this.rng.int(1, 5) * HOUR);
  }

  note(ts: number): void {
    this.push('notes', ts, { hs_note_body: this.rng.pick(noteBodies) }, null);
  }

  task(ts: number): void {
    const done = ts < this.nowMs - 14 * DAY || this.rng.chance(0.3);
    this.push('tasks', ts, {
      hs_task_status: done ? 'COMPLETED' : 'NOT_STARTED', hs_task_priority: this.rng.pick(['LOW', 'MEDIUM', 'HIGH', 'NONE']),
      hs_task_type: this.rng.pick(['CALL', 'EMAIL', 'TODO']), hs_task_subject: this.rng.pick(taskSubjects),
    }, null);
  }

  /** A two-way touch at exactly ts: the pinned "last heard from" event of the profile. */
  twoWay(ts: number): void {
    const kind = this.rng.weighted({ email: 5, call: 2, meeting: 2 });
    if (kind === 'email') this.email(ts, true);
    else if (kind === 'call') this.call(ts, true, true);
    else this.meeting(ts, 'COMPLETED', meetingTitles.checkin);
  }

  private workTime(dayMs: number): number {
    return dayMs + this.rng.int(8 * 60, 17 * 60) * 60_000 + this.rng.int(0, 59_999);
  }

  private touch(ts: number): void {
    const rng = this.rng;
    if (ts > this.lastTwoWayMs) {
      if (rng.chance(0.75)) this.email(ts, false);
      else this.call(ts, false, false);
    } else {
      const kind = rng.weighted({ thread: 5, meeting: 2, call: 2 });
      if (kind === 'thread') {
        this.email(ts, false);
        const replyAt = ts + rng.int(1, 72) * HOUR;
        if (rng.chance(this.plan.trajectory?.responsiveness ?? 0.5) && replyAt <= this.lastTwoWayMs) this.email(replyAt, true);
      } else if (kind === 'meeting') {
        const outcome = rng.weighted({ COMPLETED: 8, NO_SHOW: 1, RESCHEDULED: 1, CANCELED: 1 });
        this.meeting(ts, outcome, rng.chance(0.25) ? meetingTitles.review : meetingTitles.checkin);
      } else {
        const inbound = rng.chance(0.3);
        this.call(ts, inbound, inbound || rng.chance(0.7));
      }
    }
    if (rng.chance(0.2)) this.task(ts + rng.int(1, 48) * HOUR);
  }

  /** Regular CSM cadence over the history window, then the profile's pinned signals. */
  customerHistory(profile: HealthProfile): void {
    const plan = this.plan;
    const rng = this.rng;
    const startMs = Math.max(this.nowMs - HISTORY_DAYS * DAY, plan.contractStartMs ?? plan.createdMs);
    const [minGap, maxGap] = profile === 'onboarding' ? [4, 9] : cadenceDays[plan.segment ?? 'small'];
    for (let day = startMs + rng.int(1, minGap) * DAY; day < plan.anchorMs - DAY; day += rng.int(minGap, maxGap) * DAY) {
      const ts = this.workTime(day - (day % DAY));
      if (ts < plan.anchorMs) this.touch(ts);
    }
    if (plan.lastTwoWayDaysAgo !== null) this.twoWay(this.lastTwoWayMs);
    this.profileSignals(profile, startMs);
  }

  private daysBefore(anchor: number, minDays: number, maxDays: number): number {
    const day = anchor - this.rng.int(minDays, Math.max(minDays, maxDays)) * DAY;
    return Math.min(this.workTime(day - (day % DAY)), this.lastTwoWayMs);
  }

  private profileSignals(profile: HealthProfile, startMs: number): void {
    const { plan, rng } = this;
    const anchor = plan.anchorMs;
    const quiet = plan.lastTwoWayDaysAgo ?? 0;
    if (profile === 'thriving') {
      this.email(this.daysBefore(anchor, quiet, 13), true);
      if (rng.chance(0.6)) this.meeting(this.daysBefore(anchor, quiet, 13), 'COMPLETED', meetingTitles.checkin);
      else this.call(this.daysBefore(anchor, quiet, 13), true, true);
      this.meeting(this.daysBefore(anchor, 20, 85), 'COMPLETED', meetingTitles.review, 'exec');
      if (anchor === this.nowMs && rng.chance(0.5)) this.meeting(this.workTime(anchor + rng.int(2, 14) * DAY), 'SCHEDULED', meetingTitles.review, 'exec');
    } else if (profile === 'stagnant') {
      this.meeting(this.daysBefore(anchor, quiet + 25, quiet + 35), 'COMPLETED', meetingTitles.checkin);
      this.meeting(this.daysBefore(anchor, quiet + 55, quiet + 65), 'COMPLETED', meetingTitles.checkin);
    } else if (profile === 'dark') {
      // The CSM keeps writing into the silence.
      for (let ts = this.lastTwoWayMs + rng.int(5, 12) * DAY; ts < anchor; ts += rng.int(8, 20) * DAY) this.email(ts, false);
    } else if (profile === 'onboarding') {
      const start = plan.contractStartMs ?? startMs;
      this.meeting(Math.min(start + rng.int(2, 6) * DAY, this.lastTwoWayMs), 'COMPLETED', meetingTitles.kickoff, 'exec');
      for (let ts = start + 9 * DAY; ts < this.lastTwoWayMs; ts += rng.int(6, 9) * DAY) this.meeting(ts, 'COMPLETED', meetingTitles.onboarding);
    }
  }

  /** Sales touches before a prospect buys (or does not). */
  prospectHistory(): void {
    const touches = this.rng.int(1, 6);
    for (let i = 0; i < touches; i++) {
      const ts = this.plan.createdMs + this.rng.float(0, 1) * (this.nowMs - this.plan.createdMs);
      const kind = this.rng.weighted({ email: 4, call: 2, meeting: 1 });
      if (kind === 'email') this.email(ts, this.rng.chance(0.3));
      else if (kind === 'call') this.call(ts, false, this.rng.chance(0.5));
      else this.meeting(ts, this.rng.weighted({ COMPLETED: 3, NO_SHOW: 1 }), meetingTitles.checkin);
    }
  }
}
