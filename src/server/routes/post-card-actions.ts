import { Router, type RequestHandler } from 'express';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { createPlayTask, markMilestoneDone, rescoreCompany, type CardActionDeps } from '../cards/card-actions.ts';
import { createTaskBodySchema, markMilestoneBodySchema } from '../cards/card-data.schema.ts';
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

/** POST /api/cards/actions/{create-task,mark-milestone,rescore}?portalId&objectId, called by the card's buttons. */
export const cardActionsRouter = (deps: CardActionRouteDeps): Router => {
  const router = Router();
  router.post('/api/cards/actions/create-task', deps.verifyHubSpotSignature, async (req, res) => {
    const target = await trustedCardTarget(deps.db, req);
    const { play } = parseBody(createTaskBodySchema, req.body);
    res.json({ status: 'ok', taskId: await createPlayTask(deps, target, play) });
  });
  router.post('/api/cards/actions/mark-milestone', deps.verifyHubSpotSignature, async (req, res) => {
    const target = await trustedCardTarget(deps.db, req);
    const { milestoneKey } = parseBody(markMilestoneBodySchema, req.body);
    await markMilestoneDone(deps, target, milestoneKey);
    res.json({ status: 'ok' });
  });
  router.post('/api/cards/actions/rescore', deps.verifyHubSpotSignature, async (req, res) => {
    await rescoreCompany(deps, await trustedCardTarget(deps.db, req));
    res.json({ status: 'ok' });
  });
  return router;
};
