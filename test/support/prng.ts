/**
 * A small seeded PRNG (mulberry32) for chaos schedules: the same seed gives the same schedule, so a
 * failing run can be replayed and pinned as a test. Only the *schedule* is reproducible: what the
 * OS scheduler does between two steps is not.
 */
export interface Rng {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A new independent generator, derived from this one's next value (for a child process or a sub-run). */
  fork(): Rng;
}

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    seed: seed >>> 0,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[Math.floor(next() * items.length)]!;
    },
    fork: () => mulberry32(Math.floor(next() * 4294967296)),
  };
  return rng;
}

/** The seed for run `index` of a batch started with `seed`: runs are independent and each can be replayed alone. */
export function runSeed(seed: number, index: number): number {
  return mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0).int(0, 0xffffffff) >>> 0;
}

/** A fresh seed from the clock and Math.random, for "run it with something new". */
export function freshSeed(): number {
  return (Date.now() ^ Math.floor(Math.random() * 4294967296)) >>> 0;
}

export function formatSeed(seed: number): string {
  return `0x${(seed >>> 0).toString(16).padStart(8, "0")}`;
}

/** Accepts decimal or 0x-hex. */
export function parseSeed(text: string): number {
  const n = text.startsWith("0x") ? Number.parseInt(text.slice(2), 16) : Number.parseInt(text, 10);
  if (!Number.isFinite(n)) throw new Error(`not a seed: ${text}`);
  return n >>> 0;
}
