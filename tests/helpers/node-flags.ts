import { readFileSync } from 'node:fs';

const scripts = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** The V8 and Node options an npm script starts node with (`--watch` is the dev loop's, not a runtime setting). */
export const npmScriptNodeFlags = (name: string): string[] => {
  const words = (scripts[name] ?? '').split(/\s+/);
  if (words[0] !== 'node') throw new Error(`npm script ${name} does not start node: ${scripts[name]}`);
  const flags: string[] = [];
  for (const word of words.slice(1)) {
    if (!word.startsWith('--')) break;
    if (word !== '--watch') flags.push(word);
  }
  return flags;
};
