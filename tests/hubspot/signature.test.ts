import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Signature } from '@hubspot/api-client';
import { computeV3Signature, decodeSignedUri, verifyV3Signature } from '../../src/hubspot/signature.ts';

// An independent rendering of HubSpot's documented recipe, so the module is checked against the spec, not itself.
const secret = 'client-secret-123';
const hubspotDecodes: Array<[string, string]> = [
  ['%3A', ':'], ['%2F', '/'], ['%3F', '?'], ['%40', '@'], ['%21', '!'], ['%24', '$'],
  ['%27', "'"], ['%28', '('], ['%29', ')'], ['%2A', '*'], ['%2C', ','], ['%3B', ';'],
];
const signLikeHubSpot = (method: string, uri: string, body: string, timestamp: string, key = secret): string => {
  let decoded = uri;
  for (const [escape, char] of hubspotDecodes) decoded = decoded.split(escape).join(char).split(escape.toLowerCase()).join(char);
  return createHmac('sha256', key).update(`${method}${decoded}${body}${timestamp}`).digest('base64');
};

const now = Date.parse('2026-11-23T12:00:00Z');
const ts = String(now - 1_000);
const cardUrl = 'https://waypoint.example.com/api/cards/company?portalId=42&associatedObjectId=7';
const webhookUrl = 'https://waypoint.example.com/webhooks/hubspot';
const body = '[{"eventId":1,"portalId":42,"propertyValue":"Yllä"}]';

describe('HubSpot v3 request signatures', () => {
  it.each([
    { story: 'a signed card GET', method: 'GET', uri: cardUrl, rawBody: '', timestamp: ts, signature: signLikeHubSpot('GET', cardUrl, '', ts) },
    { story: 'a signed webhook POST with non-ASCII body', method: 'POST', uri: webhookUrl, rawBody: body, timestamp: ts, signature: signLikeHubSpot('POST', webhookUrl, body, ts) },
    {
      story: 'a URI whose query carries escapes HubSpot decodes before signing',
      method: 'GET', uri: 'https://w.example.com/api/cards/company?userEmail=ann%40acme.com&next=%2Fa%3Fb%3Dc', rawBody: '', timestamp: ts,
      signature: signLikeHubSpot('GET', 'https://w.example.com/api/cards/company?userEmail=ann%40acme.com&next=%2Fa%3Fb%3Dc', '', ts),
    },
    {
      story: 'lower-case escapes',
      method: 'GET', uri: 'https://w.example.com/x?email=ann%40acme.com%3a1', rawBody: '', timestamp: ts,
      signature: signLikeHubSpot('GET', 'https://w.example.com/x?email=ann@acme.com:1', '', ts),
    },
    { story: 'a timestamp slightly ahead of our clock', method: 'GET', uri: cardUrl, rawBody: '', timestamp: String(now + 30_000), signature: signLikeHubSpot('GET', cardUrl, '', String(now + 30_000)) },
  ])('when HubSpot sends $story, then it is accepted', (request) => {
    expect(verifyV3Signature(request, secret, now)).toEqual({ valid: true });
  });

  const stale = String(now - 5 * 60 * 1000 - 1);
  it.each([
    { story: 'signed with another secret', reason: 'mismatch', request: { method: 'GET', uri: cardUrl, rawBody: '', timestamp: ts, signature: signLikeHubSpot('GET', cardUrl, '', ts, 'other-secret') } },
    { story: 'replayed against another URL', reason: 'mismatch', request: { method: 'GET', uri: cardUrl.replace('portalId=42', 'portalId=43'), rawBody: '', timestamp: ts, signature: signLikeHubSpot('GET', cardUrl, '', ts) } },
    { story: 'with a tampered body', reason: 'mismatch', request: { method: 'POST', uri: webhookUrl, rawBody: body.replace('42', '43'), timestamp: ts, signature: signLikeHubSpot('POST', webhookUrl, body, ts) } },
    { story: 'with another method', reason: 'mismatch', request: { method: 'POST', uri: cardUrl, rawBody: '', timestamp: ts, signature: signLikeHubSpot('GET', cardUrl, '', ts) } },
    { story: 'with a re-dated timestamp', reason: 'mismatch', request: { method: 'GET', uri: cardUrl, rawBody: '', timestamp: String(now), signature: signLikeHubSpot('GET', cardUrl, '', ts) } },
    { story: 'older than five minutes', reason: 'stale', request: { method: 'GET', uri: cardUrl, rawBody: '', timestamp: stale, signature: signLikeHubSpot('GET', cardUrl, '', stale) } },
    { story: 'with a non-numeric timestamp', reason: 'stale', request: { method: 'GET', uri: cardUrl, rawBody: '', timestamp: 'yesterday', signature: signLikeHubSpot('GET', cardUrl, '', 'yesterday') } },
    { story: 'without a signature', reason: 'missing', request: { method: 'GET', uri: cardUrl, rawBody: '', timestamp: ts, signature: undefined } },
    { story: 'with a truncated signature', reason: 'mismatch', request: { method: 'GET', uri: cardUrl, rawBody: '', timestamp: ts, signature: signLikeHubSpot('GET', cardUrl, '', ts).slice(0, 20) } },
  ])('when a request arrives $story, then it is rejected as $reason', ({ request, reason }) => {
    expect(verifyV3Signature(request, secret, now)).toEqual({ valid: false, reason });
  });

  it('when an escape HubSpot does not decode (%20) is in the URI, then it must stay encoded to match', () => {
    const uri = 'https://w.example.com/x?q=a%20b';
    const signature = signLikeHubSpot('GET', uri, '', ts);
    expect(verifyV3Signature({ method: 'GET', uri, rawBody: '', timestamp: ts, signature }, secret, now)).toEqual({ valid: true });
    expect(verifyV3Signature({ method: 'GET', uri: 'https://w.example.com/x?q=a b', rawBody: '', timestamp: ts, signature }, secret, now).valid).toBe(false);
  });
});

// A second, independent oracle: HubSpot's own Node SDK. It signs the URL it is given, so it is handed the URI HubSpot
// signs (escapes decoded), as its documentation asks of callers.
describe('HubSpot v3 signatures against @hubspot/api-client\'s Signature', () => {
  const requests = [
    { method: 'GET', uri: cardUrl, rawBody: '' },
    { method: 'POST', uri: webhookUrl, rawBody: body },
    { method: 'GET', uri: 'https://w.example.com/api/cards/company?userEmail=ann%40acme.com&next=%2Fa%3Fb%3Dc', rawBody: '' },
    { method: 'POST', uri: 'https://w.example.com/api/cards/actions/rescore?portalId=42&objectId=7', rawBody: '{"note":"Zoë: 100% – ok"}' },
  ];

  it.each(requests)('when the SDK signs $method $uri, then Waypoint accepts it, and the SDK accepts what Waypoint computes', (request) => {
    const timestamp = Date.now();
    const sdkOptions = { signature: '', clientSecret: secret, requestBody: request.rawBody, url: decodeSignedUri(request.uri), method: request.method, timestamp };
    const sdkSignature = Signature.getSignature(request.method, 'v3', sdkOptions);
    const signed = { ...request, timestamp: String(timestamp) };
    expect(verifyV3Signature({ ...signed, signature: sdkSignature }, secret, timestamp)).toEqual({ valid: true });
    expect(Signature.isValid({ ...sdkOptions, signatureVersion: 'v3', signature: computeV3Signature(signed, secret) })).toBe(true);
  });

  it('when the SDK signs with another secret, then Waypoint rejects it', () => {
    const timestamp = Date.now();
    const sdkSignature = Signature.getSignature('GET', 'v3', { signature: '', clientSecret: 'other-secret', requestBody: '', url: cardUrl, timestamp });
    expect(verifyV3Signature({ method: 'GET', uri: cardUrl, rawBody: '', timestamp: String(timestamp), signature: sdkSignature }, secret, timestamp))
      .toEqual({ valid: false, reason: 'mismatch' });
  });
});
