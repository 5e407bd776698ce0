import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoreCard } from '../../src/scoring/score-card.schema.ts';
import type { Db } from '../../src/store/db.ts';
import { previewRouter } from '../../src/server/routes/get-preview-company.ts';
import { playOutcomesRepository } from '../../src/store/play-outcomes-repository.ts';
import { NOW, healthyCard, memoryStore } from '../writeback/support.ts';
import { addCompany, addScores, clock, type appWith } from './cards-support.ts';
import { portfolioApp } from './portfolio-support.ts';

const PORTAL = 4141;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const scored = (companyId: string, days: number, score: number): ScoreCard => {
  const card = healthyCard(companyId, daysAgo(days));
  return { ...card, health: { ...card.health, score } };
};
const path = `/api/v1/portals/${PORTAL}/portfolio/play-effectiveness`;

describe('the portfolio: play effectiveness', () => {
  let db: Db;
  let app: ReturnType<typeof appWith>;
  let key: string;

  beforeAll(async () => {
    db = await memoryStore();
    ({ app, key } = await portfolioApp(db, PORTAL, [previewRouter({ db, clock })]));
    for (const id of ['1', '2', '3']) await addCompany(db, PORTAL, id);
    // A company's health at a moment is its last score at or before it.
    // Company 1 asked 100 days ago: 60 then, 70 a month on, 80 three months on.
    // Company 2 asked 40 days ago: 50 then, 60 a month on; its 90 days have not come yet.
    // Company 3 skipped the ask 10 days ago: only its health then is known.
    await addScores(db, PORTAL, [
      scored('1', 102, 60), scored('1', 72, 70), scored('1', 12, 80),
      scored('2', 41, 50), scored('2', 12, 60),
      scored('3', 11, 40),
    ]);
    const outcomes = playOutcomesRepository(db);
    await outcomes.record(PORTAL, { companyId: '1', play: 'advocacy_ask', status: 'done', outcome: 'review', note: null, recordedAt: daysAgo(100).toISOString() });
    await outcomes.record(PORTAL, { companyId: '2', play: 'advocacy_ask', status: 'done', outcome: 'review', note: null, recordedAt: daysAgo(40).toISOString() });
    await outcomes.record(PORTAL, { companyId: '3', play: 'advocacy_ask', status: 'skipped', outcome: null, note: null, recordedAt: daysAgo(10).toISOString() });
  });
  afterAll(() => db.close());

  it('when an admin asks, then each play and outcome comes with its count and mean health then, 30 and 90 days later, null where the day has not come', async () => {
    const response = await request(app).get(path).set('authorization', `Bearer ${key}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      portalId: PORTAL, asOf: NOW.toISOString(),
      plays: [
        { play: 'advocacy_ask', status: 'done', outcome: 'review', count: 2, healthWhenRecorded: 55, healthAfter30Days: 65, healthAfter90Days: 80 },
        { play: 'advocacy_ask', status: 'skipped', outcome: null, count: 1, healthWhenRecorded: 40, healthAfter30Days: null, healthAfter90Days: null },
      ],
    });
  });

  it('when the export asks for CSV, then the same rows come as a table with the unknown figures empty', async () => {
    const response = await request(app).get(`${path}?format=csv`).set('authorization', `Bearer ${key}`);

    expect(response.status).toBe(200);
    expect(response.type).toBe('text/csv');
    expect(response.headers['content-disposition']).toBe(`attachment; filename=play-effectiveness-${PORTAL}.csv`);
    expect(response.text).toBe(
      'play,status,outcome,count,health_when_recorded,health_after_30_days,health_after_90_days\r\n'
      + 'advocacy_ask,done,review,2,55,65,80\r\n'
      + 'advocacy_ask,skipped,,1,40,,\r\n',
    );
  });

  it('when the format asked for is neither json nor csv, then the answer is a 400 naming the parameter', async () => {
    const response = await request(app).get(`${path}?format=pdf`).set('authorization', `Bearer ${key}`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('format');
  });

  it('when the sandbox opens /preview/portfolio, then the same table shows from the same reader, and its CSV link gives the endpoint\'s CSV', async () => {
    const page = await request(app).get(`/preview/portfolio?portalId=${PORTAL}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<tr data-testid="play-advocacy_ask-done-review"><td>Advocacy ask<\/td><td>done · review<\/td><td>2<\/td>\s*<td>55\.0<\/td><td>65\.0<\/td><td>80\.0<\/td><\/tr>/);
    expect(page.text).toMatch(/<tr data-testid="play-advocacy_ask-skipped-none">.*?<td>40\.0<\/td><td>not yet<\/td><td>not yet<\/td><\/tr>/s);

    const csv = await request(app).get(`/preview/portfolio/play-effectiveness.csv?portalId=${PORTAL}`);
    const api = await request(app).get(`${path}?format=csv`).set('authorization', `Bearer ${key}`);
    expect(csv.status).toBe(200);
    expect(csv.text).toBe(api.text);
  });

  it('when the request carries no key or signature, then nothing is read and the answer is a 401', async () => {
    expect((await request(app).get(path)).status).toBe(401);
  });
});
