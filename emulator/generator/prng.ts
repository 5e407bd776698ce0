// Seeded randomness for the generator and fault injection. Math.random would make portals irreproducible,
// and every stream is forked by label so adding a draw in one place never shifts the numbers drawn elsewhere.

const hashString = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

export class Rng {
  private state: number;
  readonly seed: number;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    this.state = this.seed;
  }

  /** A new independent stream; the same (seed, label) always yields the same stream. */
  fork(label: string | number): Rng {
    return new Rng(hashString(`${this.seed}:${label}`));
  }

  /** The same stream from here on, drawn independently of this one. */
  clone(): Rng {
    const copy = new Rng(this.seed);
    copy.state = this.state;
    return copy;
  }

  /** mulberry32: tiny, fast and good enough for synthetic data. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  float(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  // for...in walks the keys in Object.entries' order without building the entries: rebuilding a company's children
  // weighs a few choices per touch, and the entries were a twentieth of what the emulator spent at XL.
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
    let total = 0;
    for (const key in weights) total += weights[key];
    let roll = this.next() * total;
    let last: T | undefined;
    for (const key in weights) {
      roll -= weights[key];
      if (roll < 0) return key;
      last = key;
    }
    if (last === undefined) throw new Error('weighted pick from no weights');
    return last;
  }

  /** Log-uniform integer: company sizes and revenues spread over orders of magnitude. */
  logInt(min: number, max: number): number {
    return Math.round(Math.exp(this.float(Math.log(min), Math.log(max))));
  }
}

export const seedFrom = (value: string | number): number => hashString(String(value));
