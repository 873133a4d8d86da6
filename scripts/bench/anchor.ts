// Benchmark: anchoring 1,000 quotes (a third of them with a changed word)
// into a 1 MB text with our matchQuote (normalisation, exact-first, bounded
// fuzzy fallback, prefix/suffix scoring) vs approx-string-match's search()
// used directly on the same inputs with the same error budget — the matcher
// Hypothesis uses, and ours underneath.
import search from 'approx-string-match'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { matchQuoteNormalized, MAX_ERRORS, DEFAULT_MAX_ERROR_RATIO } from '../../shared/anchoring/match-quote'
import { normalizeForMatch } from '../../shared/anchoring/normalize'
import { codePointLength } from '../../shared/text/code-points'
import { checkQuote } from '../../shared/checks/quotes'
import { baselineCheckQuote } from '../../tests/shared/checks/baseline-check-quote'
import type { Figure } from './archive'

function lcg(seed: number) {
  let s = seed >>> 0
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32)
}

export function benchAnchor(quick = false): Figure[] {
  const shared = resolve(process.cwd(), '../shared/cases/troops-border/sources')
  const base = ['proclamation-10886.txt', 'eo-14167.txt', 'jtfn-about.txt', 'cbp-2024-11-monthly-update.txt']
    .map((f) => readFileSync(join(shared, f), 'utf8'))
    .join('\n\n')
  // 1 MB of real government prose, each repetition numbered so passages differ.
  let text = ''
  for (let i = 0; text.length < 1_000_000; i++) text += `\n\n[copy ${i}]\n` + base
  const rand = lcg(42)
  const count = quick ? 100 : 1000
  const quotes: Array<{ quote: string; prefix: string; suffix: string }> = []
  for (let i = 0; i < count; i++) {
    const start = Math.floor(rand() * (text.length - 400))
    const len = 60 + Math.floor(rand() * 120)
    let quote = text.slice(start, start + len)
    if (i % 3 === 0) quote = quote.replace(/\b(\w{4,})\b/, 'altered')
    quotes.push({ quote, prefix: text.slice(start - 32, start), suffix: text.slice(start + len, start + len + 32) })
  }
  const budget = (q: string) => Math.min(MAX_ERRORS, Math.floor(q.length * DEFAULT_MAX_ERROR_RATIO))

  // Anchoring many links into one snapshot normalises the snapshot once
  // (that pass is inside the timing), then matches each quote.
  let t0 = performance.now()
  let found = 0
  const normalized = normalizeForMatch(text)
  const length = codePointLength(text)
  for (const q of quotes) if (matchQuoteNormalized(normalized, length, q.quote, { prefix: q.prefix, suffix: q.suffix })) found++
  const oursMs = performance.now() - t0

  t0 = performance.now()
  let baseFound = 0
  for (const q of quotes) if (search(text, q.quote, budget(q.quote)).length > 0) baseFound++
  const baseMs = performance.now() - t0

  const ours = count / (oursMs / 1000)
  const baseline = count / (baseMs / 1000)
  return [
    benchChangedQuotes(text, quick),
    {
      name: `anchor ${count} quotes (1 in 3 altered) into a ${(text.length / 1e6).toFixed(1)} MB text: matchQuote vs approx-string-match search()`,
      ours: Math.round(ours),
      baseline: Math.round(baseline),
      ratio: ours / baseline,
      unit: 'quotes/s',
      goal: 'report (no target set)',
      met: null,
      details: { found, baselineFound: baseFound }
    }
  ]
}

/**
 * Checking changed quotations against the same 1 MB text: checkQuote (exact
 * and near substring search, then word alignment in windows around rare-word
 * anchors) vs the character-level check it replaced (approx-string-match over
 * the whole text, kept in tests/ as the evaluation baseline). Each quote is a
 * run of 12–30 words with one change: a dropped run of 2–4 words, a
 * substituted word, or two adjacent words swapped.
 */
function benchChangedQuotes(text: string, quick: boolean): Figure {
  const rand = lcg(7)
  const words = text.split(/\s+/u).filter(Boolean)
  const count = quick ? 60 : 300
  const quotes: string[] = []
  for (let i = 0; i < count; i++) {
    const len = 12 + Math.floor(rand() * 19)
    const at = Math.floor(rand() * (words.length - len))
    const w = words.slice(at, at + len)
    const k = 1 + Math.floor(rand() * (len - 6))
    if (i % 3 === 0) w.splice(k, 2 + Math.floor(rand() * 3))
    else if (i % 3 === 1) w[k] = 'zeppelin'
    else w.splice(k, 2, ...w.slice(k, k + 2).reverse())
    quotes.push(w.join(' '))
  }
  const candidates = [{ snapshot: 1, text }]
  const run = (check: typeof checkQuote) => {
    const t0 = performance.now()
    let altered = 0
    for (const q of quotes) if (check(q, candidates).verdict === 'altered') altered++
    return { ms: performance.now() - t0, altered }
  }
  const base = run(baselineCheckQuote)
  const ours = run(checkQuote)
  const oursRate = count / (ours.ms / 1000)
  const baseRate = count / (base.ms / 1000)
  return {
    name: `check ${count} changed quotes (dropped run, substituted or swapped words) against a ${(text.length / 1e6).toFixed(1)} MB text: word alignment vs the character-level check before it`,
    ours: Math.round(oursRate),
    baseline: Math.round(baseRate * 10) / 10, // about one quote a second: keep a decimal
    ratio: oursRate / baseRate,
    unit: 'quotes/s',
    goal: '>= 1x',
    met: null,
    details: { alteredFound: ours.altered, baselineAlteredFound: base.altered, count }
  }
}
