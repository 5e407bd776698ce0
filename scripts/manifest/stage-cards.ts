import { cpSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

// The HubSpot CLI reads only inside the project's srcDir, so the cards package is copied to where HubSpot
// expects it (src/app/cards, git-ignored). Tests, test config and installed modules stay behind: HubSpot
// installs the dependencies itself from package.json.
const leftBehind = new Set(['node_modules', '__tests__', 'vitest.config.ts', 'dist', 'coverage']);

export const stagedCardsDir = (root: string): string => join(root, 'app-manifest', 'src', 'app', 'cards');

export const stageCards = (root: string): string => {
  const target = stagedCardsDir(root);
  rmSync(target, { recursive: true, force: true });
  cpSync(join(root, 'cards'), target, { recursive: true, filter: (source) => !leftBehind.has(basename(source)) });
  return target;
};
