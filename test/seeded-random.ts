/**
 * Mulberry32: a small seeded random generator for tests that generate their inputs (fuzzing,
 * corpora), so a failing case replays from its seed.
 * @example const rand = seededRandom(1); rand(); // 0 ≤ x < 1, the same sequence every time
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
