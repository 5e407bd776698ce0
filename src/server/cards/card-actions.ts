import type { HubSpotClient } from '../../hubspot/client.ts';
import { TASK_TO_COMPANY_ASSOCIATION_TYPE_ID } from '../../hubspot/objects.ts';
import { effectiveScoringConfig } from '../../portal-scoring/score-portal.ts';
import { z } from 'zod';
import type { Cohort } from '../../scoring/config.schema.ts';
import { cardActionsRepository } from '../../store/card-actions-repository.ts';
import type { ScoreCard } from '../../scoring/score-card.schema.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { portalLogger, type Logger } from '../../shared/logger.ts';
import type { Db } from '../../store/db.ts';
import { rescoreRequestsRepository } from '../../store/rescore-requests-repository.ts';
import { findCompanyRecord, scoresRepository } from '../../store/scores-repository.ts';
import { playFromValue, playLabel, playValue, type PlayValue } from '../../writeback/play-values.ts';
import { playOutcomesRepository } from '../../store/play-outcomes-repository.ts';
import type { PlayOutcome } from '../../scoring/snapshot.schema.ts';
import type { CardCache } from './card-cache.ts';
import type { CardTarget } from './trusted-portal.ts';
import { DAY_MS } from '../../scoring/time.ts';
import { createHash } from 'node:crypto';
import { csmSentimentRepository } from '../../store/csm-sentiment-repository.ts';
import type { CsmSentimentValue, DesiredOutcome } from '../../scoring/snapshot.schema.ts';
import { desiredOutcomesRepository } from '../../store/desired-outcomes-repository.ts';
import { companyMilestonesRepository } from '../../store/company-milestones-repository.ts';
import { plannedMilestones } from '../../scoring/milestones.ts';
import { cardLimits } from '../../scoring/card-limits.ts';

export interface CardActionDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  hubspot: Pick<HubSpotClient, 'forPortal'>;
  cardCache: CardCache;
  /** Records the companies to rescore and enqueues the portal's score job (composition's requestScoring). */
  requestScoring(portalId: number, companyIds: readonly string[]): Promise<void>;
  /** How long an action waits for the score job before answering that the rescore is queued. */
  rescoreWaitMs?: number;
}

/** 'done': the new card and its write-back are stored; 'queued': the score job has not finished within the wait. */
export type RescoreOutcome = 'done' | 'queued';

const RESCORE_WAIT_MS = 10_000;
const RESCORE_POLL_MS = 200;

const TASK_DUE_DAYS = 2;
const taskPriority: Record<Cohort, 'HIGH' | 'MEDIUM' | 'LOW'> = { dark: 'HIGH', negative: 'HIGH', neutral: 'MEDIUM', positive: 'MEDIUM', bad_fit: 'LOW' };

const requireCompany = async (deps: CardActionDeps, target: CardTarget) => {
  const company = await findCompanyRecord(deps.db, target.portalId, target.companyId);
  if (!company) throw new AppError('NOT_FOUND', `No company ${target.companyId} in this portal`);
  return company;
};

/**
 * Rescores one company through the queue like every other rescore, then waits (bounded) for the score job to
 * release the request, which it does once the card and its write-back are stored.
 */
export const rescoreCompany = async (deps: CardActionDeps, target: CardTarget): Promise<RescoreOutcome> => {
  await requireCompany(deps, target);
  await deps.requestScoring(target.portalId, [target.companyId]);
  const requests = rescoreRequestsRepository(deps.db);
  const deadline = Date.now() + (deps.rescoreWaitMs ?? RESCORE_WAIT_MS);
  let outcome: RescoreOutcome = 'queued';
  for (;;) {
    if (!(await requests.isPending(target.portalId, target.companyId))) {
      outcome = 'done';
      break;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, RESCORE_POLL_MS));
  }
  // The job may have run in another process: this one's cached card must not hide the new score.
  deps.cardCache.invalidate(target.portalId, target.companyId);
  if (outcome === 'queued') portalLogger(deps.logger, target.portalId).info({ companyId: target.companyId }, 'rescore: queued, the score job has not finished yet');
  return outcome;
};

const contactText = (who: NonNullable<ScoreCard['nextPlay']['who']>): string =>
  `${who.name ?? who.email ?? `contact ${who.contactId}`}${who.jobTitle ? `, ${who.jobTitle}` : ''} (${who.role})`
  + `${who.email && who.name ? `, ${who.email}` : ''}${who.lastTouch ? `, last touch ${who.lastTouch}` : ''}`;

/** The company owner as the task names them: by name (and email) when HubSpot's owners API could say, else by id. */
export type TaskOwner = { id: string; name: string | null; email: string | null };

const ownerText = (owner: TaskOwner | null): string => {
  if (owner === null) return 'no company owner set';
  if (owner.name === null && owner.email === null) return `HubSpot owner ${owner.id} (the company owner)`;
  return `${owner.name ?? owner.email}${owner.name !== null && owner.email !== null ? ` (${owner.email})` : ''}, the company owner`;
};

/** The task says whom to talk to, who owns it, the evidence and the words to start with, so it stands on its own. */
export const taskBody = (play: ScoreCard['nextPlay'], owner: TaskOwner | null): string => [
  play.reason,
  '',
  `Contact: ${play.who === null ? 'none on record: add the sponsor or champion to the company' : contactText(play.who)}`,
  `Owner: ${ownerText(owner)}`,
  ...(play.evidence.length > 0 ? ['', 'Evidence:', ...play.evidence.map((line) => `- ${line}`)] : []),
  '', 'Steps:', ...play.steps.map((step) => `- ${step}`),
  ...(play.template === null ? [] : ['', `Email to start with: ${play.template.subject}`, play.template.body]),
  '', 'Created by Waypoint.',
].join('\n');

/**
 * The owner's name through the owners API. A portal that did not grant the owners scope, or an owner HubSpot no
 * longer has, still gets its task: it names the owner by id then.
 */
const readOwner = async (deps: CardActionDeps, portalId: number, ownerId: string): Promise<TaskOwner> => {
  try {
    const owner = await deps.hubspot.forPortal(portalId).getOwner(ownerId);
    return owner ?? { id: ownerId, name: null, email: null };
  } catch (error) {
    portalLogger(deps.logger, portalId).warn({ ownerId, reason: error instanceof Error ? error.message : String(error) }, 'play task: owner name not readable, named by id');
    return { id: ownerId, name: null, email: null };
  }
};

/** Creates the HubSpot task for the company's current next play, on the company and for its owner. */
export const createPlayTask = async (deps: CardActionDeps, target: CardTarget, play: PlayValue): Promise<string> => {
  const company = await requireCompany(deps, target);
  const latest = await scoresRepository(deps.db).latest(target.portalId, target.companyId);
  if (!latest) throw new AppError('CONFLICT', 'This company has not been scored yet: rescore it first');
  const card = latest.card;
  if (playValue(card.nextPlay.play) !== play) {
    throw new AppError('CONFLICT', `The next play is now "${playLabel(card.nextPlay.play)}": reload the card and try again`);
  }
  const name = company.properties.name ?? `company ${company.id}`;
  const owner = company.properties.hubspot_owner_id;
  const body = taskBody(card.nextPlay, owner ? await readOwner(deps, target.portalId, owner) : null);
  const task = await deps.hubspot.forPortal(target.portalId).createObject('tasks', {
    properties: {
      hs_task_subject: `${playLabel(card.nextPlay.play)}: ${name}${card.nextPlay.who?.name ? ` (with ${card.nextPlay.who.name})` : ''}`,
      hs_task_body: body,
      hs_timestamp: String(deps.clock.now().getTime() + TASK_DUE_DAYS * DAY_MS),
      hs_task_status: 'NOT_STARTED',
      hs_task_priority: taskPriority[card.cohort],
      hs_task_type: 'TODO',
      ...(owner ? { hubspot_owner_id: owner } : {}),
    },
    associations: [{ toId: target.companyId, associationTypeId: TASK_TO_COMPANY_ASSOCIATION_TYPE_ID }],
  });
  portalLogger(deps.logger, target.portalId).info({ companyId: target.companyId, taskId: task.id, play }, 'play task created');
  return task.id;
};

/** A replayed signed request is valid for HubSpot's 5 minutes; the same action on the same company within them runs once. */
export const CARD_ACTION_WINDOW_MS = 5 * 60_000;

export type ActionOrigin = { idempotencyKey: string | null; signature: string | null };

/**
 * Runs `act` once per idempotency key, per signed request and per `windowKey` within CARD_ACTION_WINDOW_MS: a repeat
 * answers the first run's result; a repeat while the first still runs is a CONFLICT. A failed run gives its keys back.
 */
const once = async <T>(
  deps: CardActionDeps, target: CardTarget, action: string, origin: ActionOrigin, parse: (result: unknown) => T, act: () => Promise<T>,
): Promise<{ result: T; repeat: boolean }> => {
  const now = deps.clock.now();
  const keys = [
    ...(origin.idempotencyKey === null ? [] : [`card:${origin.idempotencyKey}`]),
    ...(origin.signature === null ? [] : [`signature:${origin.signature}`]),
    `window:${target.companyId}:${action}:${Math.floor(now.getTime() / CARD_ACTION_WINDOW_MS)}`,
  ];
  const actions = cardActionsRepository(deps.db);
  const claim = await actions.claim({ portalId: target.portalId, companyId: target.companyId, action, keys }, now, new Date(now.getTime() - CARD_ACTION_WINDOW_MS));
  if (claim.kind === 'running') throw new AppError('CONFLICT', 'This action is being carried out right now: reload the card in a moment');
  if (claim.kind === 'done') return { result: parse(claim.result), repeat: true };
  try {
    const result = await act();
    await actions.complete(target.portalId, keys, result);
    return { result, repeat: false };
  } catch (error) {
    await actions.release(target.portalId, keys);
    throw error;
  }
};

/**
 * createPlayTask, taking effect once per idempotency key, per signed request and per company and play within
 * CARD_ACTION_WINDOW_MS: a repeat answers the first task's id; a repeat while the first still runs is a CONFLICT.
 */
export const createPlayTaskOnce = async (deps: CardActionDeps, target: CardTarget, play: PlayValue, origin: ActionOrigin): Promise<string> => {
  const { result, repeat } = await once(deps, target, `create-task:${play}`, origin, (r) => z.object({ taskId: z.string() }).parse(r),
    async () => ({ taskId: await createPlayTask(deps, target, play) }));
  if (repeat) portalLogger(deps.logger, target.portalId).info({ companyId: target.companyId, taskId: result.taskId, play }, 'play task already created: repeat answered');
  return result.taskId;
};

/**
 * Stores the CSM's sentiment (with who set it and when), once per request like createPlayTaskOnce: the same
 * sentiment and note again within the window is the same click. Then rescores, so the card shows it.
 */
export const setCsmSentiment = async (
  deps: CardActionDeps, target: CardTarget, body: { value: CsmSentimentValue; note: string | null; setBy: string }, origin: ActionOrigin,
): Promise<RescoreOutcome> => {
  await requireCompany(deps, target);
  const what = createHash('sha256').update(JSON.stringify([body.value, body.note])).digest('hex').slice(0, 16);
  await once(deps, target, `csm-sentiment:${what}`, origin, (r) => z.object({ sentimentId: z.number() }).parse(r), async () => ({
    sentimentId: await csmSentimentRepository(deps.db).record(target.portalId, target.companyId, { ...body, setAt: deps.clock.now().toISOString() }),
  }));
  return rescoreCompany(deps, target);
};

/**
 * Sets (or replaces) the customer's desired outcome, once per request like the other actions, then rescores. A
 * property source must be one the portal's config lists: those are the ones the sync fetches.
 */
export const setDesiredOutcome = async (
  deps: CardActionDeps, target: CardTarget, body: Omit<DesiredOutcome, 'setAt'>, origin: ActionOrigin,
): Promise<RescoreOutcome> => {
  await requireCompany(deps, target);
  if (body.source.kind === 'property') {
    const { config } = await effectiveScoringConfig(deps.db, target.portalId);
    const allowed = config.outcomes.currentValueProperties;
    if (!allowed.includes(body.source.property)) {
      throw new AppError('VALIDATION_FAILED', `source.property: "${body.source.property}" is not a value property of this portal (`
        + `${allowed.length === 0 ? 'none is configured: add it to outcomes.currentValueProperties in Settings' : `one of ${allowed.join(', ')}`})`);
    }
  }
  const what = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
  await once(deps, target, `desired-outcome:${what}`, origin, (r) => z.object({ set: z.literal(true) }).parse(r), async () => {
    await desiredOutcomesRepository(deps.db).set(target.portalId, target.companyId, { ...body, setAt: deps.clock.now().toISOString() });
    return { set: true as const };
  });
  return rescoreCompany(deps, target);
};

/** Records what the CSM did with a play (and, for an advocacy ask, what came of it), then rescores the company. */
export const recordPlayOutcome = async (
  deps: CardActionDeps, target: CardTarget, body: { play: PlayValue; status: 'done' | 'skipped'; outcome: PlayOutcome['outcome']; note: string | null },
): Promise<RescoreOutcome> => {
  await requireCompany(deps, target);
  await playOutcomesRepository(deps.db).record(target.portalId, {
    companyId: target.companyId, play: playFromValue(body.play), status: body.status, outcome: body.outcome, note: body.note,
    recordedAt: deps.clock.now().toISOString(),
  });
  return rescoreCompany(deps, target);
};

/** The company's milestones as scoring plans them: the portal's, then the ones defined for this customer. */
const milestonesOf = async (deps: CardActionDeps, target: CardTarget) => {
  const [{ config }, own] = await Promise.all([
    effectiveScoringConfig(deps.db, target.portalId),
    companyMilestonesRepository(deps.db).forCompanies(target.portalId, [target.companyId]),
  ]);
  const companyMilestones = own.get(target.companyId) ?? [];
  return { portal: config.milestones.items, companyMilestones, planned: plannedMilestones(companyMilestones, config) };
};

/** Marks a customer milestone (one Waypoint cannot detect by itself) done, then rescores the company. */
export const markMilestoneDone = async (deps: CardActionDeps, target: CardTarget, milestoneKey: string): Promise<RescoreOutcome> => {
  await requireCompany(deps, target);
  const milestone = (await milestonesOf(deps, target)).planned.find((item) => item.key === milestoneKey);
  if (!milestone) throw new AppError('VALIDATION_FAILED', `milestoneKey "${milestoneKey}" is not one of this customer's milestones`);
  if (milestone.kind !== 'customer') {
    throw new AppError('VALIDATION_FAILED', `"${milestone.label}" is detected from product data and cannot be marked by hand`);
  }
  await scoresRepository(deps.db).markMilestone(target.portalId, target.companyId, milestoneKey, deps.clock.now(), null);
  return rescoreCompany(deps, target);
};

export const MAX_COMPANY_MILESTONES = 10;

/** A stable key from the label: "Second team live!" → second_team_live. */
const keyFromLabel = (label: string): string => {
  const slug = label.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 48);
  return /^[a-z]/.test(slug) ? slug : `m_${slug}`.replace(/_+$/, '');
};

/**
 * Adds a milestone for this customer alone (or, given its key, changes its label and due date), then rescores. A
 * new one may not take a key the portal's plan has, nor grow the list past what the card shows.
 */
export const saveCompanyMilestone = async (
  deps: CardActionDeps, target: CardTarget, body: { key?: string | undefined; label: string; dueDate: string; setBy: string },
): Promise<RescoreOutcome> => {
  await requireCompany(deps, target);
  const { portal, companyMilestones } = await milestonesOf(deps, target);
  const key = body.key ?? keyFromLabel(body.label);
  const existing = companyMilestones.some((m) => m.key === key);
  if (portal.some((item) => item.key === key)) {
    throw new AppError('VALIDATION_FAILED', `${body.key === undefined ? 'label' : 'key'}: "${key}" is a milestone of the portal's plan; name this one differently`);
  }
  if (body.key !== undefined && !existing) throw new AppError('VALIDATION_FAILED', `key: this customer has no milestone "${key}" to change`);
  if (body.key === undefined && existing) throw new AppError('VALIDATION_FAILED', `label: this customer already has a milestone "${key}"; change that one instead`);
  if (!existing && (companyMilestones.length >= MAX_COMPANY_MILESTONES || portal.length + companyMilestones.length >= cardLimits.milestones)) {
    throw new AppError('VALIDATION_FAILED', `label: this customer has ${companyMilestones.length} milestones of its own, the most the card shows`);
  }
  await companyMilestonesRepository(deps.db).upsert(target.portalId, target.companyId, { key, label: body.label, dueDate: body.dueDate }, body.setBy, deps.clock.now());
  return rescoreCompany(deps, target);
};

/** Removes a milestone defined for this customer (never one of the portal's plan), then rescores. */
export const removeCompanyMilestone = async (deps: CardActionDeps, target: CardTarget, milestoneKey: string): Promise<RescoreOutcome> => {
  await requireCompany(deps, target);
  if (!(await companyMilestonesRepository(deps.db).remove(target.portalId, target.companyId, milestoneKey))) {
    throw new AppError('VALIDATION_FAILED', `milestoneKey: "${milestoneKey}" is not a milestone defined for this customer (the portal's plan is changed in Settings)`);
  }
  return rescoreCompany(deps, target);
};
