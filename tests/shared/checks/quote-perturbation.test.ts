// Quote verdicts measured on text nobody here wrote: sentences of the
// HealthVer evidence snippets (scientific abstracts) are taken as quotations,
// changed programmatically in one way each (fixed seed), and checked against
// the topic's snippets plus an unrelated topic as a distractor. The matcher
// before word alignment is measured in the same run as the baseline.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkQuote } from '../../../shared/checks/quotes'
import type { QuoteCandidate, QuoteCheck, QuoteVerdict } from '../../../shared/checks/types'
import { looseWords } from '../../../shared/checks/quote-align'
import { codePointLength } from '../../../shared/text/code-points'
import { SHARED } from '../../helpers/temp-archive'
import { nth } from '../../helpers/nth'
import { baselineCheckQuote } from './baseline-check-quote'
import { parseCsv } from '../../../scripts/bench/healthver-case'

function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
}

const rows = parseCsv(readFileSync(join(SHARED, 'corpora/retrieval/healthver-dev/healthver_dev.csv'), 'utf8')).slice(1)
const snippetsByTopic = new Map<string, string[]>()
for (const [, evidence, , , topic] of rows) {
  if (!evidence || !topic) continue
  const list = snippetsByTopic.get(topic) ?? []
  if (!list.includes(evidence.trim())) list.push(evidence.trim())
  snippetsByTopic.set(topic, list)
}
const topics = [...snippetsByTopic.keys()].sort((a, b) => Number(a) - Number(b))
const sourceOf = new Map(topics.map((t) => [t, snippetsByTopic.get(t)!.join('\n\n')]))
const vocabulary = [...new Set(looseWords([...sourceOf.values()].join(' ')))].filter((w) => /^[a-z]{4,}$/.test(w)).sort()

interface Passage {
  topic: string
  text: string
  sentences: string[]
}
// Sentences as a reader would quote them; a snippet's sentences stay together
// so passages can be spliced. HealthVer repeats sentences with small edits
// across snippets ("compared to" / "compared with"); such a sentence has two
// equally good origins, so only sentences without a near twin in their topic
// are taken as quotations.
const sentencesOf = (snippet: string): string[] => snippet.split(/(?<=[.!?])\s+(?=[A-Z])/u)
/** Another sentence of `text` shares at least 70% of the words of `sentence` (or of itself, if shorter). */
function hasTwin(text: string, sentence: string): boolean {
  const mine = new Set(looseWords(sentence))
  return sentencesOf(text).some((other) => {
    if (other === sentence) return false
    const theirs = new Set(looseWords(other))
    return [...mine].filter((w) => theirs.has(w)).length >= 0.7 * Math.min(mine.size, theirs.size)
  })
}
const passages: Passage[] = topics.flatMap((topic) =>
  snippetsByTopic.get(topic)!.map((s) => ({
    topic,
    text: s,
    sentences: sentencesOf(s).filter((x) => words(x).length >= 8 && words(x).length <= 40 && !hasTwin(sourceOf.get(topic)!, x))
  }))
)

function words(s: string): string[] {
  return s.split(/\s+/u).filter(Boolean)
}

type ChangeClass =
  | 'unchanged'
  | 'dropped run'
  | 'dropped across sentences'
  | 'substituted word'
  | 'swapped words'
  | 'ellipsis in order'
  | 'ellipsis out of order'
  | 'words found nowhere'
  | 'sentence from elsewhere'
const EXPECTED: Record<ChangeClass, QuoteVerdict> = {
  unchanged: 'exact',
  'dropped run': 'altered',
  'dropped across sentences': 'altered',
  'substituted word': 'altered',
  'swapped words': 'altered',
  'ellipsis in order': 'exact',
  'ellipsis out of order': 'altered',
  'words found nowhere': 'not-found',
  // A real sentence of another topic: real prose sharing the common words of
  // the source, the near miss a loose matcher would call "altered".
  'sentence from elsewhere': 'not-found'
}

interface Trial {
  kind: ChangeClass
  quote: string
  /** The sentences the quote was made from (an altered match must overlap one). */
  origin: string[]
  /** The word a substitution put in. */
  added?: string
  candidates: QuoteCandidate[]
}

const PER_CLASS = 150

function buildTrials(): Trial[] {
  // Another seed for a fresh sample: QUOTE_EVAL_SEED=12345 npx vitest run <this file>
  const rand = lcg(Number(process.env.QUOTE_EVAL_SEED ?? 20261130))
  const pick = <T,>(xs: readonly T[]): T => nth(xs, Math.floor(rand() * xs.length))
  const trials: Trial[] = []
  const candidatesFor = (topic: string): QuoteCandidate[] => {
    let other = pick(topics)
    while (other === topic) other = pick(topics)
    return [
      { snapshot: topic, text: sourceOf.get(topic)! },
      { snapshot: other, text: sourceOf.get(other)! }
    ]
  }
  const withSentences = passages.filter((p) => p.sentences.length > 0)
  const withTwo = passages.filter((p) => p.sentences.length > 1)
  const withBreaks = passages.filter((p) => /\S{2,}[.!?] [A-Z]/u.test(p.text.slice(60, -60)))
  const make: Record<ChangeClass, () => Omit<Trial, 'kind' | 'candidates'> & { topic: string }> = {
    unchanged: () => {
      const p = pick(withSentences)
      const s = pick(p.sentences)
      return { topic: p.topic, quote: s, origin: [s] }
    },
    'dropped run': () => {
      const p = pick(withSentences)
      const s = pick(p.sentences)
      const w = words(s)
      const len = 2 + Math.floor(rand() * Math.min(5, w.length / 3))
      const at = 1 + Math.floor(rand() * (w.length - len - 1))
      return { topic: p.topic, quote: [...w.slice(0, at), ...w.slice(at + len)].join(' '), origin: [s] }
    },
    'dropped across sentences': () => {
      // Eight words either side of a sentence break, the words at the break dropped.
      const p = pick(withBreaks)
      const w = words(p.text)
      const breaks = w.map((x, i) => i).filter((i) => i >= 8 && i + 8 <= w.length && /[.!?]$/u.test(nth(w, i - 1)) && /^[A-Z]/u.test(nth(w, i)))
      const b = pick(breaks)
      const len = 2 + Math.floor(rand() * 3)
      const cut = b - 1 - Math.floor(rand() * (len - 1))
      const quote = [...w.slice(b - 8, cut), ...w.slice(cut + len, b + 8)]
      return { topic: p.topic, quote: quote.join(' '), origin: [w.slice(b - 8, b + 8).join(' ')] }
    },
    'substituted word': () => {
      const p = pick(withSentences)
      const s = pick(p.sentences)
      const w = words(s)
      const at = 1 + Math.floor(rand() * (w.length - 1))
      const present = new Set(looseWords(s))
      let word = pick(vocabulary)
      while (present.has(word)) word = pick(vocabulary)
      w[at] = word
      return { topic: p.topic, quote: w.join(' '), origin: [s], added: word }
    },
    'swapped words': () => {
      const p = pick(withSentences)
      const s = pick(p.sentences)
      const w = words(s)
      let at = Math.floor(rand() * (w.length - 1))
      for (let tries = 0; tries < 10 && looseWords(nth(w, at)).join() === looseWords(nth(w, at + 1)).join(); tries++) at = Math.floor(rand() * (w.length - 1))
      w.splice(at, 2, nth(w, at + 1), nth(w, at))
      return { topic: p.topic, quote: w.join(' '), origin: [s] }
    },
    'ellipsis in order': () => {
      const { topic, a, b, sa, sb } = splice()
      return { topic, quote: `${a} … ${b}`, origin: [sa, sb] }
    },
    'ellipsis out of order': () => {
      const { topic, a, b, sa, sb } = splice()
      return { topic, quote: `${b} … ${a}`, origin: [sa, sb] }
    },
    'words found nowhere': () => {
      const p = pick(withSentences)
      const n = 8 + Math.floor(rand() * 8)
      const quote: string[] = []
      const here = new Set(looseWords(sourceOf.get(p.topic)!))
      while (quote.length < n) {
        const w = pick(vocabulary)
        if (!here.has(w)) quote.push(w)
      }
      return { topic: p.topic, quote: quote.join(' '), origin: [] }
    },
    'sentence from elsewhere': () => {
      const p = pick(withSentences)
      let q = pick(withSentences)
      while (q.topic === p.topic) q = pick(withSentences)
      return { topic: p.topic, quote: pick(q.sentences), origin: [] }
    }
  }
  // Two passages of one snippet, each a run of 4–8 words from its own sentence.
  function splice() {
    const p = pick(withTwo)
    const i = Math.floor(rand() * (p.sentences.length - 1))
    const j = i + 1 + Math.floor(rand() * (p.sentences.length - i - 1))
    const run = (s: string): string => {
      const w = words(s)
      const len = 4 + Math.floor(rand() * 5)
      const at = Math.floor(rand() * (w.length - len + 1))
      return w.slice(at, at + len).join(' ')
    }
    const sa = nth(p.sentences, i)
    const sb = nth(p.sentences, j)
    return { topic: p.topic, a: run(sa), b: run(sb), sa, sb }
  }
  for (const kind of Object.keys(EXPECTED) as ChangeClass[]) {
    while (trials.filter((t) => t.kind === kind).length < PER_CLASS) {
      const { topic, ...t } = make[kind]()
      const trial = { kind, ...t, candidates: candidatesFor(topic) }
      // The snippets repeat sentences: a change that happens to read verbatim
      // somewhere (passages B then A in another snippet) is no change at all,
      // and a sentence "from elsewhere" with a near twin here is not foreign.
      if (EXPECTED[kind] !== 'exact' && trial.candidates.some((c) => occursInOrder(c.text, trial.quote))) continue
      if (kind === 'sentence from elsewhere' && trial.candidates.some((c) => hasTwin(c.text, trial.quote))) continue
      trials.push(trial)
    }
  }
  return trials
}

/** A plain check, independent of the matchers: the quote's fragments occur in order, case and punctuation aside. */
function occursInOrder(text: string, quote: string): boolean {
  const hay = ` ${looseWords(text).join(' ')} `
  let from = 0
  for (const fragment of quote.split('…')) {
    const key = ` ${looseWords(fragment).join(' ')} `
    const at = hay.indexOf(key, from)
    if (at === -1 || (from > 0 && at - from > 2000)) return false
    from = at + key.length - 1
  }
  return true
}

/** The verdict is the expected one and, for a found quote, the passage is where the quote came from. */
function correct(t: Trial, r: QuoteCheck): boolean {
  if (r.verdict !== EXPECTED[t.kind]) return false
  if (!r.match) return true
  const text = t.candidates.find((c) => c.snapshot === r.match!.snapshot)!.text
  return t.origin.some((s) => {
    // Where the origin lies, whatever whitespace the snippet has, in code points.
    const found = new RegExp(words(s).map((w) => w.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('\\s+'), 'u').exec(text)
    if (!found) return false
    const start = codePointLength(text.slice(0, found.index))
    const end = start + codePointLength(found[0])
    return r.match!.start < end && start < r.match!.end
  })
}

/** The diff shows the change that was made, as the kind of change it is. */
function showsChange(t: Trial, r: QuoteCheck): boolean {
  const ops = r.diff ?? []
  const unmatchedInsert = ops.some((d) => d.op === 'insert' && !d.moved)
  switch (t.kind) {
    case 'dropped run':
    case 'dropped across sentences':
      return ops.some((d) => d.op === 'delete' && !d.moved) && !unmatchedInsert
    case 'substituted word':
      return ops.some((d) => d.op === 'insert' && !d.moved && looseWords(d.text).includes(t.added!))
    case 'swapped words':
      return ops.some((d) => d.moved) && !unmatchedInsert
    case 'ellipsis out of order':
      return ops.some((d) => d.op === 'insert' && d.moved)
    default:
      return true
  }
}

describe('quote verdicts on perturbed HealthVer sentences (word alignment vs the character-level baseline)', () => {
  it('gets each class of change right at least 95% of the time, and never worse than the baseline', () => {
    expect(passages.length).toBeGreaterThan(400)
    const trials = buildTrials()
    const table = (Object.keys(EXPECTED) as ChangeClass[]).map((kind) => {
      const ofKind = trials.filter((t) => t.kind === kind)
      const ours = ofKind.map((t) => ({ t, r: checkQuote(t.quote, t.candidates) }))
      const base = ofKind.map((t) => ({ t, r: baselineCheckQuote(t.quote, t.candidates) }))
      const rate = (xs: typeof ours, ok: (t: Trial, r: QuoteCheck) => boolean): number => xs.filter(({ t, r }) => ok(t, r)).length / xs.length
      const shown = (t: Trial, r: QuoteCheck): boolean => correct(t, r) && showsChange(t, r)
      return { kind, expected: EXPECTED[kind], n: ofKind.length, ours: rate(ours, correct), baseline: rate(base, correct), oursShown: rate(ours, shown), baselineShown: rate(base, shown) }
    })
    const pct = (x: number): string => `${(100 * x).toFixed(1)}%`
    console.log(
      [
        'change | expected | n | verdict: word alignment | verdict: baseline | diff shows the change: word alignment | baseline',
        ...table.map((r) => `${r.kind} | ${r.expected} | ${r.n} | ${pct(r.ours)} | ${pct(r.baseline)} | ${pct(r.oursShown)} | ${pct(r.baselineShown)}`)
      ].join('\n')
    )
    for (const r of table) {
      expect(r.ours, r.kind).toBeGreaterThanOrEqual(r.baseline)
      expect(r.ours, r.kind).toBeGreaterThanOrEqual(0.95)
      expect(r.oursShown, `${r.kind}: diff`).toBeGreaterThanOrEqual(0.9)
    }
  })
})
