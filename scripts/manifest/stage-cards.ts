import { cpSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

// The HubSpot CLI reads only inside the project's srcDir, so the cards package is copied to where HubSpot
// expects it (src/app/cards, git-ignored). Tests, test config and installed modules stay behind: HubSpot
// installs the dependencies itself from package.json.
const leftBehind = new Set(['node_modules', '__tests__', 'vitest.config.ts', 'dist', 'coverage']);

export const stagedCardsDir = (root: string): string => join(root, 'app-manifest', 'src', 'app', 'cards');

export const stagedSettingsDir = (root: string): string => join(root, 'app-manifest', 'src', 'app', 'settings');

export const stagedPagesDir = (root: string): string => join(root, 'app-manifest', 'src', 'app', 'pages');

// One package, three HubSpot components: each staged folder holds the whole package but only its own *-hsmeta.json,
// so HubSpot sees each card, the settings page and the home page exactly once.
const isSettingsMeta = (name: string) => name === 'settings-hsmeta.json';
const isHomeMeta = (name: string) => name === 'home-hsmeta.json';
const isMeta = (name: string) => name.endsWith('-hsmeta.json');
const isCardMeta = (name: string) => isMeta(name) && !isSettingsMeta(name) && !isHomeMeta(name);

const copyPackage = (root: string, target: string, skip: (name: string) => boolean) => {
  rmSync(target, { recursive: true, force: true });
  cpSync(join(root, 'cards'), target, { recursive: true, filter: (source) => !leftBehind.has(basename(source)) && !skip(basename(source)) });
};

/** Stages the cards into src/app/cards, the settings page into src/app/settings and the home page into src/app/pages; returns the cards folder. */
export const stageCards = (root: string): string => {
  copyPackage(root, stagedCardsDir(root), (name) => isMeta(name) && !isCardMeta(name));
  copyPackage(root, stagedSettingsDir(root), (name) => isMeta(name) && !isSettingsMeta(name));
  copyPackage(root, stagedPagesDir(root), (name) => isMeta(name) && !isHomeMeta(name));
  return stagedCardsDir(root);
};
