import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n').filter((path) => path !== '' && existsSync(`${root}${path}`));
const text = (path: string) => readFileSync(`${root}${path}`, 'utf8');
const markdown = tracked.filter((path) => path.endsWith('.md'));
const scripts = Object.keys((JSON.parse(text('package.json')) as { scripts: Record<string, string> }).scripts);

describe('the repo is self-contained', () => {
  it('when any file names a document by an absolute path on some machine, then that is a link out of the repo and fails', () => {
    const outside = tracked.filter((path) => /\.(md|ts|tsx|js|json|sh|ya?ml)$/.test(path) && !path.endsWith('package-lock.json'))
      .flatMap((path) => [...text(path).matchAll(/(?<![\w.:/])\/(?:work|home|Users)\/[\w./-]+/g)].map((m) => `${path}: ${m[0]}`));
    expect(outside).toEqual([]);
  });

  it('when a markdown file names a repo file (docs/, emulator/, src/ ...) from the root or its own folder, then that file exists', () => {
    const missing = markdown.flatMap((path) => [...text(path).matchAll(/(?<![\w./-])((?:docs|emulator|bench|src|tests|scripts|cards|app-manifest)\/[\w./-]*\w\.(?:md|json|tsx|ts|sh|yml))(?!\w)/g)]
      .map((m) => m[1] as string).filter((target) => !existsSync(`${root}${target}`) && !existsSync(`${root}${dirname(path)}/${target}`))
      .map((target) => `${path}: ${target}`));
    expect(missing).toEqual([]);
  });

  it('when a markdown file says `npm run <script>`, then package.json has that script', () => {
    const unknown = markdown.flatMap((path) => [...text(path).matchAll(/npm run\s+(?:--?[\w-]+\s+)*([\w:][\w:-]*)/g)]
      .map((m) => m[1] as string).filter((name) => !scripts.includes(name)).map((name) => `${path}: npm run ${name}`));
    expect(unknown).toEqual([]);
  });
});

describe('engines says the truth', () => {
  it('when package.json names the Node versions it runs on, then the lowest is the major of the Node the repo brings and tests on', () => {
    const pkg = JSON.parse(text('package.json')) as { engines: { node: string }; devDependencies: Record<string, string> };
    const floor = /^>=(\d+)$/.exec(pkg.engines.node)?.[1];
    const bundled = /(\d+)\./.exec(pkg.devDependencies.node ?? '')?.[1];
    expect(floor).toBeDefined();
    expect(floor).toBe(bundled);
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(Number(floor));
  });
});
