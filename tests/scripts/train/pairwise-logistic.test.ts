// The ranking learner behind the suggestion weights: on claims whose
// evidence is told apart by known features, it must find them, rank the
// evidence first, shrink with the penalty and not care about a feature's units.
import { describe, expect, it } from 'vitest'
import { fitPairwiseLogistic, type RankGroup } from '../../../scripts/train/pairwise-logistic'
import { seededRandom } from '../../helpers/seeded-random'

/**
 * Claims of 12 candidates each, 2 of them evidence. Feature 0 is higher for
 * evidence (with noise), feature 1 is pure noise, feature 2 is higher for
 * non-evidence (a passage that merely shares the subject, say).
 */
function claims(count: number, seed: number, unitsOf2 = 1): RankGroup[] {
  const random = seededRandom(seed)
  return Array.from({ length: count }, () => {
    const relevant = Array.from({ length: 12 }, (_, i) => i < 2)
    const features = relevant.map((r) => [(r ? 0.6 : 0.3) + 0.3 * random(), random(), ((r ? 0.2 : 0.5) + 0.3 * random()) * unitsOf2])
    return { features, relevant }
  })
}

const score = (w: readonly number[], x: readonly number[]): number => x.reduce((s, v, i) => s + v * (w[i] ?? 0), 0)

/** Share of claims whose best-scored candidate is evidence. */
function hitAt1(groups: readonly RankGroup[], w: readonly number[]): number {
  const hits = groups.filter((g) => {
    const scores = g.features.map((x) => score(w, x))
    return g.relevant[scores.indexOf(Math.max(...scores))] === true
  })
  return hits.length / groups.length
}

describe('pairwise logistic ranking', () => {
  const train = claims(80, 1)
  const test = claims(80, 2)

  it('weights the evidence feature up, the misleading one down, and the noise near zero', () => {
    const [evidence = 0, noise = 0, misleading = 0] = fitPairwiseLogistic(train, 3, 0.01).weights
    expect(evidence).toBeGreaterThan(0)
    expect(misleading).toBeLessThan(0)
    expect(Math.abs(noise)).toBeLessThan(Math.min(evidence, -misleading) / 4)
  })

  it('ranks evidence first on claims it was not fitted on, far above chance', () => {
    const { weights } = fitPairwiseLogistic(train, 3, 0.01)
    expect(hitAt1(test, weights)).toBeGreaterThan(0.8)
    // chance: 2 of 12 candidates are evidence
    expect(hitAt1(test, [0, 1, 0])).toBeLessThan(0.4)
  })

  it('shrinks the weights as the penalty grows, and fits the training pairs worse', () => {
    const fits = [0.001, 0.1, 10].map((lambda) => fitPairwiseLogistic(train, 3, lambda))
    const norms = fits.map((f) => Math.hypot(...f.weights))
    expect(norms[0]).toBeGreaterThan(norms[1] ?? Infinity)
    expect(norms[1]).toBeGreaterThan(norms[2] ?? Infinity)
    expect(fits[0]?.loss).toBeLessThan(fits[2]?.loss ?? -Infinity)
  })

  it('does not depend on a feature’s units: features are standardised before the penalty', () => {
    const plain = fitPairwiseLogistic(claims(80, 1), 3, 0.1).weights
    const scaled = fitPairwiseLogistic(claims(80, 1, 1000), 3, 0.1).weights
    expect(scaled[0]).toBeCloseTo(plain[0] ?? NaN, 6)
    expect((scaled[2] ?? NaN) * 1000).toBeCloseTo(plain[2] ?? NaN, 6)
  })

  it('learns nothing from a claim without evidence or without anything else', () => {
    const none: RankGroup[] = [{ features: [[1, 0, 0], [0, 1, 0]], relevant: [false, false] }, { features: [[1, 0, 0]], relevant: [true] }]
    expect(fitPairwiseLogistic(none, 3, 0.1).weights).toEqual([0, 0, 0])
  })
})
