import type { Request, RequestHandler } from 'express';
import { verifyV3Signature, type SignatureVerdict } from '../../hubspot/signature.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { RequestWithRawBody } from './raw-body.ts';

export interface SignatureCheckDeps {
  clientSecret: string;
  /** PUBLIC_BASE_URL: HubSpot signs the URL it called, which behind TLS termination is not the one Node sees. */
  publicBaseUrl: string;
  clock: Clock;
}

const reasons: Record<Exclude<SignatureVerdict, { valid: true }>['reason'], string> = {
  missing: 'Missing X-HubSpot-Signature-v3 or X-HubSpot-Request-Timestamp',
  stale: 'HubSpot request timestamp is outside the 5-minute window',
  mismatch: 'HubSpot request signature does not match',
};

export const hasHubSpotSignature = (req: Request): boolean => req.get('x-hubspot-signature-v3') !== undefined;

export const checkHubSpotSignature = (req: Request, deps: SignatureCheckDeps): SignatureVerdict =>
  verifyV3Signature({
    method: req.method,
    uri: `${new URL(deps.publicBaseUrl).origin}${req.originalUrl}`,
    rawBody: (req as Request & RequestWithRawBody).rawBody ?? '',
    timestamp: req.get('x-hubspot-request-timestamp') ?? '',
    signature: req.get('x-hubspot-signature-v3'),
  }, deps.clientSecret, deps.clock.now().getTime());

export const signatureError = (verdict: Exclude<SignatureVerdict, { valid: true }>): AppError =>
  new AppError('INVALID_SIGNATURE', reasons[verdict.reason]);

/** For webhooks and card endpoints: only requests HubSpot signed with our client secret get through. */
export const verifyHubSpotSignature = (deps: SignatureCheckDeps): RequestHandler => (req, res, next) => {
  const verdict = checkHubSpotSignature(req, deps);
  if (!verdict.valid) {
    next(signatureError(verdict));
    return;
  }
  res.locals.hubspotSigned = true;
  next();
};
