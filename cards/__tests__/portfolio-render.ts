import { TableRow } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { createElement } from 'react';
import { vi } from 'vitest';
import { PortfolioHome } from '../PortfolioHome.tsx';
import { installFakeBackend } from './fake-backend.ts';
import { textOf } from './render-helpers.ts';
import { backtestBody, starPupilsBody } from './backtest.fixture.ts';
import { churnReviewBody, cohortsBody, goalsBody, movementBody, playEffectivenessBody, renewalsBody, retentionBody, worklistsBody } from './portfolio.fixture.ts';

export const portal = '/api/v1/portals/4242';
export const base = `${portal}/portfolio`;

/** A backend whose every portfolio endpoint answers with the fixture's portal; a test then overrides one section. */
export const portfolioBackend = () => {
  const backend = installFakeBackend();
  backend.on(`GET ${base}/cohorts`, { status: 200, body: cohortsBody() });
  backend.on(`GET ${base}/movement`, { status: 200, body: movementBody() });
  backend.on(`GET ${base}/retention`, { status: 200, body: retentionBody() });
  backend.on(`GET ${base}/churn-review`, (request) => ({ status: 200, body: churnReviewBody(Number(request.query.months ?? 12)) }));
  backend.on(`GET ${base}/goals`, { status: 200, body: goalsBody() });
  backend.on(`GET ${base}/worklists`, { status: 200, body: worklistsBody() });
  backend.on(`GET ${base}/renewals`, { status: 200, body: renewalsBody() });
  backend.on(`GET ${base}/play-effectiveness`, { status: 200, body: playEffectivenessBody() });
  backend.on(`GET ${portal}/backtest`, (request) => ({ status: 200, body: backtestBody(Number(request.query.horizon ?? 180)) }));
  backend.on(`GET ${portal}/star-pupils`, { status: 200, body: starPupilsBody() });
  return backend;
};

export const renderHome = () => {
  const renderer = createRenderer('home');
  renderer.mocks.context.portal.id = 4242;
  const addAlert = vi.fn();
  const copyTextToClipboard = vi.fn(async (_text: string) => {});
  renderer.render(createElement(PortfolioHome, { context: renderer.mocks.context, actions: { addAlert, copyTextToClipboard } }));
  return { ...renderer, addAlert, copyTextToClipboard };
};

/** A table row as a reader sees it, its cells' text in order. */
export const rowText = (page: ReturnType<typeof renderHome>, testId: string): string => textOf(page.findByTestId(TableRow, testId));
