import { createHmac } from 'node:crypto';

/** HubSpot's v3 request signature: base64 HMAC-SHA256 of method + URI + body + timestamp, keyed by the client secret. */
export const signatureV3 = (clientSecret: string, method: string, uri: string, body: string, timestamp: number | string): string =>
  createHmac('sha256', clientSecret).update(`${method}${uri}${body}${timestamp}`, 'utf8').digest('base64');
