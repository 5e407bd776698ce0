import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildManifest, defaultManifestConfig } from '../../scripts/manifest/build-manifest.ts';
import { generate } from '../../scripts/manifest/generate.ts';

const repoRoot = join(import.meta.dirname, '..', '..');
const script = join(repoRoot, 'scripts', 'manifest', 'generate.ts');

const fileOf = (files: ReturnType<typeof buildManifest>, suffix: string) => files.find((file) => file.path.endsWith(suffix))?.content ?? '';
const jsonOf = (files: ReturnType<typeof buildManifest>, suffix: string) => JSON.parse(fileOf(files, suffix));

const scratch: string[] = [];
const scratchRepo = (): string => {
  const root = mkdtempSync(join(tmpdir(), 'waypoint-manifest-'));
  scratch.push(root);
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  write('cards/HealthCard.tsx', 'export {};\n');
  write('cards/package.json', '{"name":"waypoint-cards"}\n');
  write('cards/node_modules/react/index.js', '');
  write('cards/__tests__/card.test.tsx', '');
  write('cards/vitest.config.ts', '');
  write('app-manifest/src/app/cards/Removed.tsx', 'stale');
  return root;
};

afterEach(() => {
  for (const root of scratch.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('the manifest for a public base URL', () => {
  it('when built for https://cs.acme.io/, then OAuth, card fetches and webhooks all point at that host', () => {
    const files = buildManifest({ baseUrl: 'https://cs.acme.io/', appName: 'Acme Success' });
    const app = jsonOf(files, 'app-hsmeta.json');
    expect(app.config.name).toBe('Acme Success');
    expect(app.config.auth.redirectUrls).toEqual(['https://cs.acme.io/oauth/callback']);
    expect(app.config.permittedUrls.fetch).toEqual(['https://cs.acme.io']);
    expect(jsonOf(files, 'webhooks-hsmeta.json').config.settings.targetUrl).toBe('https://cs.acme.io/webhooks/hubspot');
    expect(fileOf(files, 'cards/generated/config.ts')).toContain('export const BACKEND_BASE_URL = "https://cs.acme.io";');
    expect(jsonOf(files, 'hsproject.json')).toEqual({ name: 'acme-success', srcDir: 'src', platformVersion: '2026.03' });
  });

  it('when Waypoint lives under a path, then the derived URLs keep that path', () => {
    const app = jsonOf(buildManifest({ baseUrl: 'https://acme.io/waypoint', appName: 'Waypoint' }), 'app-hsmeta.json');
    expect(app.config.auth.redirectUrls).toEqual(['https://acme.io/waypoint/oauth/callback']);
    expect(app.config.permittedUrls.fetch).toEqual(['https://acme.io/waypoint']);
  });

  it.each(['http://cs.acme.io', 'https://localhost:3000', 'https://127.0.0.1:3000', 'https://10.1.2.3', 'https://cs.acme.io/?x=1', 'cs.acme.io'])(
    'when the base URL is %s, then no manifest is built, because HubSpot could not reach it',
    (baseUrl) => {
      expect(() => buildManifest({ baseUrl, appName: 'Waypoint' })).toThrow(/baseUrl/);
    },
  );

  it('when the committed files are compared with the generator for the placeholder URL, then they match byte for byte', () => {
    for (const file of buildManifest(defaultManifestConfig)) {
      expect(readFileSync(join(repoRoot, file.path), 'utf8'), file.path).toBe(file.content);
    }
  });
});

describe('the generate command', () => {
  it('when run with PUBLIC_BASE_URL and APP_NAME, then it writes the manifest and stages the cards without tests or modules', () => {
    const root = scratchRepo();
    const result = generate(['--root', root], { PUBLIC_BASE_URL: 'https://cs.acme.io', APP_NAME: 'Acme Success' });
    const staged = join(root, 'app-manifest', 'src', 'app', 'cards');
    expect(result.stagedTo).toBe(staged);
    expect(JSON.parse(readFileSync(join(root, 'app-manifest/src/app/app-hsmeta.json'), 'utf8')).config.name).toBe('Acme Success');
    expect(readFileSync(join(staged, 'generated', 'config.ts'), 'utf8')).toContain('"https://cs.acme.io"');
    for (const present of ['HealthCard.tsx', 'package.json', 'health-card-hsmeta.json', 'health-tab-hsmeta.json']) expect(existsSync(join(staged, present)), present).toBe(true);
    for (const absent of ['node_modules', '__tests__', 'vitest.config.ts', 'Removed.tsx', 'settings-hsmeta.json', 'home-hsmeta.json']) expect(existsSync(join(staged, absent)), absent).toBe(false);
    const settings = join(root, 'app-manifest', 'src', 'app', 'settings');
    for (const present of ['package.json', 'settings-hsmeta.json', 'generated/config.ts']) expect(existsSync(join(settings, present)), present).toBe(true);
    for (const absent of ['health-card-hsmeta.json', 'health-tab-hsmeta.json', 'node_modules', '__tests__']) expect(existsSync(join(settings, absent)), absent).toBe(false);
    const pages = join(root, 'app-manifest', 'src', 'app', 'pages');
    for (const present of ['package.json', 'home-hsmeta.json', 'generated/config.ts']) expect(existsSync(join(pages, present)), present).toBe(true);
    for (const absent of ['health-card-hsmeta.json', 'settings-hsmeta.json', 'node_modules', '__tests__']) expect(existsSync(join(pages, absent)), absent).toBe(false);
  });

  it('when a flag and the environment disagree, then the flag wins', () => {
    const root = scratchRepo();
    generate(['--root', root, '--base-url', 'https://flag.acme.io', '--app-name', 'From flag'], { PUBLIC_BASE_URL: 'https://env.acme.io', APP_NAME: 'From env' });
    const app = JSON.parse(readFileSync(join(root, 'app-manifest/src/app/app-hsmeta.json'), 'utf8'));
    expect([app.config.name, app.config.permittedUrls.fetch]).toEqual(['From flag', ['https://flag.acme.io']]);
  });

  it('when run from the shell without a base URL, then it exits non-zero, says what is missing and writes nothing', () => {
    const root = scratchRepo();
    const run = () => execFileSync(process.execPath, [script, '--root', root], { env: { PATH: process.env.PATH }, stdio: 'pipe' });
    expect(run).toThrow(/base URL missing: pass --base-url/);
    expect(existsSync(join(root, 'app-manifest', 'hsproject.json'))).toBe(false);
  });

  it('when run from the shell with a local address, then it refuses with the reason', () => {
    const root = scratchRepo();
    const run = () => execFileSync(process.execPath, [script, '--root', root, '--base-url', 'http://localhost:3000'], { env: { PATH: process.env.PATH }, stdio: 'pipe' });
    expect(run).toThrow(/baseUrl: must use https/);
  });
});
