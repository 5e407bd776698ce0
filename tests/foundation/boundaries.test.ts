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
  ])('when %s imports across a boundary, then lint fails', async (filePath, code) => {
    const [result] = await eslint.lintText(code, { filePath });
    expect(result?.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });

  it('when src/sync imports the store and the HubSpot door, then lint allows it', async () => {
    const code = "import { openStore } from '../store/open-store.ts';\nimport { createHubSpotClient } from '../hubspot/client.ts';\nexport const f = [openStore, createHubSpotClient];\n";
    const [result] = await eslint.lintText(code, { filePath: 'src/sync/x.ts' });
    expect(result?.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  });
});
