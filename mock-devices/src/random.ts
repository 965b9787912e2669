/**
 * Randomness for the signal models. Everything random goes through a `Random` (a function returning [0, 1),
 * like Math.random) that callers inject, so tests can replay a run exactly with `seededRandom`.
 */
export type Random = () => number;

/** A small, fast deterministic generator (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Uniform in [min, max). */
export function uniform(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}

/** A whole number in [min, max], both included. */
export function uniformInt(random: Random, min: number, max: number): number {
  return Math.min(max, min + Math.floor((max - min + 1) * random()));
}

/** True with probability `p`. */
export function chance(random: Random, p: number): boolean {
  return random() < p;
}

/** Standard normal (Box–Muller); measurement noise is roughly Gaussian, uniform jitter looks synthetic. */
export function gaussian(random: Random): number {
  // 1 - u keeps the logarithm away from 0, which `random` may return.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Waiting time (same unit as 1 / ratePerUnit) until the next event of a Poisson process. */
export function exponential(random: Random, ratePerUnit: number): number {
  return -Math.log(1 - random()) / ratePerUnit;
}
