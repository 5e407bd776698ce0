import nock from 'nock';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actionDoneResponseSchema, cardDataSchema, createTaskResponseSchema } from '../../cards/card-data.schema.ts';
import { csmSentimentRepository } from '../../src/store/csm-sentiment-repository.ts';
import { desiredOutcomesRepository } from '../../src/store/desired-outcomes-repository.ts';
import { scoringRequests } from '../../src/composition/services.ts';
import { runScoreJob } from '../../src/jobs/score-portal-job.ts';
import type { SnapshotSource } from '../../src/portal-scoring/score-portal.ts';
import { createCardCache } from '../../src/server/cards/card-cache.ts';
import type { CompanySnapshot } from '../../src/scoring/snapshot.schema.ts';
import { cardDataRouter } from '../../src/server/routes/get-card-data.ts';
import { cardActionsRouter } from '../../src/server/routes/post-card-actions.ts';
import type { Db } from '../../src/store/db.ts';
import { rescoreRequestsRepository } from '../../src/store/rescore-requests-repository.ts';
import { scoresRepository } from '../../src/store/scores-repository.ts';
import { playOutcomesRepository } from '../../src/store/play-outcomes-repository.ts';
import { playValue } from '../../src/writeback/play-values.ts';
import { writtenPropertiesRepository } from '../../src/store/written-properties-repository.ts';
import { inlineQueue } from '../helpers/inline-queue.ts';
import { BASE_URL, testClient } from '../hubspot/hubspot-test-kit.ts';
import { aSnapshot, inboundEmail, usageLine } from '../scoring/support/snapshot.ts';
import { NOW, memoryStore } from '../writeback/support.ts';
import { PUBLIC_BASE_URL, addCompany, appWith, cardPath, clock, installPortal, signV3, silentLogger, verifier } from './cards-support.ts';

const PORTAL = 4242;
const OTHER = 5353;
const TASKS_PATH = '/crm/objects/2026-03/tasks';
const UPDATE_PATH = '/crm/objects/2026-03/companies/batch/update';

/** Snapshots as the sync engine would assemble them: a quiet customer with falling usage and no kick-off yet. */
const snapshots: SnapshotSource = {
  async *load(_portalId, _config, companyIds) {
    for (const id of companyIds ?? ['500']) {
      yield aSnapshot({ company: { id, name: `Company ${id}`, contractStartDate: '2026-09-20T00:00:00.000Z', activeUsers30d: 20 }, engagements: [inboundEmail(20)], usage: usageLine(40, 20, 40) }) satisfies CompanySnapshot;
    }
  },
};

describe('card actions: create a task for the play, mark a milestone done, rescore', () => {
  let db: Db;
  let app: ReturnType<typeof appWith>;
  const post = (action: string, body: object, portalId = PORTAL, objectId = '500') => {
    const path = cardPath(portalId, objectId, `/api/cards/actions/${action}`);
    const json = JSON.stringify(body);
    const headers = signV3({ method: 'POST', url: `${PUBLIC_BASE_URL}${path}`, body: json, timestamp: NOW.getTime() });
    return request(app).post(path).set(headers).set('content-type', 'application/json').send(json);
  };
  const acceptUpdates = () => {
    const sentIds: string[][] = [];
    nock(BASE_URL).post(UPDATE_PATH).times(10).reply(async (req: Request) => {
      const { inputs } = (await req.json()) as { inputs: { id: string; properties: Record<string, string> }[] };
      sentIds.push(inputs.map((i) => i.id));
      return [200, { status: 'COMPLETE', results: inputs.map((i) => ({ id: i.id, properties: i.properties, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() })), startedAt: NOW.toISOString(), completedAt: NOW.toISOString() }];
    });
    return sentIds;
  };

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  beforeEach(async () => {
    db = await memoryStore();
    await installPortal(db, PORTAL);
    await installPortal(db, OTHER);
    await addCompany(db, PORTAL, '500', { name: 'Alpha Analytics', hubspot_owner_id: '77' });
    await addCompany(db, OTHER, '600', { name: 'Other portal' });
    const { client } = testClient();
    // The score job runs as soon as it is enqueued, as a worker with nothing else to do picks it up.
    const queue = inlineQueue();
    await queue.work('score-portal', async (data, { jobId }) => {
      await runScoreJob({ db, clock, logger: silentLogger, snapshots, hubspot: client }, { portalId: data.portalId, jobId });
    });
    const cardCache = createCardCache();
    app = appWith(db, [
      cardDataRouter({ db, cardCache, verifyHubSpotSignature: verifier }),
      cardActionsRouter({ db, clock, logger: silentLogger, hubspot: client, cardCache, requestScoring: scoringRequests(db, queue), verifyHubSpotSignature: verifier }),
    ]);
  });
  afterEach(async () => {
    nock.cleanAll();
    await db.close();
  });
  afterAll(() => nock.enableNetConnect());

  it('when the CSM rescores, then the company gets a stored score card and its properties are written back', async () => {
    const updates = acceptUpdates();

    const response = await post('rescore', {});

    expect(response.status).toBe(200);
    expect(actionDoneResponseSchema.parse(response.body)).toEqual({ status: 'ok' });
    expect(await scoresRepository(db).latest(PORTAL, '500')).not.toBeNull();
    expect(updates).toEqual([['500']]);
    expect((await writtenPropertiesRepository(db).forCompanies(PORTAL, ['500'])).get('500')?.waypoint_cohort).toBeDefined();
  });

  it('when the card reloads right after a rescore, then it shows the new score, not the one it read before', async () => {
    acceptUpdates();
    const path = cardPath(PORTAL, '500');
    const get = () => request(app).get(path).set(signV3({ method: 'GET', url: `${PUBLIC_BASE_URL}${path}`, timestamp: NOW.getTime() }));
    expect((await get()).body).toEqual({ status: 'not_scored' });

    await post('rescore', {});

    const after = await get();
    expect(after.body.status).toBe('ok');
    expect(after.body.score.scoredAt).toBe(NOW.toISOString());
  });

  it('when no worker finishes the score job within the wait, then the card is told the rescore is queued and the request waits for the job', async () => {
    const idleQueue = inlineQueue();
    const { client } = testClient();
    app = appWith(db, [cardActionsRouter({
      db, clock, logger: silentLogger, hubspot: client, cardCache: createCardCache(), requestScoring: scoringRequests(db, idleQueue), rescoreWaitMs: 0, verifyHubSpotSignature: verifier,
    })]);

    const response = await post('rescore', {});

    expect(response.status).toBe(202);
    expect(actionDoneResponseSchema.parse(response.body)).toEqual({ status: 'queued' });
    expect(await rescoreRequestsRepository(db).isPending(PORTAL, '500')).toBe(true);
    expect(await scoresRepository(db).latest(PORTAL, '500')).toBeNull();
  });

  it('when the CSM creates a task for the next play, then HubSpot gets a task on the company for its owner', async () => {
    acceptUpdates();
    await post('rescore', {});
    const card = (await scoresRepository(db).latest(PORTAL, '500'))?.card;
    let sent: { properties: Record<string, string>; associations: unknown[] } | undefined;
    nock(BASE_URL).get('/crm/owners/2026-03/77').reply(200, { id: '77', email: 'robin@alpha.example', type: 'PERSON', firstName: 'Robin', lastName: 'Ortiz', userId: 7007, archived: false });
    nock(BASE_URL).post(TASKS_PATH).reply(async (req: Request) => {
      sent = (await req.json()) as typeof sent;
      return [201, { id: '9001', properties: sent?.properties, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() }];
    });

    const response = await post('create-task', { play: playValue(card!.nextPlay.play) });

    expect(response.status).toBe(200);
    expect(createTaskResponseSchema.parse(response.body)).toEqual({ status: 'ok', taskId: '9001' });
    expect(sent?.properties).toMatchObject({ hubspot_owner_id: '77', hs_task_status: 'NOT_STARTED', hs_task_type: 'TODO' });
    expect(sent?.properties.hs_task_subject).toContain('Alpha Analytics');
    expect(sent?.properties.hs_task_body).toContain(card!.nextPlay.steps[0]);
    expect(sent?.properties.hs_task_body).toContain('Owner: Robin Ortiz (robin@alpha.example), the company owner');
    expect(sent?.associations).toEqual([{ to: { id: '500' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 192 }] }]);
  });

  it("when the portal did not grant the owners scope, then the task is still created and names the owner by id", async () => {
    acceptUpdates();
    await post('rescore', {});
    const card = (await scoresRepository(db).latest(PORTAL, '500'))?.card;
    nock(BASE_URL).get('/crm/owners/2026-03/77').reply(403, { status: 'error', category: 'MISSING_SCOPES', message: 'This app hasn\'t been granted all required scopes' });
    let body = '';
    nock(BASE_URL).post(TASKS_PATH).reply(async (req: Request) => {
      const sent = (await req.json()) as { properties: Record<string, string> };
      body = sent.properties.hs_task_body ?? '';
      return [201, { id: '9002', properties: sent.properties, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() }];
    });

    const response = await post('create-task', { play: playValue(card!.nextPlay.play) });

    expect(response.status).toBe(200);
    expect(body).toContain('Owner: HubSpot owner 77 (the company owner)');
  });

  it('when the CSM records that an advocacy ask got a review, then it is stored for scoring and effectiveness, and the company is rescored', async () => {
    acceptUpdates();
    const response = await post('play-outcome', { play: 'advocacy', status: 'done', outcome: 'review', note: 'G2 review promised' });
    expect([200, 202]).toContain(response.status);
    const stored = await playOutcomesRepository(db).forCompanies(PORTAL, ['500']);
    expect(stored.get('500')).toEqual([{ play: 'advocacy_ask', status: 'done', outcome: 'review', recordedAt: NOW.toISOString() }]);
    expect((await playOutcomesRepository(db).effectiveness(PORTAL, NOW)).map((r) => [r.play, r.outcome, r.count])).toEqual([['advocacy_ask', 'review', 1]]);
  });

  it('when the CSM sets a concerned sentiment with a note, then it is stored with who and when and the card shows it apart from health', async () => {
    acceptUpdates();
    const response = await post('csm-sentiment', { value: 'concerned', note: 'Budget review next month', setBy: 'Casey Morgan', idempotencyKey: 'sentiment-0001' });
    expect(response.status).toBe(200);
    expect((await csmSentimentRepository(db).latestForCompanies(PORTAL, NOW)).get('500'))
      .toEqual({ value: 'concerned', note: 'Budget review next month', setBy: 'Casey Morgan', setAt: NOW.toISOString() });
    const path = cardPath(PORTAL, '500');
    const card = await request(app).get(path).set(signV3({ method: 'GET', url: `${PUBLIC_BASE_URL}${path}`, timestamp: NOW.getTime() }));
    const shown = cardDataSchema.parse(card.body);
    expect(shown.status === 'ok' && shown.score.csmSentiment).toMatchObject({ value: 'concerned', label: 'Concerned', setBy: 'Casey Morgan', expiresAt: '2027-01-30T00:00:00.000Z' });
    expect(shown.status === 'ok' && shown.score.components.map((c) => c.key)).not.toContain('csm_sentiment');
  });

  it('when the same signed sentiment request arrives twice, then it is stored once', async () => {
    acceptUpdates();
    const body = { value: 'at_risk', note: null, setBy: 'Casey Morgan', idempotencyKey: 'sentiment-0002' };
    expect((await post('csm-sentiment', body)).status).toBe(200);
    expect((await post('csm-sentiment', body)).status).toBe(200);
    expect(await db.query('SELECT value FROM csm_sentiments WHERE portal_id = $1', [PORTAL])).toEqual([{ value: 'at_risk' }]);
  });

  it.each([
    { name: 'an unknown sentiment', body: { value: 'ecstatic', setBy: 'Casey' }, field: 'value: value must be positive, neutral, concerned or at_risk' },
    { name: 'no user', body: { value: 'neutral' }, field: 'setBy: setBy is required' },
    { name: 'a note over 2000 characters', body: { value: 'neutral', setBy: 'Casey', note: 'x'.repeat(2001) }, field: 'note: note must be at most 2000 characters' },
  ])('when the card sends $name as a sentiment, then it is refused naming the field and nothing is stored', async ({ body, field }) => {
    const response = await post('csm-sentiment', body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(field);
    expect(await db.query('SELECT 1 FROM csm_sentiments')).toEqual([]);
  });

  it('when the CSM records a desired outcome measured by a usage metric, then it is stored and the rescored card shows the value realised', async () => {
    acceptUpdates();
    const body = { outcome: 'Forty people working in it daily', metric: 'Active users', source: { kind: 'usage', metric: 'active_users' }, baseline: 0, target: 40, targetDate: '2027-03-31', setBy: 'Casey Morgan' };
    const response = await post('desired-outcome', body);
    expect(response.status).toBe(200);
    expect((await desiredOutcomesRepository(db).forCompanies(PORTAL)).get('500')).toEqual({ ...body, source: { kind: 'usage', metric: 'active_users' }, setAt: NOW.toISOString() });
    const card = (await scoresRepository(db).latest(PORTAL, '500'))?.card;
    expect(card?.valueRealised).toMatchObject({ current: 20, level: 'partial', percent: 50, currentSource: 'usage metric active_users' });
  });

  it.each([
    { name: 'a property the portal does not list', body: { source: { kind: 'property', property: 'days_to_close' } }, field: 'source.property: "days_to_close" is not a value property of this portal (none is configured' },
    { name: 'a target equal to the baseline', body: { target: 0 }, field: 'target: target must differ from baseline' },
    { name: 'a target date that is not a date', body: { targetDate: 'next spring' }, field: 'targetDate: targetDate must be a date (YYYY-MM-DD)' },
    { name: 'no outcome', body: { outcome: '  ' }, field: 'outcome: outcome must say what the customer wants to achieve' },
  ])('when the card sends $name as a desired outcome, then it is refused naming the field and nothing is stored', async ({ body, field }) => {
    const response = await post('desired-outcome', {
      outcome: 'Faster close', metric: 'Days', source: { kind: 'usage', metric: 'days' }, baseline: 0, target: 4, targetDate: '2027-03-31', setBy: 'Casey', ...body,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(field);
    expect((await desiredOutcomesRepository(db).forCompanies(PORTAL)).size).toBe(0);
  });

  it("when the CSM adds a milestone for this customer, marks it done and then removes it, then the rescored cards follow each step", async () => {
    acceptUpdates();
    const added = await post('company-milestone', { label: 'Finance team live!', dueDate: '2026-12-15', setBy: 'Casey Morgan' });
    expect(added.status).toBe(200);
    const latest = async () => (await scoresRepository(db).latest(PORTAL, '500'))?.card.milestones.find((m) => m.key === 'finance_team_live');
    expect(await latest()).toMatchObject({ label: 'Finance team live!', scope: 'company', state: 'on_track', expectedBy: '2026-12-15' });

    expect((await post('mark-milestone', { milestoneKey: 'finance_team_live' })).status).toBe(200);
    expect((await latest())?.state).toBe('done');

    expect((await post('company-milestone', { key: 'finance_team_live', label: 'Finance team live', dueDate: '2027-01-15', setBy: 'Casey Morgan' })).status).toBe(200);
    expect(await latest()).toMatchObject({ label: 'Finance team live', state: 'done' });

    expect((await post('remove-company-milestone', { milestoneKey: 'finance_team_live' })).status).toBe(200);
    expect(await latest()).toBeUndefined();
    expect((await scoresRepository(db).milestoneOverrides(PORTAL, ['500'])).get('500')).toBeUndefined();
  });

  it.each([
    { name: "a label that makes a key of the portal's plan", action: 'company-milestone', body: { label: 'Kickoff', dueDate: '2027-01-15', setBy: 'Casey' }, field: `label: "kickoff" is a milestone of the portal's plan` },
    { name: 'a key this customer does not have', action: 'company-milestone', body: { key: 'nothing_here', label: 'X', dueDate: '2027-01-15', setBy: 'Casey' }, field: 'key: this customer has no milestone "nothing_here" to change' },
    { name: 'a due date that is not a date', action: 'company-milestone', body: { label: 'X', dueDate: 'soon', setBy: 'Casey' }, field: 'dueDate: dueDate must be a date (YYYY-MM-DD)' },
    { name: "the removal of a plan's milestone", action: 'remove-company-milestone', body: { milestoneKey: 'kickoff' }, field: 'milestoneKey: "kickoff" is not a milestone defined for this customer' },
  ])('when the card sends $name, then it is refused naming the field and nothing changes', async ({ action, body, field }) => {
    const response = await post(action, body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(field);
    expect(await db.query('SELECT 1 FROM company_milestones')).toEqual([]);
  });

  it('when the card sends an advocacy outcome for a rescue, then it is refused with the field named and nothing is stored', async () => {
    const response = await post('play-outcome', { play: 'rescue', status: 'done', outcome: 'case_study' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('outcome: an outcome is recorded only for a done advocacy ask');
    expect((await playOutcomesRepository(db).forCompanies(PORTAL)).size).toBe(0);
  });

  it('when the card asks for a task for a play that is no longer the next play, then nothing is created and the card is told to reload', async () => {
    acceptUpdates();
    await post('rescore', {});
    const card = (await scoresRepository(db).latest(PORTAL, '500'))?.card;
    const other = card?.nextPlay.play === 'monitor' ? 'rescue' : 'monitor';

    const response = await post('create-task', { play: other });

    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(/reload/);
  });

  it('when the CSM marks the kick-off done, then it is stored and the rescored card shows it done', async () => {
    acceptUpdates();

    const response = await post('mark-milestone', { milestoneKey: 'kickoff' });

    expect(response.status).toBe(200);
    const card = (await scoresRepository(db).latest(PORTAL, '500'))?.card;
    expect(card?.milestones.find((m) => m.key === 'kickoff')?.state).toBe('done');
    expect((await scoresRepository(db).milestoneOverrides(PORTAL, ['500'])).get('500')).toEqual([{ key: 'kickoff', doneAt: NOW.toISOString() }]);
  });

  it.each([
    { name: 'a milestone Waypoint detects from product data', body: { milestoneKey: 'first_value' }, status: 400 },
    { name: 'a milestone the portal does not have', body: { milestoneKey: 'moon_landing' }, status: 400 },
    { name: 'no milestone key', body: {}, status: 400 },
  ])('when the card marks $name, then it is refused and nothing is stored', async ({ body, status }) => {
    const response = await post('mark-milestone', body);

    expect(response.status).toBe(status);
    expect((await scoresRepository(db).milestoneOverrides(PORTAL)).size).toBe(0);
  });

  it('when an action names a company of another portal, then it is a 404 and nothing reaches HubSpot', async () => {
    const response = await post('rescore', {}, PORTAL, '600');

    expect(response.status).toBe(404);
    expect(await scoresRepository(db).latest(OTHER, '600')).toBeNull();
  });

  it('when an action is signed for one company and sent for another, then it is rejected', async () => {
    const signedFor = cardPath(PORTAL, '500', '/api/cards/actions/rescore');
    const headers = signV3({ method: 'POST', url: `${PUBLIC_BASE_URL}${signedFor}`, body: '{}', timestamp: NOW.getTime() });

    const response = await request(app).post(cardPath(OTHER, '600', '/api/cards/actions/rescore')).set(headers).set('content-type', 'application/json').send('{}');

    expect(response.status).toBe(401);
  });

  it('when the signed body is altered on the way, then the action is rejected', async () => {
    const path = cardPath(PORTAL, '500', '/api/cards/actions/mark-milestone');
    const headers = signV3({ method: 'POST', url: `${PUBLIC_BASE_URL}${path}`, body: '{"milestoneKey":"kickoff"}', timestamp: NOW.getTime() });

    const response = await request(app).post(path).set(headers).set('content-type', 'application/json').send('{"milestoneKey":"executive_sponsor"}');

    expect(response.status).toBe(401);
  });
});
