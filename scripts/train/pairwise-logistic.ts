// Pairwise logistic regression for ranking (RankNet with a linear scorer):
// for every claim, every (evidence, non-evidence) pair of its candidates is
// one example, P(evidence ranked first) = σ(w · (x_evidence − x_other)).
// Each claim weighs the same whatever its number of pairs, features are
// standardised (so one L2 penalty treats them alike), and the loss is
// minimised by Newton's method (a dozen weights: the Hessian is tiny).
// The penalty λ is not guessed: the caller picks it by cross-validation.
// Optionally the pairs are weighted as in LambdaRank (Burges 2010): by how
// much swapping the two would change the measure at the ranks the current
// fit gives them, so the fit cares about the top of the list (where a
// person looks) more than about order far down it.

export interface RankGroup {
  /** Feature vectors of the candidates, all of one length. */
  features: number[][]
  /** Whether each candidate is evidence. */
  relevant: boolean[]
}

export interface LinearRanker {
  /** Weights on the raw (unstandardised) features. */
  weights: number[]
  /** Mean pairwise log-loss on the training groups, without the penalty. */
  loss: number
}

interface Pair {
  d: number[]
  /** The claim's share of the loss, spread over its pairs. */
  weight: number
  group: number
  pos: number
  neg: number
}

function pairsOf(groups: readonly RankGroup[], scale: readonly number[]): Pair[] {
  const pairs: Pair[] = []
  let claims = 0
  groups.forEach((g, group) => {
    const pos = g.features.flatMap((_, i) => (g.relevant[i] ? [i] : []))
    const neg = g.features.flatMap((_, i) => (g.relevant[i] ? [] : [i]))
    if (pos.length === 0 || neg.length === 0) return
    claims++
    const weight = 1 / (pos.length * neg.length)
    for (const p of pos) {
      const xp = g.features[p] ?? []
      for (const n of neg) {
        const xn = g.features[n] ?? []
        pairs.push({ d: xp.map((v, k) => (v - (xn[k] ?? 0)) / (scale[k] ?? 1)), weight, group, pos: p, neg: n })
      }
    }
  })
  for (const p of pairs) p.weight /= Math.max(1, claims)
  return pairs
}

/**
 * LambdaRank weights: each pair by |gain(its evidence's rank) − gain(the
 * other's rank)| under the weights `w` (standardised), renormalised so each
 * claim still weighs the same. A claim whose pairs all sit where the gain
 * is flat keeps its even weights.
 */
function lambdaWeights(pairs: readonly Pair[], groups: readonly RankGroup[], scale: readonly number[], w: readonly number[], gain: (rank: number) => number): Pair[] {
  const rankOf = groups.map((g) => {
    const scores = g.features.map((x) => x.reduce((s, v, k) => s + (v * (w[k] ?? 0)) / (scale[k] ?? 1), 0))
    const order = scores.map((_, i) => i).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b)
    const rank = new Array<number>(scores.length)
    order.forEach((i, r) => (rank[i] = r + 1))
    return rank
  })
  const delta = pairs.map((p) => Math.abs(gain(rankOf[p.group]?.[p.pos] ?? Infinity) - gain(rankOf[p.group]?.[p.neg] ?? Infinity)))
  const perGroup = new Map<number, { base: number; delta: number }>()
  pairs.forEach((p, i) => {
    const t = perGroup.get(p.group) ?? { base: 0, delta: 0 }
    t.base += p.weight
    t.delta += delta[i] ?? 0
    perGroup.set(p.group, t)
  })
  return pairs.map((p, i) => {
    const t = perGroup.get(p.group)
    if (!t || t.delta <= 0) return p
    return { ...p, weight: (t.base * (delta[i] ?? 0)) / t.delta }
  })
}

export interface FitOptions {
  /** Per feature, the direction its meaning allows (1: can only raise a candidate, -1: only lower it, 0: either). */
  signs?: ReadonlyArray<-1 | 0 | 1>
  /** The measure's gain at a rank (LambdaRank weighting); without it every pair of a claim weighs the same. */
  gain?: (rank: number) => number
  /** Refits with the pair weights of the previous fit's ranking (LambdaRank only). */
  rounds?: number
}

/** Standard deviation of each feature over all candidates (1 for a constant feature, which then learns nothing). */
export function featureScale(groups: readonly RankGroup[], dims: number): number[] {
  const rows = groups.flatMap((g) => g.features)
  return Array.from({ length: dims }, (_, k) => {
    const values = rows.map((r) => r[k] ?? 0)
    const mean = values.reduce((s, v) => s + v, 0) / Math.max(1, values.length)
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, values.length))
    return sd > 1e-9 ? sd : 1
  })
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)))
const log1pExp = (z: number): number => (z > 30 ? z : Math.log1p(Math.exp(z)))

/** Solves A x = b for a small symmetric positive-definite A (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length
  const m = a.map((row, i) => [...row, b[i] ?? 0])
  for (let c = 0; c < n; c++) {
    let p = c
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]?.[c] ?? 0) > Math.abs(m[p]?.[c] ?? 0)) p = r
    const pivotRow = m[p]
    const rowC = m[c]
    if (!pivotRow || !rowC) throw new Error('solve: row out of range')
    m[p] = rowC
    m[c] = pivotRow
    const pivot = pivotRow[c] ?? 0
    if (Math.abs(pivot) < 1e-12) continue
    for (let r = 0; r < n; r++) {
      const row = m[r]
      if (r === c || !row) continue
      const f = (row[c] ?? 0) / pivot
      if (f !== 0) for (let k = c; k <= n; k++) row[k] = (row[k] ?? 0) - f * (pivotRow[k] ?? 0)
    }
  }
  return m.map((row, i) => {
    const d = row[i] ?? 0
    return Math.abs(d) < 1e-12 ? 0 : (row[n] ?? 0) / d
  })
}

/**
 * Fits the weights minimising mean pairwise log-loss + λ‖w‖² (on
 * standardised features). A weight fitted against its sign (options.signs)
 * is fixed at 0 and the rest refitted (an active set, as in non-negative
 * least squares), so a signal never ends up saying the opposite of what it
 * measures.
 */
export function fitPairwiseLogistic(groups: readonly RankGroup[], dims: number, lambda: number, options: FitOptions = {}): LinearRanker {
  const scale = featureScale(groups, dims)
  const even = pairsOf(groups, scale)
  let pairs = even
  let w = signedFit(pairs, dims, lambda, options.signs ?? [])
  const { gain } = options
  for (let round = 0; gain && round < (options.rounds ?? 0); round++) {
    pairs = lambdaWeights(even, groups, scale, w, gain)
    w = signedFit(pairs, dims, lambda, options.signs ?? [])
  }
  return { weights: w.map((x, k) => x / (scale[k] ?? 1)), loss: pairLoss(pairs, w) }
}

function signedFit(pairs: readonly Pair[], dims: number, lambda: number, signs: ReadonlyArray<-1 | 0 | 1>): number[] {
  const zero = new Set<number>()
  for (;;) {
    const w = newton(pairs, dims, lambda, zero)
    const wrong = w.findIndex((x, k) => !zero.has(k) && x * (signs[k] ?? 0) < 0)
    if (wrong < 0) return w
    zero.add(wrong)
  }
}

const pairLoss = (pairs: readonly Pair[], w: readonly number[]): number => pairs.reduce((s, p) => s + p.weight * log1pExp(-dot(w, p.d)), 0)

/** Damped Newton on the penalised pairwise loss, with the weights in `zero` held at 0. */
function newton(pairs: readonly Pair[], dims: number, lambda: number, zero: ReadonlySet<number>): number[] {
  let w = new Array<number>(dims).fill(0)
  const objective = (v: readonly number[]): number => pairLoss(pairs, v) + lambda * v.reduce((s, x) => s + x * x, 0)
  let current = objective(w)
  for (let iter = 0; iter < 50; iter++) {
    const grad = w.map((x) => 2 * lambda * x)
    const hess = Array.from({ length: dims }, (_, i) => Array.from({ length: dims }, (_, j) => (i === j ? 2 * lambda + 1e-9 : 0)))
    for (const p of pairs) {
      const s = sigmoid(-dot(w, p.d))
      const h = p.weight * s * (1 - s)
      for (let i = 0; i < dims; i++) {
        const di = p.d[i] ?? 0
        grad[i] = (grad[i] ?? 0) - p.weight * s * di
        const row = hess[i]
        if (!row) continue
        for (let j = 0; j < dims; j++) row[j] = (row[j] ?? 0) + h * di * (p.d[j] ?? 0)
      }
    }
    for (const k of zero) {
      grad[k] = 0
      hess.forEach((row, i) => {
        row[k] = i === k ? 1 : 0
        if (i === k) row.fill(0).splice(k, 1, 1)
      })
    }
    const step = solve(hess, grad)
    // halve the step until the objective falls
    let t = 1
    let next = w
    let value = current
    for (let tries = 0; tries < 30; tries++) {
      const trial = w.map((x, i) => x - t * (step[i] ?? 0))
      const v = objective(trial)
      if (v <= current) {
        next = trial
        value = v
        break
      }
      t /= 2
    }
    const moved = Math.max(...next.map((x, i) => Math.abs(x - (w[i] ?? 0))))
    w = next
    const done = current - value < 1e-10 || moved < 1e-8
    current = value
    if (done) break
  }
  return w
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0)
  return s
}
