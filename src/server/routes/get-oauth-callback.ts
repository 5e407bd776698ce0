import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { InstallOutcome } from '../../install/complete-install.ts';
import type { OAuthStateService } from '../../install/oauth-state.ts';
import { AppError, isAppError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';

const querySchema = z.object({
  code: z.string().min(1).optional(),
  state: z.string().min(1).optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});

const stateMessages = {
  malformed: 'The install link is missing its security state.',
  forged: 'The install link was not issued by Waypoint.',
  expired_or_used: 'The install link has expired or was already used.',
} as const;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const page = (title: string, message: string, retry: boolean): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Waypoint</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>
${retry ? '<p><a href="/oauth/install">Start the installation again</a></p>' : ''}
</body></html>`;

const wantsJson = (req: Request): boolean => req.accepts(['html', 'json']) === 'json';

const fail = (req: Request, res: Response, error: AppError): void => {
  res.setHeader('Cache-Control', 'no-store');
  res.status(error.status);
  if (wantsJson(req)) res.json({ error: { code: error.code, message: error.message } });
  else res.type('html').send(page('Waypoint was not installed', error.message, true));
};

/**
 * GET /oauth/callback: every failure (denied consent, bad state, missing code, failed exchange) ends here with a
 * page naming what went wrong, and nothing stored.
 */
export const getOAuthCallback = (deps: {
  oauthState: OAuthStateService;
  completeInstall(code: string): Promise<InstallOutcome>;
  logger: Logger;
}): RequestHandler => async (req, res) => {
  const query = querySchema.safeParse(req.query);
  if (!query.success) return fail(req, res, new AppError('BAD_REQUEST', 'The callback query is malformed.'));
  const { code, state, error, error_description: description } = query.data;

  if (error === 'access_denied') {
    return fail(req, res, new AppError('OAUTH_CONSENT_DENIED', 'Consent was declined in HubSpot, so Waypoint has no access. Nothing was stored.'));
  }
  if (error) return fail(req, res, new AppError('BAD_REQUEST', `HubSpot reported an error: ${description ?? error}`));

  const verdict = await deps.oauthState.consume(state);
  if (!verdict.ok) return fail(req, res, new AppError('OAUTH_STATE_INVALID', stateMessages[verdict.reason]));
  if (!code) return fail(req, res, new AppError('OAUTH_CODE_MISSING', 'HubSpot did not send an authorization code.'));

  try {
    const outcome = await deps.completeInstall(code);
    res.setHeader('Cache-Control', 'no-store');
    if (wantsJson(req)) {
      res.json({ installed: true, portalId: outcome.portalId, scopes: outcome.scopes, propertiesProvisioned: outcome.propertiesProvisioned });
      return;
    }
    res.type('html').send(page('Waypoint is installed',
      `Waypoint is connected to HubSpot account ${outcome.portalId}. The first sync has started; health scores appear on company records when it finishes.`, false));
  } catch (caught) {
    if (isAppError(caught) && caught.code.startsWith('OAUTH_')) return fail(req, res, caught);
    deps.logger.error({ err: caught }, 'install failed');
    return fail(req, res, new AppError('OAUTH_EXCHANGE_FAILED', 'Waypoint could not finish connecting to HubSpot. Please try again.'));
  }
};
