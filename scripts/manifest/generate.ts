import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildManifest, defaultManifestConfig, manifestConfigSchema } from './build-manifest.ts';
import { stageCards } from './stage-cards.ts';

// npm run manifest -- --base-url https://waypoint.acme.io [--app-name "Waypoint"] [--root DIR]
// Flags win over PUBLIC_BASE_URL / APP_NAME. Rewrites the manifest files and the cards' backend URL, then stages
// cards/ into app-manifest/src/app/cards/ for `hs project upload` (run from app-manifest/).

const repoRoot = resolve(import.meta.dirname, '..', '..');

export const manifestUsage = `usage: npm run manifest -- --base-url https://waypoint.example.com [--app-name "Waypoint"] [--root DIR]
  Writes the HubSpot project under app-manifest/ for that public address and stages cards/ into it for hs project upload.
  --base-url URL   Waypoint's public HTTPS address (default: PUBLIC_BASE_URL)
  --app-name NAME  the app's name in HubSpot (default: APP_NAME, else Waypoint)
  --root DIR       the checkout to write into (default: this one)
  -h, --help       this text`;

export type GenerateResult = { written: string[]; stagedTo: string };

export const generate = (argv: string[], env: NodeJS.ProcessEnv): GenerateResult => {
  const { values } = parseArgs({
    args: argv,
    options: { 'base-url': { type: 'string' }, 'app-name': { type: 'string' }, root: { type: 'string' } },
    strict: true,
  });
  const baseUrl = values['base-url'] ?? env.PUBLIC_BASE_URL;
  if (baseUrl === undefined || baseUrl === '') {
    throw new Error('base URL missing: pass --base-url https://... or set PUBLIC_BASE_URL (HubSpot needs a public HTTPS address)');
  }
  const parsed = manifestConfigSchema.safeParse({ baseUrl, appName: values['app-name'] ?? (env.APP_NAME || defaultManifestConfig.appName) });
  if (!parsed.success) {
    throw new Error(`manifest config invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ')}`);
  }
  const root = resolve(values.root ?? repoRoot);
  const files = buildManifest(parsed.data);
  for (const file of files) {
    const target = join(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
  return { written: files.map((file) => file.path), stagedTo: stageCards(root) };
};

if (import.meta.main && (process.argv.includes('--help') || process.argv.includes('-h'))) {
  console.log(manifestUsage);
} else if (import.meta.main) {
  try {
    const result = generate(process.argv.slice(2), process.env);
    console.log([...result.written.map((path) => `wrote ${path}`), `staged cards/ into ${result.stagedTo}`].join('\n'));
  } catch (error) {
    console.error(error instanceof z.ZodError || error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
