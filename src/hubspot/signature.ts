import { createHmac, timingSafeEqual } from 'node:crypto';

// https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation
// v3: base64 HMAC-SHA256 (client secret) of method + uri + rawBody + timestamp, where HubSpot first decodes
// these escapes in the URI. Everything else in the URI stays exactly as sent.
const decodedEscapes: Record<string, string> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$',
  '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};
const escapePattern = new RegExp(Object.keys(decodedEscapes).join('|'), 'gi');

export const maxSignatureAgeMs = 5 * 60 * 1000;

export const decodeSignedUri = (uri: string): string =>
  uri.replace(escapePattern, (escape) => decodedEscapes[escape.toUpperCase()] ?? escape);

export interface SignedRequest {
  method: string;
  /** Full public URL as HubSpot called it: scheme, host, path and query. */
  uri: string;
  rawBody: string | Buffer;
  /** Value of X-HubSpot-Request-Timestamp (ms since epoch, as sent). */
  timestamp: string;
}

export const computeV3Signature = (request: SignedRequest, clientSecret: string): string => {
  const body = typeof request.rawBody === 'string' ? Buffer.from(request.rawBody, 'utf8') : request.rawBody;
  return createHmac('sha256', clientSecret)
    .update(request.method.toUpperCase(), 'utf8')
    .update(decodeSignedUri(request.uri), 'utf8')
    .update(body)
    .update(request.timestamp, 'utf8')
    .digest('base64');
};

export type SignatureVerdict =
  | { valid: true }
  | { valid: false; reason: 'missing' | 'stale' | 'mismatch' };

/** Verifies X-HubSpot-Signature-v3; stale means outside the 5-minute window either way (clock skew included). */
export const verifyV3Signature = (
  request: SignedRequest & { signature: string | undefined },
  clientSecret: string,
  nowMs: number,
): SignatureVerdict => {
  if (!request.signature || !request.timestamp) return { valid: false, reason: 'missing' };
  const sentAt = Number(request.timestamp);
  if (!Number.isFinite(sentAt) || Math.abs(nowMs - sentAt) > maxSignatureAgeMs) return { valid: false, reason: 'stale' };
  const expected = Buffer.from(computeV3Signature(request, clientSecret), 'utf8');
  const received = Buffer.from(request.signature, 'utf8');
  const matches = expected.length === received.length && timingSafeEqual(expected, received);
  return matches ? { valid: true } : { valid: false, reason: 'mismatch' };
};
