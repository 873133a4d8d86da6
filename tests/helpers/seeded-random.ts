/** mulberry32: a small seeded generator, so a sampled test checks the same cases on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `count` distinct integers in [0, size), always including 0 and size - 1, in ascending order. */
export function samplePositions(size: number, count: number, random: () => number): number[] {
  if (size <= count) return Array.from({ length: size }, (_, i) => i)
  const picked = new Set([0, size - 1])
  while (picked.size < count) picked.add(Math.floor(random() * size))
  return [...picked].sort((a, b) => a - b)
}
