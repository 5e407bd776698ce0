import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

// Each case lints a snippet as if it lived at that path; the layout's import rules must flag it.
describe('import boundaries', () => {
  it.each([
    ['src/scoring/fit.ts', "import { openStore } from '../store/open-store.ts';\nexport const f = openStore;\n"],
    ['src/scoring/health.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
    ['src/store/x.ts', "import { createHubSpotClient } from '../hubspot/client.ts';\nexport const f = createHubSpotClient;\n"],
    ['src/sync/x.ts', "import { Client } from '@hubspot/api-client';\nexport const f = Client;\n"],
    ['src/server/x.ts', "import { startEmulator } from '../../emulator/server/index.ts';\nexport const f = startEmulator;\n"],
    ['cards/HealthCard.ts', "import { scoreCompany } from '../src/scoring/score.ts';\nexport const f = scoreCompany;\n"],
    ['src/server/routes/x.ts', "import { runScoreJob } from '../../jobs/score-portal-job.ts';\nexport const f = runScoreJob;\n"],
    ['src/server/routes/x.ts', "import { startEmulator } from '../../../emulator/server/index.ts';\nexport const f = startEmulator;\n"],
    ['src/install/x.ts', "import { getOAuthInstall } from '../server/routes/get-oauth-install.ts';\nexport const f = getOAuthInstall;\n"],
  ])('when %s imports across a boundary, then lint fails', async (filePath, code) => {
    const [result] = await eslint.lintText(code, { filePath });
    expect(result?.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });

  it('when src/sync imports the store and the HubSpot door, then lint allows it', async () => {
    const code = "import { openStore } from '../store/open-store.ts';\nimport { createHubSpotClient } from '../hubspot/client.ts';\nexport const f = [openStore, createHubSpotClient];\n";
    const [result] = await eslint.lintText(code, { filePath: 'src/sync/x.ts' });
    expect(result?.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  });

  it('when production code imports a package installed only for development, then lint fails', async () => {
    const code = "import { describe } from 'vitest';\nexport const f = describe;\n";
    const [result] = await eslint.lintText(code, { filePath: 'src/sync/x.ts' });
    expect(result?.messages.map((m) => m.ruleId)).toContain('import-x/no-extraneous-dependencies');
  });

  it('when two modules would import each other, then lint fails with the cycle', async () => {
    // src/sync/full-sync.ts imports the phases; the phases importing it back would close a cycle.
    const code = "import { runFullSync } from './full-sync.ts';\nexport const f = runFullSync;\n";
    const [result] = await eslint.lintText(code, { filePath: 'src/sync/full-sync-phases.ts' });
    expect(result?.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
  });

  it('when composition wires a job to a route, then lint allows it', async () => {
    const code = "import { runScoreJob } from '../jobs/score-portal-job.ts';\nimport { cardActionsRouter } from '../server/routes/post-card-actions.ts';\nexport const f = [runScoreJob, cardActionsRouter];\n";
    const [result] = await eslint.lintText(code, { filePath: 'src/composition/x.ts' });
    expect(result?.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'import-x/no-cycle')).toEqual([]);
  });
});
