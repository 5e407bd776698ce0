import { cpSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

// The HubSpot CLI reads only inside the project's srcDir, so the cards package is copied to where HubSpot
// expects it (src/app/cards, git-ignored). Tests, test config and installed modules stay behind: HubSpot
// installs the dependencies itself from package.json.
const leftBehind = new Set(['node_modules', '__tests__', 'vitest.config.ts', 'dist', 'coverage']);

export const stagedCardsDir = (root: string): string => join(root, 'app-manifest', 'src', 'app', 'cards');

export const stagedSettingsDir = (root: string): string => join(root, 'app-manifest', 'src', 'app', 'settings');

// One package, two HubSpot components: each staged folder holds the whole package but only its own *-hsmeta.json,
// so HubSpot sees each card and the settings page exactly once.
const isSettingsMeta = (name: string) => name === 'settings-hsmeta.json';
const isCardMeta = (name: string) => name.endsWith('-hsmeta.json') && !isSettingsMeta(name);

const copyPackage = (root: string, target: string, skip: (name: string) => boolean) => {
  rmSync(target, { recursive: true, force: true });
  cpSync(join(root, 'cards'), target, { recursive: true, filter: (source) => !leftBehind.has(basename(source)) && !skip(basename(source)) });
};

/** Stages the cards into src/app/cards and the settings page into src/app/settings; returns the cards folder. */
export const stageCards = (root: string): string => {
  copyPackage(root, stagedCardsDir(root), isSettingsMeta);
  copyPackage(root, stagedSettingsDir(root), isCardMeta);
  return stagedCardsDir(root);
};
