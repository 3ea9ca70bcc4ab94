/** A seeded pseudo-random generator (mulberry32), so tests see the same numbers every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Log-normal latencies in ms around `medianMs`, with a long tail. */
export function randomLatencies(options: {
  count: number;
  seed: number;
  medianMs?: number;
}): number[] {
  const random = seededRandom(options.seed);
  const median = options.medianMs ?? 400;
  return Array.from({ length: options.count }, () => {
    // Box-Muller
    const u = Math.max(random(), 1e-12);
    const v = random();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.round(median * Math.exp(normal) * 1000) / 1000;
  });
}

/** The element of rank floor(q * (n - 1)) of the sorted values. */
export function exactQuantile(sorted: number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))];
}
