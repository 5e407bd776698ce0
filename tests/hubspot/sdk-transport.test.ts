import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors.ts';
import { BASE_URL, PORTAL, hubSpotRecord, replyFromJson, testClient, useNockOnly } from './hubspot-test-kit.ts';

const sdkUserAgent = /^hubspot-api-client-nodejs; \d+\.\d+\.\d+$/;

describe('the door sends through @hubspot/api-client', () => {
  useNockOnly();

  it('when a company is read, then HubSpot sees the SDK\'s user agent, the portal\'s bearer token and no content type on the GET', async () => {
    let contentType: string | null = 'unread';
    nock(BASE_URL, { reqheaders: { 'user-agent': sdkUserAgent, authorization: 'Bearer token-1' } })
      .get('/crm/objects/2026-03/companies/7').query({ properties: 'name,domain' })
      .reply((request: Request) => {
        contentType = request.headers.get('content-type');
        return [200, hubSpotRecord(7, { name: 'Acme' })];
      });

    const company = await testClient().portal.getObject('companies', '7', ['name', 'domain']);

    expect(company.properties.name).toBe('Acme');
    expect(contentType).toBeNull();
  });

  it('when updates are posted, then the SDK sends them as a JSON body labelled as JSON', async () => {
    nock(BASE_URL, { reqheaders: { 'user-agent': sdkUserAgent, 'content-type': 'application/json' } })
      .post('/crm/objects/2026-03/companies/batch/update')
      .reply(replyFromJson((body) => [200, { status: 'COMPLETE', results: (body as { inputs: { id: string }[] }).inputs.map((input) => hubSpotRecord(input.id)) }]));

    const result = await testClient().portal.batchUpdate('companies', [{ id: '7', properties: { waypoint_health: '80' } }]);

    expect(result.updated).toEqual(['7']);
  });

  it('when HubSpot answers 500 and Waypoint allows one attempt, then HubSpot sees exactly one request: the SDK retries nothing of its own', async () => {
    nock(BASE_URL).get('/crm/objects/2026-03/companies/7').query(true).once().reply(500, { status: 'error', message: 'boom' });
    const { client, portal } = testClient({ retry: { maxAttempts: 1 } });

    const error = await portal.getObject('companies', '7', ['name']).catch((e: unknown) => e);

    // A second SDK-made request would find no interceptor and fail as a network error instead.
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('HUBSPOT_UNAVAILABLE');
    expect(client.stats(PORTAL)).toMatchObject({ requests: 1, retries: 0, failures: 1 });
  });
});

describe('a request HubSpot never answers', () => {
  // A real socket, so the test sees the connection itself closed and not merely a promise given up on.
  const held: IncomingMessage[] = [];
  const closed: Promise<unknown>[] = [];
  const server = createServer((request) => {
    held.push(request);
    closed.push(once(request.socket, 'close'));
  });
  let baseUrl = '';
  beforeAll(async () => {
    nock.enableNetConnect('127.0.0.1');
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });

  it('when every attempt hangs, then each ends at the request timeout with its socket closed, and the read fails as a network error once the attempts run out', async () => {
    const { client, portal } = testClient({ baseUrl, requestTimeoutMs: 200, retry: { maxAttempts: 2 } });

    const error = await portal.getObject('companies', '7', ['name']).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('HUBSPOT_NETWORK');
    expect((error as AppError).message).toMatch(/timeout/i);
    expect(held).toHaveLength(2);
    expect(held[0]?.headers['user-agent']).toMatch(sdkUserAgent);
    // The server never answered, so only the door's abort can have closed these.
    await Promise.all(closed);
    expect(client.stats(PORTAL)).toMatchObject({ requests: 2, retries: 1, failures: 1 });
  });
});
