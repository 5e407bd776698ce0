import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { createPlayTaskOnce, markMilestoneDone, recordPlayOutcome, removeCompanyMilestone, rescoreCompany, saveCompanyMilestone, setCsmSentiment, setDesiredOutcome, type ActionOrigin, type CardActionDeps, type RescoreOutcome } from '../cards/card-actions.ts';
import { companyMilestoneBodySchema, createTaskBodySchema, csmSentimentBodySchema, desiredOutcomeBodySchema, markMilestoneBodySchema, playOutcomeBodySchema } from '../cards/card-data.schema.ts';
import { trustedCardTarget } from '../cards/trusted-portal.ts';

export interface CardActionRouteDeps extends CardActionDeps {
  /** The install engineer's X-HubSpot-Signature-v3 check; it must reject before these routes run. */
  verifyHubSpotSignature: RequestHandler;
}

const parseBody = <T>(schema: z.ZodType<T>, body: unknown): T => {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
};

const originOf = (req: Request, idempotencyKey: string | undefined): ActionOrigin =>
  ({ idempotencyKey: idempotencyKey ?? null, signature: req.get('x-hubspot-signature-v3') ?? null });

// 200 once the rescored card is stored and written back; 202 while the score job is still to finish it.
const answerRescore = (res: Response, outcome: RescoreOutcome) => {
  if (outcome === 'done') res.json({ status: 'ok' });
  else res.status(202).json({ status: 'queued' });
};

/** POST /api/cards/actions/{create-task,mark-milestone,play-outcome,csm-sentiment,desired-outcome,company-milestone,remove-company-milestone,rescore}?portalId&objectId, called by the card's buttons. */
export const cardActionsRouter = (deps: CardActionRouteDeps): Router => {
  const router = Router();
  router.post('/api/cards/actions/create-task', deps.verifyHubSpotSignature, async (req, res) => {
    const target = await trustedCardTarget(deps.db, req);
    const { play, idempotencyKey } = parseBody(createTaskBodySchema, req.body);
    const signature = req.get('x-hubspot-signature-v3') ?? null;
    res.json({ status: 'ok', taskId: await createPlayTaskOnce(deps, target, play, { idempotencyKey: idempotencyKey ?? null, signature }) });
  });
  router.post('/api/cards/actions/mark-milestone', deps.verifyHubSpotSignature, async (req, res) => {
    const target = await trustedCardTarget(deps.db, req);
    const { milestoneKey } = parseBody(markMilestoneBodySchema, req.body);
    answerRescore(res, await markMilestoneDone(deps, target, milestoneKey));
  });
  router.post('/api/cards/actions/play-outcome', deps.verifyHubSpotSignature, async (req, res) => {
    const target = await trustedCardTarget(deps.db, req);
    answerRescore(res, await recordPlayOutcome(deps, target, parseBody(playOutcomeBodySchema, req.body)));
  });
  router.post('/api/cards/actions/csm-sentiment', deps.verifyHubSpotSignature, async (req, res) => {
    const target = await trustedCardTarget(deps.db, req);
    const { idempotencyKey, ...body } = parseBody(csmSentimentBodySchema, req.body);
    answerRescore(res, await setCsmSentiment(deps, target, body, originOf(req, idempotencyKey)));
  });
  router.post('/api/cards/actions/desired-outcome', deps.verifyHubSpotSignature, async (req, res) => {
    const target = await trustedCardTarget(deps.db, req);
    const { idempotencyKey, ...body } = parseBody(desiredOutcomeBodySchema, req.body);
    answerRescore(res, await setDesiredOutcome(deps, target, body, originOf(req, idempotencyKey)));
  });
  router.post('/api/cards/actions/company-milestone', deps.verifyHubSpotSignature, async (req, res) => {
    const target = await trustedCardTarget(deps.db, req);
    answerRescore(res, await saveCompanyMilestone(deps, target, parseBody(companyMilestoneBodySchema, req.body)));
  });
  router.post('/api/cards/actions/remove-company-milestone', deps.verifyHubSpotSignature, async (req, res) => {
    const target = await trustedCardTarget(deps.db, req);
    answerRescore(res, await removeCompanyMilestone(deps, target, parseBody(markMilestoneBodySchema, req.body).milestoneKey));
  });
  router.post('/api/cards/actions/rescore', deps.verifyHubSpotSignature, async (req, res) => {
    answerRescore(res, await rescoreCompany(deps, await trustedCardTarget(deps.db, req)));
  });
  return router;
};
