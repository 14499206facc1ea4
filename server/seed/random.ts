// A small seeded PRNG (mulberry32) so that a seed always yields the same demo city.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** A float in [min, max). */
  between(min: number, max: number): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
  /** A seed for PostGIS's ST_GeneratePoints: a positive 31-bit integer. */
  postgisSeed(): number;
}

/** mulberry32: a float in [0, 1) per call, the same stream for the same seed (also the tests' generator). */
export function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: turns a stream's label into 32 bits, so each layer draws from its own stream. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** An independent stream per (seed, label): adding draws to one layer does not move another. */
export function createRandom(seed: number, label: string): Random {
  const next = mulberry32((Math.imul(seed | 0, 0x9e3779b1) ^ hashLabel(label)) >>> 0);
  const random: Random = {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(items.length * next())],
    shuffle: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor((i + 1) * next());
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    },
    postgisSeed: () => 1 + Math.floor(next() * 2147483646),
  };
  return random;
}
