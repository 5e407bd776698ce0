import { describe, expect, it } from 'vitest';
import {
  churnReviewBody, cohortsBody, goalsBody, movementBody, playEffectivenessBody, renewalsBody, retentionBody, worklistsBody,
} from '../../cards/__tests__/portfolio.fixture.ts';
import {
  portfolioChurnReviewSchema, portfolioGoalsSchema, portfolioMovementSchema, portfolioPlayEffectivenessSchema, portfolioRenewalsSchema, portfolioRetentionSchema, portfolioWorklistsSchema,
} from '../../src/portfolio/portfolio.schema.ts';
import { portfolioCohortsSchema } from '../../src/server/openapi/schemas.ts';

// The home page's tests answer with the bodies in cards/__tests__/portfolio.fixture.ts. If those stopped being what
// the backend's response schemas allow, the page would be tested against answers the backend never gives.

const issues = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  result.success ? 'valid' : result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('the home page\'s recorded answers against the backend\'s response schemas', () => {
  it.each([
    ['cohorts', portfolioCohortsSchema, cohortsBody()],
    ['movement', portfolioMovementSchema, movementBody()],
    ['retention', portfolioRetentionSchema, retentionBody()],
    ['churn review (12 months)', portfolioChurnReviewSchema, churnReviewBody(12)],
    ['churn review (3 months)', portfolioChurnReviewSchema, churnReviewBody(3)],
    ['goals', portfolioGoalsSchema, goalsBody()],
    ['worklists', portfolioWorklistsSchema, worklistsBody()],
    ['renewals', portfolioRenewalsSchema, renewalsBody()],
    ['play effectiveness', portfolioPlayEffectivenessSchema, playEffectivenessBody()],
  ] as const)('when the page is tested with a %s answer, then the backend could send exactly that', (_section, schema, body) => {
    expect(issues(schema.safeParse(body))).toBe('valid');
  });
});
