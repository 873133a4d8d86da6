/**
 * The middle of a bench's timings (the upper of the two middles for an even
 * count): one slow round on a busy machine does not move it.
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted[Math.floor(sorted.length / 2)]
  if (middle === undefined) throw new Error('median of no timings: the bench ran no rounds')
  return middle
}
