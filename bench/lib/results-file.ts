import { readFile, writeFile } from 'node:fs/promises';

type Nested = { [key: string]: number | Nested };

/** Dotted figure keys ('sync.S.requests') become nested objects, so `results.sync.S.requests` reads naturally. */
export const nestFigures = (figures: Readonly<Record<string, number>>): Nested => {
  const root: Nested = {};
  for (const key of Object.keys(figures).sort()) {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (typeof next === 'number') throw new Error(`figure ${key} collides with a figure at ${part}`);
      node = next ?? (node[part] = {});
    }
    node[parts.at(-1) as string] = figures[key] as number;
  }
  return root;
};

export const flattenFigures = (nested: unknown, prefix = ''): Record<string, number> => {
  if (typeof nested === 'number') return { [prefix]: nested };
  if (typeof nested !== 'object' || nested === null) return {};
  return Object.assign({}, ...Object.entries(nested).map(([key, value]) => flattenFigures(value, prefix ? `${prefix}.${key}` : key)));
};

/**
 * keepOthers: a run of some scenarios (--only) replaces their figures and keeps every other figure already in the
 * file, so one re-measured scenario does not erase the rest of the committed results. Returns every figure written.
 */
export const writeResults = async (
  path: string, figures: Readonly<Record<string, number>>, options: { keepOthers?: boolean } = {},
): Promise<Record<string, number>> => {
  const kept = options.keepOthers
    ? await readFile(path, 'utf8').then((text) => flattenFigures(JSON.parse(text)), (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return {};
      throw error;
    })
    : {};
  const written = { ...kept, ...figures };
  await writeFile(path, `${JSON.stringify(nestFigures(written), null, 2)}\n`);
  return written;
};
