import { writeFile } from 'node:fs/promises';

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

export const writeResults = async (path: string, figures: Readonly<Record<string, number>>): Promise<void> => {
  await writeFile(path, `${JSON.stringify(nestFigures(figures), null, 2)}\n`);
};
